"""Every path that says a session was saved has saved it (issue 10, item 3).

Each row of the table below is one way into scopewiz: ``new`` typed or piped,
with ``-o`` or without, ``--answers`` whole, partial or with optional fields
left out, ``resume`` after input ended, ``edit --question``, and input that
ends early. Each row runs the installed ``scopewiz`` command in a fresh folder
and then believes nothing it was told without looking: every file named in the
closing message (``Session: X``, ``Record: Y`` or ``Saved to X``) must exist,
the session must load with :func:`scopewiz.session.load_session` and hold the
expected answers (compared whole), and the record must show every answer.

The other tests hold an answers file for a whole meeting, written as a person
would write it, to the same promise, and check what a required field left out
and a multiselect typed untidily do.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from scopewiz.bank import Bank
from scopewiz.engine import is_complete
from scopewiz.errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK
from scopewiz.session import load_session

from .conftest import FULL_SCRIPT, GOLDEN
from .test_cli import plain_lines

pytestmark = pytest.mark.timeout(60)

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
SESSION_NAME = "leeds-2026-12-01.scopewiz.yaml"
CHOSEN_NAME = "m.scopewiz.yaml"  # the name given with -o
EDITED_NAME = "meeting.scopewiz.yaml"  # a session copied in for edit and resume
ANSWERS_NAME = "answers.yaml"

ENTER = "\r"
CLEAR = "\x15"  # Ctrl-U clears a pre-filled answer
CTRL_C = "\x03"

#: The last two lines typed for the culture question; piped input is cut after them.
CUT_AFTER = "Restorative: working with families, not doing to them.\n.\n"

#: What is typed, in plain mode, for the questions a partial answers file leaves out.
PARTIAL_GONE = ("vision_rationale", "preferred_focus", "visiting_lead_officer")
PARTIAL_TYPED = (
    "Outcomes for children in the poorest wards lagged behind.\n.\n"  # vision_rationale
    "1\n"  # preferred_focus: Early help
    "Chris Lee\nProgramme coordinator\nchris.lee@example.org.uk\n\n"  # visiting lead, no phone
)


# -- running the command -----------------------------------------------------------


def scopewiz_command() -> list[str]:
    """The installed console script beside this Python, else ``python -m scopewiz``."""
    beside = Path(sys.executable).parent / "scopewiz"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "scopewiz"]


def environment() -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color")
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


@dataclass(frozen=True)
class Outcome:
    """What one run of the command did: its exit code and everything it printed."""

    code: int
    stdout: str
    stderr: str


def run_piped(
    args: tuple[str, ...], cwd: Path, stdin: str, command: list[str] | None = None
) -> Outcome:
    """Run ``scopewiz ARGS`` in ``cwd`` with ``stdin`` piped in (so not a terminal)."""
    result = subprocess.run(  # the exit code is what the tests check
        [*(command or scopewiz_command()), *args],
        check=False,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=environment(),
        timeout=50,
    )
    return Outcome(result.returncode, result.stdout, result.stderr)


_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])")


def run_in_terminal(args: tuple[str, ...], cwd: Path, keys: tuple[tuple[str, str], ...]) -> Outcome:
    """Run ``scopewiz ARGS`` in a real pseudo-terminal: wait for each text, type its keys.

    The terminal merges stdout and stderr; both fields hold everything shown,
    without cursor movement and colour codes.
    """
    pexpect = pytest.importorskip("pexpect")
    if sys.platform == "win32":
        pytest.skip("needs a POSIX pseudo-terminal")
    command, *rest = scopewiz_command()
    child = pexpect.spawn(
        command,
        [*rest, *args],
        cwd=str(cwd),
        env=environment(),
        encoding="utf-8",
        dimensions=(40, 140),
        timeout=15,
    )
    shown = io.StringIO()
    child.logfile_read = shown
    try:
        for text, typed in keys:
            child.expect_exact(text)
            child.send(typed)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    code = child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0)
    screen = _ANSI.sub("", shown.getvalue()).replace("\r\n", "\n").replace("\r", "\n")
    return Outcome(code, screen, screen)


# -- what the closing message names, and what must be on disk -------------------------


def closing_files(stderr: str) -> dict[str, str]:
    """The files the closing message names: ``session`` and ``record``, or ``saved``.

    ``resume`` is the file the resume line says to resume. Names are read as a
    shell reads them, since scopewiz quotes a name with spaces.
    """
    named: dict[str, str] = {}
    patterns = {
        "session": r"\s*Session:\s+(.+)",
        "record": r"\s*Record:\s+(.+)",
        "saved": r"Saved to (.+)\. Resume with: scopewiz resume (.+)",
    }
    for line in stderr.splitlines():
        for kind, pattern in patterns.items():
            m = re.fullmatch(pattern, line.rstrip())
            if m:
                named[kind] = " ".join(shlex.split(m[1]))
                if kind == "saved":
                    named["resume"] = " ".join(shlex.split(m[2]))
    return named


def answer_texts(answers: dict[str, Any]) -> list[str]:
    """Every piece of every answer as the record shows it.

    Each line of a text (the record keeps line breaks, and a table cell joins
    lines with ``<br>``), each date written out (``Tuesday 9 March 2027``).
    The answers used here have no Markdown characters, so nothing is escaped.
    """
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dt.date):
            texts.append(f"{value:%A} {value.day} {value:%B %Y}")
        elif isinstance(value, str):
            texts.extend(line.strip() for line in value.split("\n") if line.strip())

    walk(answers)
    # The bank renders these as a numbered list and a checklist.
    for number, question in enumerate(answers.get("key_questions", []), 1):
        texts.append(f"{number}. {question}")
    for paper in answers.get("documentation", []):
        texts.append(f"- [ ] {paper}")
    return texts


def assert_record_shows(record: str, answers: dict[str, Any]) -> None:
    texts = answer_texts(answers)
    assert texts, "no answer text to look for"
    missing = [text for text in texts if text not in record]
    assert missing == [], f"the record does not show {missing}"
    assert "Not yet answered" not in record


def assert_saved(
    folder: Path, outcome: Outcome, *, complete: bool, name: str, expected: dict[str, Any]
) -> None:
    """The closing message names ``name`` (and its record), and they hold ``expected``."""
    assert "Traceback" not in outcome.stdout + outcome.stderr, outcome.stderr[-3000:]
    named = closing_files(outcome.stderr)
    if complete:
        assert "Interview complete." in outcome.stderr, outcome.stderr[-3000:]
        assert set(named) == {"session", "record"}, outcome.stderr[-3000:]
        assert named["session"] == name
        assert named["record"] == str(Path(name).with_suffix("").with_suffix(".md"))
    else:
        assert set(named) == {"saved", "resume"}, outcome.stderr[-3000:]
        assert named["saved"] == named["resume"] == name
    for named_file in named.values():
        assert (folder / named_file).is_file(), f"{named_file} was named but does not exist"

    bank, session, _ = load_session(folder / name)
    assert session.answers == expected
    assert is_complete(bank, session.state) is complete
    if complete:
        record = (folder / named["record"]).read_text(encoding="utf-8")
        assert_record_shows(record, expected)


# -- the answers the rows start from and end with -------------------------------------


def golden_answers() -> dict[str, Any]:
    """The answers of the golden session (the whole meeting of FULL_SCRIPT)."""
    answers: dict[str, Any] = yaml.safe_load(GOLDEN_SESSION.read_text(encoding="utf-8"))["answers"]
    return answers


def first_part_answers() -> dict[str, Any]:
    """The golden answers up to the culture question, where piped input is cut."""
    answers = golden_answers()
    ids = list(answers)
    return {qid: answers[qid] for qid in ids[: ids.index("culture") + 1]}


def partial_answers() -> dict[str, Any]:
    answers = golden_answers()
    for qid in PARTIAL_GONE:
        del answers[qid]
    return answers


def without_empty_fields(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers with every field written ``null`` left out, as a person leaves it out."""
    out = copy.deepcopy(answers)
    for value in out.values():
        records = value if isinstance(value, list) else [value]
        for record in records:
            if isinstance(record, dict):
                for field in [f for f, v in record.items() if v is None]:
                    del record[field]
    return out


