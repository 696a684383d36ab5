"""What the README tells a facilitator, held to what scopewiz does.

Tab in a prompt with suggestions (a real questionary prompt fed keys through a
pipe), and the ``.gitignore`` lines that keep personal data out of git (checked
by git itself against the names scopewiz gives its files).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from scopewiz.bank import Bank
from scopewiz.engine import InterviewState, Step, build_prompt
from scopewiz.files import SessionLock
from scopewiz.naming import backup_path, default_file_name, free_path, record_path
from scopewiz.prompts import TerminalPrompter

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TAB, SHIFT_TAB, DOWN, ENTER = "\t", "\x1b[Z", "\x1b[B", "\r"


def host_typed(bank: Bank, typed: str, keys: list[str]) -> str:
    """What the host authority prompt returns for ``typed`` and then ``keys``, one by one.

    A pause before each key, as a person leaves: the suggestions are worked out
    while typing, in the background, and Tab moves through them once shown.
    """
    prompt = build_prompt(bank, InterviewState(), Step(bank.question("host_authority"), "value"))
    assert prompt.suggestions_from == "local-authorities"
    with create_pipe_input() as inp:
        inp.send_text(typed)

        def press() -> None:
            for key in keys:
                time.sleep(0.4)
                inp.send_text(key)

        presser = threading.Thread(target=press)
        presser.start()
        answer = TerminalPrompter(input=inp, output=DummyOutput()).ask(prompt, lambda raw: None)
        presser.join()
    assert isinstance(answer, str)
    return answer


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    ("keys", "saved"),
    [
        ([ENTER], "Lee"),  # Enter alone saves what was typed, never a suggestion
        ([TAB, ENTER], "Kirklees"),  # the first suggestion shown ("lee" is in both)
        ([TAB, TAB, ENTER], "Leeds"),  # the next
        ([TAB, DOWN, ENTER], "Leeds"),
        ([TAB, TAB, SHIFT_TAB, ENTER], "Kirklees"),  # the one before
    ],
    ids=["enter", "tab", "tab-tab", "tab-down", "tab-tab-shift-tab"],
)
def test_tab_puts_a_suggestion_into_the_answer_and_enter_saves_it(
    bank: Bank, keys: list[str], saved: str
) -> None:
    assert host_typed(bank, "Lee", keys) == saved


def test_the_readme_says_what_tab_does() -> None:
    text = " ".join(README.split())
    assert "**Tab** puts the first one shown into the answer" in text
    assert "`Lee`, Tab, Tab, Enter saves Leeds" in text


def gitignore_block() -> str:
    found = re.search(r"<!-- example: gitignore -->\n```gitignore\n(.*?)```", README, re.DOTALL)
    assert found is not None, "the README has no .gitignore example"
    return found.group(1)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_readme_gitignore_keeps_every_file_with_answers_out_of_git(
    bank: Bank, tmp_path: Path
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text(gitignore_block(), encoding="utf-8")
    state = InterviewState({"host_authority": "Leeds", "meeting_date": dt.date(2026, 12, 1)})
    session = tmp_path / default_file_name(bank, state, dt.date(2026, 12, 1))
    session.write_text("", encoding="utf-8")  # taken: free_path gives the next name
    second = free_path(tmp_path, session.name)
    private = [
        session,
        second,
        record_path(session),
        record_path(second),
        record_path(session).with_name("leeds-2026-12-01.record.md"),
        record_path(session).with_name("leeds-2026-12-01.record-2.md"),
        SessionLock.lock_path(session),
        session.with_name(f".{session.name}.4242.0a1b2c3d.tmp"),  # files._temporary's names
        backup_path(session, 1),
    ]
    assert [p.name for p in private[:4]] == [
        "leeds-2026-12-01.scopewiz.yaml",
        "leeds-2026-12-01-2.scopewiz.yaml",
        "leeds-2026-12-01.md",
        "leeds-2026-12-01-2.md",
    ]
    kept = ["README.md", "docs/bank-language.md", "notes-2026.md", "questions/bank.yaml"]
    names = [str(p.relative_to(tmp_path)) for p in private] + kept
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == [str(p.relative_to(tmp_path)) for p in private]
