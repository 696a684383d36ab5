"""Crash safety: SIGKILL the wizard anywhere and nothing accepted is lost.

Three harnesses, each followed by ``scopewiz resume`` to the end of the interview:

* every question in turn: ``scopewiz new --plain`` fed the answers of the first
  k steps of :data:`FULL_SCRIPT` through a pipe, killed once the session file
  holds them (k = 0 .. all but the last);
* inside the write path: a ``python -c`` wrapper around ``scopewiz.cli.main``
  kills the process half-way through a write, between fsync and rename, after
  the rename, between the rename of a provisional file name and its save, and
  half-way through writing the Markdown record;
* the terminal UI: the installed ``scopewiz new`` in a real pseudo-terminal,
  killed in a text, a long-text, a select and a checklist prompt.

After every kill the file parses (``yaml.safe_load`` and ``load_session``) and holds
exactly the answers accepted before it; the dead wizard's lock may stay beside it,
and resume takes it over and leaves no lock behind. Every kill point is counted;
the total is printed at the end (``pytest -s`` shows it).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from scopewiz.bank import Bank
from scopewiz.engine import InterviewState, is_answered, question_total, visible_questions
from scopewiz.naming import SUFFIX
from scopewiz.runner import answered_summary, run_interview
from scopewiz.session import Session, load_session
from scopewiz.yamlio import dump

from .conftest import FULL_SCRIPT, GOLDEN, ScriptedPrompter
from .test_e2e import FIRST_PART, REST, answer, spawn

pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals and a pty"),
]

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
GOLDEN_NAME = GOLDEN_SESSION.name
GOLDEN_RECORD_NAME = "leeds-2026-12-01.md"
TODAY = dt.date(2026, 12, 1)
#: The line a plain-mode prompt waits on: one per step (continuation lines of a long
#: answer are "  ", not counted).
PLAIN_PROMPT = re.compile(
    r"\n(?:Answer(?: \[[^\]\n]*\])?(?: \([^)\n]*\))?: |> |Yes or no\? \[[^\]\n]*\] "
    r"|Type a (?:question's )?number[^\n]*: |Numbers separated by commas[^\n]*: )"
)

KILL_POINTS: dict[str, int] = {}


def count_kill(harness: str) -> None:
    KILL_POINTS[harness] = KILL_POINTS.get(harness, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def report_kill_points() -> Any:
    yield
    total = sum(KILL_POINTS.values())
    parts = ", ".join(f"{name}: {n}" for name, n in KILL_POINTS.items())
    print(f"\nkill points tried: {total} ({parts})")


def golden_answers() -> dict[str, Any]:
    return yaml.safe_load(GOLDEN_SESSION.read_text(encoding="utf-8"))["answers"]


# -- the script as plain-mode input ----------------------------------------------------


def scripted_run(bank: Bank, session: Session, script: list[Any]) -> ScriptedPrompter:
    """Run ``script`` in-process on ``session`` (changed in place) until it runs out."""
    prompter = ScriptedPrompter(script)
    try:
        run_interview(bank, session, prompter, lambda: None, today=TODAY)
    except EOFError:
        pass
    return prompter


def plain_chunks(bank: Bank, session: Session, script: list[Any]) -> list[str]:
    """What a person types in plain mode for each step of ``script``, from ``session`` on.

    ``session`` is not changed. One chunk per step; a long answer is several lines.
    """
    prompter = scripted_run(bank, copy.deepcopy(session), list(script))
    assert not prompter.script, f"the script was not used up: {prompter.script[:1]}"
    assert not prompter.rejections, prompter.rejections
    chunks: list[str] = []
    for prompt, (path, value) in zip(prompter.prompts, script, strict=False):
        assert prompt.path == path
        if prompt.kind == "long_text":
            lines = [*value.split("\n"), "."]
        elif prompt.kind == "multiselect":
            lines = [", ".join(value)]
        elif prompt.kind == "confirm":
            lines = ["y" if value else "n"]
        else:
            lines = [value]
        chunks.append("".join(line + "\n" for line in lines))
    assert len(chunks) == len(script)
    return chunks


def state_after(bank: Bank, steps: int) -> InterviewState:
    """The state once the first ``steps`` steps of the full script are answered."""
    session = Session.start(bank, builtin=True)
    scripted_run(bank, session, FULL_SCRIPT[:steps])
    return session.state


def as_saved(answers: dict[str, Any]) -> Any:
    """Answers as they read back through plain YAML (what ``yaml.safe_load`` gives)."""
    return yaml.safe_load(dump(answers))


# -- processes -----------------------------------------------------------------------------


def env() -> dict[str, str]:
    return dict(os.environ, NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")


def session_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*" + SUFFIX))


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


def lock_files(folder: Path) -> list[str]:
    """Lock files (``.NAME.lock``): a killed wizard leaves its own behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".lock"))


