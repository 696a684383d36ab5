"""Engine and branching, driven by a scripted prompter through the real runner."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scopewiz.asking import FINISH
from scopewiz.bank import Bank
from scopewiz.engine import (
    InterviewState,
    apply_answer,
    build_prompt,
    check_answer,
    is_complete,
    next_step,
    question_total,
    visible_questions,
)
from scopewiz.qtypes.date import FIRST_YEAR, LAST_YEAR, format_date, parse_date, typed_date
from scopewiz.runner import run_interview
from scopewiz.session import Session

from .conftest import FULL_SCRIPT, ScriptedPrompter, bank_from

TODAY = dt.date(2026, 12, 1)


def run(
    bank: Bank, script: list[Any], session: Session | None = None
) -> tuple[Session, ScriptedPrompter, int]:
    session = session or Session.start(bank, builtin=True)
    prompter = ScriptedPrompter(script)
    saves = 0

    def save() -> None:
        nonlocal saves
        saves += 1

    try:
        run_interview(bank, session, prompter, save, today=TODAY)
    except EOFError:
        pass  # the script ended before the interview did
    return session, prompter, saves


def script_until(path: str) -> list[Any]:
    """The full script up to (not including) the step at ``path``."""
    paths = [p for p, _ in FULL_SCRIPT]
    return FULL_SCRIPT[: paths.index(path)]


def test_full_interview_completes_with_every_answer_saved(bank: Bank) -> None:
    session, prompter, saves = run(bank, FULL_SCRIPT)
    assert prompter.rejections == []
    assert prompter.script == []
    assert is_complete(bank, session.state)
    assert saves == len(FULL_SCRIPT)  # one save after every single answer
    answers = session.answers
    assert answers["meeting_date"] == dt.date(2026, 12, 1)
    assert answers["preferred_focus"] == "Early help"
    assert answers["interviewees"][1] == {"who": "Children and families", "why": None}
    assert answers["visit_dates"] == [
        {"start": dt.date(2027, 3, 9), "end": dt.date(2027, 3, 11)},
        {"start": dt.date(2027, 3, 16), "end": None},
    ]
    assert answers["visiting_lead_officer"]["phone"] is None
    assert answers["documentation"][-1] == "Early help strategy 2024"


def test_focus_area_loop_asks_pros_and_cons_per_area_after_the_list(bank: Bank) -> None:
    session, prompter, _ = run(bank, FULL_SCRIPT)
    paths = [p.path for p in prompter.prompts]
    start = paths.index("focus_areas[0].area")
    assert paths[start : start + 9] == [
        "focus_areas[0].area",
        "focus_areas[0].proposed_by",
        "focus_areas[1].area",
        "focus_areas[1].proposed_by",
        "focus_areas[2].area",  # the empty answer that finishes the list
        "focus_areas[0].pros",
        "focus_areas[0].cons",
        "focus_areas[1].pros",
        "focus_areas[1].cons",
    ]
    by_path = {p.path: p for p in prompter.prompts}
    assert by_path["focus_areas[0].pros"].message == "What are the pros of focusing on Early help?"
    assert (
        by_path["focus_areas[1].cons"].message == "What are the cons of focusing on Care leavers?"
    )
    # The template's instruction introduces the first follow-up only.
    assert by_path["focus_areas[0].pros"].intro.startswith("Discuss the pros and cons")
    assert by_path["focus_areas[1].pros"].intro == ""
    assert by_path["focus_areas[1].pros"].context == "Focus area 2 of 2: Care leavers"
    # The first area cannot be skipped (min 1); the third can finish the list.
    assert not by_path["focus_areas[0].area"].can_finish
    assert by_path["focus_areas[2].area"].can_finish
    assert (
        session.answers["focus_areas"][0]["pros"]
        == "Strong partnership appetite.\nNew locality model to test."
    )


def test_preferred_focus_is_chosen_from_the_list_just_entered(bank: Bank) -> None:
    _, prompter, _ = run(bank, FULL_SCRIPT)
    prompt = next(p for p in prompter.prompts if p.path == "preferred_focus")
    assert prompt.kind == "select"
    assert prompt.choices == ("Early help", "Care leavers")


def test_preferred_focus_rejects_an_area_not_in_the_list(bank: Bank) -> None:
    script = script_until("preferred_focus") + [
        ("preferred_focus", "SEND"),
        ("preferred_focus", "Care leavers"),
    ]
    session, prompter, _ = run(bank, script)
    assert prompter.rejections == ["Choose one of: Early help, Care leavers"]
    assert session.answers["preferred_focus"] == "Care leavers"


def test_placeholder_in_leadership_question_names_the_preferred_area(bank: Bank) -> None:
    _, prompter, _ = run(bank, FULL_SCRIPT)
    prompt = next(p for p in prompter.prompts if p.path == "leadership_strategies")
    assert prompt.message == (
        "What are the key leadership strategies for improving outcomes in Early help, "
        "and what impact are these having?"
    )


def test_mechanism_evidence_follow_up_names_each_mechanism(bank: Bank) -> None:
    _, prompter, _ = run(bank, FULL_SCRIPT)
    messages = [p.message for p in prompter.prompts if p.path.endswith(".evidence")]
    assert messages == [
        "To what extent does the data show Family group conferencing to be working?",
        "To what extent does the data show Restorative practice training to be working?",
    ]


def test_officers_follow_up_is_asked_only_after_yes(bank: Bank) -> None:
    script = script_until("host_officers_join") + [("host_officers_join", False)]
    script += FULL_SCRIPT[[p for p, _ in FULL_SCRIPT].index("visit_dates[0].start") :]
    session, prompter, _ = run(bank, script)
    assert prompter.rejections == []
    assert is_complete(bank, session.state)
    assert not any(p.path.startswith("host_officers[") for p in prompter.prompts)
    assert "host_officers" not in session.answers
    assert "host_officers" not in [q.id for q in visible_questions(bank, session.state)]

    yes_session, yes_prompter, _ = run(bank, FULL_SCRIPT)
    assert any(p.path == "host_officers[0].name" for p in yes_prompter.prompts)
    assert "host_officers" in [q.id for q in visible_questions(bank, yes_session.state)]
    # One more question is visible after Yes, and the count says so.
    assert yes_prompter.prompts[-1].question_count == prompter.prompts[-1].question_count + 1


def test_host_officers_stop_at_two(bank: Bank) -> None:
    script = script_until("host_officers[1].name") + [
        ("host_officers[1].name", "Sam Jones"),
        ("host_officers[1].role", "Team manager"),
        # No third officer is asked for: the list closes at its maximum.
        ("visit_dates[0].start", "2027-03-09"),
        ("visit_dates[0].end", "2027-03-11"),
    ]
    session, prompter, _ = run(bank, script)
    assert len(session.answers["host_officers"]) == 2
    assert "host_officers" not in session.state.open_lists
    paths = [p.path for p in prompter.prompts]
    assert paths[-5:] == [
        "host_officers[1].name",
        "host_officers[1].role",
        "visit_dates[0].start",
        "visit_dates[0].end",
        "visit_dates[1].start",  # where the script ran out
    ]


def test_exactly_three_key_questions(bank: Bank) -> None:
    script = script_until("key_questions[0]") + [
        ("key_questions[0]", "One?"),
        ("key_questions[1]", ""),  # rejected: three are needed
        ("key_questions[1]", "Two?"),
        ("key_questions[2]", "Three?"),
        ("interviewees.pick", ["Team managers"]),
    ]
    session, prompter, _ = run(bank, script)
    assert prompter.rejections == ["An answer is needed here"]
    assert session.answers["key_questions"] == ["One?", "Two?", "Three?"]
    assert "key_questions" not in session.state.open_lists
    asked = [p for p in prompter.prompts if p.question_id == "key_questions"]
    assert [p.context for p in asked] == [
        "Key question 1 of 3",
        "Key question 2 of 3",
        "Key question 2 of 3",
        "Key question 3 of 3",
    ]
    assert not any(p.can_finish for p in asked)


def test_where_am_i_counts_sections_and_questions(bank: Bank) -> None:
    _, prompter, _ = run(bank, FULL_SCRIPT)
    first, last = prompter.prompts[0], prompter.prompts[-1]
    assert (first.section_title, first.section_number, first.section_count) == (
        "About this scoping meeting",
        1,
        10,
    )
    # host_officers counts until host_officers_join is answered: a Yes does not make it 27.
    assert (first.question_number, first.question_count) == (1, 26)
    assert (last.section_title, last.section_number) == ("Next steps and other notes", 10)
    assert (last.question_number, last.question_count) == (26, 26)


def test_meeting_date_defaults_to_today(bank: Bank) -> None:
    state = InterviewState(answers={"host_authority": "Leeds"})
    step = next_step(bank, state)
    assert step is not None and step.path == "meeting_date"
    assert build_prompt(bank, state, step, today=TODAY).default == TODAY


def test_renaming_the_preferred_area_asks_for_it_again(bank: Bank) -> None:
    session, _, _ = run(bank, FULL_SCRIPT)
    state = session.state
    state.answers["focus_areas"][0]["area"] = "Early help and family hubs"
    step = next_step(bank, state)
    assert step is not None and step.path == "preferred_focus"
    prompt = build_prompt(bank, state, step)
    assert prompt.choices == ("Early help and family hubs", "Care leavers")


def test_optional_text_skipped_is_stored_as_null(bank: Bank) -> None:
    session, _, _ = run(bank, FULL_SCRIPT)
    assert session.answers["interviewees"][1]["why"] is None


def test_an_optional_list_can_be_left_empty(bank: Bank) -> None:
    script = script_until("attendees[0].name") + [
        ("attendees[0].name", ""),
        ("vision", "A vision."),
    ]
    session, prompter, _ = run(bank, script)
    assert session.answers["attendees"] == []
    assert prompter.rejections == []


def test_a_required_list_needs_its_first_item(bank: Bank) -> None:
    script = script_until("focus_areas[0].area") + [
        ("focus_areas[0].area", ""),
        ("focus_areas[0].area", "SEND"),
        ("focus_areas[0].proposed_by", "host authority"),
    ]
    session, prompter, _ = run(bank, script)
    assert prompter.rejections == ["An answer is needed here"]
    assert session.answers["focus_areas"] == [{"area": "SEND", "proposed_by": "host authority"}]
    assert "focus_areas" in session.state.open_lists


def test_multiselect_other_entries_and_required_choice(bank: Bank) -> None:
    script = script_until("questioning_approaches") + [
        ("questioning_approaches", []),
        ("questioning_approaches", ["focus groups", "Walking interviews"]),
    ]
    session, prompter, _ = run(bank, script)
    assert prompter.rejections == ["Choose at least one"]
    assert session.answers["questioning_approaches"] == ["focus groups", "Walking interviews"]


def test_when_conditions_all_any_not_and_includes() -> None:
    bank = bank_from(
        """
        id: conditions
        title: Conditions
        sections:
          - id: s
            title: S
            questions:
              - {id: a, type: confirm, prompt: A?}
              - {id: tags, type: multiselect, prompt: Tags?, choices: [x, y], optional: true}
              - id: both
                type: text
                prompt: Both?
                when: {all: [{question: a, equals: true}, {question: tags, includes: y}]}
              - id: either
                type: text
                prompt: Either?
                when: {any: [{question: a, equals: false}, {question: tags, includes: x}]}
              - id: neither
                type: text
                prompt: Neither?
                when: {not: {question: a, answered: true}}
        """
    )
    state = InterviewState(answers={"a": True, "tags": ["y"]})
    assert [q.id for q in visible_questions(bank, state)] == ["a", "tags", "both"]
    state = InterviewState(answers={"a": False, "tags": []})
    assert [q.id for q in visible_questions(bank, state)] == ["a", "tags", "either"]
    state = InterviewState(answers={})
    assert [q.id for q in visible_questions(bank, state)] == ["a", "tags", "neither"]


def test_apply_finish_closes_an_open_list(bank: Bank) -> None:
    state = InterviewState()
    step = next_step(
        bank,
        InterviewState(
            answers={"host_authority": "Leeds", "meeting_date": TODAY, "facilitator": "S"}
        ),
    )
    assert step is not None and step.path == "attendees[0].name"
    assert check_answer(step, "", can_finish=True) is FINISH
    apply_answer(state, step, FINISH)
    assert state.answers["attendees"] == [] and state.open_lists == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-09", dt.date(2027, 3, 9)),
        ("9/3/2027", dt.date(2027, 3, 9)),
        ("09/03/2027", dt.date(2027, 3, 9)),
        ("9.3.2027", dt.date(2027, 3, 9)),
        ("9 March 2027", dt.date(2027, 3, 9)),
        ("9 mar 2027", dt.date(2027, 3, 9)),
        ("Tuesday 9th March 2027", dt.date(2027, 3, 9)),
        ("  1 December 2026 ", dt.date(2026, 12, 1)),
    ],
)
def test_dates_are_read_day_first(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/2/2027", "31/2/2027 is not a real date"),
        (
            "next tuesday",
            "next tuesday is not a date: type one such as 9 March 2027, 9/3/2027 or 2027-03-09",
        ),
        (
            "9 Marchember 2027",
            "9 Marchember 2027 is not a date: type one such as 9 March 2027, 9/3/2027 or 2027-03-09",
        ),
    ],
)
def test_bad_dates_say_what_to_type(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace(".", r"\.") + "$"):
        parse_date(text)


def test_format_date_reads_as_in_england() -> None:
    assert format_date(dt.date(2027, 3, 9)) == "Tuesday 9 March 2027"


def test_a_date_offered_to_edit_is_typed_day_first_and_reads_back_the_same() -> None:
    assert typed_date(dt.date(2027, 3, 9)) == "9/3/2027"
    assert typed_date(dt.date(2026, 12, 28)) == "28/12/2026"
    day, last = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
    while day <= last:  # every 13th day: each day of the month and each month comes round
        assert parse_date(typed_date(day)) == day
        day += dt.timedelta(days=13)


def test_answered_does_not_hold_for_a_skipped_list_or_multiselect() -> None:
    """A skipped optional list or multiselect stores []: no answer was given."""
    bank = bank_from(
        """
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - {id: tags, type: multiselect, prompt: Tags?, choices: [x, y], optional: true}
              - {id: notes, type: list, prompt: Notes?, optional: true}
              - id: about_tags
                type: text
                prompt: About the tags?
                when: {question: tags, answered: true}
              - id: about_notes
                type: text
                prompt: About the notes?
                when: {question: notes, answered: true}
        """
    )
    skipped = InterviewState(answers={"tags": [], "notes": []})
    assert [q.id for q in visible_questions(bank, skipped)] == ["tags", "notes"]
    given = InterviewState(answers={"tags": ["x"], "notes": ["one"]})
    assert [q.id for q in visible_questions(bank, given)] == [
        "tags",
        "notes",
        "about_tags",
        "about_notes",
    ]


def test_the_question_count_holds_after_a_yes_and_drops_after_a_no(bank: Bank) -> None:
    before = InterviewState(answers={})
    yes = InterviewState(answers={"host_officers_join": True})
    no = InterviewState(answers={"host_officers_join": False})
    assert question_total(bank, before) == question_total(bank, yes) == len(bank.questions)
    assert question_total(bank, no) == len(bank.questions) - 1
    assert question_total(bank, no) == len(visible_questions(bank, no))
