"""Files on disk, written safely: the one file layer every write goes through.

:func:`write_atomic` writes a whole file or nothing, never through a link and
never over a file it was not told about: a new file must not exist yet, a file
being saved again must still be the one this process last wrote or read (its
:class:`Stamp`), and only ``replace=True`` (the user asked) replaces anything.
:class:`SessionLock` keeps a second wizard off a session file that one is
already writing. Nothing here knows what a session holds: the session format
is ``session.py``, file names are ``naming.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import secrets
import socket
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FileChangedError, FileTakenError, SessionFileError
from .terminal import shown_line

#: Flags of every temporary file: a fresh name, never a link, never inherited by a child.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True)
class Stamp:
    """What a file was when this process last wrote or read it: which file, how long, when."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, found: os.stat_result) -> Stamp:
        """The stamp of a ``stat`` result."""
        return cls(found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def stamp_of(path: Path) -> Stamp | None:
    """The stamp of the file at ``path`` itself (a link is not followed), or None if none is there."""
    try:
        return Stamp.of(os.lstat(path))
    except (FileNotFoundError, NotADirectoryError):
        return None


def write_atomic(
    path: Path, text: str | bytes, *, expect: Stamp | None = None, replace: bool = False
) -> Stamp:
    """Write ``text`` (or bytes) to ``path`` so that a crash leaves the old or the new file, whole.

    Which file may be there already:

    - ``replace=True``: anything (the user asked for this file and confirmed);
    - ``expect``: the file this process last saw there (its stamp), or none;
      any other file there raises :class:`FileChangedError`, and it is left as it is;
    - neither: no file at all; one there raises :class:`FileTakenError`.

    The temporary file is new (``O_EXCL``, a random name, so no planted link or
    file can be opened in its place), mode 0600 (sessions hold names and candid
    views), in the same folder (the rename cannot cross file systems), and is
    fsynced before the rename; the folder is fsynced after. A link at ``path``
    is replaced, never written through: callers resolve a session's links first.
    Returns the stamp of the file written.
    """
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    folder = path.parent
    tmp, fd = _temporary(path)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            stamp = Stamp.of(os.fstat(fd))
        finally:
            os.close(fd)
        if replace:
            tmp.replace(path)
        elif expect is not None:
            found = stamp_of(path)
            if found is not None and found != expect:
                raise FileChangedError(
                    f"{path} was changed on disk since scopewiz last saved it "
                    "(another program, or a copy over it); it was left as it is.",
                    path=path,
                )
            tmp.replace(path)
        else:
            _create(tmp, path)
    except SessionFileError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _not_saved(path, exc) from exc
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    if path not in _swept:
        _swept.add(path)
        _sweep_temp_files(path)
    return stamp


def _temporary(path: Path) -> tuple[Path, int]:
    """A new temporary file beside ``path``: ``.NAME.PID.RANDOM.tmp``, opened for writing."""
    for _ in range(8):
        tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        try:
            return tmp, os.open(tmp, _CREATE, 0o600)
        except FileExistsError:
            continue  # a name someone planted (or a 1 in 4 billion draw): draw again
        except OSError as exc:
            raise _not_saved(path, exc) from exc
    raise SessionFileError(f"Could not save {path}: no free temporary name beside it.")


def _not_saved(path: Path, exc: OSError) -> SessionFileError:
    """Why a write failed, and what the user can do about it."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "The disk is full: free some space, then try again."
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "The folder cannot be written to: choose another folder, or fix its permissions."
    elif exc.errno == errno.EISDIR:
        hint = f"{path} is a folder: move it away, or choose another file name."
    else:
        hint = "Check the folder and the disk, then try again."
    return SessionFileError(f"Could not save {path}: {exc.strerror or exc}", hint=hint)


def _create(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if nothing (not even a dangling link) has that name.

    A hard link is created or refused by the kernel in one step; where the file
    system has no hard links, a check and a rename do the same, less strictly.
    """
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        raise _taken(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
            raise
        if stamp_of(path) is not None:
            raise _taken(path) from None
        tmp.replace(path)
        return
    tmp.unlink()


def _taken(path: Path) -> FileTakenError:
    return FileTakenError(f"{path} already exists; it was left as it is.", path=path)


def create_name(source: Path, path: Path) -> None:
    """Give the file ``source`` the new name ``path`` too, then drop ``source``: never over a file."""
    try:
        _create(source, path)
    except OSError as exc:
        raise SessionFileError(f"Could not rename {source} to {path}: {exc.strerror}") from exc


def remove_own(path: Path, expect: Stamp) -> bool:
    """Remove the file at ``path`` only if it is still the one this process wrote (``expect``).

    For a new session given up before it held anything worth keeping (its
    meeting turned out to have a session already). Any other file there, or
    none, is left as it is; returns whether the file was removed.
    """
    if stamp_of(path) != expect:
        return False
    try:
        path.unlink()
    except OSError:
        return False
    return True


def resolve_link(path: Path) -> Path:
    """The file a session path names: a symbolic link's target, so saves keep reaching it."""
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return Path(os.path.realpath(path))
    except (OSError, ValueError):
        pass  # not there, or not to be looked at: the read that follows says which
    return path


#: Files whose leftover temporary files (of saves a killed process began) are cleared.
_swept: set[Path] = set()


def _sweep_temp_files(path: Path) -> None:
    """Remove the temporary files of saves of ``path`` that a killed process left behind.

    They are named ``.NAME.PID.RANDOM.tmp`` (see _temporary). One whose process
    no longer runs never became the file, which holds the last whole save. Only
    regular files of this user are removed. Done on the first save of each file
    in a process, so it costs one folder listing.
    """
    prefix, suffix = f".{path.name}.", ".tmp"
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(suffix)):
                continue
            pid = name[len(prefix) : -len(suffix)].split(".", 1)[0]
            if not (pid.isascii() and pid.isdigit()):
                continue
            if int(pid) == os.getpid() or _running(int(pid)):
                continue
            with contextlib.suppress(OSError):
                found = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(found.st_mode) and found.st_uid == os.getuid():
                    (path.parent / name).unlink()


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs on this host (a zombie has stopped running)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # a pid no process can have
        return False
    except PermissionError:
        return True  # alive, someone else's
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process that has exited but not yet been reaped by its parent (Linux only)."""
    try:
        found = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return found.rsplit(")", 1)[-1].split()[:1] == ["Z"]


class SessionLock:
    """One writer per session file, held by the kernel for the wizard's life.

    The lock is an ``flock`` on ``.NAME.lock`` beside the session (the file
    names host, process and time, for the message a second wizard shows), and
    one on the session file itself, so that another name for the same file (a
    hard link) is refused too. The kernel drops both when the process ends, by
    a kill -9 or a closed laptop: a lock left behind is stale at once, and is
    taken over without deleting anything, so two wizards cannot both get in.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self.notes: list[str] = []
        self._fd: int | None = None
        self._file_fd: int | None = None

    @staticmethod
    def lock_path(session_path: Path) -> Path:
        """``.NAME.lock`` beside the session file."""
        return session_path.with_name(f".{session_path.name}.lock")

    def acquire(self, session_path: Path) -> None:
        """Take the lock for ``session_path`` (releasing any other held), or raise SessionFileError."""
        lock = self.lock_path(session_path)
        if lock == self.path:
            return
        for _ in range(8):
            fd = self._open(lock, session_path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                os.close(fd)
                raise self._refusal(session_path, lock, holder) from None
            except OSError as exc:
                os.close(fd)
                raise SessionFileError(f"Could not lock {session_path}: {exc.strerror}") from exc
            if not _same_file(fd, lock):
                os.close(fd)  # its holder removed it as we opened it: take the new one
                continue
            holder = _holder(fd)
            if holder and holder.get("host") != socket.gethostname():
                # A shared folder: the other machine's lock may not reach this kernel.
                os.close(fd)
                raise self._refusal(session_path, lock, holder)
            file_fd = self._hold_file(session_path, fd)
            if holder and holder.get("pid") != os.getpid():
                self.notes.append(
                    f"Took over a stale lock on {session_path.name}: process "
                    f"{_said(holder, 'pid')} on {_said(holder, 'host')} "
                    f"(since {_said(holder, 'since')}) is no longer running."
                )
            _sign(fd)
            self.release()
            self.path, self._fd, self._file_fd = lock, fd, file_fd
            return
        raise SessionFileError(f"Could not lock {session_path}: another wizard keeps taking it.")

    @staticmethod
    def _open(lock: Path, session_path: Path) -> int:
        """Open (or create) the lock file itself; anything else of that name is refused.

        ``O_NONBLOCK``: a named pipe or a device there must not keep the wizard
        waiting before it is looked at and refused.
        """
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
        try:
            fd = os.open(lock, flags, 0o600)
        except OSError as exc:
            try:
                there = os.lstat(lock).st_mode
            except OSError:
                there = None
            if there is not None and not stat.S_ISREG(there):
                raise _in_the_way(session_path, lock, there) from None
            raise SessionFileError(
                f"Could not lock {session_path}: {exc.strerror or exc}",
                hint="Check that the folder exists and can be written to.",
            ) from exc
        there = os.fstat(fd).st_mode
        if not stat.S_ISREG(there):
            os.close(fd)  # a pipe or a device opens; it is no lock, and it is not ours to remove
            raise _in_the_way(session_path, lock, there)
        return fd

    def _hold_file(self, session_path: Path, lock_fd: int) -> int | None:
        """Lock the session file itself, so another name for it cannot get in."""
        try:
            fd = os.open(session_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError:
            return None  # not written yet, or not a file: the name's lock is all there is
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            os.close(lock_fd)
            raise SessionFileError(
                f"{session_path} is open in another scopewiz under another name "
                "(a hard link to the same file).",
                hint="Finish or close it there first.",
            ) from None
        return fd

    @staticmethod
    def _refusal(session_path: Path, lock: Path, holder: dict[str, Any]) -> SessionFileError:
        return SessionFileError(
            f"{session_path} is open in another scopewiz "
            f"(host {_said(holder, 'host')}, process {_said(holder, 'pid')}, "
            f"since {_said(holder, 'since')}).",
            hint="Finish or close it there first. If that wizard is gone for good, "
            f"delete {lock} and try again.",
        )

    def release(self) -> None:
        """Give up the lock this process holds, if any, removing its file."""
        if self._fd is not None:
            assert self.path is not None
            if _same_file(self._fd, self.path):
                with contextlib.suppress(OSError):
                    self.path.unlink()  # while still held: nobody can be inside it
            os.close(self._fd)
        if self._file_fd is not None:
            os.close(self._file_fd)
        self.path, self._fd, self._file_fd = None, None, None


def _kind(mode: int) -> str:
    """What a file that is not a plain file is, in a user's words ("named pipe")."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def _in_the_way(session_path: Path, lock: Path, mode: int) -> SessionFileError:
    """Why the lock cannot be taken: something that is not a file has the lock file's name."""
    if stat.S_ISLNK(mode):
        return SessionFileError(
            f"Could not lock {session_path}: {lock} is a link, which scopewiz never writes through.",
            hint=f"Remove the link {lock} (what it points to is not touched), then try again.",
        )
    what = _kind(mode)
    return SessionFileError(
        f"Could not lock {session_path}: {lock} is a {what}, not a lock file; it was left as it is.",
        hint=f"scopewiz keeps the session's lock in a file of that name: move the {what} {lock} "
        "away or rename it, then try again.",
    )


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open file ``fd`` is still the one named ``path``."""
    try:
        named = os.lstat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _holder(fd: int) -> dict[str, Any]:
    """Who a lock file says holds it: host, pid and since (empty if unreadable)."""
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(data) if isinstance(data, dict) else {}


def _said(holder: dict[str, Any], key: str) -> str:
    """What the lock file says under ``key``, on one line: any process may write it."""
    return shown_line(str(holder.get(key, "?")))


def _sign(fd: int) -> None:
    """Write this wizard's host, pid and start time into its lock file.

    Only for the message another wizard shows: the kernel's lock is what keeps
    it out, so a disk too full for these few bytes leaves the lock held.
    """
    me = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)
