"""A session's life on disk: its name on screen, a second session for one meeting,
which file ``resume`` picks, a record that never goes stale unsaid, and edit's places."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from scopewiz.bank import Bank
from scopewiz.engine import InterviewState, visible_questions, visible_sections
from scopewiz.errors import ScopewizError, SessionFileError
from scopewiz.places import find_question, find_section
from scopewiz.session import (
    BESIDE,
    RESUME,
    STOP,
    MeetingHasSession,
    Saver,
    Session,
    load_session,
    save_session,
)

from .test_commands import run as run_scopewiz
from .test_e2e import scopewiz_command

LONG = (
    "Partners across health, police and schools describe the early help offer in "
    "different words, and the locality teams say referrals arrive late; the host "
    "wants the peer team to test whether the threshold is understood the same way."
)


def test_a_long_one_line_answer_stays_on_one_line(bank: Bank, tmp_path: Path) -> None:
    """Folded at a width, the rest of an answer reads in an editor as a second line."""
    session = Session.start(bank, builtin=True)
    areas = [{"area": "Early help " + LONG, "proposed_by": "host authority"}]
    session.state.answers.update({"host_authority": "Leeds", "vision_promotion": LONG})
    session.state.answers["focus_areas"] = areas
    session.path = tmp_path / "s.scopewiz.yaml"
    save_session(bank, session)
    text = session.path.read_text(encoding="utf-8")
    assert len(LONG) > 200
    assert f"  vision_promotion: {LONG}\n" in text
    assert f"  - area: Early help {LONG}\n" in text
    assert yaml.safe_load(text)["answers"]["vision_promotion"] == LONG
    _, loaded, _ = load_session(session.path)
    assert loaded.answers["vision_promotion"] == LONG
    assert loaded.answers["focus_areas"][0]["area"] == "Early help " + LONG


# -- show: the pager ------------------------------------------------------------------

GOLDEN_SESSION = Path(__file__).resolve().parent / "golden" / "leeds-2026-12-01.scopewiz.yaml"


def _pager_env(**extra: str) -> dict[str, str]:
    """A terminal with colour, and no pager settings of the user's."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("LESS", "PAGER", "MANPAGER", "NO_COLOR")
    }
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", **extra)
    return env


@pytest.mark.timeout(60)
@pytest.mark.skipif(shutil.which("less") is None, reason="needs less")
def test_show_in_less_shows_styles_not_escape_codes(tmp_path: Path) -> None:
    """With LESS unset, less shows a colour code as the text ESC[1;4m unless told -R."""
    child = pexpect.spawn(
        scopewiz_command(),
        ["show", str(GOLDEN_SESSION)],
        cwd=str(tmp_path),
        env=_pager_env(),
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=15,
    )
    try:
        child.expect_exact("Peer challenge scoping record")
        screen = child.before + child.after
        child.expect(pexpect.TIMEOUT, timeout=1.5)  # the rest of less's first screen
        screen += child.before
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    # less shows a code it does not pass as a reverse-video "ESC" then "[1;4m".
    assert "ESC[" not in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    assert "\x1b[1" in screen  # the styles reach the terminal as styles
    assert child.exitstatus == 0


@pytest.mark.timeout(60)
def test_show_tells_the_pager_to_pass_styles_unless_less_is_set(tmp_path: Path) -> None:
    seen = tmp_path / "less.txt"
    pager = f"printenv LESS > {seen}; cat > /dev/null"
    for given, expected in ((None, "-R"), ("-S", "-S")):
        extra = {"PAGER": pager} | ({"LESS": given} if given else {})
        child = pexpect.spawn(
            scopewiz_command(),
            ["show", str(GOLDEN_SESSION)],
            cwd=str(tmp_path),
            env=_pager_env(**extra),
            encoding="utf-8",
            dimensions=(24, 80),
            timeout=15,
        )
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert seen.read_text().strip() == expected


# -- edit --question/--section: what the screen shows -----------------------------------


@pytest.fixture
def golden_state() -> InterviewState:
    _, session, _ = load_session(GOLDEN_SESSION)
    return session.state


