"""Nothing lost, nobody in: locks, failed saves, format upgrades, bank drift, hostile files."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import socket
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scopewiz import session as session_module
from scopewiz.answers import load_answers_file
from scopewiz.bank import Bank, load_bank
from scopewiz.errors import BankError, SessionFileError
from scopewiz.files import SessionLock
from scopewiz.runner import Interview
from scopewiz.session import (
    Saver,
    Session,
    load_session,
    read_session_doc,
    save_session,
)

from .conftest import FULL_SCRIPT, GOLDEN, ScriptedPrompter
from .test_cli import scopewiz

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
pytestmark = pytest.mark.timeout(60)


def partial_session(tmp_path: Path, answers: int = 5) -> Path:
    """A session file holding the first ``answers`` answers of the full script."""
    from scopewiz.runner import run_interview

    bank = load_bank()
    session = Session.start(bank, builtin=True)
    try:
        run_interview(bank, session, ScriptedPrompter(FULL_SCRIPT[:answers]), lambda: None)
    except EOFError:
        pass
    session.path = tmp_path / "leeds-2026-12-01.scopewiz.yaml"
    save_session(bank, session)
    return session.path


def write_lock(session_path: Path, host: str, pid: int) -> Path:
    lock = SessionLock.lock_path(session_path)
    lock.write_text(json.dumps({"host": host, "pid": pid, "since": "2026-12-01T10:02:00+00:00"}))
    return lock


# -- one writer at a time ------------------------------------------------------------------


HOLD_LOCK = """
import sys, time
from pathlib import Path
from scopewiz.files import SessionLock
lock = SessionLock()
lock.acquire(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


@contextlib.contextmanager
def lock_held_elsewhere(session_path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Another process holding the session's lock, as a wizard does: its pid and what it signed."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(session_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        signed = json.loads(SessionLock.lock_path(session_path).read_text())
        yield holder.pid, signed
    finally:
        holder.kill()
        holder.wait()


def test_a_session_open_elsewhere_is_refused_with_who_and_since(tmp_path: Path) -> None:
    path = partial_session(tmp_path)
    with lock_held_elsewhere(path) as (pid, signed):
        lock = SessionLock.lock_path(path)
        before = path.read_bytes()
        for command in (["resume", path.name], ["edit", path.name]):
            result = scopewiz(*command, "--plain", stdin="Another answer\n", cwd=tmp_path)
            assert result.returncode == 1
            assert result.stderr.startswith(
                f"Error: {path.name} is open in another scopewiz (host {socket.gethostname()}, "
                f"process {pid}, since {signed['since']}).\n"
            )
            assert f"delete {lock.name} and try again" in result.stderr
        assert path.read_bytes() == before
        assert lock.exists()


def test_a_lock_from_another_host_is_respected(tmp_path: Path) -> None:
    path = partial_session(tmp_path)
    write_lock(path, "meeting-room-laptop", 4242)
    result = scopewiz("resume", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert "(host meeting-room-laptop, process 4242," in result.stderr


def test_a_stale_lock_is_taken_over_after_saying_so(tmp_path: Path) -> None:
    path = partial_session(tmp_path, answers=3)  # next: the first attendee's name
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = write_lock(path, socket.gethostname(), dead.pid)
    result = scopewiz("resume", path.name, stdin="Ann Other\n", cwd=tmp_path)
    assert result.stderr.startswith(
        f"Took over a stale lock on {path.name}: process {dead.pid} on {socket.gethostname()} "
        "(since 2026-12-01T10:02:00+00:00) is no longer running.\n"
    )
    assert result.returncode == 1  # input ended after one answer
    assert yaml.safe_load(path.read_text())["answers"]["attendees"] == [{"name": "Ann Other"}]
    assert not lock.exists()  # released on the way out


def test_two_locks_on_one_file_cannot_both_be_held(tmp_path: Path) -> None:
    path = tmp_path / "s.scopewiz.yaml"
    first = SessionLock()
    first.acquire(path)
    # The same process asking again through another lock object: the kernel refuses it.
    with pytest.raises(SessionFileError, match="is open in another scopewiz"):
        SessionLock().acquire(path)
    first.release()
    second = SessionLock()
    second.acquire(path)  # free once released
    second.release()
    assert not SessionLock.lock_path(path).exists()


# -- full disks and read-only folders ----------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "error"),
    [("write", errno.ENOSPC), ("open", errno.EACCES)],
    ids=["full disk", "read-only folder"],
)
def test_a_failed_save_keeps_the_file_and_the_answer(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: int
) -> None:
    session = Session.start(bank, builtin=True)
    saver = Saver(bank, session, folder=tmp_path, fixed=False, today=dt.date(2026, 12, 1))
    real = getattr(os, where)
    broken = {"on": False}

    def failing(*args: Any, **kwargs: Any) -> Any:
        target = str(args[0]) if where == "open" else ".tmp"
        if broken["on"] and target.endswith(".tmp"):
            raise OSError(error, os.strerror(error))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, where, failing)
    on_disk: list[bytes] = []

    class Prompter(ScriptedPrompter):
        def ask(self, prompt: Any, validate: Any) -> Any:
            if prompt.path == "facilitator":
                on_disk.append(session.path.read_bytes())  # type: ignore[union-attr]
                broken["on"] = True  # the disk fills up while the facilitator is typed
            return super().ask(prompt, validate)

        def menu(self, title: str, options: list[Any], default: Any = None) -> Any:
            # The failed save left the previous file whole, and the answer is still here.
            assert session.path.read_bytes() == on_disk[0]  # type: ignore[union-attr]
            assert session.answers["facilitator"] == "Sam"
            broken["on"] = False  # space freed
            return super().menu(title, options, default)

    prompter = Prompter(
        [
            ("host_authority", "Leeds"),
            ("meeting_date", "2026-12-01"),
            ("facilitator", "Sam"),
            ("menu", "retry"),
        ]
    )
    with pytest.raises(EOFError):
        Interview(bank, session, prompter, saver).run()
    assert f"! Could not save {session.path}: {os.strerror(error)}" in prompter.notes  # one line
    assert [t for t, _ in prompter.menus] == [
        (
            "The answers not yet saved are kept in this window. "
            "Free some space (or fix the folder), then:"
        )
    ]
    saved = yaml.safe_load(session.path.read_text())  # type: ignore[union-attr]
    assert saved["answers"]["facilitator"] == "Sam"  # saved on the retry


def test_a_failed_save_can_go_to_another_file(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.start(bank, builtin=True)
    session.path = tmp_path / "meeting.scopewiz.yaml"
    saver = Saver(bank, session, folder=tmp_path, fixed=True, today=dt.date(2026, 12, 1))
    elsewhere = tmp_path / "usb" / "meeting.scopewiz.yaml"
    elsewhere.parent.mkdir()
    real_link = os.link

    def refuse_first_folder(source: Any, target: Any, **kwargs: Any) -> Any:
        # A new file gets its name by a hard link (see files._create): refuse it there.
        if Path(target).parent == tmp_path:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_link(source, target, **kwargs)

    monkeypatch.setattr(os, "link", refuse_first_folder)
    prompter = ScriptedPrompter(
        [("host_authority", "Leeds"), ("menu", "elsewhere"), ("text", str(elsewhere))]
    )
    with pytest.raises(EOFError):
        Interview(bank, session, prompter, saver).run()
    assert f"Saved to {elsewhere}. Answers go there from now on." in prompter.notes
    assert yaml.safe_load(elsewhere.read_text())["answers"]["host_authority"] == "Leeds"
    assert session.path == elsewhere


# -- format versions ----------------------------------------------------------------------------


def test_an_older_format_is_upgraded_by_one_function_with_a_backup(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend today's format is 2, and format 1 kept the facilitator under another key.
    def one_to_two(doc: dict[str, Any]) -> dict[str, Any]:
        answers = doc["answers"]
        answers["facilitator"] = answers.pop("chair")
        return doc

    monkeypatch.setattr(session_module, "FORMAT_VERSION", 2)
    monkeypatch.setitem(session_module.UPGRADES, 1, one_to_two)
    path = tmp_path / "old.scopewiz.yaml"
    original = GOLDEN_SESSION.read_text(encoding="utf-8").replace("  facilitator:", "  chair:")
    path.write_text(original, encoding="utf-8")

    _, session, notes = load_session(path)
    assert session.answers["facilitator"] == "Sam Patel, LGA challenge manager"
    assert notes[0].startswith(
        "old.scopewiz.yaml was written in session format 1 and is read as format 2"
    )
    assert path.read_text(encoding="utf-8") == original  # loading changes nothing
    save_session(bank, session)
    backup = tmp_path / "old.scopewiz.yaml.format-1.bak"
    assert backup.read_text(encoding="utf-8") == original
    assert read_session_doc(path)["scopewiz_session"] == 2


def test_a_newer_format_says_to_upgrade_scopewiz(tmp_path: Path) -> None:
    path = tmp_path / "new.scopewiz.yaml"
    path.write_text(
        GOLDEN_SESSION.read_text().replace("scopewiz_session: 1", "scopewiz_session: 7")
    )
    result = scopewiz("resume", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert "was written by a newer scopewiz (format 7; this one reads up to 1)" in result.stderr
    assert "Upgrade scopewiz: pip install --upgrade scopewiz" in result.stderr


# -- bank drift -------------------------------------------------------------------------------------


def test_a_changed_bank_keeps_every_answer_and_asks_the_new_questions(tmp_path: Path) -> None:
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(
        "id: drift\ntitle: Drift\nsections:\n  - id: s\n    title: S\n    questions:\n"
        "      - {id: kept, type: text, prompt: Kept?}\n"
        "      - {id: dropped, type: text, prompt: Dropped?}\n"
    )
    first = scopewiz(
        "new", "--bank", str(bank_file), "-o", "d.scopewiz.yaml", stdin="one\ntwo\n", cwd=tmp_path
    )
    assert first.returncode == 0, first.stderr
    bank_file.write_text(
        "id: drift\ntitle: Drift\nsections:\n  - id: s\n    title: S\n    questions:\n"
        "      - {id: kept, type: text, prompt: Kept?}\n"
        "      - {id: added, type: text, prompt: Added?}\n"
    )
    second = scopewiz("resume", "d.scopewiz.yaml", stdin="three\n", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "The question bank has changed since this session was last saved." in second.stderr
    assert "'answers_to_removed_questions': dropped" in second.stderr
    assert "Added?" in second.stdout and "Kept?" not in second.stdout
    saved = yaml.safe_load((tmp_path / "d.scopewiz.yaml").read_text())
    assert saved["answers"] == {"kept": "one", "added": "three"}
    assert saved["answers_to_removed_questions"] == {"dropped": "two"}


# -- hostile files ------------------------------------------------------------------------------------

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def refused_in_bounded_memory(load: Any, limit_mb: float = 20) -> BaseException:
    tracemalloc.start()
    try:
        with pytest.raises((SessionFileError, BankError)) as caught:
            load()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < limit_mb * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    return caught.value


@pytest.mark.parametrize("kind", ["session", "answers", "bank"])
def test_a_billion_laughs_file_is_refused(bank: Bank, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"bomb.{kind}.yaml"
    head = (
        "scopewiz_session: 1\nbank: {id: childrens-services-scoping}\nanswers:\n"
        if kind == "session"
        else ""
    )
    path.write_text(head + BOMB)
    load = {
        "session": lambda: load_session(path),
        "answers": lambda: load_answers_file(bank, path),
        "bank": lambda: load_bank(path),
    }[kind]
    error = refused_in_bounded_memory(load)
    assert "aliases (*name) are not allowed in scopewiz files" in str(error)


@pytest.mark.parametrize("kind", ["session", "answers", "bank"])
def test_a_50_mb_file_is_refused_before_it_is_read(bank: Bank, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"huge.{kind}.yaml"
    with path.open("wb") as fh:
        fh.write(b"scopewiz_session: 1\nanswers:\n  vision: |\n")
        fh.write((b"    " + b"x" * 1020 + b"\n") * (50 * 1024))
    assert path.stat().st_size > 50 * 1024 * 1024
    load = {
        "session": lambda: load_session(path),
        "answers": lambda: load_answers_file(bank, path),
        "bank": lambda: load_bank(path),
    }[kind]
    error = refused_in_bounded_memory(load, limit_mb=5)
    assert "MB" in str(error)


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system [touch PWNED]",
        "!!python/object/new:os.system [touch PWNED]",
        "!!python/name:os.system",
        "!!python/module:os",
        "!custom {x: 1}",
    ],
)
@pytest.mark.parametrize("kind", ["session", "answers", "bank"])
def test_python_tags_are_refused_and_run_nothing(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, tag: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / f"evil.{kind}.yaml"
    if kind == "session":
        path.write_text(
            f"scopewiz_session: 1\nbank: {{id: childrens-services-scoping}}\nanswers:\n  vision: {tag}\n"
        )
    elif kind == "answers":
        path.write_text(f"vision: {tag}\n")
    else:
        path.write_text(f"id: x\ntitle: {tag}\nsections: []\n")
    load = {
        "session": lambda: load_session(path),
        "answers": lambda: load_answers_file(bank, path),
        "bank": lambda: load_bank(path),
    }[kind]
    with pytest.raises((SessionFileError, BankError)) as caught:
        load()
    assert "is not allowed" in str(caught.value)
    assert not (tmp_path / "PWNED").exists()


def test_files_are_private(tmp_path: Path) -> None:
    result = scopewiz("new", "--answers", str(GOLDEN_SESSION), "--no-input", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name in ("leeds-2026-12-01.scopewiz.yaml", "leeds-2026-12-01.md"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600


def test_readme_says_what_is_guaranteed() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your data is safe", 1)[1].split("\n## ", 1)[0]
    for promise in ("SIGKILL", "atomic", "0600", "lock", "never overwritten", "aliases", "backup"):
        assert promise in section, promise


def test_a_lock_being_written_is_not_taken_over(tmp_path: Path) -> None:
    """Held but not yet signed: refused. Left empty by a wizard that is gone: taken, silently."""
    path = tmp_path / "s.scopewiz.yaml"
    lock_file = SessionLock.lock_path(path)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # created and held, not yet filled in
        with pytest.raises(SessionFileError, match="is open in another scopewiz"):
            SessionLock().acquire(path)
    finally:
        os.close(fd)  # the wizard is gone: the kernel drops its lock
    lock = SessionLock()
    lock.acquire(path)
    assert lock.notes == []  # nobody named, nobody to say was gone
    assert json.loads(lock_file.read_text())["pid"] == os.getpid()
    lock.release()


def test_a_lock_naming_a_pid_no_process_can_have_is_stale(tmp_path: Path) -> None:
    """A hand-made lock with a huge pid: taken over, not an OverflowError traceback."""
    path = partial_session(tmp_path, answers=3)
    huge = 99999999999999999999
    write_lock(path, socket.gethostname(), huge)
    result = scopewiz("resume", path.name, stdin="Ann Other\n", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Took over a stale lock on {path.name}: process {huge} ")
    assert yaml.safe_load(path.read_text())["answers"]["attendees"] == [{"name": "Ann Other"}]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "args",
    [
        ("render", "{fifo}"),
        ("resume", "{fifo}"),
        ("status", "{fifo}"),
        ("check", "{fifo}"),
        ("new", "--answers", "{fifo}", "--no-input"),
        ("new", "--bank", "{fifo}", "--no-input"),
        ("render", "/dev/zero"),
        ("new", "--answers", "/dev/zero", "--no-input"),
    ],
    ids=lambda a: " ".join(a),
)
def test_a_pipe_or_a_device_is_refused_before_it_is_read(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Reading a FIFO waits for a writer; /dev/zero never ends: neither is read."""
    fifo = tmp_path / "m.scopewiz.yaml"
    os.mkfifo(fifo)
    given = [a.format(fifo=fifo.name) for a in args]
    result = scopewiz(*given, stdin="", cwd=tmp_path)  # the helper has its own timeout
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    named = "/dev/zero" if "/dev/zero" in given else fifo.name
    assert (
        f"{named}: is not a file (a pipe, a device or a socket); scopewiz reads only files"
        in result.stderr
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [fifo.name]  # nothing written
