"""Nothing lost, nobody in, where paths combine: one test (or a few) per finding of issue 11.

Each test tries what an attacker or an unlucky user tried, against the real
file layer (``files.py``), the session's saver and the installed command:
planted links, files that already exist, files changed behind the wizard's
back, other names for an open session, eight wizards racing for one stale
lock, a full disk, a closed pipe, an unreadable file, Ctrl-C at start-up.
Findings 8, 9 and 20 (record Markdown, terminal escapes, bank messages) and
11, 16 and 17 have their tests beside the code they concern (see the README).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scopewiz import __version__, files
from scopewiz.bank import Bank
from scopewiz.errors import FileChangedError, FileTakenError, SessionFileError
from scopewiz.files import SessionLock, write_atomic
from scopewiz.runner import Interview
from scopewiz.session import Saver, Session, load_session

from .conftest import GOLDEN, ScriptedPrompter
from .test_cli import no_traceback, scopewiz
from .test_safety import lock_held_elsewhere, partial_session

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
NAME = "leeds-2026-12-01.scopewiz.yaml"
pytestmark = pytest.mark.timeout(60)


def golden_answers_file(folder: Path) -> Path:
    answers = yaml.safe_load(GOLDEN_SESSION.read_text(encoding="utf-8"))["answers"]
    path = folder / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, sort_keys=False), encoding="utf-8")
    return path


#: Runs scopewiz with one os function failing by errno for the files named, as a full
#: disk or a read-only folder would (so the test needs no root and no small tmpfs).
FAILING = """
import errno, os, sys
what, suffix, code, after = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
real = getattr(os, what)
calls = {"n": 0}
def failing(*args, **kwargs):
    name = str(args[1] if what == "link" else args[0])
    if what in ("fsync", "write") or name.endswith(suffix):
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(code, os.strerror(code))
    return real(*args, **kwargs)