def test_a_question_is_found_by_its_number_on_screen(
    bank: Bank, golden_state: InterviewState
) -> None:
    questions = visible_questions(bank, golden_state)
    assert find_question(bank, golden_state, "5") is questions[4]
    assert find_question(bank, golden_state, " 1 ") is questions[0]
    with pytest.raises(ScopewizError) as raised:
        find_question(bank, golden_state, str(len(questions) + 1))
    assert raised.value.message == (
        f"There is no question {len(questions) + 1}: this session asks questions 1 to "
        f"{len(questions)}."
    )
    assert f"  5. {questions[4].heading} ({questions[4].id})" in (raised.value.hint or "")


def test_a_question_is_found_by_words_of_its_prompt(
    bank: Bank, golden_state: InterviewState
) -> None:
    vision = bank.by_id["vision"]
    assert find_question(bank, golden_state, "OVERALL VISION for children") is vision
    assert find_question(bank, golden_state, vision.heading.upper()) is vision  # a heading exactly
    assert find_question(bank, golden_state, "vision") is vision  # an id first


def test_words_in_several_questions_list_them_with_their_numbers(
    bank: Bank, golden_state: InterviewState
) -> None:
    questions = visible_questions(bank, golden_state)
    fitting = [
        (n, q)
        for n, q in enumerate(questions, start=1)
        if "cultur" in f"{q.prompt} {q.heading} {q.id}".casefold()
    ]
    assert len(fitting) > 1
    with pytest.raises(ScopewizError) as raised:
        find_question(bank, golden_state, "Cultur")
    assert raised.value.message == (
        f"'Cultur' is in {len(fitting)} questions; give more of its words, or its number."
    )
    assert raised.value.hint == "\n".join(f"  {n}. {q.heading} ({q.id})" for n, q in fitting)


def test_no_such_question_suggests_a_close_id(bank: Bank, golden_state: InterviewState) -> None:
    with pytest.raises(ScopewizError) as raised:
        find_question(bank, golden_state, "vison")
    assert "Did you mean vision?" in raised.value.message
    assert (raised.value.hint or "").startswith("Give a number, words of the question, or an id:\n")


def test_a_section_is_found_by_number_words_or_id(bank: Bank, golden_state: InterviewState) -> None:
    sections = visible_sections(bank, golden_state)
    assert find_section(bank, golden_state, "3") is sections[2]
    assert find_section(bank, golden_state, sections[2].title.lower()) is sections[2]
    assert find_section(bank, golden_state, sections[2].id) is sections[2]
    with pytest.raises(ScopewizError) as raised:
        find_section(bank, golden_state, "0")
    assert raised.value.message.startswith("There is no section 0:")


def test_edit_opens_at_the_number_the_screen_showed(tmp_path: Path, bank: Bank) -> None:
    session = tmp_path / "m.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, session)
    result = run_scopewiz("edit", session.name, "--question", "5", cwd=tmp_path, stdin=".\n")
    assert result.returncode == 0, result.stderr
    assert "Question 5 of " in result.stdout
    assert bank.by_id["vision"].prompt in result.stdout
    result = run_scopewiz("edit", session.name, "--question", "area", cwd=tmp_path)
    assert result.returncode == 1
    assert "Error: 'area' is in " in result.stderr
    assert "(focus_areas)" in result.stderr


# -- the record never goes stale unsaid --------------------------------------------------

CULTURE = "Restorative: working with families, not doing to them."


