"""Dates and the clock on screen: the installed ``scopewiz`` in an 80x24 pseudo-terminal.

A bank of its own (inline below) asks for the meeting date and the visit, so
that each test reaches the date prompts in a few keys. What reaches the screen
is read with the escape sequences taken out and split at its line ends.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
import yaml

from .test_e2e import CLEAR, ENTER, scopewiz_command

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

BANK = textwrap.dedent(
    """\
    id: visit-dates
    version: 1
    title: Visit dates
    file_name: "visit-{meeting}"
    timeline: {meeting: meeting, visits: visits, start: start, end: end}
    sections:
      - id: dates
        title: Dates
        minutes: 5
        questions:
          - id: meeting
            type: date
            prompt: When is the meeting?
            default: today
          - id: visits
            type: list
            prompt: Which days would suit the visit?
            item_name: visit
            fields:
              - {id: start, type: date, prompt: First day, working_day: true, lead_in_from: meeting}
              - id: end
                type: date
                prompt: Last day
                optional: true
                working_day: true
                not_before: start
                usual_days: 4
    """
)

_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen_lines(raw: str) -> list[str]:
    """What ``raw`` output shows, line by line, without escape sequences."""
    return [line for line in _ESCAPE.sub("", raw).replace("\r", "").split("\n")]


@pytest.fixture
def children() -> Iterator[list[pexpect.spawn]]:
    spawned: list[pexpect.spawn] = []
    yield spawned
    for child in spawned:
        if child.isalive():
            child.terminate(force=True)


def start(tmp_path: Path, children: list[pexpect.spawn], *extra: str) -> pexpect.spawn:
    """``scopewiz new`` with the bank above, in an 80x24 terminal."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK, encoding="utf-8")
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", NO_COLOR="1")
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    child = pexpect.spawn(
        scopewiz_command(),
        ["new", "--bank", str(bank), *extra],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=15,
    )
    children.append(child)
    return child


SPAN = (
    "The days from Thursday 25 March 2027 to Tuesday 30 March 2027 include Good Friday "
    "(Friday 26 March 2027), Saturday 27 March 2027, Sunday 28 March 2027 and Easter "
    "Monday (Monday 29 March 2027). Keep it?"
)


def test_full_screen_dates_are_read_back_declined_ones_offered_again_and_questions_wrap(
    tmp_path: Path, children: list[pexpect.spawn]
) -> None:
    child = start(tmp_path, children)
    child.expect_exact("When is the meeting?")
    # The clock reads in minutes, not as h:mm that looks like seconds.
    assert any("clock 0 min" in line for line in screen_lines(child.before)[-6:])
    child.send(CLEAR + "1/12/2026" + ENTER)
    child.expect_exact("Read as Tuesday 1 December 2026.")

    child.expect_exact("First day")
    child.send(CLEAR + "3/5/2027" + ENTER)
    child.expect_exact("bank holiday (Early May bank holiday).")
    child.expect_exact("(y/N)")
    child.send("n")
    # Asked again with the date as it was typed, ready to correct; not emptied, not ISO.
    child.expect_exact("First day")
    assert "it? No" in screen_lines(child.before)
    child.expect_exact("3/5/2027")
    child.send(CLEAR + "25/3/2027" + ENTER)
    child.expect_exact("Read as Thursday 25 March 2027.")

    child.expect_exact("Last day")
    child.send(CLEAR + "30/3/2027" + ENTER)
    child.expect_exact("(y/N)")
    shown = screen_lines(child.before + child.after)
    first = max(i for i, line in enumerate(shown) if line.startswith("? The days from"))
    asked = shown[first:]
    # Broken between words at 80 columns, every word whole, nothing lost.
    assert all(len(line) < 80 for line in asked), asked
    assert " ".join(asked) == "? " + SPAN + " (y/N)"
    assert asked[0].endswith(" include Good") and asked[1].startswith("Friday (Friday")
    child.send("y")
    # The confirmation named both days in words: no "Read as" besides.
    child.expect_exact("First day")
    assert "Easter Monday (Monday 29 March 2027). Keep it? Yes" in screen_lines(child.before)
    assert "Read as" not in child.before
    child.send(ENTER)  # no second visit: the list is done, and so is the bank
    # The review's preview shows both days of the visit.
    child.expect_exact("Visits: Thursday 25 March 2027 to Tuesday 30 March 2027")
    child.send(ENTER)  # Finish
    child.expect(pexpect.EOF)
    child.close()
    saved = yaml.safe_load((tmp_path / "visit-2026-12-01.scopewiz.yaml").read_text("utf-8"))
    assert saved["answers"]["visits"] == [
        {"start": yaml.safe_load("2027-03-25"), "end": yaml.safe_load("2027-03-30")}
    ]


def test_plain_mode_reads_dates_back_and_offers_a_declined_one_as_typed(
    tmp_path: Path, children: list[pexpect.spawn]
) -> None:
    child = start(tmp_path, children, "--plain")
    child.expect_exact("clock 0 min")
    child.expect_exact("Answer [")
    child.sendline("1/12/2026")
    child.expect_exact("Read as Tuesday 1 December 2026.")
    child.expect_exact("Answer [23/2/2027]: ")  # the earliest start, as it is typed
    child.sendline("25/3/2027")
    child.expect_exact("Read as Thursday 25 March 2027.")
    child.expect_exact("Answer (empty to skip): ")
    child.sendline("30/3/2027")
    child.expect_exact("Keep it? [y/N] ")
    shown = screen_lines(child.before + child.after)
    first = max(i for i, line in enumerate(shown) if line.startswith("The days from"))
    asked = shown[first:]
    assert all(len(line) < 80 for line in asked), asked
    assert " ".join(asked).strip() == SPAN + " [y/N]"
    child.sendline("n")
    child.expect_exact("Answer [30/3/2027]")
    child.sendline("25/3/2027")  # a one-day visit, then
    child.expect_exact("Read as Thursday 25 March 2027.")
    child.expect_exact("Answer")
    child.sendline("")  # no second visit: the list is done, and so is the bank
    child.expect_exact("Finish: save and write the record")
    child.expect_exact("Type a question's number or a letter")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    saved = yaml.safe_load((tmp_path / "visit-2026-12-01.scopewiz.yaml").read_text("utf-8"))
    assert saved["answers"]["visits"][0]["end"] == yaml.safe_load("2027-03-25")