setattr(os, what, failing)
from scopewiz.cli import main
sys.argv = ["scopewiz", *sys.argv[5:]]
main()
"""


def run_script(
    script: str, *args: str, cwd: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """``python -c script args...`` in ``cwd``, as the ``scopewiz`` helper runs the CLI."""
    return subprocess.run(  # the exit code is what the tests check
        [sys.executable, "-c", script, *args],
        check=False,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_COLOR="1"),
        timeout=50,
    )


def run_failing(
    what: str, suffix: str, code: int, after: int, *args: str, cwd: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return run_script(FAILING, what, suffix, str(code), str(after), *args, cwd=cwd, stdin=stdin)


# -- 1. "Save to another file…" never replaces a file ---------------------------------


def test_save_to_another_file_never_replaces_a_file_that_is_there(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.start(bank, builtin=True)
    session.path = tmp_path / "meeting.scopewiz.yaml"
    saver = Saver(bank, session, folder=tmp_path, fixed=True, today=dt.date(2026, 12, 1))
    other = tmp_path / "usb" / "other-meeting.scopewiz.yaml"
    other.parent.mkdir()
    other.write_text("another meeting's answers\n")
    other.chmod(0o644)
    free = other.parent / "free.scopewiz.yaml"
    real_link = os.link

    def read_only_here(source: Any, target: Any, **kwargs: Any) -> Any:
        if Path(target).parent == tmp_path:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_link(source, target, **kwargs)

    monkeypatch.setattr(os, "link", read_only_here)
    prompter = ScriptedPrompter(
        [
            ("host_authority", "Leeds"),
            ("menu", "elsewhere"),
            ("text", str(other)),  # refused: it is there
            ("menu", "elsewhere"),
            ("text", str(free)),
        ]
    )
    with pytest.raises(EOFError):
        Interview(bank, session, prompter, saver).run()
    assert f"! {other} already exists; it was left as it is." in prompter.notes
    assert other.read_text() == "another meeting's answers\n"
    assert stat.S_IMODE(other.stat().st_mode) == 0o644
    assert yaml.safe_load(free.read_text())["answers"]["host_authority"] == "Leeds"
    assert session.path == free


def test_a_refused_move_leaves_the_session_where_it_was(bank: Bank, tmp_path: Path) -> None:
    session = Session.start(bank, builtin=True)
    session.path = tmp_path / "a.scopewiz.yaml"
    saver = Saver(bank, session, folder=tmp_path, fixed=True, today=dt.date(2026, 12, 1))
    saver()
    taken = tmp_path / "b.scopewiz.yaml"
    taken.write_text("mine\n")
    with pytest.raises(FileTakenError):
        saver.move_to(taken)
    assert session.path == tmp_path / "a.scopewiz.yaml"
    session.answers["host_authority"] = "Leeds"
    saver()  # still saves where it was, under its lock
    assert yaml.safe_load(session.path.read_text())["answers"] == {"host_authority": "Leeds"}
    assert taken.read_text() == "mine\n"


# -- 2. never "Saved to" a file that was not written --------------------------------------


@pytest.mark.parametrize("output", [(), ("-o", "m.scopewiz.yaml")], ids=["default name", "-o"])
def test_a_failed_first_save_is_never_called_saved(tmp_path: Path, output: tuple[str, ...]) -> None:
    # Every fsync fails, as on a full disk; input ends at the retry menu.
    result = run_failing(
        "fsync", "", errno.ENOSPC, 0, "new", "--plain", *output, cwd=tmp_path, stdin="Leeds\n"
    )
    no_traceback(result)
    assert result.returncode == 1
    assert "Saved to" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[-1].startswith("Nothing was saved: ")
    assert result.stderr.splitlines()[-1].endswith("could not be written.")
    assert "The disk is full: free some space, then try again." in result.stdout + result.stderr
    assert [p for p in tmp_path.iterdir() if not p.name.startswith(".")] == []


def test_a_failed_later_save_says_the_file_holds_the_answers_before(tmp_path: Path) -> None:
    # The first three saves (two fsyncs each: file, folder) work, then the disk fills.
    typed = "Leeds\n1/12/2026\nSam\nAnn\n"
    result = run_failing("fsync", "", errno.ENOSPC, 6, "new", "--plain", cwd=tmp_path, stdin=typed)
    no_traceback(result)
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last == (
        f"The latest answers could not be saved; {NAME} holds every answer saved before them. "
        f"Resume with: scopewiz resume {NAME}"
    )
    saved = yaml.safe_load((tmp_path / NAME).read_text())["answers"]
    assert saved["facilitator"] == "Sam"


# -- 3. a full disk when the lock is written -------------------------------------------------


def test_a_full_disk_while_signing_the_lock_still_locks_and_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "pwrite", full)
    path = tmp_path / "s.scopewiz.yaml"
    lock = SessionLock()
    lock.acquire(path)  # no traceback: the kernel's lock does not need the bytes
    with pytest.raises(SessionFileError, match="is open in another scopewiz"):
        SessionLock().acquire(path)
    lock.release()
    assert not SessionLock.lock_path(path).exists()


def test_a_full_disk_at_the_lock_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    partial = partial_session(tmp_path, answers=3)
    before = partial.read_bytes()
    result = run_failing(
        "open", ".lock", errno.ENOSPC, 0, "resume", partial.name, cwd=tmp_path, stdin="Ann\n"
    )
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: Could not lock {partial.name}: No space left")
    assert partial.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_really_full_disk_keeps_every_saved_answer(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(disk)],
        check=False,
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        filler = disk / "filler"
        # Leave room for a few small saves, not for a long answer.
        filler.write_bytes(b"x" * (36 * 1024))
        long_answer = "word " * 4000  # 20 kB: does not fit
        typed = f"Leeds\n1/12/2026\nSam\nAnn\nDCS\nLeeds\n\n{long_answer}\n.\n"
        result = subprocess.run(  # the exit code is what the test checks
            [sys.executable, "-m", "scopewiz", "new", "--plain"],
            check=False,
            cwd=disk,
            input=typed,
            capture_output=True,
            text=True,
            env=dict(os.environ, NO_COLOR="1"),
            timeout=50,
        )
        no_traceback(result)
        assert result.returncode == 1
        assert "No space left on device" in result.stdout + result.stderr
        saved = yaml.safe_load((disk / NAME).read_text())["answers"]
        assert saved["attendees"] == [{"name": "Ann", "role": "DCS", "organisation": "Leeds"}], (
            saved
        )
        assert "The latest answers could not be saved" in result.stderr.splitlines()[-1]
        assert [p.name for p in disk.iterdir() if p.name.endswith(".tmp")] == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# -- 4. files beside the session are not overwritten --------------------------------------


def test_someone_s_own_notes_named_like_the_record_are_kept(tmp_path: Path) -> None:
    golden_answers_file(tmp_path)
    notes = tmp_path / "m.md"
    notes.write_text("# My own notes\n\nDo not lose these.\n")
    result = scopewiz(
        "new", "--answers", "answers.yaml", "--no-input", "-o", "m.scopewiz.yaml", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert notes.read_text() == "# My own notes\n\nDo not lose these.\n"
    record = tmp_path / "m.record.md"
    assert record.read_text().startswith("# Peer challenge scoping record: Leeds")
    assert "  Record:  m.record.md\n" in result.stderr
    assert "(m.md is not this session's record, so it was left as it is.)" in result.stderr
    # Its own record is replaced when the session is saved again.
    again = scopewiz("edit", "m.scopewiz.yaml", "--plain", cwd=tmp_path, stdin="a\n")
    assert "  Record:  m.record.md\n" in again.stderr, again.stderr
    assert notes.read_text() == "# My own notes\n\nDo not lose these.\n"
    assert sorted(p.name for p in tmp_path.glob("m*")) == ["m.md", "m.record.md", "m.scopewiz.yaml"]


def test_the_record_replaces_only_this_session_s_own_record(tmp_path: Path) -> None:
    golden_answers_file(tmp_path)
    # Another session's record of the same name (copied in): left alone.
    (tmp_path / "m.md").write_text(
        "# Record\n\n---\n\n_Recorded with scopewiz 0.1.0 from other.scopewiz.yaml._\n"
    )
    result = scopewiz(
        "new", "--answers", "answers.yaml", "--no-input", "-o", "m.scopewiz.yaml", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "from other.scopewiz.yaml" in (tmp_path / "m.md").read_text()
    # Its own (an older save): replaced in place.
    (tmp_path / "m.record.md").unlink()
    (tmp_path / "m.md").write_text(
        "# Old\n\n---\n\n_Recorded with scopewiz 0.0.9 from m.scopewiz.yaml, last saved x._\n"
    )
    result = scopewiz(
        "new", "--answers", "answers.yaml", "--no-input", "-o", "n.scopewiz.yaml", cwd=tmp_path
    )
    shutil.copy(tmp_path / "n.scopewiz.yaml", tmp_path / "m.scopewiz.yaml")
    result = scopewiz("edit", "m.scopewiz.yaml", "--plain", cwd=tmp_path, stdin="a\n")
    assert "  Record:  m.md\n" in result.stderr, result.stderr
    assert (tmp_path / "m.md").read_text().startswith("# Peer challenge scoping record: Leeds")


def test_render_o_never_writes_over_another_file_without_force(tmp_path: Path) -> None:
    a = tmp_path / "a.scopewiz.yaml"
    other = tmp_path / "other.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, a)
    shutil.copy(GOLDEN_SESSION, other)
    before = other.read_bytes()
    result = scopewiz("render", a.name, "-o", other.name, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"Error: {other.name} already exists and is not this session's record; "
        "it was left as it is.\n"
    )
    assert "--force" in result.stderr
    assert other.read_bytes() == before
    # Its own record: replaced without asking; anything else with --force.
    first = scopewiz("render", a.name, "-o", "a.md", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = scopewiz("render", a.name, "-o", "a.md", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    notes = tmp_path / "notes.md"
    notes.write_text("mine\n")
    assert scopewiz("render", a.name, "-o", notes.name, cwd=tmp_path).returncode == 1
    forced = scopewiz("render", a.name, "-o", notes.name, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert notes.read_text().startswith("# Peer challenge scoping record: Leeds")
    itself = scopewiz("render", a.name, "-o", a.name, "--force", cwd=tmp_path)
    assert itself.returncode == 1
    assert "is the session file itself" in itself.stderr


# -- 5. a hand edit made while the wizard is open -----------------------------------------


def opened(bank: Bank, tmp_path: Path) -> tuple[Session, Saver]:
    path = partial_session(tmp_path, answers=3)
    _, session, _ = load_session(path)
    saver = Saver(bank, session, folder=tmp_path, fixed=True, today=dt.date(2026, 12, 1))
    return session, saver


def edit_by_hand(path: Path) -> bytes:
    text = path.read_text().replace("facilitator: ", "facilitator: Changed by hand, ")
    path.write_text(text)  # in place, as an editor or cp does: same file, new bytes
    return path.read_bytes()


def test_a_hand_edit_is_never_overwritten_keep_both(bank: Bank, tmp_path: Path) -> None:
    session, saver = opened(bank, tmp_path)
    path = session.path
    assert path is not None
    edited = edit_by_hand(path)
    prompter = ScriptedPrompter([("attendees[0].name", "Ann Other"), ("menu", "both")])
    with pytest.raises(EOFError):
        Interview(bank, session, prompter, saver).run()
    assert path.read_bytes() == edited  # the hand edit, untouched
    kept = path.with_name(NAME.replace(".scopewiz.yaml", "-2.scopewiz.yaml"))
    assert session.path == kept
    assert yaml.safe_load(kept.read_text())["answers"]["attendees"] == [{"name": "Ann Other"}]
    assert any("was changed on disk since scopewiz last saved it" in n for n in prompter.notes)
    assert f"Saved as {kept.name}. Answers go there from now on." in prompter.notes
    labels = [option.label for _, options in prompter.menus for option in options]
    assert f"Keep both: save this session as {kept.name}" in labels  # named before choosing


def test_a_hand_edit_is_replaced_only_when_the_user_says_so(bank: Bank, tmp_path: Path) -> None:
    session, saver = opened(bank, tmp_path)
    assert session.path is not None
    edit_by_hand(session.path)
    prompter = ScriptedPrompter([("attendees[0].name", "Ann Other"), ("menu", "replace")])
    with pytest.raises(EOFError):
        Interview(bank, session, prompter, saver).run()
    saved = yaml.safe_load(session.path.read_text())["answers"]
    assert saved["attendees"] == [{"name": "Ann Other"}]
    assert "Changed by hand" not in saved["facilitator"]
    assert sorted(p.name for p in tmp_path.glob("*.scopewiz.yaml")) == [NAME]


def test_a_copy_over_the_session_then_ctrl_c_keeps_both(bank: Bank, tmp_path: Path) -> None:
    session, saver = opened(bank, tmp_path)
    assert session.path is not None
    session.answers["attendees"] = [{"name": "Ann Other"}]
    shutil.copy(GOLDEN_SESSION, session.path)  # another meeting copied over it
    prompter = ScriptedPrompter([])
    Interview(bank, session, prompter, saver).flush()  # what Ctrl-C does on the way out
    assert session.path.name == NAME.replace(".scopewiz.yaml", "-2.scopewiz.yaml")
    assert (tmp_path / NAME).read_bytes() == GOLDEN_SESSION.read_bytes()
    assert yaml.safe_load(session.path.read_text())["answers"]["attendees"] == [
        {"name": "Ann Other"}
    ]


def test_a_stop_after_a_hand_edit_leaves_it(bank: Bank, tmp_path: Path) -> None:
    session, saver = opened(bank, tmp_path)
    assert session.path is not None
    edited = edit_by_hand(session.path)
    prompter = ScriptedPrompter([("attendees[0].name", "Ann Other"), ("menu", "stop")])
    with pytest.raises(FileChangedError):
        Interview(bank, session, prompter, saver).run()
    assert session.path.read_bytes() == edited


def test_no_input_never_asks_about_a_changed_file(bank: Bank, tmp_path: Path) -> None:
    session, saver = opened(bank, tmp_path)
    assert session.path is not None
    edited = edit_by_hand(session.path)
    session.answers["attendees"] = [{"name": "Ann Other"}]
    prompter = ScriptedPrompter([])
    interview = Interview(bank, session, prompter, saver, ask_when_save_fails=False)
    with pytest.raises(FileChangedError):
        interview.save()
    assert prompter.menus == []
    assert session.path.read_bytes() == edited


# -- 6. pre-filled answers are on disk before the first question ----------------------------


@pytest.mark.parametrize("plain", [True, False], ids=["plain", "full screen"])
def test_pre_filled_answers_are_saved_before_the_first_question(
    tmp_path: Path, plain: bool
) -> None:
    pexpect = pytest.importorskip("pexpect")
    answers = yaml.safe_load(GOLDEN_SESSION.read_text(encoding="utf-8"))["answers"]
    del answers["culture"]  # left to ask
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(answers, sort_keys=False))
    env = dict(os.environ, NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color")
    args = ["-m", "scopewiz", "new", "--answers", "answers.yaml", "-o", "m.scopewiz.yaml"]
    child = pexpect.spawn(
        sys.executable,
        args + (["--plain"] if plain else []),
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=15,
    )
    try:
        child.expect_exact("culture")  # the question is on the screen
        saved = yaml.safe_load((tmp_path / "m.scopewiz.yaml").read_text())["answers"]
        assert saved == {k: v for k, v in answers.items()}
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130


# -- 7. no write follows a link ---------------------------------------------------------------


def test_a_planted_link_at_the_temporary_name_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("export SAFE=1\n")
    path = tmp_path / "s.scopewiz.yaml"
    draws = iter(["planted0", "fresh001"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda n: next(draws))
    (tmp_path / f".s.scopewiz.yaml.{os.getpid()}.planted0.tmp").symlink_to(victim)
    write_atomic(path, "answers\n")
    assert victim.read_text() == "export SAFE=1\n"
    assert path.read_text() == "answers\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_temporary_name_cannot_be_guessed(tmp_path: Path) -> None:
    seen: set[str] = set()
    real = os.open

    def spy(name: Any, flags: int, *args: Any) -> int:
        if str(name).endswith(".tmp"):
            seen.add(Path(name).name)
            assert flags & os.O_EXCL and flags & os.O_NOFOLLOW and flags & os.O_CREAT
        return real(name, flags, *args)

    mp = pytest.MonkeyPatch()
    mp.setattr(os, "open", spy)
    try:
        for n in range(5):
            write_atomic(tmp_path / "s.scopewiz.yaml", f"{n}\n", replace=True)
    finally:
        mp.undo()
    assert len(seen) == 5  # a new random name each time


def test_a_link_at_the_target_is_replaced_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "out.md"
    link.symlink_to(victim)
    with pytest.raises(FileTakenError):
        write_atomic(link, "record\n")  # a new file: nothing may be there, not even a link
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "created-through-the-link.txt")
    with pytest.raises(FileTakenError):
        write_atomic(dangling, "record\n")
    assert not (tmp_path / "created-through-the-link.txt").exists()
    write_atomic(link, "record\n", replace=True)
    assert victim.read_text() == "precious\n"
    assert not link.is_symlink() and link.read_text() == "record\n"


def test_a_link_planted_at_the_record_is_left_and_its_target_untouched(tmp_path: Path) -> None:
    golden_answers_file(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / "m.md").symlink_to(victim)
    result = scopewiz(
        "new", "--answers", "answers.yaml", "--no-input", "-o", "m.scopewiz.yaml", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "precious\n"
    assert (tmp_path / "m.md").is_symlink()
    assert (tmp_path / "m.record.md").read_text().startswith("# Peer challenge")


# -- 12. a lock goes by the file, not the name -------------------------------------------------


def test_a_symlinked_session_is_locked_and_saved_as_its_target(tmp_path: Path) -> None:
    real = partial_session(tmp_path, answers=3)
    alias = tmp_path / "alias.scopewiz.yaml"
    alias.symlink_to(real.name)
    with lock_held_elsewhere(real):
        result = scopewiz("resume", alias.name, "--plain", cwd=tmp_path, stdin="Ann Other\n")
        assert result.returncode == 1
        assert "is open in another scopewiz" in result.stderr
    result = scopewiz("resume", alias.name, "--plain", cwd=tmp_path, stdin="Ann Other\n")
    target = os.path.realpath(real)
    assert f"{alias.name} is a link to {target}; answers are saved to {target}." in result.stderr
    assert alias.is_symlink()  # still a link: the target kept getting the answers
    assert yaml.safe_load(real.read_text())["answers"]["attendees"] == [{"name": "Ann Other"}]


def test_a_hard_link_to_an_open_session_is_refused(tmp_path: Path) -> None:
    real = partial_session(tmp_path, answers=3)
    other = tmp_path / "other-name.scopewiz.yaml"
    os.link(real, other)
    with lock_held_elsewhere(real):
        result = scopewiz("resume", other.name, "--plain", cwd=tmp_path, stdin="Ann Other\n")
    no_traceback(result)
    assert result.returncode == 1
    assert "open in another scopewiz under another name (a hard link" in result.stderr
    result = scopewiz("status", other.name, cwd=tmp_path)
    assert result.returncode == 0


def test_new_o_through_a_dangling_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.scopewiz.yaml").symlink_to(tmp_path / "elsewhere.scopewiz.yaml")
    result = scopewiz("new", "-o", "m.scopewiz.yaml", "--plain", cwd=tmp_path, stdin="Leeds\n")
    no_traceback(result)
    assert result.returncode == 1
    assert "is a link to" in result.stderr and "which does not exist" in result.stderr
    assert not (tmp_path / "elsewhere.scopewiz.yaml").exists()


# -- 13. eight wizards racing for one stale lock -----------------------------------------------

RACER = """
import os, sys, time, fcntl
from pathlib import Path
from scopewiz import files
from scopewiz.errors import SessionFileError
real_flock = fcntl.flock
def slow_flock(fd, op):
    time.sleep(0.02)  # widen every window between opening the lock and taking it
    return real_flock(fd, op)
