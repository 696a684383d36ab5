"""The default bank's closing section: agreed next steps and other notes, both optional.

A facilitator with nothing to add skips both with Enter: tested with the
scripted prompter (the engine), with real prompts fed keys through a pipe, and
in the record.
"""

from __future__ import annotations

import datetime as dt

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from scopewiz.bank import Bank
from scopewiz.engine import InterviewState, Step, build_prompt, is_complete
from scopewiz.markdown import NONE_GIVEN
from scopewiz.prompts import TerminalPrompter
from scopewiz.render import render
from scopewiz.runner import run_interview
from scopewiz.session import Session

from .conftest import FULL_SCRIPT, ScriptedPrompter

ENTER = "\r"
SAVE_LONG = "\x1b\r"  # Esc then Enter

#: FULL_SCRIPT up to the closing section, which it answers.
BEFORE_CLOSING = [
    entry for entry in FULL_SCRIPT if not entry[0].startswith(("next_steps", "other_notes"))
]


def interview(bank: Bank, script: list[tuple[str, object]]) -> Session:
    session = Session.start(bank, builtin=True)
    run_interview(bank, session, ScriptedPrompter(script), lambda: None, today=dt.date(2026, 12, 1))
    return session


def test_the_closing_section_comes_last_and_is_optional(bank: Bank) -> None:
    closing = bank.sections[-1]
    assert [q.id for q in closing.questions] == ["next_steps", "other_notes"]
    assert all(q.optional for q in closing.questions)
    next_steps = bank.question("next_steps")
    assert [(f.id, f.type, f.optional) for f in next_steps.fields] == [
        ("what", "text", False),
        ("who", "text", False),
        ("by_when", "date", True),
    ]


def test_enter_twice_skips_the_closing_section_and_completes_the_meeting(bank: Bank) -> None:
    session = interview(bank, [*BEFORE_CLOSING, ("next_steps[0].what", ""), ("other_notes", "")])
    assert session.answers["next_steps"] == []
    assert session.answers["other_notes"] is None
    assert is_complete(bank, session.state)
    record = render(bank, session.state)
    closing = record.split("## Next steps and other notes\n\n", 1)[1].split("\n## ", 1)[0]
    assert closing == (
        "**What next steps or actions were agreed?**\n\n"
        f"{NONE_GIVEN}\n\n"
        "**Are there any other notes for the record?**\n\n"
        f"{NONE_GIVEN}\n"
    )


def test_actions_are_a_table_of_what_who_and_by_when(bank: Bank) -> None:
    session = interview(bank, FULL_SCRIPT)
    assert session.answers["next_steps"] == [
        {
            "what": "Send the self-evaluation and the data pack",
            "who": "Jo Bloggs",
            "by_when": dt.date(2027, 2, 16),
        },
        {"what": "Confirm the peer team", "who": "Chris Lee", "by_when": None},
    ]
    record = render(bank, session.state)
    assert (
        "| What | Who | By when |\n|---|---|---|\n"
        "| Send the self-evaluation and the data pack | Jo Bloggs | Tuesday 16 February 2027 |\n"
        "| Confirm the peer team | Chris Lee | — |\n"
    ) in record


@pytest.mark.timeout(10)
def test_enter_on_empty_other_notes_skips_them_at_the_terminal(bank: Bank) -> None:
    prompt = build_prompt(bank, InterviewState(), Step(bank.question("other_notes"), "value"))
    assert prompt.optional and prompt.kind == "long_text"
    with create_pipe_input() as inp:
        inp.send_text(ENTER)
        answer = TerminalPrompter(input=inp, output=DummyOutput()).ask(prompt, lambda raw: None)
    assert answer == ""


@pytest.mark.timeout(10)
def test_enter_inside_other_notes_still_starts_a_new_line(bank: Bank) -> None:
    prompt = build_prompt(bank, InterviewState(), Step(bank.question("other_notes"), "value"))
    with create_pipe_input() as inp:
        inp.send_text("First." + ENTER + ENTER + "Second." + SAVE_LONG)
        answer = TerminalPrompter(input=inp, output=DummyOutput()).ask(prompt, lambda raw: None)
    assert answer == "First.\n\nSecond."


@pytest.mark.timeout(10)
def test_enter_on_an_empty_required_long_answer_is_a_new_line(bank: Bank) -> None:
    """Only an optional long answer is skipped by Enter: a required one gets its new line."""
    prompt = build_prompt(bank, InterviewState(), Step(bank.question("vision"), "value"))
    assert not prompt.optional
    with create_pipe_input() as inp:
        inp.send_text(ENTER + "A vision." + SAVE_LONG)
        answer = TerminalPrompter(input=inp, output=DummyOutput()).ask(prompt, lambda raw: None)
    assert answer == "\nA vision."
