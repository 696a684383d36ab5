"""Issue 11, item 20: edges of the file formats, each reported in scopewiz's own words.

Merge keys, YAML errors of every kind, huge whole numbers, repeated ids,
direction controls (U+202E) and something that is not a file where the lock
file goes: each at the layer where it lives (the YAML reader, the bank
loader, the answer rule, the lock, and the command as a script runs it), with
the file, the line and the exit code, and never PyYAML's or Python's words.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from scopewiz import yamlio
from scopewiz.answers import load_answers_file
from scopewiz.bank import Bank
from scopewiz.errors import BankError, SessionFileError
from scopewiz.files import SessionLock
from scopewiz.qtypes.base import DIRECTION_CONTROLS
from scopewiz.yamlio import YamlError, load_safe

from .conftest import GOLDEN, ScriptedPrompter, bank_from

pytestmark = pytest.mark.timeout(60)

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"

#: Words of PyYAML's and Python's messages that no user should see.
NOT_FOR_USERS = (
    "Traceback",
    "constructor",
    "set_int_max_str_digits",
    "while scanning",
    "while parsing",
    "while constructing",
    "found character",
    "could not find expected",
    "did not find expected",
    "expected <block end>",
    "invalid literal",
    "tag:yaml.org,2002:merge",
    "KeyError",
    "OverflowError",
)

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
HIDDEN = "an invisible character that changes the order text is shown in"  # the rule's words


def scopewiz(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # the exit code is what the tests check
        [sys.executable, "-m", "scopewiz", *args],
        check=False,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_COLOR="1"),
        timeout=60,
    )


def for_users(result: subprocess.CompletedProcess[str]) -> None:
    """Nothing of PyYAML's or Python's own messages in what the command printed."""
    for words in NOT_FOR_USERS:
        assert words not in result.stdout + result.stderr, words


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` that holds ``text``."""
    return next(i for i, line in enumerate(path.read_text().split("\n"), 1) if text in line)


def golden_with(folder: Path, old: str, new: str) -> Path:
    """The golden session with one line changed, as a hand edit would."""
    text = GOLDEN_SESSION.read_text(encoding="utf-8")
    assert old in text
    return write(folder, "edited.scopewiz.yaml", text.replace(old, new, 1))