def tail(path: Path, n: int = 1500) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-n:] if path.exists() else ""


def prompts_shown(out: Path) -> int:
    """How many steps plain mode has asked so far (the one waiting included)."""
    return len(PLAIN_PROMPT.findall(tail(out, 10**7)))


def wait_until_saved(
    folder: Path, expected: Any, steps: int, proc: subprocess.Popen[bytes], out: Path, err: Path
) -> Path:
    """Poll until the one session file in ``folder`` holds ``expected`` answers and the
    prompt of the next step is on screen; return the file.

    A file that exists but does not parse fails at once: saves are atomic, so a
    reader must never see half a file.
    """
    deadline = time.monotonic() + 20
    found: Path | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"scopewiz exited ({proc.returncode}) before the kill\n{tail(out)}\n{tail(err)}"
            )
        if found is None:
            files = session_files(folder)
            assert len(files) <= 1, files
            if files:
                try:
                    text = files[0].read_text(encoding="utf-8")
                except FileNotFoundError:  # renamed to its settled name meanwhile
                    continue
                doc = yaml.safe_load(text)  # never half a file
                if doc["answers"] == expected:
                    found = files[0]
        elif prompts_shown(out) > steps:
            return found
        time.sleep(0.01)
    raise AssertionError(f"the answers never reached the file\n{tail(out)}\n{tail(err)}")


def run_scopewiz(
    *args: str, cwd: Path, stdin: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # the exit code is what the tests check
        [sys.executable, "-m", "scopewiz", *args],
        check=False,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=env(),
        timeout=timeout,
    )


def resume_to_the_end(bank: Bank, folder: Path, steps: int, *, name_arg: bool = True) -> None:
    """Resume the killed session (``steps`` answers saved) with the rest of the script;
    check what resume shows and that the finished file equals the golden one.
    """
    files = session_files(folder)
    assert len(files) == 1, files
    file = files[0]
    loaded_bank, session, notes = load_session(file)
    assert notes == []
    # The rest of the script, as the prompts of the resumed session ask for it.
    rest = plain_chunks(loaded_bank, session, FULL_SCRIPT[steps:])
    questions = visible_questions(loaded_bank, session.state)
    answered = sum(1 for q in questions if is_answered(loaded_bank, session.state, q))
    summary = answered_summary(loaded_bank, session)

    args = ["resume", file.name, "--plain"] if name_arg else ["resume", "--plain"]
    result = run_scopewiz(*args, cwd=folder, stdin="".join(rest))
    assert result.returncode == 0, result.stderr[-2000:]
    total = question_total(loaded_bank, session.state)
    assert f"Resuming {file.name}: {answered} of {total} questions answered." in (result.stderr)
    for line in summary:  # the section where it stopped, as it was answered
        assert line in result.stderr
    assert "Interview complete." in result.stderr
    # A file named before its meeting date was known takes its settled name now; the
    # dead wizard's lock was taken over and nothing stays locked.
    assert [p.name for p in session_files(folder)] == [GOLDEN_NAME]
    assert lock_files(folder) == []
    assert (folder / GOLDEN_RECORD_NAME).is_file()
    saved = yaml.safe_load((folder / GOLDEN_NAME).read_text(encoding="utf-8"))
    assert saved["progress"]["complete"] is True
    assert saved["progress"]["open_lists"] == []
    assert saved["answers"] == golden_answers()


# -- 1. a kill at every question ----------------------------------------------------------------