@pytest.fixture
def with_record(tmp_path: Path) -> Path:
    """A complete session and its record, as `new` leaves them: m.scopewiz.yaml and m.md."""
    session = tmp_path / "m.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, session)
    result = run_scopewiz("render", session.name, "-o", "m.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return session


def test_input_ending_in_an_edit_rewrites_the_record(with_record: Path) -> None:
    folder = with_record.parent
    # The review screen opens; the culture question is changed; then input ends.
    result = run_scopewiz(
        "edit", with_record.name, "--question", "culture", cwd=folder, stdin="A new culture.\n.\n"
    )
    assert result.returncode == 0, result.stderr
    record = (folder / "m.md").read_text(encoding="utf-8")
    assert "A new culture." in record and CULTURE not in record

    result = run_scopewiz("edit", with_record.name, cwd=folder, stdin="")  # review screen, then EOF
    assert result.returncode == 1
    assert "\nRecord updated: m.md\nSaved to m.scopewiz.yaml." in result.stderr
    record = (folder / "m.md").read_text(encoding="utf-8")
    stamp = yaml.safe_load(with_record.read_text(encoding="utf-8"))["updated"]
    assert record.rstrip().endswith(f"last saved {stamp}._")


def test_a_record_that_is_not_this_sessions_is_never_rewritten(tmp_path: Path) -> None:
    session = tmp_path / "m.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, session)
    (tmp_path / "m.md").write_text("My own notes.\n", encoding="utf-8")
    result = run_scopewiz("edit", session.name, "--question", "culture", cwd=tmp_path, stdin="")
    assert result.returncode == 1
    assert (tmp_path / "m.md").read_text(encoding="utf-8") == "My own notes.\n"
    assert not (tmp_path / "m.record.md").exists()  # no record was there to keep up
    assert "Record" not in result.stdout + result.stderr


def test_status_and_list_say_when_the_record_is_out_of_date(with_record: Path) -> None:
    folder = with_record.parent
    stale = (
        "The record m.md is out of date: the session has changed since it was written. "
        "Refresh it with: scopewiz render m.scopewiz.yaml -o m.md"
    )
    for command in ("status", "list"):
        assert stale not in run_scopewiz(command, with_record.name, cwd=folder).stdout
    text = with_record.read_text(encoding="utf-8")
    with_record.write_text(text.replace(CULTURE, "Changed by hand."), encoding="utf-8")
    assert run_scopewiz("status", with_record.name, cwd=folder).stdout.endswith(stale + "\n")
    assert run_scopewiz("list", cwd=folder).stdout.endswith("\n\n" + stale + "\n")
    assert run_scopewiz("render", with_record.name, "-o", "m.md", cwd=folder).returncode == 0
    assert stale not in run_scopewiz("status", with_record.name, cwd=folder).stdout
    assert stale not in run_scopewiz("list", cwd=folder).stdout


def test_a_record_that_cannot_be_rewritten_is_said_to_be_out_of_date(
    with_record: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scopewiz import cli, files

    def full(*args: object, **kwargs: object) -> None:
        raise SessionFileError("m.md: no space left on the device")

    _, session, _ = load_session(with_record)
    monkeypatch.chdir(with_record.parent)
    monkeypatch.setattr(files, "write_atomic", full)
    before = (with_record.parent / "m.md").read_text(encoding="utf-8")
    assert cli._refresh_record(bank, session) == (
        "The record m.md is out of date: m.md: no space left on the device "
        "Refresh it with: scopewiz render m.scopewiz.yaml -o m.md"
    )
    # The latest save failed: the file holds older answers, so the record is left.
    assert cli._refresh_record(bank, session, behind=True) == (
        "The record m.md is out of date. Once the session is saved, "
        "refresh it with: scopewiz render m.scopewiz.yaml -o m.md"
    )
    assert (with_record.parent / "m.md").read_text(encoding="utf-8") == before


@pytest.mark.timeout(60)
def test_ctrl_c_in_an_edit_rewrites_the_record(with_record: Path) -> None:
    """Full screen: change an answer, then Ctrl-C at the review screen."""
    folder = with_record.parent
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", NO_COLOR="1")
    child = pexpect.spawn(
        scopewiz_command(),
        ["edit", with_record.name, "--question", "culture"],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=15,
    )
    try:
        child.expect_exact("culture that the DCS")
        child.send("\x15" + "Changed in the room." + "\x1b\r")  # clear, type, save
        child.expect_exact("Review")
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    output = child.before
    assert "Record updated: m.md" in output
    record = (folder / "m.md").read_text(encoding="utf-8")
    assert "Changed in the room." in record and CULTURE not in record
    assert child.exitstatus == 130


# -- the session's name on screen; a second session for one meeting -----------------------

TODAY = dt.date(2026, 11, 29)


def _saver(bank: Bank, folder: Path) -> tuple[Session, Saver, list[tuple[Any, ...]]]:
    session = Session.start(bank, builtin=True)
    saver = Saver(bank, session, folder=folder, fixed=False, today=TODAY)
    said: list[tuple[Any, ...]] = []
    saver.announce = lambda *args: said.append(tuple(p.name if p else None for p in args))
    return session, saver, said


def test_the_file_name_is_said_at_the_first_save_and_when_renamed(
    bank: Bank, tmp_path: Path
) -> None:
    session, saver, said = _saver(bank, tmp_path)
    session.answers["host_authority"] = "Leeds"
    saver()
    assert said == [("leeds-2026-11-29.scopewiz.yaml", None, None)]
    saver()
    assert len(said) == 1  # not again while the name stays
    session.answers["meeting_date"] = dt.date(2026, 12, 2)
    saver()
    assert said[1] == ("leeds-2026-12-02.scopewiz.yaml", "leeds-2026-11-29.scopewiz.yaml", None)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "leeds-2026-12-02.scopewiz.yaml"
    ]


def test_a_meeting_with_a_session_here_asks_once_and_saves_beside_it(
    bank: Bank, tmp_path: Path
) -> None:
    existing = tmp_path / "leeds-2026-12-02.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, existing)
    before = existing.read_bytes()
    session, saver, said = _saver(bank, tmp_path)
    asked: list[Path] = []
    saver.on_existing = lambda path: asked.append(path) or BESIDE
    session.answers["host_authority"] = "Leeds"
    saver()  # named for today until the date is given: no other session of that name
    assert asked == []
    session.answers["meeting_date"] = dt.date(2026, 12, 2)
    saver()
    saver()
    assert asked == [existing]  # once
    assert session.path == tmp_path / "leeds-2026-12-02-2.scopewiz.yaml"
    assert said[-1] == (
        "leeds-2026-12-02-2.scopewiz.yaml",
        "leeds-2026-11-29.scopewiz.yaml",
        "leeds-2026-12-02.scopewiz.yaml",
    )
    assert existing.read_bytes() == before


@pytest.mark.parametrize("action", [RESUME, STOP])
def test_resume_or_stop_raises_before_anything_is_saved_there(
    bank: Bank, tmp_path: Path, action: str
) -> None:
    existing = tmp_path / "leeds-2026-12-02.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, existing)
    session, saver, _ = _saver(bank, tmp_path)
    saver.on_existing = lambda path: action
    session.answers.update(host_authority="Leeds", meeting_date=dt.date(2026, 12, 2))
    with pytest.raises(MeetingHasSession) as raised:
        saver()
    assert (raised.value.path, raised.value.action) == (existing, action)
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing.name]


