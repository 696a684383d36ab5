"""Going back, jumping, reviewing and editing, through the real runner and a scripted prompter."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from pathlib import Path
from typing import Any

from scopewiz.asking import Nav
from scopewiz.bank import Bank
from scopewiz.engine import is_complete, visible_questions
from scopewiz.runner import CONTINUE, FINISHED, Interview, format_clock, format_timebox
from scopewiz.session import Session, load_session, save_session

from .conftest import FULL_SCRIPT, ScriptedPrompter

TODAY = dt.date(2026, 12, 1)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def interview(
    bank: Bank, script: list[Any], session: Session | None = None, *, review_at_end: bool = False
) -> tuple[Interview, ScriptedPrompter, list[dict[str, Any]]]:
    """Run an interview; return it, its prompter and a snapshot of the answers at every save."""
    session = session or Session.start(bank, builtin=True)
    prompter = ScriptedPrompter(script)
    saved: list[dict[str, Any]] = []
    run = Interview(
        bank,
        session,
        prompter,
        lambda: saved.append(copy.deepcopy(session.answers)),
        today=TODAY,
        review_at_end=review_at_end,
    )
    try:
        run.run()
    except EOFError:
        pass  # the script ended
    return run, prompter, saved


def paths(prompter: ScriptedPrompter) -> list[str]:
    return [p.path for p in prompter.prompts]


def until(path: str) -> list[Any]:
    keys = [p for p, _ in FULL_SCRIPT]
    return FULL_SCRIPT[: keys.index(path)]


def after(path: str) -> list[Any]:
    """The script from ``path`` on."""
    keys = [p for p, _ in FULL_SCRIPT]
    return FULL_SCRIPT[keys.index(path) :]


def complete_session(bank: Bank) -> Session:
    run, _, _ = interview(bank, FULL_SCRIPT)
    assert is_complete(bank, run.state)
    return run.session


def test_back_goes_to_the_previous_question_pre_filled(bank: Bank) -> None:
    script = until("attendees[0].name") + [
        ("attendees[0].name", Nav.BACK),
        ("facilitator", "Sam Patel, facilitator"),  # changed on the way back
        ("attendees[0].name", ""),
    ]
    run, prompter, saved = interview(bank, script)
    # After the empty answer that ends the attendees, the script ends at the vision.
    assert paths(prompter)[-4:] == [
        "attendees[0].name",
        "facilitator",
        "attendees[0].name",
        "vision",
    ]
    back_prompt = prompter.prompts[-3]
    assert back_prompt.editing and back_prompt.default == "Sam Patel, LGA challenge manager"
    assert run.state.answers["facilitator"] == "Sam Patel, facilitator"
    assert saved[-2]["facilitator"] == "Sam Patel, facilitator"  # saved at once
    assert run.state.answers["attendees"] == []


def test_back_twice_then_forward_walks_through_answered_questions(bank: Bank) -> None:
    script = until("culture") + [
        ("culture", Nav.BACK),
        ("vision_promotion", Nav.BACK),
        ("vision_rationale", "Changed rationale."),
        (
            "vision_promotion",
            "Child Friendly Leeds wishes; launch events; every staff briefing.",
        ),  # kept
        ("culture", "Restorative."),
    ]
    run, prompter, _ = interview(bank, script)
    assert paths(prompter)[-6:-1] == [
        "culture",
        "vision_promotion",
        "vision_rationale",
        "vision_promotion",
        "culture",
    ]
    assert run.state.answers["vision_rationale"] == "Changed rationale."
    assert run.state.answers["culture"] == "Restorative."


def test_back_from_a_list_item_goes_to_the_previous_field(bank: Bank) -> None:
    script = until("focus_areas[1].proposed_by") + [
        ("focus_areas[1].proposed_by", Nav.BACK),
        ("focus_areas[1].area", "Care leavers and sufficiency"),
        ("focus_areas[1].proposed_by", "challenge partners"),
        ("focus_areas[2].area", ""),
    ]
    run, prompter, _ = interview(bank, script)
    assert run.state.answers["focus_areas"][1] == {
        "area": "Care leavers and sufficiency",
        "proposed_by": "challenge partners",
    }
    edited = prompter.prompts[-4]
    assert (
        edited.path == "focus_areas[1].area" and edited.editing and edited.default == "Care leavers"
    )
    assert "focus_areas" not in run.state.open_lists


def test_back_at_the_first_question_stays_there(bank: Bank) -> None:
    _, prompter, _ = interview(bank, [("host_authority", Nav.BACK), ("host_authority", "Leeds")])
    assert paths(prompter)[:2] == ["host_authority", "host_authority"]
    assert "This is the first question." in prompter.notes


def test_jump_then_return_to_where_you_left_off(bank: Bank) -> None:
    script = until("vision_rationale") + [
        ("vision_rationale", Nav.JUMP),
        ("menu", "facilitator"),
        ("facilitator", "Jo Facilitator"),
        ("vision_rationale", "Back where I was."),
    ]
    run, prompter, _ = interview(bank, script)
    title, options = prompter.menus[0]
    assert title == "Jump to a question"
    assert options[0].value == CONTINUE
    labels = [o.label for o in options]
    assert "About this scoping meeting  (4 of 4 answered)" in labels
    assert any(label.startswith("  ✓ 3. Facilitator: Sam Patel") for label in labels)
    assert any(label.startswith("  · 6. Why this vision: (not yet answered)") for label in labels)
    assert run.state.answers["facilitator"] == "Jo Facilitator"
    assert run.state.answers["vision_rationale"] == "Back where I was."


def test_jump_to_a_section_opens_its_first_question(bank: Bank) -> None:
    script = until("vision") + [
        ("vision", Nav.JUMP),
        ("menu", ("section", "focus")),
        ("focus_areas[0].area", "SEND"),
        ("focus_areas[0].proposed_by", "host authority"),
        ("focus_areas[1].area", ""),
        ("focus_areas[0].pros", "Pros."),
        ("focus_areas[0].cons", "Cons."),
        ("vision", "The vision, after all."),
    ]
    run, _, _ = interview(bank, script)
    assert run.state.answers["focus_areas"] == [
        {"area": "SEND", "proposed_by": "host authority", "pros": "Pros.", "cons": "Cons."}
    ]
    assert run.state.answers["vision"] == "The vision, after all."


def test_jump_continue_changes_nothing(bank: Bank) -> None:
    script = until("vision") + [("vision", Nav.JUMP), ("menu", CONTINUE), ("vision", "V.")]
    run, _, _ = interview(bank, script)
    assert run.state.answers["vision"] == "V."


def test_review_at_the_end_edits_then_finishes(bank: Bank) -> None:
    script = [
        *FULL_SCRIPT,
        ("menu", "culture"),
        ("culture", "A learning culture."),
        ("menu", FINISHED),
    ]
    _, prompter, saved = interview(bank, script, review_at_end=True)
    assert prompter.script == []
    assert [t for t, _ in prompter.menus] == [
        "Review: 26 of 26 questions answered. Pick one to change it.",
        "Review: 26 of 26 questions answered. Pick one to change it.",
    ]
    first = prompter.menus[0][1]
    assert first[0].value == FINISHED
    assert saved[-1]["culture"] == "A learning culture."


def test_review_on_demand_mid_interview(bank: Bank) -> None:
    script = until("strategy") + [
        ("strategy", Nav.REVIEW),
        ("menu", "vision"),
        ("vision", "Sharper vision."),
        ("menu", CONTINUE),
        ("strategy", "The plan."),
    ]
    run, prompter, _ = interview(bank, script)
    assert prompter.menus[0][0] == "Review: 9 of 26 questions answered. Pick one to change it."
    assert prompter.menus[0][1][0].value == CONTINUE
    assert run.state.answers["vision"] == "Sharper vision."
    assert run.state.answers["strategy"] == "The plan."


def test_editing_a_record_walks_its_fields_pre_filled(bank: Bank) -> None:
    session = complete_session(bank)
    script = [
        ("menu", "host_lead_officer"),
        ("host_lead_officer.name", "Jo Bloggs"),
        ("host_lead_officer.role", "Head of service"),
        ("host_lead_officer.email", "jo.bloggs@leeds.gov.uk"),
        ("host_lead_officer.phone", ""),
        ("menu", FINISHED),
    ]
    run, prompter, _ = interview(bank, script, session, review_at_end=True)
    assert [p.default for p in prompter.prompts] == [
        "Jo Bloggs",
        "Head of improvement",
        "jo.bloggs@leeds.gov.uk",
        "0113 222 4444",
    ]
    assert run.state.answers["host_lead_officer"] == {
        "name": "Jo Bloggs",
        "role": "Head of service",
        "email": "jo.bloggs@leeds.gov.uk",
        "phone": None,
    }


def test_renaming_the_preferred_area_asks_for_the_preferred_area_again(bank: Bank) -> None:
    session = complete_session(bank)
    script = [
        ("menu", "focus_areas"),  # the list's own menu opens
        ("menu", ("edit", 0)),
        ("focus_areas[0].area", "Early help and family hubs"),
        ("focus_areas[0].proposed_by", "host authority"),
        ("focus_areas[0].pros", "Strong partnership appetite.\nNew locality model to test."),
        ("focus_areas[0].cons", "Recent review already covered the front door."),
        # The old preferred area no longer exists: it is asked again at once.
        ("preferred_focus", "Early help and family hubs"),
        ("menu", ("done", None)),
        ("menu", FINISHED),
    ]
    run, prompter, _ = interview(bank, script, session, review_at_end=True)
    assert prompter.script == []
    preferred = next(p for p in prompter.prompts if p.path == "preferred_focus")
    assert preferred.choices == ("Early help and family hubs", "Care leavers")
    # It says why, and the renamed area is the one Enter takes.
    assert preferred.intro == (
        "! “Early help” is now “Early help and family hubs”: "
        "is it still the preferred area of focus? Enter keeps it."
    )
    assert preferred.default == "Early help and family hubs"
    assert run.state.answers["preferred_focus"] == "Early help and family hubs"
    leadership = bank.by_id["leadership_strategies"]
    assert leadership.id in run.state.answers  # the later answers are kept


def test_list_menu_adds_removes_and_reorders_items(bank: Bank) -> None:
    session = complete_session(bank)
    script = [
        ("menu", "interviewees"),
        ("menu", ("add", 2)),
        ("interviewees[2].who", "Virtual school head"),
        ("interviewees[2].why", "Education of children in care."),
        ("menu", ("move", None)),
        ("menu", 2),  # move the third one up
        ("menu", ("remove", None)),
        ("menu", 0),
        ("confirm", True),
        ("menu", ("done", None)),
        ("menu", FINISHED),
    ]
    run, prompter, saved = interview(bank, script, session, review_at_end=True)
    assert prompter.script == []
    assert run.state.answers["interviewees"] == [
        {"who": "Virtual school head", "why": "Education of children in care."},
        {"who": "Children and families", "why": None},
    ]
    assert saved[-1]["interviewees"] == run.state.answers["interviewees"]
    list_menu = prompter.menus[1]
    assert [o.label for o in list_menu[1]] == [
        "Change interviewee 1: Heads of service",
        "Change interviewee 2: Children and families",
        "Add an interviewee",
        "Remove an interviewee",
        "Move an interviewee up the list",
        "Move an interviewee down the list",
        "Done with this list",
    ]
    assert list_menu[0] == "Interviewees: 2 interviewees"


def test_list_menu_opens_on_its_first_line_and_moves_items_down(bank: Bank) -> None:
    session = complete_session(bank)
    first, second = (i["who"] for i in session.answers["interviewees"][:2])
    script = [
        ("menu", "interviewees"),
        ("menu", ("down", None)),
        ("menu", 0),  # the first one down
        ("menu", ("down", None)),
        ("menu", len(session.answers["interviewees"]) - 1),  # the last: already last
        ("menu", ("done", None)),
        ("menu", FINISHED),
    ]
    defaults: list[Any] = []
    prompter = ScriptedPrompter(script)
    menu = prompter.menu

    def remember(title: str, options: list[Any], default: Any = None) -> Any:
        defaults.append((title, options[0].value, default))
        return menu(title, options, default)

    prompter.menu = remember  # type: ignore[method-assign]
    run = Interview(bank, session, prompter, lambda: None, review_at_end=True)
    run.run()
    assert prompter.script == []
    assert [i["who"] for i in run.state.answers["interviewees"][:2]] == [second, first]
    list_menus = [d for d in defaults if d[0].startswith("Interviewees:")]
    assert all(default == top for _, top, default in list_menus)
    assert f"{run.state.answers['interviewees'][-1]['who']} is already last." in prompter.notes


def test_removing_the_preferred_area_asks_for_it_again(bank: Bank) -> None:
    session = complete_session(bank)
    script = [
        ("menu", "focus_areas"),
        ("menu", ("remove", None)),
        ("menu", 0),
        ("confirm", True),
        ("menu", ("done", None)),
        # The preferred area was removed: it is asked for again before the review.
        ("preferred_focus", "Care leavers"),
        ("menu", FINISHED),
    ]
    run, prompter, _ = interview(bank, script, session, review_at_end=True)
    assert prompter.script == []
    assert [a["area"] for a in run.state.answers["focus_areas"]] == ["Care leavers"]
    assert run.state.answers["preferred_focus"] == "Care leavers"
    preferred = next(p for p in prompter.prompts if p.path == "preferred_focus")
    # Nothing is pre-chosen: the wizard cannot know which area is now preferred.
    assert preferred.default is None
    assert preferred.intro == (
        "! “Early help” is no longer one of the areas of focus: "
        "choose the preferred area of focus again."
    )


def test_no_to_officers_hides_them_and_yes_brings_them_back(bank: Bank) -> None:
    session = complete_session(bank)
    officers = copy.deepcopy(session.answers["host_officers"])
    run, _, _ = interview(
        bank,
        [("menu", "host_officers_join"), ("host_officers_join", False), ("menu", FINISHED)],
        session,
        review_at_end=True,
    )
    assert "host_officers" not in [q.id for q in visible_questions(bank, run.state)]
    assert run.state.answers["host_officers"] == officers  # kept in the file
    run, _, _ = interview(
        bank,
        [("menu", "host_officers_join"), ("host_officers_join", True), ("menu", FINISHED)],
        session,
        review_at_end=True,
    )
    assert "host_officers" in [q.id for q in visible_questions(bank, run.state)]
    assert run.state.answers["host_officers"] == officers


def test_meeting_clock_and_section_time_box(bank: Bank) -> None:
    clock = Clock()
    session = Session.start(bank, builtin=True)
    prompter = ScriptedPrompter(until("vision"))

    class TimedPrompter(ScriptedPrompter):
        pass

    def ask(prompt: Any, validate: Any) -> Any:
        clock.now += 150  # two and a half minutes per answer
        return ScriptedPrompter.ask(prompter, prompt, validate)

    prompter.ask = ask  # type: ignore[method-assign]
    run = Interview(bank, session, prompter, lambda: None, today=TODAY, clock=clock)
    try:
        run.run()
    except EOFError:
        pass
    # The meeting section has a 5-minute box; its third answer starts at 5 minutes.
    shown = prompter.prompts
    assert (shown[0].clock, shown[0].timebox, shown[0].over_time) == ("0 min", "0 of 5 min", False)
    assert (shown[2].clock, shown[2].timebox, shown[2].over_time) == ("5 min", "5 of 5 min", False)
    assert (shown[3].clock, shown[3].timebox, shown[3].over_time) == ("7 min", "7 of 5 min", True)
    # Every answer so far was in the meeting section, and the clock counts them all.
    assert session.section_seconds["meeting"] == 150 * len(until("vision"))
    assert session.clock_seconds == 150 * len(until("vision"))


def test_a_long_pause_is_not_meeting_time(bank: Bank) -> None:
    """A 45-minute pause before an answer counts 10 minutes, the idle limit, and no more.

    The room may talk a question over for a while with it on screen (meeting
    time); a longer gap is a break. Before, the pause made the meeting section
    "46 of 5 min (over time)".
    """
    clock = Clock()
    session = Session.start(bank, builtin=True)
    prompter = ScriptedPrompter(until("vision"))
    pauses = iter([60, 45 * 60, 60, 8 * 60])

    def ask(prompt: Any, validate: Any) -> Any:
        clock.now += next(pauses, 60)
        return ScriptedPrompter.ask(prompter, prompt, validate)

    prompter.ask = ask  # type: ignore[method-assign]
    run = Interview(bank, session, prompter, lambda: None, today=TODAY, clock=clock)
    with contextlib.suppress(EOFError):
        run.run()
    shown = prompter.prompts
    # 1 minute, then the pause counted as 10 (not 45), then 1 minute more.
    assert (shown[2].clock, shown[2].timebox) == ("11 min", "11 of 5 min")
    assert shown[3].clock == "12 min"
    # Eight minutes of talk with the question on screen is meeting time, all of it.
    assert shown[4].clock == "20 min"
    assert session.clock_seconds == (1 + 10 + 1 + 8) * 60 + 60 * (len(until("vision")) - 4)
    assert session.section_seconds["meeting"] == session.clock_seconds


def test_the_clock_reads_in_minutes_and_hours() -> None:
    assert format_clock(0) == "0 min"
    assert format_clock(59) == "0 min"
    assert format_clock(12 * 60 + 30) == "12 min"
    assert format_clock(65 * 60) == "1 h 05 min"
    assert format_clock(2 * 3600 + 10 * 60) == "2 h 10 min"
    assert format_timebox(12 * 60, 15) == "12 of 15 min"
    assert format_timebox(65 * 60, 15) == "1 h 05 min of 15 min"


def test_a_saved_clock_carries_on_where_it_stopped(bank: Bank, tmp_path: Path) -> None:
    """The clock is saved in the session file (``progress.clock_seconds``, as before).

    A file saved before idle time stopped counting reads the same; the days
    between quitting and resuming are not counted, nor a pause before the first answer.
    """
    session = Session.start(bank, builtin=True)
    session.path = tmp_path / "s.scopewiz.yaml"
    session.clock_seconds = 5400
    save_session(bank, session)
    assert "  clock_seconds: 5400\n" in session.path.read_text(encoding="utf-8")
    _, resumed, _ = load_session(session.path)
    clock = Clock()
    prompter = ScriptedPrompter([("host_authority", "Leeds")])

    def ask(prompt: Any, validate: Any) -> Any:
        clock.now += 3600  # an hour before the first answer: a break, not the meeting
        return ScriptedPrompter.ask(prompter, prompt, validate)

    prompter.ask = ask  # type: ignore[method-assign]
    run = Interview(bank, resumed, prompter, lambda: None, today=TODAY, clock=clock)
    with contextlib.suppress(EOFError):
        run.run()
    assert prompter.prompts[0].clock == "1 h 30 min"
    assert prompter.prompts[1].clock == "1 h 40 min"
