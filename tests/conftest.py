"""Shared test helpers: a scripted prompter and the default bank."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from scopewiz.asking import MenuOption, Nav, Prompt
from scopewiz.bank import Bank, load_bank, parse_bank

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


class ScriptedPrompter:
    """Answers prompts from a script, in order, and remembers every prompt it was shown.

    A script entry is either the raw answer, or a pair (path, answer) that also
    asserts which step is being asked (``"focus_areas[1].pros"``).
    """

    def __init__(self, script: Iterable[Any], *, confirm: bool = False) -> None:
        self.script = list(script)
        self.prompts: list[Prompt] = []
        self.notes: list[str] = []
        self.rejections: list[str] = []
        self.menus: list[tuple[str, list[MenuOption]]] = []
        self.confirm_answer = confirm

    def ask(self, prompt: Prompt, validate: Any) -> Any:
        self.prompts.append(prompt)
        if not self.script:
            raise EOFError(f"script ran out at {prompt.path}")
        entry = self.script.pop(0)
        if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str):
            path, entry = entry
            assert prompt.path == path, f"expected to be asked {path}, was asked {prompt.path}"
        if isinstance(entry, Nav):
            return entry
        problem = validate(entry)
        if problem is not None:
            self.rejections.append(problem)
        return entry

    def menu(self, title: str, options: list[MenuOption], default: Any = None) -> Any:
        """Script entries for menus are ("menu", value); "default" takes the default."""
        self.menus.append((title, options))
        if not self.script:
            raise EOFError(f"script ran out at menu {title!r}")
        entry = self.script.pop(0)
        assert isinstance(entry, tuple) and entry[0] == "menu", f"menu {title!r} got {entry!r}"
        value = entry[1]
        if value == "default":
            return default
        if value is not Nav.BACK:
            assert value in [o.value for o in options], f"{value!r} is not offered by {title!r}"
        return value

    def text(self, message: str, default: str = "") -> str:
        """Script entries for free text outside the bank are ("text", value)."""
        self.notes.append(message)
        entry = self.script.pop(0) if self.script else ("text", "")
        assert isinstance(entry, tuple) and entry[0] == "text", f"text {message!r} got {entry!r}"
        return str(entry[1])

    def confirm(self, message: str, default: bool) -> bool:
        self.notes.append(message)
        if self.script and isinstance(self.script[0], tuple) and self.script[0][0] == "confirm":
            return bool(self.script.pop(0)[1])
        return self.confirm_answer

    def note(self, text: str) -> None:
        self.notes.append(text)


def bank_from(yaml_text: str, name: str = "test-bank.yaml") -> Bank:
    """A bank from an inline, dedented YAML string."""
    return parse_bank(textwrap.dedent(yaml_text).encode(), Path(name), name)


#: Answers for a whole default-bank interview, step by step, as a facilitator types them.
FULL_SCRIPT: list[Any] = [
    ("host_authority", "Leeds"),
    ("meeting_date", "1/12/2026"),
    ("facilitator", "Sam Patel, LGA challenge manager"),
    ("attendees[0].name", "Alex Morgan"),
    ("attendees[0].role", "Director of Children's Services"),
    ("attendees[0].organisation", "Leeds City Council"),
    ("attendees[1].name", "Priya Shah"),
    ("attendees[1].role", "Peer lead"),
    ("attendees[1].organisation", "Bradford Children's Services Trust"),
    ("attendees[2].name", ""),
    (
        "vision",
        "Leeds wants to be the best city for children to grow up in.\nA child friendly city.",
    ),
    ("vision_rationale", "Outcomes for children in the poorest wards lagged behind."),
    ("vision_promotion", "Child Friendly Leeds wishes; launch events; every staff briefing."),
    ("culture", "Restorative: working with families, not doing to them."),
    ("values_behaviours", "High support, high challenge.\n\nCurious supervision."),
    ("strategy", "The Children and Young People's Plan 2023-2028."),
    ("mechanisms[0].mechanism", "Family group conferencing"),
    ("mechanisms[1].mechanism", "Restorative practice training"),
    ("mechanisms[2].mechanism", ""),
    ("mechanisms[0].evidence", "Fewer children entering care since 2019."),
    ("mechanisms[1].evidence", "Staff survey shows 80% trained."),
    ("focus_areas[0].area", "Early help"),
    ("focus_areas[0].proposed_by", "host authority"),
    ("focus_areas[1].area", "Care leavers"),
    ("focus_areas[1].proposed_by", "challenge partners"),
    ("focus_areas[2].area", ""),
    ("focus_areas[0].pros", "Strong partnership appetite.\nNew locality model to test."),
    ("focus_areas[0].cons", "Recent review already covered the front door."),
    ("focus_areas[1].pros", "Sufficiency pressures."),
    ("focus_areas[1].cons", "Ofsted focused visit last year."),
    ("preferred_focus", "Early help"),
    ("leadership_strategies", "Locality leadership teams chaired by heads of service."),
    ("culture_change", "Practice weeks and restorative supervision."),
    ("key_questions[0]", "How well do partners understand the threshold for early help?"),
    ("key_questions[1]", "Is the locality model reaching families sooner?"),
    ("key_questions[2]", "How do we know early help makes a difference?"),
    ("interviewees.pick", ["Heads of service", "Children and families"]),
    ("interviewees[0].why", "They lead the localities."),
    ("interviewees[1].why", ""),
    ("interviewees[2].who", ""),
    ("questioning_approaches", ["appreciative enquiry", "case tracking and audit"]),
    ("documentation", ["Self-evaluation", "Structure charts", "Early help strategy 2024"]),
    ("host_officers_join", True),
    ("host_officers[0].name", "To be confirmed"),
    ("host_officers[0].role", "Head of service"),
    ("host_officers[1].name", ""),
    ("visit_dates[0].start", "2027-03-09"),
    ("visit_dates[0].end", "11 March 2027"),
    ("visit_dates[1].start", "16/3/2027"),
    ("visit_dates[1].end", ""),
    ("visit_dates[2].start", ""),
    ("host_lead_officer.name", "Jo Bloggs"),
    ("host_lead_officer.role", "Head of improvement"),
    ("host_lead_officer.email", "jo.bloggs@leeds.gov.uk"),
    ("host_lead_officer.phone", "0113 222 4444"),
    ("visiting_lead_officer.name", "Chris Lee"),
    ("visiting_lead_officer.role", "Programme coordinator"),
    ("visiting_lead_officer.email", "chris.lee@example.org.uk"),
    ("visiting_lead_officer.phone", ""),
    ("next_steps[0].what", "Send the self-evaluation and the data pack"),
    ("next_steps[0].who", "Jo Bloggs"),
    ("next_steps[0].by_when", "16/2/2027"),
    ("next_steps[1].what", "Confirm the peer team"),
    ("next_steps[1].who", "Chris Lee"),
    ("next_steps[1].by_when", ""),
    ("next_steps[2].what", ""),
    ("other_notes", "The DCS is on leave in the week of 22 February 2027."),
]


#: A bank of one list of visits, each a first and last day; %s is the last day's keys.
USUAL_DAYS_BANK = """
id: t
version: 1
title: T
sections:
  - id: s
    title: S
    questions:
      - id: visits
        type: list
        prompt: Visits
        fields:
          - {id: start, type: date, prompt: First day}
          - {id: end, type: date, prompt: Last day, %s}
"""


#: The day every test runs on, as far as scopewiz can tell: the golden meeting's.
TODAY = "2026-12-01"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is :data:`TODAY` for every scopewiz a test runs, in this process or another.

    The record marks timeline dates already past, so a golden record or a
    default meeting date would otherwise change with the day the suite runs.
    """
    monkeypatch.setenv("SCOPEWIZ_TODAY", TODAY)


@pytest.fixture(scope="session")
def bank() -> Bank:
    """The default children's services bank."""
    return load_bank()
