"""The commands as a user runs them: new --answers/--no-input, status, list, template,
show, resume, edit, plain-mode navigation, and the help and README for every command.

Every test runs ``python -m scopewiz`` in a subprocess in a fresh folder, with
``NO_COLOR=1``, its standard input given as text (so plain mode is used) and a
timeout, and asserts what a user would see and what ends up on disk.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from scopewiz.bank import Bank, placeholders
from scopewiz.engine import InterviewState, visible_questions, visible_sections

from .conftest import GOLDEN, ROOT

pytestmark = pytest.mark.timeout(60)

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
GOLDEN_RECORD = GOLDEN / "leeds-2026-12-01.md"
SESSION_NAME = "leeds-2026-12-01.scopewiz.yaml"
RECORD_NAME = "leeds-2026-12-01.md"


# -- helpers -------------------------------------------------------------------------


def run(
    *args: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m scopewiz ARGS`` in ``cwd`` with ``stdin`` piped in (plain mode)."""
    full_env = dict(os.environ, NO_COLOR="1", **(env or {}))
    result = subprocess.run(
        [sys.executable, "-m", "scopewiz", *args],
        check=False,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def golden_answers() -> dict[str, Any]:
    """The answers of the golden session, as PyYAML reads them."""
    answers: dict[str, Any] = yaml.safe_load(GOLDEN_SESSION.read_text(encoding="utf-8"))["answers"]
    return answers


def golden_answers_text() -> str:
    """The ``answers:`` block of the golden session, as a hand-written answers file."""
    text = GOLDEN_SESSION.read_text(encoding="utf-8")
    return textwrap.dedent(text.split("\nanswers:\n", 1)[1])


def write_answers(path: Path, answers: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(answers, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_session(path: Path, answers: dict[str, Any]) -> Path:
    """A session file of the default bank holding ``answers`` (the golden file's header)."""
    doc = yaml.safe_load(GOLDEN_SESSION.read_text(encoding="utf-8"))
    doc["answers"] = answers
    doc["progress"]["complete"] = False
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def saved_answers(path: Path) -> dict[str, Any]:
    answers: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    return answers


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def before_footer(text: str) -> str:
    return text.rsplit("_Recorded with", 1)[0]


def wording(bank: Bank, question_id: str) -> str:
    return " ".join(bank.by_id[question_id].prompt.split())


def menu_number(bank: Bank, state: InterviewState, target: Any) -> str:
    """What is typed in plain mode to pick ``target`` in the jump and review menus.

    A question (target: its id) by its number, as the menu and the header
    show it; the lines without one by letter: "a" is "Continue ...", then
    each visible section heading (target ``("section", id)``) in turn.
    """
    questions = visible_questions(bank, state)
    letters = iter("bcdefghijklmnopqrstuvwxyz")
    for section in visible_sections(bank, state):
        letter = next(letters)
        if target == ("section", section.id):
            return letter
    for number, q in enumerate(questions, start=1):
        if q.id == target:
            return str(number)
    raise LookupError(target)


# -- 1. new --answers FILE --no-input: the round trip --------------------------------


@pytest.mark.parametrize("source", ["answers file", "golden session"])
def test_new_from_a_complete_answers_file_writes_session_and_record(
    tmp_path: Path, source: str
) -> None:
    if source == "answers file":
        answers_file = tmp_path / "answers.yaml"
        answers_file.write_text(golden_answers_text(), encoding="utf-8")
        expected_files = sorted(["answers.yaml", SESSION_NAME, RECORD_NAME])
    else:
        answers_file = GOLDEN_SESSION  # a session file is accepted as an answers file
        expected_files = sorted([SESSION_NAME, RECORD_NAME])

    result = run("new", "--answers", str(answers_file), "--no-input", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # nothing was asked
    assert "Interview complete." in result.stderr
    assert f"  Session: {SESSION_NAME}" in result.stderr
    assert f"  Record:  {RECORD_NAME}" in result.stderr
    assert names(tmp_path) == expected_files
    saved = yaml.safe_load((tmp_path / SESSION_NAME).read_text(encoding="utf-8"))
    assert saved["answers"] == golden_answers()
    assert saved["progress"]["complete"] is True
    record = (tmp_path / RECORD_NAME).read_text(encoding="utf-8")
    assert before_footer(record) == before_footer(GOLDEN_RECORD.read_text(encoding="utf-8"))
    assert f"from {SESSION_NAME}" in record.rsplit("_Recorded with", 1)[1]


def test_answers_file_written_by_hand_reads_like_the_golden_answers(tmp_path: Path) -> None:
    # The hand-written block and the session agree value for value (dates, nulls, lists).
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text(golden_answers_text(), encoding="utf-8")
    assert yaml.safe_load(answers_file.read_text(encoding="utf-8")) == golden_answers()


# -- 2. --answers with part of the answers, the rest piped in -------------------------


def test_new_with_part_of_the_answers_asks_only_what_is_missing(tmp_path: Path, bank: Bank) -> None:
    answers = golden_answers()
    gone = ("vision_rationale", "preferred_focus", "visiting_lead_officer")
    for qid in gone:
        del answers[qid]
    write_answers(tmp_path / "part.yaml", answers)
    typed = (
        "Outcomes for children in the poorest wards lagged behind.\n.\n"  # vision_rationale
        "1\n"  # preferred_focus: Early help
        "Chris Lee\nProgramme coordinator\nchris.lee@example.org.uk\n\n"  # visiting lead
    )

    result = run("new", "--answers", "part.yaml", cwd=tmp_path, stdin=typed)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    asked = [q.id for q in bank.questions if wording(bank, q.id) in out]
    assert asked == list(gone)
    # The first question shown is the first missing one.
    first = re.search(r"Question (\d+) of (\d+)", out)
    assert first is not None
    assert first.groups() == ("6", "26")
    assert out.index(wording(bank, "vision_rationale")) < out.index(
        wording(bank, "preferred_focus")
    )
    assert " 1) Early help\n  2) Care leavers\n" in out
    saved = yaml.safe_load((tmp_path / SESSION_NAME).read_text(encoding="utf-8"))
    assert saved["progress"]["complete"] is True
    assert saved["answers"] == golden_answers()
    assert (tmp_path / RECORD_NAME).exists()


def test_prefilled_answers_are_saved_when_input_ends_at_once(tmp_path: Path) -> None:
    answers = golden_answers()
    del answers["vision_rationale"]
    write_answers(tmp_path / "part.yaml", answers)

    result = run("new", "--answers", "part.yaml", cwd=tmp_path, stdin="")

    assert result.returncode == 1
    assert "Input ended before the interview was complete." in result.stderr
    assert f"Resume with: scopewiz resume {SESSION_NAME}" in result.stderr
    assert saved_answers(tmp_path / SESSION_NAME) == answers


# -- 3. --no-input: missing, invalid and ill-shaped answers ---------------------------


def test_no_input_lists_every_missing_or_invalid_answer_and_writes_nothing(
    tmp_path: Path,
) -> None:
    answers = golden_answers()
    del answers["vision"]
    answers["key_questions"] = answers["key_questions"][:2]
    answers["preferred_focus"] = "SEND"
    write_answers(tmp_path / "answers.yaml", answers)

    result = run("new", "--answers", "answers.yaml", "--no-input", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: 3 required answer(s) missing or invalid in answers.yaml; nothing was written.",
        "  vision: no answer",
        "  preferred_focus: Choose one of: Early help, Care leavers",
        "  key_questions: needs at least 3 key questions, has 2",
    ]
    assert names(tmp_path) == ["answers.yaml"]


def test_no_input_with_one_missing_record_field(tmp_path: Path) -> None:
    answers = golden_answers()
    del answers["host_lead_officer"]["email"]
    del answers["focus_areas"][1]["cons"]
    write_answers(tmp_path / "answers.yaml", answers)

    result = run("new", "--answers", "answers.yaml", "--no-input", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [
        "  focus_areas: focus area 2 has no cons",
        "  host_lead_officer: no email",
    ]
    assert names(tmp_path) == ["answers.yaml"]


def test_no_input_without_answers_lists_every_question(tmp_path: Path, bank: Bank) -> None:
    result = run("new", "--no-input", cwd=tmp_path)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    # Optional questions are skipped when nobody can be asked: only the required are missing.
    expected = [q for q in visible_questions(bank, InterviewState()) if not q.optional]
    assert expected and len(expected) < len(visible_questions(bank, InterviewState()))
    assert lines[0] == (
        f"Error: {len(expected)} required answer(s) missing or invalid; nothing was written."
    )
    assert [line.split(":")[0].strip() for line in lines[1:]] == [q.id for q in expected]
    assert list(tmp_path.iterdir()) == []


def test_answers_of_the_wrong_shape_name_file_line_and_id(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text(
        "host_authority: Leeds\n"
        "meeting_date: someday\n"
        "facilitator: Sam Patel\n"
        "host_officers_join: perhaps\n",
        encoding="utf-8",
    )

    result = run("new", "--answers", "answers.yaml", "--no-input", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("Error: answers.yaml:2: meeting_date: someday is not a date")
    assert lines[1] == ("Error: answers.yaml:4: host_officers_join: Answer yes or no")
    assert names(tmp_path) == ["answers.yaml"]


def test_answers_with_an_unknown_id_are_refused(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text(
        "host_authority: Leeds\nvisoin: A child friendly city.\n", encoding="utf-8"
    )

    result = run("new", "--answers", "answers.yaml", "--no-input", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: answers.yaml:2: 'visoin' is not a question of the bank 'childrens-services-scoping'"
    ]
    assert names(tmp_path) == ["answers.yaml"]


def test_an_id_with_control_characters_is_shown_escaped_on_one_line(tmp_path: Path) -> None:
    # Was: a line separator in the id split the one-line error, and an escape
    # sequence reached the terminal as it was.
    (tmp_path / "answers.yaml").write_text(
        '"vis\\u2028oin\\e[31m": A child friendly city.\n', encoding="utf-8"
    )

    result = run("new", "--answers", "answers.yaml", "--no-input", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr == (
        "Error: answers.yaml:1: 'vis\\u2028oin\\x1b[31m' is not a question of the bank "
        "'childrens-services-scoping'\n"
    )


def test_list_shows_control_characters_in_answers_escaped(tmp_path: Path) -> None:
    text = GOLDEN_SESSION.read_text(encoding="utf-8")
    assert "host_authority: Leeds\n" in text
    text = text.replace("host_authority: Leeds\n", 'host_authority: "Leeds\\e[2J\\u2028x"\n')
    (tmp_path / SESSION_NAME).write_text(text, encoding="utf-8")

    result = run("list", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u2028" not in result.stdout
    # Loading tidies the line separator into a space; the escape is shown escaped.
    assert "Leeds\\x1b[2J x" in result.stdout


def test_unknown_id_is_refused_even_without_no_input(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text("visoin: A child friendly city.\n", encoding="utf-8")

    result = run("new", "--answers", "answers.yaml", cwd=tmp_path, stdin="Leeds\n")

    assert result.returncode == 1
    assert "'visoin' is not a question" in result.stderr
    assert result.stdout == ""  # refused before anything is asked
    assert names(tmp_path) == ["answers.yaml"]


def test_a_missing_answers_file(tmp_path: Path) -> None:
    result = run("new", "--answers", "nope.yaml", "--no-input", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr == "Error: nope.yaml: no such file\n"
    assert list(tmp_path.iterdir()) == []


# -- 4. status ------------------------------------------------------------------------


def test_status_of_a_complete_session(tmp_path: Path, bank: Bank) -> None:
    result = run("status", str(GOLDEN_SESSION), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{GOLDEN_SESSION}: 26 of 26 questions answered"
    assert lines[1].split() == ["Section", "Answered", "Missing"]
    rows = lines[3 : 3 + len(bank.sections)]
    for section, row in zip(bank.sections, rows, strict=True):
        count = len(section.questions)
        assert row.split("  ")[0] == section.title
        assert row.split()[-2:] == [f"{count}/{count}", "—"]
    assert lines[-1] == f"Complete. Print the record with: scopewiz render {GOLDEN_SESSION}"
    assert "Still to answer" not in result.stdout


def test_status_of_a_partial_session_names_what_is_missing(tmp_path: Path) -> None:
    answers = golden_answers()
    del answers["vision"]
    del answers["focus_areas"][1]["cons"]
    answers["key_questions"] = answers["key_questions"][:2]
    del answers["visiting_lead_officer"]["email"]
    write_session(tmp_path / "partial.scopewiz.yaml", answers)
    before = (tmp_path / "partial.scopewiz.yaml").read_text(encoding="utf-8")

    result = run("status", "partial.scopewiz.yaml", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "partial.scopewiz.yaml: 22 of 26 questions answered"
    vision_row = next(line for line in out.splitlines() if line.startswith("Vision "))
    assert vision_row.split()[-2:] == ["2/3", "vision"]
    arrangements = next(line for line in out.splitlines() if line.startswith("Arrangements"))
    assert arrangements.split()[-2:] == ["4/5", "visiting_lead_officer"]
    assert out.split("Still to answer:\n", 1)[1].splitlines() == [
        "  vision: no answer",
        "  focus_areas: focus area 2 has no cons",
        "  key_questions: needs at least 3 key questions, has 2",
        "  visiting_lead_officer: no email",
    ]
    assert "Complete." not in out
    # status only reads.
    assert (tmp_path / "partial.scopewiz.yaml").read_text(encoding="utf-8") == before


def test_status_says_one_item_in_the_singular(tmp_path: Path) -> None:
    answers = golden_answers()
    del answers["mechanisms"]
    write_session(tmp_path / "partial.scopewiz.yaml", answers)

    result = run("status", "partial.scopewiz.yaml", cwd=tmp_path)

    assert result.returncode == 0
    assert "  mechanisms: needs at least 1 mechanism, has 0\n" in result.stdout


# -- 5. list --------------------------------------------------------------------------


def list_rows(stdout: str) -> list[str]:
    """The rows of the list table, below its heading and rule."""
    lines = stdout.splitlines()
    assert lines[0].split("  ")[0] == "File"
    assert set(lines[1]) <= {"-", " "}
    return lines[2:]


def test_list_shows_one_row_per_session_and_survives_a_corrupt_file(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "complete.scopewiz.yaml").write_text(GOLDEN_SESSION.read_text(encoding="utf-8"))
    partial = golden_answers()
    del partial["visiting_lead_officer"]
    write_session(folder / "partial.scopewiz.yaml", partial)
    (folder / "corrupt.scopewiz.yaml").write_text("scopewiz_session: 1\nbank: [oops\n")
    (folder / "notes.txt").write_text("not a session\n")

    result = run("list", "sessions", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    # The bank's list_columns, each headed by its question's heading.
    assert re.split(r"  +", result.stdout.splitlines()[0]) == [
        "File",
        "Host authority",
        "Meeting date",
        "Progress",
        "Last saved",
    ]
    rows = list_rows(result.stdout)
    assert len(rows) == 3, result.stdout
    by_file = {row.split()[0]: row for row in rows}
    assert sorted(by_file) == [
        "complete.scopewiz.yaml",
        "corrupt.scopewiz.yaml",
        "partial.scopewiz.yaml",
    ]
    assert by_file["complete.scopewiz.yaml"].split()[1:4] == ["Leeds", "2026-12-01", "complete"]
    assert by_file["partial.scopewiz.yaml"].split()[1:4] == ["Leeds", "2026-12-01", "25/26"]
    corrupt = by_file["corrupt.scopewiz.yaml"]
    assert corrupt.split()[1:3] == ["?", "?"]
    assert "cannot be read: not valid YAML" in corrupt
    # Every row ends with when the file was last saved.
    for row in rows:
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d$", row), row


def test_list_orders_sessions_newest_first(tmp_path: Path) -> None:
    write_session(tmp_path / "a.scopewiz.yaml", {**golden_answers(), "host_authority": "York"})
    write_session(tmp_path / "b.scopewiz.yaml", golden_answers())
    os.utime(tmp_path / "a.scopewiz.yaml", (2_000_000_000, 2_000_000_000))
    os.utime(tmp_path / "b.scopewiz.yaml", (1_900_000_000, 1_900_000_000))

    result = run("list", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    rows = list_rows(result.stdout)
    assert [row.split()[0] for row in rows] == ["a.scopewiz.yaml", "b.scopewiz.yaml"]
    assert [row.split()[1] for row in rows] == ["York", "Leeds"]


def test_list_of_a_session_that_has_not_reached_the_interviewees(tmp_path: Path) -> None:
    early = {k: golden_answers()[k] for k in ("host_authority", "meeting_date", "facilitator")}
    write_session(tmp_path / "early.scopewiz.yaml", early)

    result = run("list", cwd=tmp_path)

    assert result.returncode == 0
    assert list_rows(result.stdout)[0].split()[:4] == [
        "early.scopewiz.yaml",
        "Leeds",
        "2026-12-01",
        "3/26",
    ]


def test_status_of_a_session_that_has_not_reached_the_interviewees(tmp_path: Path) -> None:
    early = {k: golden_answers()[k] for k in ("host_authority", "meeting_date", "facilitator")}
    write_session(tmp_path / "early.scopewiz.yaml", early)

    result = run("status", "early.scopewiz.yaml", cwd=tmp_path)

    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "early.scopewiz.yaml: 3 of 26 questions answered"
    missing = result.stdout.split("Still to answer:\n", 1)[1].splitlines()
    assert [line.split(":")[0].strip() for line in missing][:2] == ["attendees", "vision"]
    assert any(line.startswith("  interviewees: ") for line in missing)


def test_list_keeps_a_file_with_several_problems_on_one_row(tmp_path: Path) -> None:
    text = GOLDEN_SESSION.read_text(encoding="utf-8")
    text = text.replace("meeting_date: 2026-12-01", "meeting_date: someday")
    text = text.replace("host_officers_join: true", "host_officers_join: perhaps")
    (tmp_path / "two.scopewiz.yaml").write_text(text, encoding="utf-8")

    result = run("list", cwd=tmp_path)

    assert result.returncode == 0
    rows = list_rows(result.stdout)
    assert len(rows) == 1, result.stdout
    assert "cannot be read" in rows[0]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d$", rows[0])


def test_list_of_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()

    result = run("list", "empty", cwd=tmp_path)

    assert result.returncode == 0
    assert result.stdout == "No sessions (*.scopewiz.yaml) in empty.\n"


def test_list_of_a_file_or_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x\n")
    for target in ("file.txt", "nowhere"):
        result = run("list", target, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr == f"Error: {target} is not a folder.\n"
        assert result.stdout == ""


# -- 6. template ------------------------------------------------------------------------


def paragraph_after(text: str, start: str) -> str:
    """The Markdown block that follows the block ``start``."""
    blocks = text.split("\n\n")
    return blocks[blocks.index(start) + 1]


def test_template_of_the_bank(tmp_path: Path, bank: Bank) -> None:
    result = run("template", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Children's services peer challenge scoping meeting\n")
    assert "## Vision (10 min)" in text.splitlines()
    for section in bank.sections:
        assert f"## {section.title} ({section.minutes} min)" in text.splitlines()
    for q in bank.questions:
        if not placeholders(q.prompt):
            heading = f"**{wording(bank, q.id)}**"
            assert heading in text.split("\n\n"), q.id
            # The help line follows the wording, in italics.
            help_block = paragraph_after(text, heading)
            assert help_block.startswith("_") and help_block.endswith("_"), q.id
            if not placeholders(q.help):
                assert help_block.startswith("_" + " ".join(q.help.split())), q.id
    assert (
        "**What are the key leadership strategies for improving outcomes in the preferred "
        "area of focus, and what impact are these having?**"
    ) in text
    assert "| Area | Proposed by | Pros | Cons |\n|---|---|---|---|\n|   |   |   |   |\n" in text
    assert paragraph_after(text, f"**{wording(bank, 'key_questions')}**") == (
        "_Questions the peer team can answer in a few days on site, each about the preferred "
        "area of focus. Exactly three._"
    )
    assert "- [ ] Self-evaluation" in text.splitlines()
    host_officers = paragraph_after(text, f"**{wording(bank, 'host_officers')}**")
    join = bank.by_id["host_officers_join"].heading
    assert f"Asked only if the answer to “{join}” is Yes." in host_officers
    assert "Not yet answered" not in text


def test_template_of_a_bank_given_with_bank(tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(
        textwrap.dedent(
            """\
            id: small
            version: 1
            title: A small review
            sections:
              - id: about
                title: About the review
                minutes: 5
                questions:
                  - id: host
                    type: text
                    prompt: Who is the host?
                    help: The council that asked for the review.
                  - id: online
                    type: confirm
                    prompt: Is the meeting online?
                    help: Say yes for a video call.
                    heading: Online
                  - id: link
                    type: text
                    prompt: What is the meeting link?
                    help: Paste the invitation link.
                    when: {question: online, equals: true}
            """
        )
    )

    result = run("template", "--bank", "small.yaml", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    blocks = result.stdout.split("\n\n")
    assert blocks[0] == "# A small review"
    assert "## About the review (5 min)" in blocks
    assert paragraph_after(result.stdout, "**Who is the host?**") == (
        "_The council that asked for the review._"
    )
    assert paragraph_after(result.stdout, "_Say yes for a video call._") == "Yes / No"
    assert paragraph_after(result.stdout, "**What is the meeting link?**") == (
        "_Paste the invitation link. Asked only if the answer to “Online” is Yes._"
    )
    assert "Children's services" not in result.stdout


# -- 7. show ----------------------------------------------------------------------------


def test_show_renders_the_record_without_markdown_syntax(tmp_path: Path) -> None:
    result = run("show", str(GOLDEN_SESSION), cwd=tmp_path, env={"COLUMNS": "200"})

    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0].startswith("Peer challenge scoping record: Leeds")
    assert "About this scoping meeting" in lines  # a section title, on a line of its own
    assert "Areas of focus" in lines
    assert "Tuesday 1 December 2026" in lines  # the meeting date's answer
    assert "How do we know early help makes a difference?" in out
    for syntax in ("## ", "| ---", "|---", "**", "\\"):
        assert syntax not in out, syntax


def test_show_keeps_line_breaks_inside_table_cells(tmp_path: Path) -> None:
    result = run("show", str(GOLDEN_SESSION), cwd=tmp_path, env={"COLUMNS": "80"})

    assert result.returncode == 0
    assert "appetite.New" not in result.stdout
    assert "<br>" not in result.stdout


# -- 8. resume with no FILE -----------------------------------------------------------------


@pytest.mark.parametrize("newest", ["leeds-2026-12-01", "york-2026-12-02"])
def test_resume_picks_the_most_recently_saved_session(tmp_path: Path, newest: str) -> None:
    write_session(
        tmp_path / "leeds-2026-12-01.scopewiz.yaml",
        {"host_authority": "Leeds", "meeting_date": "2026-12-01", "facilitator": "Sam"},
    )
    write_session(
        tmp_path / "york-2026-12-02.scopewiz.yaml",
        {"host_authority": "York", "meeting_date": "2026-12-02"},
    )
    other = ({"leeds-2026-12-01", "york-2026-12-02"} - {newest}).pop()
    os.utime(tmp_path / f"{newest}.scopewiz.yaml", (2_000_000_000, 2_000_000_000))
    os.utime(tmp_path / f"{other}.scopewiz.yaml", (1_900_000_000, 1_900_000_000))
    untouched = (tmp_path / f"{other}.scopewiz.yaml").read_text(encoding="utf-8")

    result = run("resume", cwd=tmp_path, stdin="")

    assert result.returncode == 1  # input ended at the first question asked
    assert result.stderr.splitlines()[0] == (
        f"Using {newest}.scopewiz.yaml, the most recently saved of 2 unfinished sessions here; "
        f"the others: {other}.scopewiz.yaml. To carry on with another, name it: "
        "scopewiz resume FILE"
    )
    done = 3 if newest.startswith("leeds") else 2
    assert f"{done} of 26 questions answered." in result.stderr
    assert f"Resume with: scopewiz resume {newest}.scopewiz.yaml" in result.stderr
    next_question = (
        "Who is attending the scoping meeting?"
        if newest.startswith("leeds")
        else "Who is facilitating this scoping meeting?"
    )
    assert next_question in result.stdout
    assert (tmp_path / f"{other}.scopewiz.yaml").read_text(encoding="utf-8") == untouched


def test_resume_names_the_picked_session_as_it_was_announced(tmp_path: Path) -> None:
    write_session(tmp_path / SESSION_NAME, {"host_authority": "Leeds"})

    result = run("resume", cwd=tmp_path, stdin="")

    assert f"Resuming {SESSION_NAME}: 1 of 26 questions answered." in result.stderr


def test_resume_with_no_sessions_here(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("host_authority: Leeds\n")

    result = run("resume", cwd=tmp_path, stdin="")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: No session files (*.scopewiz.yaml) in this folder.",
        "Name one: scopewiz resume FILE, or start one: scopewiz new",
    ]
    assert result.stdout == ""
    assert names(tmp_path) == ["notes.yaml"]


# -- 9. edit ----------------------------------------------------------------------------------


@pytest.fixture
def complete_session(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.scopewiz.yaml"
    path.write_text(GOLDEN_SESSION.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_edit_a_long_answer_and_keep_it(complete_session: Path, bank: Bank) -> None:
    result = run(
        "edit",
        complete_session.name,
        "--question",
        "vision",
        cwd=complete_session.parent,
        stdin=".\n",
    )

    assert result.returncode == 0, result.stderr
    assert wording(bank, "vision") in result.stdout
    assert "keeps the current answer" in result.stdout
    # Only the vision question was asked.
    assert wording(bank, "vision_rationale") not in result.stdout
    assert saved_answers(complete_session) == golden_answers()
    assert (complete_session.parent / "meeting.md").exists()


def test_edit_a_long_answer_shows_the_current_answer(complete_session: Path) -> None:
    result = run(
        "edit",
        complete_session.name,
        "--question",
        "vision",
        cwd=complete_session.parent,
        stdin=".\n",
    )

    assert result.returncode == 0
    assert "Leeds wants to be the best city for children to grow up in." in result.stdout


def test_edit_a_long_answer_and_change_it(complete_session: Path) -> None:
    result = run(
        "edit",
        complete_session.name,
        "--question",
        "vision",
        cwd=complete_session.parent,
        stdin="Every child in Leeds safe and thriving.\nA child friendly city.\n.\n",
    )

    assert result.returncode == 0, result.stderr
    expected = golden_answers()
    expected["vision"] = "Every child in Leeds safe and thriving.\nA child friendly city."
    assert saved_answers(complete_session) == expected
    record = (complete_session.parent / "meeting.md").read_text(encoding="utf-8")
    assert "Every child in Leeds safe and thriving.\\\nA child friendly city." in record


def test_edit_an_unknown_question_names_the_questions(complete_session: Path, bank: Bank) -> None:
    before = complete_session.read_text(encoding="utf-8")

    result = run("edit", complete_session.name, "--question", "nope", cwd=complete_session.parent)

    assert result.returncode == 1
    questions = visible_questions(bank, InterviewState(answers=golden_answers()))
    assert result.stderr.splitlines()[-len(questions) - 2 :] == [
        "Error: No question of the bank 'childrens-services-scoping' is 'nope' or has those words.",
        "Give a number, words of the question, or an id:",
        *(f"  {n}. {q.heading} ({q.id})" for n, q in enumerate(questions, start=1)),
    ]
    assert complete_session.read_text(encoding="utf-8") == before


def test_edit_an_unknown_section_names_the_sections(complete_session: Path, bank: Bank) -> None:
    result = run("edit", complete_session.name, "--section", "nope", cwd=complete_session.parent)

    assert result.returncode == 1
    sections = visible_sections(bank, InterviewState(answers=golden_answers()))
    assert result.stderr.splitlines()[-len(sections) - 2 :] == [
        "Error: No section of the bank 'childrens-services-scoping' is 'nope' or has those words.",
        "Give a number, words of the title, or an id:",
        *(f"  {n}. {s.title} ({s.id})" for n, s in enumerate(sections, start=1)),
    ]


def test_edit_with_section_and_question_is_a_usage_error(complete_session: Path) -> None:
    result = run(
        "edit",
        complete_session.name,
        "--section",
        "vision",
        "--question",
        "vision",
        cwd=complete_session.parent,
    )

    assert result.returncode == 2
    assert result.stderr == "Error: Give --section or --question, not both.\n"


def test_edit_a_question_hidden_by_an_earlier_answer(tmp_path: Path) -> None:
    answers = golden_answers()
    answers["host_officers_join"] = False
    del answers["host_officers"]
    write_session(tmp_path / "s.scopewiz.yaml", answers)

    result = run("edit", "s.scopewiz.yaml", "--question", "host_officers", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.endswith(
        "Error: 'host_officers' is not asked in this session (an earlier answer hides it).\n"
    )
    assert result.stdout == ""


def test_edit_a_section_opens_at_its_first_question(complete_session: Path, bank: Bank) -> None:
    result = run(
        "edit",
        complete_session.name,
        "--section",
        "culture",
        cwd=complete_session.parent,
        stdin="A new culture.\n.\n",
    )

    assert result.returncode == 0, result.stderr
    assert "== Culture (section 3 of 10) ==" in result.stdout
    assert wording(bank, "values_behaviours") not in result.stdout
    expected = golden_answers()
    expected["culture"] = "A new culture."
    assert saved_answers(complete_session) == expected


def test_edit_a_list_when_input_ends_in_its_menu(complete_session: Path) -> None:
    result = run(
        "edit",
        complete_session.name,
        "--question",
        "focus_areas",
        cwd=complete_session.parent,
        stdin="",
    )

    assert "Change focus area 1: Early help" in result.stdout
    assert result.returncode == 1
    assert "Aborted!" not in result.stderr
    assert "Input ended before the interview was complete." in result.stderr
    assert saved_answers(complete_session) == golden_answers()


# -- 10. plain-mode navigation --------------------------------------------------------------


def test_back_then_jump_then_review_in_plain_mode(tmp_path: Path, bank: Bank) -> None:
    state = InterviewState(
        answers={
            "host_authority": "Leeds",
            "meeting_date": "2026-12-01",
            "facilitator": "Sam Patel",
            "attendees": [],
        }
    )
    culture = menu_number(bank, state, ("section", "culture"))
    assert culture == "d"  # "a" is "Continue", then the sections: b, c, then Culture
    typed = "\n".join(
        [
            "Leeds",
            "2026-12-01",
            "Sam",
            "back",  # at the first attendee: back to the facilitator
            "Sam Patel",
            "",  # no attendees
            "jump",  # at the vision
            str(culture),
            "Restorative: working with families, not doing to them.",
            ".",
            "review",  # back at the vision, the first unanswered question
        ]
    )

    result = run("new", cwd=tmp_path, stdin=typed + "\n")

    assert result.returncode == 1  # input ended before the end
    out = result.stdout
    facilitator = wording(bank, "facilitator")
    assert out.count(facilitator) == 2
    assert out.split(facilitator)[2].startswith("\nAnswer [Sam]: ")
    # The jump menu, numbered as computed from the bank.
    menu = out.split("Jump to a question\n", 1)[1]
    assert menu.startswith(" *a)   Continue where I left off\n")
    assert f"  {culture}) Culture  (0 of 2 answered)\n" in menu
    assert "  b) About this scoping meeting  (4 of 4 answered)\n" in menu
    # A question is picked by the number it shows, the number of "Question 3 of 26".
    assert "      ✓ 3. Facilitator: Sam Patel\n" in menu
    # After the culture answer the wizard goes back to the first unanswered question.
    after = out.split(wording(bank, "culture"), 1)[1]
    assert re.findall(r"Question (\d+) of (\d+)", after)[0] == ("5", "26")
    assert after.index(wording(bank, "vision")) < after.index("Review:")
    assert wording(bank, "values_behaviours") not in out
    assert "Review: 5 of 26 questions answered. Pick one to change it." in out
    assert f"Resume with: scopewiz resume {SESSION_NAME}" in result.stderr
    saved = saved_answers(tmp_path / SESSION_NAME)
    assert saved["facilitator"] == "Sam Patel"
    assert saved["culture"] == "Restorative: working with families, not doing to them."
    assert "vision" not in saved
    assert "values_behaviours" not in saved


def test_jump_to_a_question_by_its_number(tmp_path: Path, bank: Bank) -> None:
    state = InterviewState(answers={"host_authority": "Leeds"})
    number = menu_number(bank, state, "strategy")
    typed = "Leeds\njump\n" + f"{number}\nA plan.\n.\n"

    result = run("new", cwd=tmp_path, stdin=typed)

    assert result.returncode == 1
    after = result.stdout.split(wording(bank, "strategy"), 1)[1]
    # Then back to the meeting date, the first unanswered question.
    assert wording(bank, "meeting_date") in after
    saved = saved_answers(next(tmp_path.glob("*.scopewiz.yaml")))
    assert saved == {"host_authority": "Leeds", "strategy": "A plan."}


def test_review_picks_an_answer_to_change_then_returns(tmp_path: Path, bank: Bank) -> None:
    state = InterviewState(
        answers={"host_authority": "Leeds", "meeting_date": "2026-12-01", "facilitator": "Sam"}
    )
    number = menu_number(bank, state, "facilitator")
    typed = f"Leeds\n2026-12-01\nSam\nreview\n{number}\nSam Patel\n\n"

    result = run("new", cwd=tmp_path, stdin=typed)

    assert result.returncode == 1
    out = result.stdout
    assert out.count("Review: 3 of 26 questions answered. Pick one to change it.") == 2
    assert " *a)   Continue the interview\n" in out
    # Enter on the second review continues at the attendees.
    last_review = out.rsplit("Review: 3 of 26", 1)[1]
    assert wording(bank, "attendees") in last_review
    assert saved_answers(tmp_path / SESSION_NAME)["facilitator"] == "Sam Patel"


def test_back_at_the_first_question_and_help(tmp_path: Path, bank: Bank) -> None:
    result = run("new", cwd=tmp_path, stdin="back\nhelp\n?\n")

    assert result.returncode == 1
    assert "This is the first question." in result.stdout
    help_line = "Help: " + " ".join(bank.by_id["host_authority"].help.split())
    assert result.stdout.count(help_line) == 2
    assert "Nothing was saved: no question had been answered yet." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_back_after_an_empty_list_returns_to_the_list(tmp_path: Path, bank: Bank) -> None:
    result = run("new", cwd=tmp_path, stdin="Leeds\n2026-12-01\nSam\n\nback\n")

    assert result.returncode == 1
    after_back = result.stdout.split(wording(bank, "vision"), 1)[1]
    assert wording(bank, "attendees") in after_back
    assert wording(bank, "facilitator") not in after_back


# -- 11. every command has help and is in the README ----------------------------------------


def registered_commands() -> list[str]:
    """The app's commands, in the order ``--help`` lists them."""
    from typer.main import get_command

    from scopewiz.cli import app

    group = get_command(app)
    return list(group.commands)  # type: ignore[attr-defined]


COMMANDS = registered_commands()


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)

    assert result.returncode == 0
    listing = result.stdout.split("Commands:\n", 1)[1]
    listed = [line.split()[0] for line in listing.splitlines() if line.startswith("  ")]
    assert listed == COMMANDS
    assert listed == [
        "new",
        "resume",
        "edit",
        "render",
        "status",
        "show",
        "present",
        "list",
        "template",
        "check",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(tmp_path: Path, command: str) -> None:
    result = run(command, "--help", cwd=tmp_path)

    assert result.returncode == 0
    assert result.stdout.startswith(f"Usage: scopewiz {command} ")
    summary = result.stdout.split("\n\n")[1].strip()
    assert summary and summary[0].isupper() and summary.endswith(".")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`scopewiz {command}" in readme


@pytest.mark.parametrize("command", COMMANDS)
def test_usage_line_brackets_each_argument_once(tmp_path: Path, command: str) -> None:
    result = run(command, "--help", cwd=tmp_path)

    assert result.returncode == 0
    assert "[[" not in result.stdout
    assert "]]" not in result.stdout
