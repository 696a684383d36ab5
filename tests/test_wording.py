"""The default bank's wording as the wizard shows it: answers put into prompts, checklists.

Each test is at the layer the words come from: the engine's prompt (bank text
with answers put in) or the real questionary checklist fed keys through a pipe.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from scopewiz.bank import Bank
from scopewiz.engine import InterviewState, Step, build_prompt
from scopewiz.prompts import TerminalPrompter
from scopewiz.runner import run_interview
from scopewiz.session import Session

from .conftest import FULL_SCRIPT, ScriptedPrompter


def prompts_of(bank: Bank, script: list[tuple[str, object]]) -> ScriptedPrompter:
    """The prompter after a scripted interview of the default bank."""
    prompter = ScriptedPrompter(script)
    session = Session.start(bank, builtin=True)
    run_interview(bank, session, prompter, lambda: None, today=dt.date(2026, 12, 1))
    return prompter


def test_mechanism_evidence_reads_right_for_a_plural_mechanism(bank: Bank) -> None:
    """The follow-up has no verb to agree with the name put in, so plural names read right."""
    script = [
        (path, "Family hubs in each locality" if path == "mechanisms[0].mechanism" else value)
        for path, value in FULL_SCRIPT
    ]
    prompter = prompts_of(bank, script)
    messages = [p.message for p in prompter.prompts if p.path.endswith(".evidence")]
    assert messages == [
        "To what extent does the data show Family hubs in each locality to be working?",
        "To what extent does the data show Restorative practice training to be working?",
    ]


def test_host_officers_question_agrees_with_the_host_authority(bank: Bank) -> None:
    prompter = prompts_of(bank, FULL_SCRIPT)
    [message] = [p.message for p in prompter.prompts if p.path == "host_officers_join"]
    assert message == (
        "Does the host authority want to identify 2 officers to join the peer review team?"
    )


def test_a_checklist_of_suggestions_is_named_by_its_items_not_its_first_field(
    bank: Bank,
) -> None:
    """The interviewees checklist ends "Interviewees from the list:", not the field's "Who"."""
    prompt = build_prompt(bank, InterviewState(), Step(bank.question("interviewees"), "pick"))
    assert prompt.message.split("\n") == [
        "To answer these questions who would the peer challenge team want to interview?",
        "Interviewees from the list:",
    ]


@pytest.mark.timeout(10)
def test_the_ticked_checklist_reads_on_from_its_words(bank: Bank) -> None:
    """questionary adds "done (2 selections)" to the checklist's last line once it is answered."""
    prompt = build_prompt(bank, InterviewState(), Step(bank.question("interviewees"), "pick"))
    out = io.StringIO()
    with create_pipe_input() as inp:
        inp.send_text(" \x1b[B \r")  # tick the first two roles, Enter
        output = Vt100_Output(out, lambda: Size(rows=40, columns=120), term="xterm")
        picked = TerminalPrompter(input=inp, output=output).ask(prompt, lambda raw: None)
    assert picked == ["Director of Children's Services", "Lead member for children's services"]
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())
    assert "Interviewees from the list: done (2 selections)" in shown
    assert "Who done" not in shown