files.fcntl.flock = slow_flock
go = float(sys.argv[2])
while time.time() < go:
    time.sleep(0.001)
lock = files.SessionLock()
try:
    lock.acquire(Path(sys.argv[1]))
except SessionFileError:
    print("out", flush=True)
    sys.exit(0)
print("in", flush=True)
time.sleep(0.5)
lock.release()
"""


@pytest.mark.timeout(120)
def test_eight_wizards_racing_for_a_stale_lock_let_exactly_one_in(tmp_path: Path) -> None:
    import time

    path = partial_session(tmp_path, answers=3)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for _ in range(8):
        SessionLock.lock_path(path).write_text(
            json.dumps({"host": socket.gethostname(), "pid": dead.pid, "since": "x"})
        )
        go = time.time() + 1.5  # after every racer has imported scopewiz
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(path), str(go)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(8)
        ]
        said = sorted(p.communicate(timeout=60)[0].strip() for p in racers)
        assert said == ["in"] + ["out"] * 7


# -- 14. Ctrl-C during start-up --------------------------------------------------------------

#: Ctrl-C arrives just as the prompter is made: after the lock, before the first question.
INTERRUPT_AT_START = """
import os, signal, sys
import scopewiz.cli as cli
real = cli._prompter
def interrupted(plain):
    os.kill(os.getpid(), signal.SIGINT)
    return real(plain)
