"""The data, not the code, names the questions (style lesson 15).

No id of the default bank appears in scopewiz's Python, and a bank whose every
id differs from the default bank's gets a record timeline and a ``scopewiz
list`` of its own headings and answers.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tokenize
from pathlib import Path

import pytest

from scopewiz.bank import Bank, load_bank
from scopewiz.engine import InterviewState
from scopewiz.render import render

from .conftest import GOLDEN, ROOT, bank_from

pytestmark = pytest.mark.timeout(60)

PACKAGE = ROOT / "scopewiz"
GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"

# A SEND review: not one id (question, field or section) is the default bank's.
SEND_BANK = """\
    id: send-review
    title: SEND local area review scoping
    record_title: "SEND review scoping: {council}, {held_on}"
    file_name: "{council}-{held_on}"
    list_columns: [council, held_on, lead_reviewer]
    timeline: {meeting: held_on, visits: visit_windows, start: first_day, end: last_day}
    sections:
      - id: about
        title: About the review
        questions:
          - id: council
            type: text
            prompt: Which council is being reviewed?
            heading: Council under review
          - id: held_on
            type: date
            prompt: When is this meeting?
            heading: Scoping held on
          - id: lead_reviewer
            type: text
            prompt: Who leads the review?
            heading: Lead reviewer
          - id: visit_windows
            type: list
            prompt: When could the reviewers visit?
            heading: Possible review weeks
            item_name: window
            fields:
              - {id: first_day, type: date, prompt: First day, working_day: true, lead_in_from: held_on}
              - {id: last_day, type: date, prompt: Last day, optional: true, not_before: first_day}
    """
SEND_ANSWERS = """\
    council: Kirklees
    held_on: 2026-12-01
    lead_reviewer: A. Reviewer
    visit_windows:
      - {first_day: 2027-03-09, last_day: 2027-03-11}
    """
SEND_SESSION = "kirklees-2026-12-01.scopewiz.yaml"

# A bank with no list_columns, one of whose questions has a default-bank id.
YOUTH_BANK = """\
    id: youth-justice
    title: Youth justice review scoping
    file_name: "{host_authority}"
    sections:
      - id: about
        title: About the review
        questions:
          - {id: host_authority, type: text, prompt: Which council?}
          - {id: partnership_board, type: text, prompt: Which board oversees youth justice?}
    """
YOUTH_ANSWERS = """\
    host_authority: York
    partnership_board: York Youth Justice Board
    """
YOUTH_SESSION = "york.scopewiz.yaml"


# -- helpers ---------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m scopewiz ARGS`` in ``cwd`` with nothing on standard input."""
    result = subprocess.run(
        [sys.executable, "-m", "scopewiz", *args],
        check=False,
        cwd=cwd,
        input="",
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_COLOR="1"),
        timeout=60,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def new_session(folder: Path, name: str, bank_yaml: str, answers_yaml: str) -> Path:
    """A complete session of an inline bank, made by ``scopewiz new --answers --no-input``.

    The session file is named by the bank's ``file_name``: ``-o`` is not used,
    because with ``-o`` and every answer given no session file is written.
    """
    bank_file = folder / f"{name}.yaml"
    bank_file.write_text(textwrap.dedent(bank_yaml), encoding="utf-8")
    answers_file = folder / f"{name}-answers.yaml"
    answers_file.write_text(textwrap.dedent(answers_yaml), encoding="utf-8")
    result = run(
        "new", "--bank", str(bank_file), "--answers", str(answers_file), "--no-input", cwd=folder
    )
    assert result.returncode == 0, result.stderr
    return folder


def ids_of(bank: Bank) -> set[str]:
    """Every id in a bank: questions, their fields and follow-ups, and sections."""
    ids = {s.id for s in bank.sections}
    for q in bank.questions:
        ids |= {q.id, *(f.id for f in (*q.fields, *q.follow_up))}
    return ids


def default_bank_ids() -> set[str]:
    """The ids the code must not name: every question id, and every compound field id.

    Question ids are checked even where they are English words (``vision``,
    ``culture``, ``strategy``, ``documentation``, ``facilitator``): none of
    them appears in the code outside docstrings. One-word field ids (``name``,
    ``role``, ``start``, ``end``, ``email``) are ordinary words of Python and of
    the bank language (``format: email``, the timeline's ``start`` and
    ``end``), so only compound ones (``proposed_by``) are checked. Section ids
    are left out for the same reason: ``meeting`` is a key of ``timeline:``.
    """
    bank = load_bank()
    fields = {f.id for q in bank.questions for f in (*q.fields, *q.follow_up)}
    return {q.id for q in bank.questions} | {f for f in fields if "_" in f}