@pytest.fixture(params=["C", "Python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each YAML case with libyaml's parser and with PyYAML's own: their words differ."""
    if request.param == "Python":
        monkeypatch.setattr(yamlio, "_BaseLoader", yaml.SafeLoader)
    return str(request.param)


def yaml_problem(text: str) -> tuple[int | None, str]:
    with pytest.raises(YamlError) as caught:
        load_safe(textwrap.dedent(text))
    for words in NOT_FOR_USERS:
        assert words not in caught.value.message, words
    return caught.value.line, caught.value.message


# -- 1. merge keys, and every other YAML error, in scopewiz's words ---------------------------

MERGE = "merge keys (<<) are not supported; write the keys out in full"


@pytest.mark.parametrize(
    "merge",
    ["<<: *first", "<<: {type: text}", "<<: [{type: text}]"],
    ids=["alias", "mapping", "list"],
)
def test_a_merge_key_in_a_bank_is_named_with_its_line(tmp_path: Path, merge: str) -> None:
    bank = write(
        tmp_path,
        "merged.yaml",
        f"""\
        id: merged
        title: Merged
        sections:
          - id: s
            title: S
            questions:
              - &first {{id: a, type: text, prompt: A?}}
              - {merge}
                id: b
                prompt: B?
        """,
    )
    result = scopewiz("check", str(bank), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"{bank}:8: {MERGE}\n"
    for_users(result)


def test_a_merge_key_in_a_session_file_is_named_with_its_line(tmp_path: Path) -> None:
    session = golden_with(
        tmp_path, "  host_lead_officer:\n", "  host_lead_officer:\n    <<: {role: Head}\n"
    )
    result = scopewiz("render", str(session), cwd=tmp_path)
    assert result.returncode == 1
    line = line_of(session, "<<:")
    assert result.stderr.startswith(f"Error: {session}:{line}: {MERGE}\n")
    assert result.stdout == ""
    for_users(result)


def test_a_merge_key_in_an_answers_file_is_named_with_its_line(tmp_path: Path) -> None:
    answers = write(
        tmp_path,
        "answers.yaml",
        """\
        host_lead_officer: &who
          name: Jo Bloggs
          role: Head of improvement
        visiting_lead_officer:
          <<: *who
        """,
    )
    result = scopewiz("new", "--answers", str(answers), "--no-input", cwd=tmp_path)
    assert result.returncode == 1
    assert f"Error: {answers}:5: {MERGE}\n" in result.stderr
    for_users(result)
    assert list(tmp_path.iterdir()) == [answers]  # nothing was written


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "a:\n\tb: 1\n",
            2,
            "not valid YAML: a tab is used to indent this line; YAML indents with spaces only",
        ),
        (
            "a:\n  b: 1\n\tc: 2\n",
            3,
            "not valid YAML: a tab is used to indent this line; YAML indents with spaces only",
        ),
        (
            "a:\n  b: 1\n c: 2\n",
            3,
            (
                "not valid YAML: this line does not fit the lines above it: check its indentation "
                "(the keys of one mapping start in the same column) and that no text follows a "
                "closing quote"
            ),
        ),
        (
            "a: 1\n  b: 2\n",
            2,
            (
                "not valid YAML: a ': ' here cannot start a key: check the indentation of this "
                "line, or put a text that holds ': ' in quotes"
            ),
        ),
        (
            "a: 'open\nb: 2\n",
            1,
            "not valid YAML: a quote that opens on this line is never closed",
        ),
        (
            'a: "open\nb: 2\n',
            1,
            "not valid YAML: a quote that opens on this line is never closed",
        ),
        (
            "a: [1, 2\nb: 3\n",
            2,
            (
                "not valid YAML: the '[' that opens on line 1 is not closed with ']' before this "
                "point, or a ',' is missing between its items"
            ),
        ),
        (
            "a: 1\nb\nc: 2\n",
            2,
            (
                "not valid YAML: this line holds text but no ': ' after a key, and is not part of "
                "the value above: check its indentation, or join it to the text it belongs to"
            ),
        ),
        (
            'a: "C:\\q"\n',
            1,
            (
                "not valid YAML: a '\\' in double quotes starts an escape YAML does not know: "
                "write '\\\\' for a backslash, or put the text in single quotes"
            ),
        ),
        ("a: @home\n", 1, "not valid YAML: a value cannot start with '@'; put the text in quotes"),
        (
            "a: 1\n---\nb: 2\n",
            2,
            (
                "not valid YAML: a second YAML document starts here ('---' or '...'); a scopewiz "
                "file is one document"
            ),
        ),
        (
            "a: &x 1\nb: &x 2\n",
            2,
            (
                "not valid YAML: the anchor (&name) here is given twice; scopewiz files use no "
                "anchors: remove both"
            ),
        ),
        ("a: &x 1\nb: *x\n", 2, "aliases (*name) are not allowed in scopewiz files"),
        (
            "a: !x!y z\n",
            1,
            (
                "not valid YAML: this tag ('!' and a name) cannot be read; "
                "scopewiz files use no tags: remove it, or put text that starts with '!' in quotes"
            ),
        ),
        ("a: !!binary aGVsbG8=\n", 1, "the tag tag:yaml.org,2002:binary is not allowed"),
        ("a: !!set {x}\n", 1, "the tag tag:yaml.org,2002:set is not allowed"),
        ("a: !!bool maybe\n", 1, "'maybe' is not true or false, as its tag (!!bool) says"),
        ("a: !!int x\n", 1, "'x' is not a whole number, as its tag (!!int) says"),
        ("a: !!map x\n", 1, "'x' is not a mapping, as its tag (!!map) says"),
        ("a: 1\na: 2\n", 2, "the key 'a' appears twice"),
        ("a:\n  <<: {b: 1}\n", 2, MERGE),
    ],
    ids=[
        "tab",
        "tab-inside",
        "indentation",
        "indented-key",
        "single-quote",
        "double-quote",
        "bracket",
        "no-colon",
        "escape",
        "reserved-start",
        "two-documents",
        "anchor-twice",
        "alias",
        "tag-handle",
        "binary",
        "set",
        "bool-tag",
        "int-tag",
        "map-tag",
        "duplicate-key",
        "merge",
    ],
)
def test_every_yaml_error_is_in_scopewiz_words_with_its_line(
    parser: str, text: str, line: int, message: str
) -> None:
    del parser  # both parsers, one wording
    assert yaml_problem(text) == (line, message)