def _two_meetings(folder: Path) -> Path:
    """A folder holding the session of Leeds's meeting on 2 December 2026 (3 answers)."""
    first = run_scopewiz("new", cwd=folder, stdin="Leeds\n2/12/2026\nSam\n")
    assert first.returncode == 1, first.stderr  # input ended at the attendees
    existing = folder / "leeds-2026-12-02.scopewiz.yaml"
    assert "Saving to " in first.stdout
    assert "Now saving to leeds-2026-12-02.scopewiz.yaml (named from the answers)" in first.stdout
    return existing


def test_piped_new_for_a_meeting_with_a_session_saves_beside_it_and_says_so(
    tmp_path: Path,
) -> None:
    existing = _two_meetings(tmp_path)
    before = existing.read_bytes()
    result = run_scopewiz("new", cwd=tmp_path, stdin="Leeds\n2/12/2026\n")
    assert result.returncode == 1
    assert (
        "This meeting already has a session here, leeds-2026-12-02.scopewiz.yaml; this one is "
        "saved beside it as leeds-2026-12-02-2.scopewiz.yaml. (Carry on with the other: "
        "scopewiz resume leeds-2026-12-02.scopewiz.yaml)"
    ) in result.stdout
    assert "Resume it" not in result.stdout  # never asked
    assert "Resume with: scopewiz resume leeds-2026-12-02-2.scopewiz.yaml" in result.stderr
    assert existing.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "leeds-2026-12-02-2.scopewiz.yaml",
        "leeds-2026-12-02.scopewiz.yaml",
    ]

    # resume with no FILE: the newest of the two, naming the other.
    os.utime(existing, (1_700_000_000, 1_700_000_000))
    result = run_scopewiz("resume", cwd=tmp_path, stdin="")
    assert result.stderr.splitlines()[0] == (
        "Using leeds-2026-12-02-2.scopewiz.yaml, the most recently saved of 2 unfinished "
        "sessions here; the others: leeds-2026-12-02.scopewiz.yaml. To carry on with "
        "another, name it: scopewiz resume FILE"
    )