_SKIP = (tokenize.NL, tokenize.COMMENT)
_STATEMENT_START = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
_STATEMENT_END = (tokenize.NEWLINE, tokenize.ENDMARKER)


def docstring_tokens(tokens: list[tokenize.TokenInfo]) -> set[int]:
    """Positions of string tokens that make a whole statement on their own (docstrings)."""
    found: set[int] = set()
    significant = [i for i, t in enumerate(tokens) if t.type not in _SKIP]
    n = 0
    while n < len(significant):
        if tokens[significant[n]].type != tokenize.STRING:
            n += 1
            continue
        run_end = n  # implicitly joined strings are one statement
        while (
            run_end + 1 < len(significant)
            and tokens[significant[run_end + 1]].type == tokenize.STRING
        ):
            run_end += 1
        before = tokens[significant[n - 1]].type if n > 0 else tokenize.NEWLINE
        after = (
            tokens[significant[run_end + 1]].type
            if run_end + 1 < len(significant)
            else tokenize.ENDMARKER
        )
        if before in _STATEMENT_START and after in _STATEMENT_END:
            found.update(significant[n : run_end + 1])
        n = run_end + 1
    return found


def id_mentions(source: str, ids: set[str]) -> list[tuple[int, str]]:
    """(line, id) for each id named as a whole word in a name or a string of ``source``.

    Comments and docstrings are not read: they may show an id as an example.
    """
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    docstrings = docstring_tokens(tokens)
    # Python 3.12 splits an f-string into FSTRING_MIDDLE pieces and the names inside it.
    texts = {tokenize.NAME, tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)}
    words = re.compile(r"[A-Za-z0-9_]+")
    found = []
    for i, token in enumerate(tokens):
        if token.type in texts and i not in docstrings:
            found += [(token.start[0], w) for w in words.findall(token.string) if w in ids]
    return found


# -- no id of the default bank in Python -----------------------------------------------


def test_the_id_scan_finds_names_and_strings_but_not_comments_or_docstrings() -> None:
    source = textwrap.dedent(
        '''\
        """Module docstring: vision."""
        X = "culture"  # strategy
        """An attribute docstring: documentation."""
        def f(facilitator):
            """Function docstring: ``focus_areas[1].pros``."""
            return f"{facilitator} and " "key_questions"
        print("a docstring-like string that is an argument: mechanisms")
        '''
    )
    ids = {"vision", "culture", "strategy", "documentation", "facilitator", "focus_areas"}
    ids |= {"key_questions", "mechanisms"}
    assert id_mentions(source, ids) == [
        (2, "culture"),
        (4, "facilitator"),
        (6, "facilitator"),
        (6, "key_questions"),
        (7, "mechanisms"),
    ]


def test_no_id_of_the_default_bank_in_the_package() -> None:
    """Style lesson 15: the timeline, list columns, file names and titles come from the bank."""
    ids = default_bank_ids()
    assert {"host_authority", "meeting_date", "visit_dates", "vision"} <= ids
    files = sorted(PACKAGE.rglob("*.py"))
    assert PACKAGE / "cli.py" in files and PACKAGE / "dates.py" in files
    mentions = [
        f"{path.relative_to(ROOT)}:{line}: {question_id}"
        for path in files
        for line, question_id in id_mentions(path.read_text(encoding="utf-8"), ids)
    ]
    assert mentions == []


# -- a bank of other ids -----------------------------------------------------------------


def test_the_send_bank_shares_no_id_with_the_default_bank() -> None:
    assert ids_of(bank_from(SEND_BANK)) & ids_of(load_bank()) == set()


def timeline_rows(record: str) -> list[str]:
    section = record.split("## Timeline", 1)[1].split("\n---\n", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and "What" not in line]