def test_a_lone_equals_sign_is_text_not_a_constructor_error() -> None:
    assert load_safe("a: =\nb: [=]\n") == {"a": "=", "b": ["="]}


def test_a_plain_merge_sign_as_a_value_is_text(parser: str, tmp_path: Path) -> None:
    """``<<`` merges only as a key: as a value it is the text written, in a bank and an answers file."""
    del parser  # both parsers read it so
    assert load_safe("a: <<\nb: [<<]\nc: '<<'\n") == {"a": "<<", "b": ["<<"], "c": "<<"}
    bank = write(
        tmp_path,
        "b.yaml",
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - {id: a, type: text, prompt: <<}
        """,
    )
    result = scopewiz("check", str(bank), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith(": OK, 1 sections, 1 questions\n")
    answers = write(tmp_path, "answers.yaml", "host_lead_officer:\n  name: <<\n")
    result = scopewiz("new", "--answers", str(answers), "--no-input", cwd=tmp_path)
    assert "tag" not in result.stderr and "<<' is not" not in result.stderr, result.stderr
    for_users(result)


# -- YAML 1.1's on/off/yes/no/null as keys are the names written (F7) -------------------------


def test_a_key_yaml_reads_as_true_or_null_is_the_text_written(parser: str) -> None:
    del parser  # both parsers read it so
    assert load_safe("on: 1\nNo: 2\nnull: 3\n~: 4\n0x1F: 5\n") == {
        "on": 1,
        "No": 2,
        "null": 3,
        "~": 4,
        "0x1F": 5,
    }


def test_a_bank_key_yaml_reads_as_true_is_named_as_written() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - {id: a, type: text, prompt: A?, on: x, null: y}
        """
    )
    assert [p.split(" (allowed")[0] for p in problems] == [
        "t.yaml:7: unknown key 'on' in question 'a'",
        "t.yaml:7: unknown key 'null' in question 'a'",
    ]