def test_no_input_new_for_a_meeting_with_a_session_names_both_files(tmp_path: Path) -> None:
    existing = tmp_path / "leeds-2026-12-01.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, existing)
    result = run_scopewiz("new", "--answers", str(GOLDEN_SESSION), "--no-input", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "This meeting already has a session here, leeds-2026-12-01.scopewiz.yaml; this one is "
        "saved beside it as leeds-2026-12-01-2.scopewiz.yaml. (Carry on with the other: "
        "scopewiz resume leeds-2026-12-01.scopewiz.yaml)"
    )
    assert "  Session: leeds-2026-12-01-2.scopewiz.yaml" in result.stderr
    assert "  Record:  leeds-2026-12-01-2.md" in result.stderr
    assert (tmp_path / "leeds-2026-12-01-2.md").is_file()
    assert existing.read_bytes() == GOLDEN_SESSION.read_bytes()


def test_resume_with_one_unfinished_session_among_complete_ones(tmp_path: Path) -> None:
    existing = _two_meetings(tmp_path)
    shutil.copy(GOLDEN_SESSION, tmp_path / "done.scopewiz.yaml")  # newer, complete
    os.utime(existing, (1_700_000_000, 1_700_000_000))
    result = run_scopewiz("resume", cwd=tmp_path, stdin="")
    assert result.stderr.splitlines()[0] == (
        "Using leeds-2026-12-02.scopewiz.yaml, the only unfinished session here."
    )


def _pty(args: list[str], cwd: Path) -> pexpect.spawn:
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", NO_COLOR="1")
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return pexpect.spawn(
        scopewiz_command(),
        args,
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=15,
    )


@pytest.mark.timeout(60)
@pytest.mark.parametrize("plain", [False, True])
def test_new_at_a_terminal_offers_to_resume_the_meetings_session(
    tmp_path: Path, plain: bool
) -> None:
    existing = _two_meetings(tmp_path)
    child = _pty(["new", *(["--plain"] if plain else [])], tmp_path)
    try:
        child.expect_exact("hosting the peer challenge?")
        child.send("Leeds\r")
        child.expect_exact("Saving to ")
        child.expect_exact("taking place?")
        child.send("\x15" + "2/12/2026\r")
        child.expect_exact("This meeting already has a session here:")
        child.expect_exact("questions answered, last saved")  # (wrapped at 80 columns)
        child.expect_exact("Resume it")
        child.expect_exact("Start a new session beside it")
        child.expect_exact("Stop (nothing new is kept)")
        child.send("\r")  # the default: resume it
        child.expect_exact("Carrying on with leeds-2026-12-02.scopewiz.yaml.")
        child.expect_exact("Resuming leeds-2026-12-02.scopewiz.yaml: 3 of 26 questions answered.")
        child.expect_exact("Who is attending the scoping meeting?")
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert "Resume with: scopewiz resume leeds-2026-12-02.scopewiz.yaml" in child.before
    # The provisional file this run wrote (named for today) is gone; the meeting's is kept.
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing.name]


@pytest.mark.timeout(60)
def test_new_at_a_terminal_can_stop_instead(tmp_path: Path) -> None:
    existing = _two_meetings(tmp_path)
    before = existing.read_bytes()
    child = _pty(["new", "--plain"], tmp_path)
    try:
        child.expect_exact("hosting the peer challenge?")
        child.send("Leeds\r")
        child.expect_exact("taking place?")
        child.send("2/12/2026\r")
        child.expect_exact("Type a number")
        child.send("3\r")
        child.expect_exact("Nothing new was kept. This meeting's session is ")
        child.expect_exact("Carry on with it: scopewiz resume leeds-2026-12-02.scopewiz.yaml")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing.name]
    assert existing.read_bytes() == before