def test_the_timeline_of_a_bank_of_other_ids_names_its_own_questions(tmp_path: Path) -> None:
    new_session(tmp_path, "send", SEND_BANK, SEND_ANSWERS)

    result = run("render", SEND_SESSION, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    first = "“Possible review weeks” (first preference)"
    assert timeline_rows(result.stdout) == [
        "| Scoping meeting | Tuesday 1 December 2026 | From “Scoping held on” |",
        f"| Peer team identified by | Tuesday 15 December 2026 | 12 weeks before {first} |",
        f"| Papers to the peer team | Tuesday 16 February 2027 | 3 weeks before {first} |",
        f"| Briefing call | Tuesday 2 March 2027 | 1 week before {first} |",
        f"| Visit | Tuesday 9 March 2027 to Thursday 11 March 2027 | From {first} |",
        f"| Feedback presentation | Thursday 11 March 2027 | Last day of {first} |",
    ]
    assert result.stdout.startswith("# SEND review scoping: Kirklees, Tuesday 1 December 2026\n")
    words = set(re.findall(r"[A-Za-z0-9_]+", result.stdout.replace("\\_", "_")))  # unescaped
    assert words & default_bank_ids() == set()


def test_the_timeline_before_any_visit_dates_waits_for_the_banks_own_question() -> None:
    send = bank_from(SEND_BANK)
    state = InterviewState(answers={"council": "Kirklees", "held_on": dt.date(2026, 12, 1)})

    rows = timeline_rows(render(send, state))

    assert rows[0] == "| Scoping meeting | Tuesday 1 December 2026 | From “Scoping held on” |"
    assert rows[1] == (
        "| Peer team identified by | _to be agreed_ | "
        "12 weeks before “Possible review weeks” (first preference) |"
    )


# -- scopewiz list -------------------------------------------------------------------------


def table_of(stdout: str) -> list[list[str]]:
    """The ``scopewiz list`` table as cells, cut where the rule under the headings has gaps."""
    lines = stdout.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    return [[line[a:b].strip() for a, b in spans] for line in (lines[0], *lines[2:])]


def test_list_of_a_bank_of_other_ids_shows_its_own_columns(tmp_path: Path) -> None:
    new_session(tmp_path, "send", SEND_BANK, SEND_ANSWERS)

    result = run("list", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    table = table_of(result.stdout)
    assert table[0] == [
        "File",
        "Council under review",
        "Scoping held on",
        "Lead reviewer",
        "Progress",
        "Last saved",
    ]
    assert table[1][:5] == [SEND_SESSION, "Kirklees", "2026-12-01", "A. Reviewer", "complete"]
    assert "Host authority" not in result.stdout


def test_list_of_a_bank_without_list_columns_shows_file_progress_and_last_save(
    tmp_path: Path,
) -> None:
    new_session(tmp_path, "youth", YOUTH_BANK, YOUTH_ANSWERS)

    result = run("list", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    table = table_of(result.stdout)
    assert table[0] == ["File", "Progress", "Last saved"]
    assert table[1][:2] == [YOUTH_SESSION, "complete"]
    assert "York" not in result.stdout


def test_list_of_sessions_of_several_banks_shows_every_banks_columns(tmp_path: Path) -> None:
    """Columns of each bank in turn (newest session's first); "—" where a session has no such answer."""
    new_session(tmp_path, "send", SEND_BANK, SEND_ANSWERS)
    new_session(tmp_path, "youth", YOUTH_BANK, YOUTH_ANSWERS)
    shutil.copy(GOLDEN_SESSION, tmp_path / GOLDEN_SESSION.name)
    (tmp_path / "corrupt.scopewiz.yaml").write_text("scopewiz_session: 1\nbank: [oops\n")
    newest_first = [GOLDEN_SESSION.name, SEND_SESSION, YOUTH_SESSION, "corrupt.scopewiz.yaml"]
    for age, name in enumerate(newest_first):
        os.utime(tmp_path / name, (2_000_000_000 - age * 60, 2_000_000_000 - age * 60))

    result = run("list", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    table = table_of(result.stdout)
    assert table[0] == [
        "File",
        "Host authority",
        "Meeting date",
        "Council under review",
        "Scoping held on",
        "Lead reviewer",
        "Progress",
        "Last saved",
    ]
    assert [row[:7] for row in table[1:]] == [
        [GOLDEN_SESSION.name, "Leeds", "2026-12-01", "—", "—", "—", "complete"],
        [SEND_SESSION, "—", "—", "Kirklees", "2026-12-01", "A. Reviewer", "complete"],
        # The youth justice bank lists no columns, but it has a host_authority question.
        [YOUTH_SESSION, "York", "—", "—", "—", "—", "complete"],
        ["corrupt.scopewiz.yaml", "?", "?", "?", "?", "?", table[4][6]],
    ]
    assert table[4][6].startswith("cannot be read: not valid YAML")