def test_a_bank_id_yaml_reads_as_true_says_to_quote_it() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - {id: on, type: text, prompt: A?}
              - {id: "on", type: text, prompt: B?}
        """
    )
    assert problems == ["t.yaml:7: 'id' of a question must be text; put it in quotes"]


def test_an_answers_file_key_yaml_reads_as_true_is_named_as_written(tmp_path: Path) -> None:
    answers = write(tmp_path, "answers.yaml", "on: x\nnull: y\n")
    result = scopewiz("new", "--answers", str(answers), "--no-input", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{answers}:1: 'on' is not a question" in result.stderr, result.stderr
    assert f"{answers}:2: 'null' is not a question" in result.stderr, result.stderr
    assert "'True'" not in result.stderr and "'None'" not in result.stderr
    for_users(result)


def test_a_session_file_key_yaml_reads_as_true_is_named_as_written(tmp_path: Path) -> None:
    session = golden_with(tmp_path, "answers:\n", "answers:\n  on: x\n")
    result = scopewiz("render", str(session), cwd=tmp_path)
    assert result.returncode == 1
    line = line_of(session, "  on: x")
    assert f"{session}:{line}: 'on' is not a question" in result.stderr, result.stderr
    assert "'True'" not in result.stderr
    for_users(result)


def test_a_broken_bank_says_what_is_wrong_in_its_words(tmp_path: Path) -> None:
    bank = write(tmp_path, "tabbed.yaml", "id: t\ntitle: T\nsections:\n\t- id: s\n")
    result = scopewiz("check", str(bank), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{bank}:4: not valid YAML: a tab is used to indent this line; "
        "YAML indents with spaces only\n"
    )
    for_users(result)


def test_a_value_its_tag_does_not_fit_is_no_traceback(tmp_path: Path) -> None:
    session = golden_with(tmp_path, "  host_authority: Leeds\n", "  host_authority: !!bool x\n")
    result = scopewiz("render", str(session), cwd=tmp_path)
    assert result.returncode == 1
    line = line_of(session, "!!bool")
    assert result.stderr.startswith(
        f"Error: {session}:{line}: 'x' is not true or false, as its tag (!!bool) says\n"
    )
    for_users(result)


# -- 2. huge whole numbers --------------------------------------------------------------------

HUGE = "9" * 5000


def test_a_huge_number_where_the_bank_wants_a_number_is_refused_at_its_line(
    tmp_path: Path,
) -> None:
    bank = write(
        tmp_path,
        "huge.yaml",
        f"""\
        id: huge
        version: {HUGE}
        title: Huge
        sections:
          - id: s
            title: S
            questions:
              - {{id: a, type: text, prompt: A?}}
        """,
    )
    result = scopewiz("check", str(bank), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"{bank}:2: 'version' of the bank must be a whole number from 1\n"
    for_users(result)


@pytest.mark.parametrize("number", [HUGE, "0x" + "f" * 5000, "59:" * 2000 + "1", "1" + "0" * 400])
def test_a_huge_number_where_text_is_wanted_is_its_text(
    bank: Bank, tmp_path: Path, number: str
) -> None:
    path = write(tmp_path, "answers.yaml", f"facilitator: {number}\n")
    assert load_answers_file(bank, path)["facilitator"] == number


def test_a_huge_clock_in_a_session_is_ignored_not_a_traceback(tmp_path: Path) -> None:
    session = golden_with(tmp_path, "  clock_seconds: 5400\n", f"  clock_seconds: 1{'0' * 400}\n")
    result = scopewiz("render", str(session), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    for_users(result)


def test_a_huge_format_number_in_a_session_is_refused_at_its_line(tmp_path: Path) -> None:
    session = golden_with(tmp_path, "scopewiz_session: 1\n", f"scopewiz_session: 0x{'f' * 5000}\n")
    result = scopewiz("render", str(session), cwd=tmp_path)
    assert result.returncode == 1
    line = line_of(session, "scopewiz_session:")
    assert result.stderr.startswith(f"Error: {session}:{line}: 'scopewiz_session' must be a number")
    for_users(result)


# -- 3. repeated ids name the first use -------------------------------------------------------


def problems_of(yaml_text: str) -> list[str]:
    with pytest.raises(BankError) as info:
        bank_from(yaml_text, "t.yaml")
    return info.value.problems


def test_a_question_id_used_three_times_names_the_first_use_each_time() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - {id: a, type: text, prompt: First?}
              - {id: a, type: text, prompt: Second?}
              - {id: a, type: text, prompt: Third?}
        """
    )
    assert problems == [
        "t.yaml:8: question id 'a' is used twice (first at line 7)",
        "t.yaml:9: question id 'a' is used twice (first at line 7)",
    ]


def test_section_and_field_ids_used_again_name_the_first_use() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: people
                type: list
                prompt: Who?
                fields:
                  - {id: name, type: text, prompt: Name}
                  - {id: name, type: text, prompt: Name again}
                  - {id: name, type: text, prompt: And again}
          - id: s
            title: S again
            questions:
              - {id: b, type: text, prompt: B?}
          - id: s
            title: S once more
            questions:
              - {id: c, type: text, prompt: C?}
        """
    )
    assert problems == [
        "t.yaml:12: question 'people': field id 'name' is used twice (first at line 11)",
        "t.yaml:13: question 'people': field id 'name' is used twice (first at line 11)",
        "t.yaml:14: section id 's' is used twice (first at line 4)",
        "t.yaml:18: section id 's' is used twice (first at line 4)",
    ]


def test_a_choice_repeated_with_other_case_or_spaces_names_its_first_line() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: colour
                type: select
                prompt: Colour?
                choices:
                  - Red
                  - red
                  - "Red "
                  - Blue
        """
    )
    assert problems == [
        "t.yaml:12: 'red' appears twice in 'choices' of question 'colour' (first at line 11)",
        "t.yaml:13: 'Red' appears twice in 'choices' of question 'colour' (first at line 11)",
    ]