def changed(**new: Any) -> Callable[[], dict[str, Any]]:
    def answers() -> dict[str, Any]:
        return {**golden_answers(), **new}

    return answers


ANSWERS_FILES: dict[str, Callable[[], dict[str, Any]]] = {
    "whole": golden_answers,
    "partial": partial_answers,
    "optional fields left out": lambda: without_empty_fields(golden_answers()),
}


@pytest.fixture(scope="module")
def typed(bank: Bank) -> dict[str, str]:
    """Piped input by name: the whole interview in plain mode, its two halves, and more."""
    whole = plain_lines(bank, FULL_SCRIPT)
    assert whole.count(CUT_AFTER) == 1
    first, rest = whole.split(CUT_AFTER)
    return {
        "nothing": "",
        "whole interview": whole,
        "first part": first + CUT_AFTER,
        "rest": rest,
        "questions left out of the answers file": PARTIAL_TYPED,
        "a new culture": "A learning culture.\n.\n",
        "approaches 1 and 5": "1, 5\n",
    }


# -- the table -------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One run of the command and what it must have saved.

    ``stdin`` names an entry of the ``typed`` fixture; ``keys`` (pairs of text
    to wait for and keys to type) runs it in a pseudo-terminal instead.
    """

    args: tuple[str, ...]
    expected: Callable[[], dict[str, Any]]
    stdin: str = "nothing"
    keys: tuple[tuple[str, str], ...] = ()
    complete: bool = True
    code: int = EXIT_OK
    name: str = SESSION_NAME


@dataclass(frozen=True)
class EntryPath:
    """An entry path: files put in the folder first, then one or more runs."""

    steps: tuple[Step, ...]
    answers_file: str | None = None  # a key of ANSWERS_FILES, written as answers.yaml
    golden_copy: bool = False  # the golden session copied in as meeting.scopewiz.yaml


ANSWERS = ("--answers", ANSWERS_NAME)
CUT_SHORT = {"stdin": "first part", "complete": False, "code": EXIT_ERROR}

PATHS = {
    "new-piped": EntryPath((Step(("new",), golden_answers, "whole interview"),)),
    "new-piped-o": EntryPath(
        (Step(("new", "-o", CHOSEN_NAME), golden_answers, "whole interview", name=CHOSEN_NAME),)
    ),
    "new-plain": EntryPath((Step(("new", "--plain"), golden_answers, "whole interview"),)),
    "new-plain-o": EntryPath(
        (
            Step(
                ("new", "--plain", "-o", CHOSEN_NAME),
                golden_answers,
                "whole interview",
                name=CHOSEN_NAME,
            ),
        )
    ),
    "answers-whole-no-input": EntryPath(
        (Step(("new", *ANSWERS, "--no-input"), golden_answers),), "whole"
    ),
    "answers-whole-no-input-o": EntryPath(
        (
            Step(
                ("new", *ANSWERS, "--no-input", "-o", CHOSEN_NAME), golden_answers, name=CHOSEN_NAME
            ),
        ),
        "whole",
    ),
    "answers-whole-plain-o": EntryPath(
        (Step(("new", *ANSWERS, "--plain", "-o", CHOSEN_NAME), golden_answers, name=CHOSEN_NAME),),
        "whole",
    ),
    "answers-partial-plain": EntryPath(
        (
            Step(
                ("new", *ANSWERS, "--plain"),
                golden_answers,
                "questions left out of the answers file",
            ),
        ),
        "partial",
    ),
    "answers-partial-plain-o": EntryPath(
        (
            Step(
                ("new", *ANSWERS, "--plain", "-o", CHOSEN_NAME),
                golden_answers,
                "questions left out of the answers file",
                name=CHOSEN_NAME,
            ),
        ),
        "partial",
    ),
    "answers-optional-left-out-no-input": EntryPath(
        (Step(("new", *ANSWERS, "--no-input"), golden_answers),), "optional fields left out"
    ),
    "answers-optional-left-out-no-input-o": EntryPath(
        (
            Step(
                ("new", *ANSWERS, "--no-input", "-o", CHOSEN_NAME), golden_answers, name=CHOSEN_NAME
            ),
        ),
        "optional fields left out",
    ),
    "answers-optional-left-out-plain": EntryPath(
        (Step(("new", *ANSWERS, "--plain"), golden_answers),), "optional fields left out"
    ),
    "resume-after-input-ended": EntryPath(
        (
            Step(("new", "--plain"), first_part_answers, **CUT_SHORT),
            Step(("resume", SESSION_NAME, "--plain"), golden_answers, "rest"),
        )
    ),
    "resume-newest-after-input-ended": EntryPath(
        (
            Step(("new",), first_part_answers, **CUT_SHORT),
            Step(("resume",), golden_answers, "rest"),
        )
    ),
    "resume-o-after-input-ended": EntryPath(
        (
            Step(("new", "-o", CHOSEN_NAME), first_part_answers, name=CHOSEN_NAME, **CUT_SHORT),
            Step(("resume", CHOSEN_NAME, "--plain"), golden_answers, "rest", name=CHOSEN_NAME),
        )
    ),
    "edit-question-long-text": EntryPath(
        (
            Step(
                ("edit", EDITED_NAME, "--question", "culture", "--plain"),
                changed(culture="A learning culture."),
                "a new culture",
                name=EDITED_NAME,
            ),
        ),
        golden_copy=True,
    ),
    "edit-question-multiselect": EntryPath(
        (
            Step(
                ("edit", EDITED_NAME, "--question", "questioning_approaches", "--plain"),
                changed(questioning_approaches=["ethnographic", "focus groups"]),
                "approaches 1 and 5",
                name=EDITED_NAME,
            ),
        ),
        golden_copy=True,
    ),
    "new-input-ends-early": EntryPath((Step(("new",), first_part_answers, **CUT_SHORT),)),
    "new-o-input-ends-early": EntryPath(
        (Step(("new", "-o", CHOSEN_NAME), first_part_answers, name=CHOSEN_NAME, **CUT_SHORT),)
    ),
    "answers-partial-o-input-ends-at-once": EntryPath(
        (
            Step(
                ("new", *ANSWERS, "--plain", "-o", CHOSEN_NAME),
                partial_answers,
                name=CHOSEN_NAME,
                complete=False,
                code=EXIT_ERROR,
            ),
        ),
        "partial",
    ),
    "terminal-new-ctrl-c": EntryPath(
        (
            Step(
                ("new",),
                lambda: {
                    "host_authority": "Leeds",
                    "meeting_date": dt.date(2026, 12, 1),
                    "facilitator": "Sam Patel",
                },
                keys=(
                    ("hosting the peer challenge?", "Leeds" + ENTER),
                    ("When is this scoping meeting taking place?", CLEAR + "1/12/2026" + ENTER),
                    ("Who is facilitating this scoping meeting?", "Sam Patel" + ENTER),
                    ("Attendee 1", CTRL_C),
                ),
                complete=False,
                code=EXIT_INTERRUPTED,
            ),
        )
    ),
    "terminal-new-o-ctrl-c": EntryPath(
        (
            Step(
                ("new", "-o", CHOSEN_NAME),
                lambda: {"host_authority": "Leeds"},
                keys=(
                    ("hosting the peer challenge?", "Leeds" + ENTER),
                    ("When is this scoping meeting taking place?", CTRL_C),
                ),
                complete=False,
                code=EXIT_INTERRUPTED,
                name=CHOSEN_NAME,
            ),
        )
    ),
    "terminal-answers-whole-o-finish": EntryPath(
        (
            Step(
                ("new", *ANSWERS, "-o", CHOSEN_NAME),
                golden_answers,
                keys=(("Finish: save and write the record", ENTER),),
                name=CHOSEN_NAME,
            ),
        ),
        "whole",
    ),
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("path", list(PATHS.values()), ids=list(PATHS))
def test_every_path_that_says_saved_has_saved(
    path: EntryPath, typed: dict[str, str], tmp_path: Path
) -> None:
    if path.answers_file is not None:
        answers = ANSWERS_FILES[path.answers_file]()
        (tmp_path / ANSWERS_NAME).write_text(
            yaml.safe_dump(answers, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    if path.golden_copy:
        (tmp_path / EDITED_NAME).write_text(
            GOLDEN_SESSION.read_text(encoding="utf-8"), encoding="utf-8"
        )
    for step in path.steps:
        if step.keys:
            outcome = run_in_terminal(step.args, tmp_path, step.keys)
        else:
            outcome = run_piped(step.args, tmp_path, typed[step.stdin])
        assert outcome.code == step.code, outcome.stderr[-3000:]
        assert_saved(
            tmp_path, outcome, complete=step.complete, name=step.name, expected=step.expected()
        )


# -- a whole meeting's answers file, as a person writes it -------------------------------

#: Every optional field left out: the interviewees' whys, the visits' last days and
#: both lead officers' phones. ``attendees`` is kept: it is an optional *question*,
#: and an optional question left out of an answers file is still reported missing.
WHOLE_MEETING = """\
# Scoping meeting, Kirklees, prepared by the facilitator the day before.
host_authority: Kirklees
meeting_date: 2027-01-12
facilitator: Dana Okafor, LGA adviser
attendees:
  - {name: Morgan Ellis, role: Director of Children's Services, organisation: Kirklees Council}
  - {name: Ravi Kumar, role: Peer lead, organisation: Calderdale Council}
vision: |
  Every child in Kirklees has the best start in life.
  Families helped early, close to home.
vision_rationale: Too many families reached help only at crisis point.
vision_promotion: A family hubs launch in every town and a shared practice framework.
culture: Curious, kind and confident practitioners.
values_behaviours: |
  Relationships before process.

  Children's voices heard in every plan.
strategy: The Kirklees Children's Partnership Plan 2025-2028.
mechanisms:
  - mechanism: Family hubs
    evidence: Contacts to the front door down by a fifth in a year.
  - mechanism: Signs of Safety refresh
    evidence: Audit grades improving in two of three localities.
focus_areas:
  - area: Children in care
    proposed_by: host authority
    pros: |
      Placement sufficiency is the top risk on the register.
      A new fostering offer to test.
    cons: Ofsted monitoring visit in the spring.
  - area: Youth justice
    proposed_by: challenge partners
    pros: Rising first-time entrants.
    cons: A thematic inspection is expected.
preferred_focus: Children in care
leadership_strategies: A corporate parenting board chaired by the council leader.
culture_change: Practice weeks and reflective supervision for every team.
key_questions:
  - How well does our sufficiency strategy match local need?
  - Do children in care say they are listened to?
  - How well do partners act as corporate parents?
interviewees:
  - who: Children in care council
  - who: Heads of service
  - who: Independent reviewing officers / child protection chairs
questioning_approaches: [ethnographic, solution focused]
documentation:
  - Self-evaluation
  - Improvement or action plan
  - Sufficiency strategy 2025
host_officers_join: true
host_officers:
  - {name: Sam Reid, role: Service manager for fostering}
visit_dates:
  - start: 2027-04-13
  - start: 20 April 2027
host_lead_officer:
  name: Lee Chan
  role: Head of quality assurance
  email: lee.chan@kirklees.gov.uk
visiting_lead_officer:
  name: Alex Brown
  role: Peer challenge coordinator
  email: alex.brown@example.org.uk
"""


def whole_meeting_expected() -> dict[str, Any]:
    """The answers of WHOLE_MEETING as a session holds them: optional fields left out are
    skipped (null), and a date written in words is a date."""
    expected: dict[str, Any] = yaml.safe_load(WHOLE_MEETING)
    # A long answer written as a YAML block keeps no final line break, as a typed one.
    expected["vision"] = expected["vision"].removesuffix("\n")
    expected["values_behaviours"] = expected["values_behaviours"].removesuffix("\n")
    expected["focus_areas"][0]["pros"] = expected["focus_areas"][0]["pros"].removesuffix("\n")
    for item in expected["interviewees"]:
        item["why"] = None
    expected["visit_dates"] = [
        {"start": dt.date(2027, 4, 13), "end": None},
        {"start": dt.date(2027, 4, 20), "end": None},
    ]
    expected["host_lead_officer"]["phone"] = None
    expected["visiting_lead_officer"]["phone"] = None
    # The closing section, optional, is left out of the file: skipped.
    expected["next_steps"] = []
    expected["other_notes"] = None
    return expected


def test_whole_meeting_answers_file_with_optional_fields_left_out(tmp_path: Path) -> None:
    (tmp_path / "meeting.yaml").write_text(WHOLE_MEETING, encoding="utf-8")

    outcome = run_piped(
        ("new", "--answers", "meeting.yaml", "--no-input", "-o", CHOSEN_NAME), tmp_path, ""
    )

    assert outcome.code == EXIT_OK, outcome.stderr
    assert outcome.stdout == ""  # nothing was asked
    assert_saved(
        tmp_path, outcome, complete=True, name=CHOSEN_NAME, expected=whole_meeting_expected()
    )
    rendered = run_piped(("render", CHOSEN_NAME), tmp_path, "")
    assert rendered.code == EXIT_OK, rendered.stderr
    assert_record_shows(rendered.stdout, whole_meeting_expected())
    assert rendered.stdout.startswith("# Peer challenge scoping record: Kirklees")


# -- a required field left out ---------------------------------------------------------


def leave_out(answers: dict[str, Any], qid: str, item: int | None, field: str) -> None:
    target = answers[qid] if item is None else answers[qid][item - 1]
    del target[field]


REQUIRED_LEFT_OUT = {
    "interviewee-who": ("interviewees", 2, "who", "interviewees: interviewee 2 has no who"),
    "visit-start": ("visit_dates", 1, "start", "visit_dates: date preference 1 has no start"),
    "focus-area-follow-up": ("focus_areas", 2, "pros", "focus_areas: focus area 2 has no pros"),
    "record-field": ("host_lead_officer", None, "email", "host_lead_officer: no email"),
}


@pytest.mark.parametrize("optional", ["optional fields given", "optional fields left out"])
@pytest.mark.parametrize("output", [(), ("-o", CHOSEN_NAME)], ids=["default name", "-o"])
@pytest.mark.parametrize("left_out", list(REQUIRED_LEFT_OUT.values()), ids=list(REQUIRED_LEFT_OUT))
def test_a_required_field_left_out_is_named_and_nothing_is_written(
    tmp_path: Path,
    left_out: tuple[str, int | None, str, str],
    output: tuple[str, ...],
    optional: str,
) -> None:
    qid, item, field, reason = left_out
    answers = golden_answers()
    if optional == "optional fields left out":
        answers = without_empty_fields(answers)
    leave_out(answers, qid, item, field)
    (tmp_path / ANSWERS_NAME).write_text(yaml.safe_dump(answers, sort_keys=False), encoding="utf-8")

    outcome = run_piped(("new", *ANSWERS, "--no-input", *output), tmp_path, "")

    assert outcome.code != EXIT_OK
    assert "Traceback" not in outcome.stderr
    lines = outcome.stderr.splitlines()
    assert lines[0].startswith("Error: ") and "nothing was written" in lines[0], lines
    assert lines[1:] == [f"  {reason}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [ANSWERS_NAME]


# -- a multiselect typed untidily --------------------------------------------------------


UNTIDY = [" ethnographic ", "focus  groups", "focus groups"]


@pytest.mark.parametrize("given", ["answers file", "plain prompt"])
def test_a_multiselect_is_tidied_as_the_prompt_tidies_it(tmp_path: Path, given: str) -> None:
    """Spaces trimmed and squeezed, repeats dropped: the same from a file as typed."""
    if given == "answers file":
        answers = {**golden_answers(), "questioning_approaches": UNTIDY}
        (tmp_path / ANSWERS_NAME).write_text(
            yaml.safe_dump(answers, sort_keys=False), encoding="utf-8"
        )
        outcome = run_piped(("new", *ANSWERS, "--no-input"), tmp_path, "")
        name = SESSION_NAME
    else:
        (tmp_path / EDITED_NAME).write_text(
            GOLDEN_SESSION.read_text(encoding="utf-8"), encoding="utf-8"
        )
        typed = ", ".join(UNTIDY) + "\n"
        outcome = run_piped(
            ("edit", EDITED_NAME, "--question", "questioning_approaches", "--plain"),
            tmp_path,
            typed,
        )
        name = EDITED_NAME

    assert outcome.code == EXIT_OK, outcome.stderr
    expected = {**golden_answers(), "questioning_approaches": ["ethnographic", "focus groups"]}
    assert_saved(tmp_path, outcome, complete=True, name=name, expected=expected)


# -- saves that fail -------------------------------------------------------------------

#: Runs the command with every fsync failing as on a full disk (no root-only tmpfs needed).
FULL_DISK = """
import errno, os, sys
def full(fd):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
os.fsync = full
from scopewiz.cli import main
sys.argv[0] = "scopewiz"
main()
"""


def run_on_full_disk(args: tuple[str, ...], cwd: Path, stdin: str) -> Outcome:
    return run_piped(args, cwd, stdin, command=[sys.executable, "-c", FULL_DISK])


@pytest.mark.parametrize("output", [(), ("-o", CHOSEN_NAME)], ids=["default name", "-o"])
def test_no_input_never_asks_when_a_save_fails(tmp_path: Path, output: tuple[str, ...]) -> None:
    """One error and exit 1, not the retry menu; later lines of input are not eaten."""
    (tmp_path / ANSWERS_NAME).write_text(
        yaml.safe_dump(golden_answers(), sort_keys=False), encoding="utf-8"
    )

    outcome = run_on_full_disk(("new", *ANSWERS, "--no-input", *output), tmp_path, "retry\n1\n")

    assert outcome.code == EXIT_ERROR, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert "Try saving again" not in outcome.stdout + outcome.stderr
    assert "kept in this window" not in outcome.stdout + outcome.stderr
    lines = outcome.stderr.splitlines()
    assert lines[-2].startswith("Error: Could not save "), lines
    assert os.strerror(28) in lines[-2]
    assert lines[-1].startswith("Nothing was saved: ") and lines[-1].endswith(
        "could not be written."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [ANSWERS_NAME]  # no temporary file left


def test_a_folder_in_the_record_s_place_is_left_and_the_record_goes_beside_it(
    tmp_path: Path,
) -> None:
    """The session is saved; ``NAME.md`` is a folder: left as it is, the record is NAME.record.md."""
    (tmp_path / ANSWERS_NAME).write_text(
        yaml.safe_dump(golden_answers(), sort_keys=False), encoding="utf-8"
    )
    stem = CHOSEN_NAME.removesuffix(".scopewiz.yaml")
    (tmp_path / f"{stem}.md").mkdir()

    outcome = run_piped(("new", *ANSWERS, "--no-input", "-o", CHOSEN_NAME), tmp_path, "")

    assert outcome.code == EXIT_OK, outcome.stderr
    assert "Traceback" not in outcome.stderr
    named = closing_files(outcome.stderr)
    assert named == {"session": CHOSEN_NAME, "record": f"{stem}.record.md"}
    assert f"({stem}.md is not this session's record, so it was left as it is.)" in outcome.stderr
    assert (tmp_path / f"{stem}.md").is_dir()
    assert_record_shows((tmp_path / f"{stem}.record.md").read_text("utf-8"), golden_answers())
    bank, session, _ = load_session(tmp_path / CHOSEN_NAME)
    assert session.answers == golden_answers()
    assert is_complete(bank, session.state)


def test_input_ending_in_edit_of_a_complete_session_says_how_to_change_more(
    tmp_path: Path,
) -> None:
    """Not "resume" (which would only say the session is complete): edit again."""
    (tmp_path / EDITED_NAME).write_text(GOLDEN_SESSION.read_text(encoding="utf-8"), "utf-8")

    outcome = run_piped(("edit", EDITED_NAME, "--plain"), tmp_path, "")

    assert outcome.code == EXIT_ERROR, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert outcome.stderr.splitlines()[-1] == (
        f"Saved to {EDITED_NAME}. Change more with: scopewiz edit {EDITED_NAME}"
    )
    _, session, _ = load_session(tmp_path / EDITED_NAME)
    assert session.answers == golden_answers()


@pytest.mark.timeout(60)
def test_ctrl_c_after_the_working_folder_was_deleted_exits_130_with_the_resume_line(
    tmp_path: Path,
) -> None:
    pexpect = pytest.importorskip("pexpect")
    if sys.platform == "win32":
        pytest.skip("needs a POSIX pseudo-terminal")
    here, out = tmp_path / "here", tmp_path / "out"
    here.mkdir()
    out.mkdir()
    session = out / CHOSEN_NAME
    command, *rest = scopewiz_command()
    child = pexpect.spawn(
        command,
        [*rest, "new", "-o", str(session)],
        cwd=str(here),
        env=environment(),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 120),
    )
    child.expect("hosting the peer challenge")
    child.send("Leeds" + ENTER)
    child.expect("When is this scoping meeting")
    here.rmdir()  # the folder the wizard was started in goes away
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    screen = _ANSI.sub("", child.before or "")
    assert "Traceback" not in screen, screen
    assert f"Saved to {session}. Resume with: scopewiz resume {session}" in screen
    assert child.exitstatus == EXIT_INTERRUPTED
    _, saved, _ = load_session(session)
    assert saved.answers["host_authority"] == "Leeds"