def kill_after(bank: Bank, chunks: list[str], steps: int, folder: Path) -> None:
    """Start ``scopewiz new --plain``, type ``steps`` answers, SIGKILL once they are saved."""
    out, err = folder.parent / f"{folder.name}.out", folder.parent / f"{folder.name}.err"
    with out.open("wb") as out_f, err.open("wb") as err_f:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scopewiz", "new", "--plain"],
            cwd=folder,
            stdin=subprocess.PIPE,
            stdout=out_f,
            stderr=err_f,
            env=env(),
        )
        try:
            assert proc.stdin is not None
            proc.stdin.write("".join(chunks[:steps]).encode("utf-8"))
            proc.stdin.flush()
            if steps == 0:
                deadline = time.monotonic() + 20
                while prompts_shown(out) == 0:
                    assert time.monotonic() < deadline, tail(err)
                    time.sleep(0.01)
            else:
                expected = as_saved(state_after(bank, steps).answers)
                wait_until_saved(folder, expected, steps, proc, out, err)
            os.kill(proc.pid, signal.SIGKILL)
            assert proc.wait(timeout=10) == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.stdin is not None:
                proc.stdin.close()


def check_killed_file(bank: Bank, folder: Path, steps: int) -> None:
    """After a kill while idle: one whole session file holding exactly the accepted answers
    (and at most the dead wizard's lock beside it)."""
    files = session_files(folder)
    assert len(files) == 1, sorted(p.name for p in folder.iterdir())
    others = {p.name for p in folder.iterdir()} - {files[0].name}
    assert others <= {f".{files[0].name}.lock"}, others
    doc = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    expected = state_after(bank, steps)
    assert doc["answers"] == as_saved(expected.answers)
    assert doc["progress"]["next"] == FULL_SCRIPT[steps][0]
    assert doc["progress"]["open_lists"] == expected.open_lists
    _, session, notes = load_session(files[0])
    assert notes == []
    assert session.answers == expected.answers
    assert session.state.open_lists == expected.open_lists


def test_sigkill_at_every_question_then_resume(bank: Bank, tmp_path: Path) -> None:
    chunks = plain_chunks(bank, Session.start(bank, builtin=True), FULL_SCRIPT)
    failures: list[str] = []
    tried = 0
    started = time.monotonic()
    for steps in range(len(FULL_SCRIPT)):
        folder = tmp_path / f"k{steps:02d}"
        folder.mkdir()
        tried += 1
        count_kill("every question")
        try:
            kill_after(bank, chunks, steps, folder)
            if steps == 0:
                # Killed at the first question: nothing was answered, nothing is written.
                assert list(folder.iterdir()) == []
                continue
            check_killed_file(bank, folder, steps)
            resume_to_the_end(bank, folder, steps)
        except AssertionError as exc:
            where = FULL_SCRIPT[steps][0]
            failures.append(f"killed after {steps} answers (at {where}): {exc}")
    elapsed = time.monotonic() - started
    print(f"\nkill points tried (every question): {tried} in {elapsed:.0f} s")
    assert tried >= len(FULL_SCRIPT)
    assert not failures, "\n\n".join(failures)


# -- 2. a kill inside the write path ------------------------------------------------------------

# Runs the real CLI with a booby-trapped write path: the process SIGKILLs itself
# at one exact point of the Nth save of the session file (or of the record).
WRAPPER = textwrap.dedent(
    """
    import os, pathlib, signal, sys
    import scopewiz.files as files

    point, target = sys.argv[1], int(sys.argv[2])
    saves = {"n": 0, "armed": False}
    real_write_atomic = files.write_atomic
    real_replace = pathlib.Path.replace
    real_write = os.write
    real_open = os.open
    real_link = os.link

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def write_atomic(path, text, **kw):
        if point == "record":
            saves["armed"] = path.name.endswith(".md")
        else:
            if path.name.endswith(".scopewiz.yaml"):
                saves["n"] += 1
            saves["armed"] = saves["n"] == target
        try:
            return real_write_atomic(path, text, **kw)
        finally:
            saves["armed"] = False

    def write(fd, data):
        if saves["armed"] and point in ("mid-write", "record"):
            real_write(fd, bytes(data)[: len(data) // 2])
            die()
        return real_write(fd, data)

    def replace(self, target_path):
        if point == "before-rename" and saves["armed"] and self.name.endswith(".tmp"):
            die()
        return real_replace(self, target_path)

    def link(source, target, **kwargs):
        # A new file gets its name by a hard link (files._create), never over another.
        name = os.path.basename(str(source))
        if point == "before-rename" and saves["armed"] and name.endswith(".tmp"):
            die()
        if point == "provisional-rename" and not name.endswith(".tmp"):
            die()  # the Saver giving a provisionally named file its settled name
        return real_link(source, target, **kwargs)

    def open_(path, flags, *args, **kwargs):
        if point == "after-rename" and saves["armed"] and flags == os.O_RDONLY:
            die()  # the rename is done; the folder's fsync is next
        return real_open(path, flags, *args, **kwargs)

    # Before anything imports write_atomic from scopewiz.files: session.py and
    # the cli take their own reference to it when they are imported.
    files.write_atomic = write_atomic
    os.write = write
    os.open = open_
    os.link = link
    pathlib.Path.replace = replace

    from scopewiz.cli import main
    sys.argv = ["scopewiz", "new", "--plain"]
    main()
    """
)