def test_a_line_break_in_a_one_line_bank_text_is_refused_at_its_line(tmp_path: Path) -> None:
    """Titles, headings, choices and item names are one line in the record; prompts may fold."""
    bank = write(
        tmp_path,
        "b.yaml",
        """\
        id: t
        title: "Bank\\n# Injected bank heading"
        sections:
          - id: s
            title: "One\\n# Injected\\n- item"
            questions:
              - id: people
                type: list
                item_name: "person\\u2028- x"
                prompt: >-
                  Who came,
                  and who sent apologies?
                fields:
                  - {id: who, type: text, prompt: Who?, heading: "Who\\n\\n# injected"}
              - id: colour
                type: select
                prompt: Colour?
                choices: ["Red\\r- x", Blue]
        """,
    )
    result = scopewiz("check", str(bank), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bank}:2: 'title' of the bank must be one line, not several",
        f"{bank}:9: 'item_name' of question 'people' must be one line, not several",
        f"{bank}:14: 'heading' of field 'who' must be one line, not several",
        f"{bank}:18: an item of 'choices' of question 'colour' must be one line, not several",
        f"{bank}:5: 'title' of section 's' must be one line, not several",
    ]
    for_users(result)


# -- 4. direction controls (U+202E) reach neither the prompts nor the record -------------------


def test_a_direction_control_in_bank_text_is_refused_at_its_line() -> None:
    problems = problems_of(
        f"""\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: pay
                type: select
                prompt: "Pay {RLO}000,01 pounds?"
                choices: ["Yes", "N{LRI}o"]
        """
    )
    assert problems == [
        f"t.yaml:9: 'prompt' holds U+202E (RIGHT-TO-LEFT OVERRIDE), {HIDDEN}; remove it",
        f"t.yaml:10: an item of 'choices' holds U+2066 (LEFT-TO-RIGHT ISOLATE), {HIDDEN}; remove it",
    ]


def test_a_direction_control_written_as_an_escape_is_refused_too() -> None:
    problems = problems_of(
        """\
        id: t
        title: "T\\u202e"
        sections:
          - id: s
            title: S
            questions:
              - {id: a, type: text, prompt: A?}
        """
    )
    assert problems == [
        f"t.yaml:2: 'title' holds U+202E (RIGHT-TO-LEFT OVERRIDE), {HIDDEN}; remove it"
    ]


TYPED = (
    f"The answer holds U+202E (RIGHT-TO-LEFT OVERRIDE), {HIDDEN}; write it without that character"
)


def test_a_typed_answer_with_a_direction_control_is_asked_again(bank: Bank) -> None:
    from scopewiz.runner import run_interview
    from scopewiz.session import Session

    session = Session.start(bank, builtin=True)
    prompter = ScriptedPrompter(
        [
            ("host_authority", f"Leeds{RLO}"),
            ("host_authority", "Leeds"),
            ("meeting_date", "1/12/2026"),
            ("facilitator", f"{RLO}Sam"),
            ("facilitator", "Sam"),
        ]
    )
    with pytest.raises(EOFError):
        run_interview(bank, session, prompter, lambda: None)
    assert prompter.rejections == [TYPED, TYPED]
    assert session.answers["host_authority"] == "Leeds"
    assert session.answers["facilitator"] == "Sam"