@pytest.mark.timeout(60)
def test_resume_at_a_terminal_asks_which_of_several_unfinished_sessions(tmp_path: Path) -> None:
    existing = _two_meetings(tmp_path)
    york = run_scopewiz("new", cwd=tmp_path, stdin="York\n3/12/2026\n")
    assert york.returncode == 1
    os.utime(existing, (1_700_000_000, 1_700_000_000))
    child = _pty(["resume"], tmp_path)
    try:
        child.expect_exact("2 unfinished sessions here, the most recently saved first.")
        child.expect_exact("york-2026-12-03.scopewiz.yaml  (2/26 answered, saved ")
        child.expect_exact("leeds-2026-12-02.scopewiz.yaml  (3/26 answered, saved ")
        child.expect(pexpect.TIMEOUT, timeout=0.5)  # the menu takes keys once drawn
        child.send("\x1b[B\r")  # the second: Leeds
        child.expect_exact("Using leeds-2026-12-02.scopewiz.yaml.")
        child.expect_exact("Resuming leeds-2026-12-02.scopewiz.yaml: 3 of 26")
        child.expect_exact("Who is attending the scoping meeting?")
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130


# -- shell completion ---------------------------------------------------------------------


def _complete(cwd: Path, shell: str, words: str) -> str:
    """What the installed scopewiz offers the shell for ``words`` (the line so far)."""
    env = dict(os.environ, _SCOPEWIZ_COMPLETE=f"complete_{shell}")
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split(" ")) - 1))
    else:
        env.update(_TYPER_COMPLETE_ARGS=words)
    done = subprocess.run(
        [scopewiz_command()],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.timeout(60)
def test_completion_offers_commands_session_files_and_ids(tmp_path: Path, bank: Bank) -> None:
    shutil.copy(GOLDEN_SESSION, tmp_path / "m.scopewiz.yaml")
    (tmp_path / "notes.md").write_text("not a session\n", encoding="utf-8")
    assert _complete(tmp_path, "bash", "scopewiz re").split() == ["resume", "render"]
    assert _complete(tmp_path, "bash", "scopewiz edit ").split() == ["m.scopewiz.yaml"]
    expected = sorted(q.id for q in bank.questions if q.id.startswith("vi"))
    offered = _complete(tmp_path, "bash", "scopewiz edit m.scopewiz.yaml --question vi")
    assert sorted(offered.split()) == expected
    zsh = _complete(tmp_path, "zsh", "scopewiz edit m.scopewiz.yaml --section ")
    assert '"culture":"3. Culture"' in zsh  # with the number and title the screen shows
    # A number typed completes to the numbers the screen shows, with their headings.
    numbers = _complete(tmp_path, "bash", "scopewiz edit m.scopewiz.yaml --question 2")
    # The session's own numbering: its host officers are asked, so there are 26.
    assert numbers.split() == ["2", *(str(n) for n in range(20, len(bank.questions) + 1))]
    assert '"1":"About this scoping meeting"' in _complete(
        tmp_path, "zsh", "scopewiz edit m.scopewiz.yaml --section 1"
    )


def test_main_help_offers_to_install_completion(tmp_path: Path) -> None:
    result = run_scopewiz("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout


def test_a_move_after_a_failed_save_is_not_announced_as_a_rename(
    bank: Bank, tmp_path: Path
) -> None:
    """The runner says "Saved to X. Answers go there from now on."; the saver adds nothing."""
    session, saver, said = _saver(bank, tmp_path)
    session.answers["host_authority"] = "Leeds"
    saver()
    saver.move_to(tmp_path / "elsewhere.scopewiz.yaml")
    saver()
    assert said == [("leeds-2026-11-29.scopewiz.yaml", None, None)]
    assert session.path == tmp_path / "elsewhere.scopewiz.yaml"


def test_completion_costs_a_plain_run_nothing(tmp_path: Path) -> None:
    """The completion callbacks import what they need when the shell asks, never at start."""
    from .test_imports import probe

    result = probe(["--help"], ("scopewiz",), tmp_path)
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == ["scopewiz", "scopewiz.cli", "scopewiz.errors", "scopewiz.terminal"]