@pytest.mark.parametrize(
    ("point", "save", "kept"),
    [
        # point of the kill, which save it hits, how many answers the file keeps
        ("before-rename", 2, 1),  # just after the file moved to its settled name
        ("before-rename", 11, 10),  # a long answer
        ("before-rename", 37, 36),  # the interviewees checklist
        ("mid-write", 3, 2),
        ("mid-write", 45, 44),
        ("after-rename", 20, 20),
        ("after-rename", 58, 58),
        ("provisional-rename", 2, 1),
        ("record", 67, 67),  # the interview is complete; the Markdown record is half written
    ],
)
def test_sigkill_inside_the_write_path(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str, save: int, kept: int
) -> None:
    if point == "provisional-rename":
        # The first file name takes today's date until the meeting date is answered, and
        # is known as provisional by the day the session was created (the real clock's).
        monkeypatch.delenv("SCOPEWIZ_TODAY")
        if dt.date.today() == TODAY:
            pytest.skip("today is the meeting date: the first file name is already settled")
    count_kill("write path")
    chunks = plain_chunks(bank, Session.start(bank, builtin=True), FULL_SCRIPT)
    result = subprocess.run(  # the exit code is what the test checks
        [sys.executable, "-c", WRAPPER, point, str(save)],
        check=False,
        cwd=tmp_path,
        input="".join(chunks),
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]

    # The file on disk is a whole earlier version: it parses and holds the first answers.
    files = session_files(tmp_path)
    assert len(files) == 1, sorted(p.name for p in tmp_path.iterdir())
    doc = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    expected = state_after(bank, kept)
    assert doc["answers"] == as_saved(expected.answers)
    _, session, _ = load_session(files[0])
    assert session.answers == expected.answers
    assert session.state.open_lists == expected.open_lists

    leftovers = temp_files(tmp_path)
    if point in ("before-rename", "mid-write", "record"):
        # The temporary file of the interrupted save stays behind, private.
        assert len(leftovers) == 1
        interrupted = GOLDEN_RECORD_NAME if point == "record" else files[0].name
        assert leftovers[0].name.startswith(f".{interrupted}.")
        assert (leftovers[0].stat().st_mode & 0o777) == 0o600
    else:
        assert leftovers == []

    if point == "record":
        # Complete: resume says so; render writes the record the kill interrupted.
        assert doc["progress"]["complete"] is True
        assert doc["answers"] == golden_answers()
        again = run_scopewiz("resume", "--plain", cwd=tmp_path, stdin="")
        assert again.returncode == 0, again.stderr
        assert "is complete: every question is answered." in again.stderr
        assert lock_files(tmp_path) == []
        record = run_scopewiz(
            "render", files[0].name, "-o", GOLDEN_RECORD_NAME, cwd=tmp_path, stdin=""
        )
        assert record.returncode == 0, record.stderr
        assert (
            (tmp_path / GOLDEN_RECORD_NAME)
            .read_text(encoding="utf-8")
            .startswith("# Peer challenge scoping record: Leeds")
        )
    else:
        # `resume` with no FILE picks the newest session, never the leftover temp file.
        resume_to_the_end(bank, tmp_path, kept, name_arg=False)
    # The killed save's temporary file (its name holds the dead process's id) is
    # removed by the next save of the same file; the finished run leaves none.
    assert temp_files(tmp_path) == []
    listing = run_scopewiz("list", cwd=tmp_path, stdin="")
    assert listing.returncode == 0
    assert ".tmp" not in listing.stdout