def test_a_piped_answer_with_a_direction_control_is_asked_again(tmp_path: Path) -> None:
    result = scopewiz("new", cwd=tmp_path, stdin=f"Leeds{RLO}\nLeeds\n2026-12-01\nSam\n")
    assert result.returncode == 1  # input ended before the interview did
    assert f"! {TYPED}\n" in result.stdout
    saved = yaml.safe_load((tmp_path / "leeds-2026-12-01.scopewiz.yaml").read_text())
    assert saved["answers"]["host_authority"] == "Leeds"
    assert RLO not in (tmp_path / "leeds-2026-12-01.scopewiz.yaml").read_text()


def test_an_answers_file_with_a_direction_control_names_file_line_and_question(
    tmp_path: Path,
) -> None:
    answers = write(
        tmp_path,
        "answers.yaml",
        f"""\
        host_authority: Leeds
        vision: |
          Every child
          safe {RLO}and heard
        """,
    )
    result = scopewiz("new", "--answers", str(answers), "--no-input", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"Error: {answers}:2: vision: {TYPED}\n"
    assert list(tmp_path.iterdir()) == [answers]


def test_a_session_file_with_a_direction_control_is_read_and_shown_safe(tmp_path: Path) -> None:
    """A session file is read as written (nothing saved is lost); the record shows U+FFFD."""
    session = golden_with(
        tmp_path, "  host_authority: Leeds\n", '  host_authority: "Leeds\\u2066"\n'
    )
    result = scopewiz("render", str(session), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Leeds\ufffd" in result.stdout
    assert not DIRECTION_CONTROLS & set(result.stdout + result.stderr)
    listed = scopewiz("list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "Leeds\\u2066" in listed.stdout
    assert not DIRECTION_CONTROLS & set(listed.stdout + listed.stderr)


def test_the_implicit_direction_marks_are_kept(bank: Bank, tmp_path: Path) -> None:
    """U+200F (RIGHT-TO-LEFT MARK) reorders nothing, and mixed Arabic and English needs it."""
    path = write(tmp_path, "answers.yaml", 'facilitator: "سامي\u200f (LGA)"\n')
    assert load_answers_file(bank, path)["facilitator"] == "سامي\u200f (LGA)"


# -- 5. something that is not a file where the lock file goes ----------------------------------


def in_the_way(session: Path, kind: str) -> tuple[str, str]:
    lock = SessionLock.lock_path(session)
    return (
        f"Could not lock {session}: {lock} is a {kind}, not a lock file; it was left as it is.",
        (
            f"scopewiz keeps the session's lock in a file of that name: move the {kind} {lock} "
            "away or rename it, then try again."
        ),
    )


@pytest.mark.parametrize("kind", ["folder", "named pipe", "socket"])
def test_a_lock_that_is_not_a_file_is_named_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path must be short
    session = Path("s.scopewiz.yaml")
    lock = SessionLock.lock_path(session)
    held: list[Any] = []
    if kind == "folder":
        lock.mkdir()
    elif kind == "named pipe":
        os.mkfifo(lock)
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(lock))
        held.append(server)
    try:
        with pytest.raises(SessionFileError) as caught:
            SessionLock().acquire(session)
    finally:
        for server in held:
            server.close()
    assert (caught.value.message, caught.value.hint) == in_the_way(session, kind)
    assert os.path.lexists(lock)  # not removed: it is not scopewiz's


def test_resume_with_a_folder_as_its_lock_says_what_it_is(tmp_path: Path) -> None:
    started = scopewiz("new", cwd=tmp_path, stdin="Leeds\n2026-12-01\nSam\n")
    assert started.returncode == 1  # input ended: a session to resume
    session = Path("leeds-2026-12-01.scopewiz.yaml")
    lock = tmp_path / SessionLock.lock_path(session)
    lock.mkdir()
    result = scopewiz("resume", str(session), cwd=tmp_path, stdin="Ann\n")
    assert result.returncode == 1
    message, hint = in_the_way(session, "folder")
    assert result.stderr == f"Error: {message}\n{hint}\n"
    assert "delete" not in result.stderr
    assert lock.is_dir()