cli._prompter = interrupted
sys.argv = ["scopewiz", *sys.argv[1:]]
cli.main()
"""


@pytest.mark.parametrize("command", ["resume", "edit"])
def test_ctrl_c_during_start_up_releases_the_lock_and_says_how_to_go_on(
    tmp_path: Path, command: str
) -> None:
    path = partial_session(tmp_path, answers=3)
    result = run_script(INTERRUPT_AT_START, command, path.name, "--plain", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 130
    assert result.stderr.splitlines()[-1] == (
        f"Saved to {path.name}. Resume with: scopewiz resume {path.name}"
    )
    assert not SessionLock.lock_path(path).exists()


def test_ctrl_c_during_start_up_of_new_o_says_nothing_was_saved(tmp_path: Path) -> None:
    result = run_script(INTERRUPT_AT_START, "new", "-o", "m.scopewiz.yaml", "--plain", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 130
    assert result.stderr.splitlines()[-1] == (
        "Nothing was saved: no question had been answered yet."
    )
    assert list(tmp_path.iterdir()) == []


# -- 15. a failed record write tells the truth -------------------------------------------------


def test_a_failed_record_write_names_the_saved_session_and_no_window(tmp_path: Path) -> None:
    golden_answers_file(tmp_path)
    result = run_failing(
        "link", ".md", errno.EACCES, 0,
        "new", "--answers", "answers.yaml", "--no-input", "-o", "m.scopewiz.yaml",
        cwd=tmp_path,
    )  # fmt: skip
    no_traceback(result)
    assert result.returncode == 1
    assert "window" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[-2] == "Error: Could not save m.md: Permission denied"
    assert lines[-1] == (
        "Every answer is saved in m.scopewiz.yaml. Write the record to another file with: "
        "scopewiz render m.scopewiz.yaml -o RECORD.md"
    )
    assert load_session(tmp_path / "m.scopewiz.yaml")[1].answers


@pytest.mark.parametrize("target", ["", ".", "sub"])
def test_render_o_a_folder_or_nothing_is_a_usage_error(tmp_path: Path, target: str) -> None:
    shutil.copy(GOLDEN_SESSION, tmp_path / NAME)
    (tmp_path / "sub").mkdir()
    result = scopewiz("render", NAME, "-o", target, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert "is a folder, not a file name; give the record's file name" in result.stderr
    assert "window" not in result.stderr


def test_new_o_nothing_is_a_usage_error(tmp_path: Path) -> None:
    result = scopewiz("new", "-o", "", "--plain", cwd=tmp_path, stdin="Leeds\n")
    no_traceback(result)
    assert result.returncode == 2
    assert "Give a file name for the session" in result.stderr


# -- 18. output that cannot be written ----------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["render", "status", "show"])
def test_output_to_a_full_device_is_one_line_and_exit_1(tmp_path: Path, command: str) -> None:
    shutil.copy(GOLDEN_SESSION, tmp_path / NAME)
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(  # the exit code is what the test checks
            [sys.executable, "-m", "scopewiz", command, NAME],
            check=False,
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, NO_COLOR="1"),
            timeout=50,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: Could not write to standard output: No space left on device"
    ] or result.stderr.splitlines() == [
        "Error: Could not write the output: No space left on device"
    ]


def test_an_encoding_without_the_characters_shows_escapes(tmp_path: Path) -> None:
    session = tmp_path / NAME
    shutil.copy(GOLDEN_SESSION, session)
    text = session.read_text().replace("facilitator: ", "facilitator: Zoë Ł’s ", 1)
    session.write_text(text)
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="ascii")
    for command in ("render", "status"):
        result = subprocess.run(  # the exit code is what the test checks
            [sys.executable, "-m", "scopewiz", command, NAME],
            check=False,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
            timeout=50,
        )
        no_traceback(result)
        assert result.returncode == 0, result.stderr
    assert "Zo\\xeb \\u0141\\u2019s" in result.stdout or command == "status"


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    shutil.copy(GOLDEN_SESSION, tmp_path / NAME)
    reader = subprocess.Popen(
        [sys.executable, "-m", "scopewiz", "render", NAME],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, NO_COLOR="1", PYTHONUNBUFFERED="1"),
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()  # as `| head -1` does
    stderr = reader.stderr.read().decode()
    reader.wait(timeout=50)
    assert "Traceback" not in stderr
    assert reader.returncode in (0, 1)


# -- 19. a file this user cannot read --------------------------------------------------------


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv"
)
@pytest.mark.parametrize(
    "args",
    [
        ("render", "{file}"),
        ("status", "{file}"),
        ("resume", "{file}"),
        ("edit", "{file}"),
        ("show", "{file}"),
        ("new", "--answers", "{file}", "--no-input"),
        ("new", "--bank", "{file}", "--no-input"),
        ("check", "{file}"),
    ],
    ids=lambda a: " ".join(a),
)
def test_an_unreadable_file_is_exit_1_with_a_reason_not_a_usage_banner(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    tmp_path.chmod(0o755)
    secret = tmp_path / "secret.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, secret)
    secret.chmod(0o600)  # root's, and another user runs scopewiz
    work = tmp_path / "work"
    work.mkdir(mode=0o777)
    work.chmod(0o777)
    result = subprocess.run(  # the exit code is what the test checks
        [
            "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
            sys.executable, "-m", "scopewiz",
            *[a.format(file=secret) for a in args],
        ],
        check=False,
        cwd=work,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_COLOR="1", HOME=str(work)),
        timeout=50,
    )  # fmt: skip
    if "No module named" in result.stderr:
        pytest.skip("scopewiz is not importable by another user here")
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert "Usage:" not in result.stderr
    assert "Permission denied" in result.stderr


# -- text that is not an answer keeps the record's structure (F1) ----------------------------


def html_of(markdown: str) -> str:
    """The record as a CommonMark reader (GFM: CommonMark with tables) shows it."""
    if not shutil.which("pandoc"):
        pytest.skip("needs pandoc")
    return subprocess.run(  # a failure is pandoc's, and shows in the assertion
        ["pandoc", "-f", "gfm", "-t", "html", "--wrap=none"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
        timeout=50,
    ).stdout


def test_a_line_break_in_bank_text_adds_no_heading_list_or_table_row() -> None:
    """A bank (built by a program, or before the loader refused it) whose titles hold line breaks."""
    from scopewiz.render import render, render_template

    from .conftest import bank_from

    bank = bank_from(
        """\
        id: t
        title: Bank
        sections:
          - id: s
            title: One
            questions:
              - id: people
                type: list
                prompt: Who?
                fields:
                  - {id: who, type: text, prompt: Who?, heading: Who}
                  - {id: role, type: text, prompt: Role?}
        """
    )
    bank.title = "Bank\n# Injected bank heading"
    bank.sections[0].title = "One\n# Injected\n- item"
    bank.questions[0].fields[0].heading = "Who\n\n# injected\u2028- more\u2029- still"
    session = Session.start(bank, builtin=False)
    session.answers["people"] = [{"who": "Ann", "role": "Chair"}]
    for markdown in (render_template(bank), render(bank, session.state)):
        html = html_of(markdown)
        assert html.count("<h1") == 1 and html.count("<h2") == 1, html
        assert "<ul>" not in html, html
        assert html.count("<table>") == 1 and html.count("<th>") == 2, html


def test_a_file_name_or_saved_time_with_line_breaks_stays_in_the_last_line(
    tmp_path: Path,
) -> None:
    """A session named with line feeds, its ``updated`` edited into Markdown by hand."""
    text = GOLDEN_SESSION.read_text(encoding="utf-8")
    old = "updated: '2026-12-01T11:30:00+00:00'"
    assert old in text
    name = "x\n# Owned name\n- y.scopewiz.yaml"
    (tmp_path / name).write_text(
        text.replace(old, 'updated: "2026\\n# Owned\\n- x"'), encoding="utf-8"
    )
    result = scopewiz("render", name, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    last = result.stdout.rstrip("\n").rsplit("\n", 1)[-1]
    assert last == f"_Recorded with scopewiz {__version__} from x # Owned name - y.scopewiz.yaml._"
    html = html_of(result.stdout)
    assert "Owned</h1>" not in html and "Owned name</h1>" not in html
    assert html.rstrip().endswith(
        f"<p><em>Recorded with scopewiz {__version__} from x # Owned name - y.scopewiz.yaml.</em></p>"
    )


# -- a line feed in a file's value forges no output line (F4) --------------------------------


FORGED = "2026-12-01T10:02:00+00:00\nError: forged"


def test_a_lock_file_cannot_forge_a_line_of_the_refusal_or_the_takeover_note(
    tmp_path: Path,
) -> None:
    path = partial_session(tmp_path, answers=3)
    lock = SessionLock.lock_path(path)
    with lock_held_elsewhere(path) as (pid, signed):
        lock.write_text(json.dumps(dict(signed, since=FORGED)))  # the holder keeps its flock
        result = scopewiz("edit", path.name, "--plain", stdin="Another answer\n", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert not any(line.startswith("Error: forged") for line in result.stderr.splitlines())
    assert f"process {pid}, since 2026-12-01T10:02:00+00:00\\nError: forged)." in result.stderr
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": dead.pid, "since": FORGED}))
    result = scopewiz("resume", path.name, stdin="Ann Other\n", cwd=tmp_path)
    no_traceback(result)
    assert not any(line.startswith("Error: forged") for line in result.stderr.splitlines())
    assert result.stderr.startswith(
        f"Took over a stale lock on {path.name}: process {dead.pid} on {socket.gethostname()} "
        "(since 2026-12-01T10:02:00+00:00\\nError: forged) is no longer running.\n"
    )


def test_a_bank_key_cannot_forge_a_line_of_check(tmp_path: Path) -> None:
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "id: t\ntitle: T\nsections:\n  - id: s\n    title: S\n    questions:\n"
        '      - {id: a, type: text, prompt: A?, "x\\nforged.yaml: OK": 1}\n',
        encoding="utf-8",
    )
    result = scopewiz("check", str(bank), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"{bank}:7: unknown key 'x\\nforged.yaml: OK' in question 'a'")


# -- the README counts the attacks -----------------------------------------------------------


def test_the_readme_counts_the_attacks_this_file_tries() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    tests = [
        line
        for line in Path(__file__).read_text(encoding="utf-8").splitlines()
        if line.startswith("def test_") and "readme" not in line
    ]
    assert f"{len(tests)} attack tests in `tests/test_attacks.py`" in readme