# -- 3. the terminal UI in a real pseudo-terminal -------------------------------------------------

ENTER = "\r"
DOWN = "\x1b[B"
KEYS = FIRST_PART + REST


def key_index(prompt: str, keys: str, start: int = 0) -> int:
    return next(i for i, entry in enumerate(KEYS) if i >= start and entry == (prompt, keys))


def extends(old: Any, new: Any) -> bool:
    """Whether ``new`` keeps everything of ``old`` (lists and records may have grown)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            k in new and extends(v, new[k]) for k, v in old.items()
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(new) >= len(old)
            and all(extends(o, n) for o, n in zip(old, new, strict=False))
        )
    return bool(old == new)


def test_sigkill_in_the_terminal_ui_then_resume(tmp_path: Path) -> None:
    # Where to kill: the entry of KEYS whose prompt is on screen, what has been typed
    # there (never submitted), and the step the file must say comes next.
    kills = [
        (
            key_index("Who is facilitating this scoping meeting?", "Sam Patel" + ENTER),
            "Sam Pa",
            "facilitator",
        ),
        (
            key_index("overall vision for children", FIRST_PART[9][1]),
            "A child friendly city." + ENTER + "Every",
            "vision",
        ),
        (key_index("Who proposed Care leavers?", DOWN + ENTER), DOWN, "focus_areas[1].proposed_by"),
        (key_index("Care leavers", DOWN * 14 + " " + ENTER), DOWN * 14 + " ", "interviewees.pick"),
    ]
    session_file = tmp_path / GOLDEN_NAME
    children: list[pexpect.spawn] = []
    try:
        child = spawn(["new"], tmp_path)
        children.append(child)
        position = 0
        previous: dict[str, Any] = {}
        for index, typed, next_path in kills:
            for prompt, keys in KEYS[position:index]:
                answer(child, prompt, keys)
            child.expect_exact(KEYS[index][0])
            child.send(typed)
            time.sleep(0.3)  # let the keys reach the prompt: they must not be saved
            os.kill(child.pid, signal.SIGKILL)
            child.expect(pexpect.EOF)
            child.close()
            count_kill("terminal UI")

            assert [p.name for p in session_files(tmp_path)] == [GOLDEN_NAME]
            others = {p.name for p in tmp_path.iterdir()} - {GOLDEN_NAME}
            assert others <= {f".{GOLDEN_NAME}.lock"}, others
            doc = yaml.safe_load(session_file.read_text(encoding="utf-8"))
            assert doc["progress"]["next"] == next_path
            assert extends(previous, doc["answers"]), (previous, doc["answers"])
            assert doc["answers"] != previous
            previous = doc["answers"]
            bank, session, _ = load_session(session_file)
            questions = visible_questions(bank, session.state)
            answered = sum(1 for q in questions if is_answered(bank, session.state, q))

            child = spawn(["resume", GOLDEN_NAME], tmp_path)
            children.append(child)
            total = question_total(bank, session.state)
            child.expect_exact(f"Resuming {GOLDEN_NAME}: {answered} of {total} questions answered.")
            for line in answered_summary(bank, session):
                child.expect_exact(line.strip())
            position = index
        for prompt, keys in KEYS[position:]:
            answer(child, prompt, keys)
        answer(child, "Review: 25 of 25 questions answered.", "")
        answer(child, "Finish: save and write the record", ENTER)
        child.expect_exact("Interview complete.")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert lock_files(tmp_path) == []
    finally:
        for c in children:
            if c.isalive():
                c.terminate(force=True)

    saved = yaml.safe_load(session_file.read_text(encoding="utf-8"))
    assert saved["progress"]["complete"] is True
    assert extends(previous, saved["answers"])
    answers = saved["answers"]
    assert answers["facilitator"] == "Sam Patel"  # not "Sam Pa", typed when it was killed
    assert answers["vision"] == "A child friendly city.\nEvery child matters."
    assert answers["focus_areas"][1]["proposed_by"] == "challenge partners"
    assert [i["who"] for i in answers["interviewees"]] == ["Care leavers"]
    assert (tmp_path / GOLDEN_RECORD_NAME).is_file()
