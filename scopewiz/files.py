"""Files on disk written safely: atomic replacement, and one writer per session file.

Every save goes through :func:`write_atomic` (a crash leaves the old or the new
file, whole, never half of one); :class:`SessionLock` keeps a second wizard off
a session file that one is already writing. Nothing here knows what a session
holds: the session format is ``session.py``, file names are ``naming.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

from .errors import SessionFileError


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file, whole.

    The temporary file sits in the same folder (so the rename cannot cross
    file systems), is flushed and fsynced before the rename, and is created
    with mode 0600: session files hold names and candid views.
    """
    data = text.encode("utf-8")
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise SessionFileError(
            f"Could not save {path}: {exc.strerror or exc}",
            hint="Free some space or choose a folder you can write to, then try again.",
        ) from exc
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    if path not in _swept:
        _swept.add(path)
        _sweep_temp_files(path)


#: Files whose leftover temporary files (of saves a killed process began) are cleared.
_swept: set[Path] = set()


def _sweep_temp_files(path: Path) -> None:
    """Remove the temporary files of saves of ``path`` that a killed process left behind.

    They are named ``.NAME.PID.tmp`` (see write_atomic). One whose process no
    longer runs never became the file, which holds the last whole save. Done on
    the first save of each file in a process, so it costs one folder listing.
    """
    prefix, suffix = f".{path.name}.", ".tmp"
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            name = entry.name
            pid = name[len(prefix) : -len(suffix)]
            if not (name.startswith(prefix) and name.endswith(suffix)):
                continue
            if not (pid.isascii() and pid.isdigit()):
                continue
            if int(pid) != os.getpid() and not _running(int(pid)):
                with contextlib.suppress(OSError):
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
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[:1] == ["Z"]


class SessionLock:
    """One writer per session file: a lock file beside it naming host, process and time.

    Like git's ``index.lock``, the lock file is created with O_EXCL, so two
    wizards cannot both take it. A lock whose process has died on this host (a
    kill -9, a closed laptop) is stale: it is taken over, and the caller is told.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self.notes: list[str] = []

    @staticmethod
    def lock_path(session_path: Path) -> Path:
        """``.NAME.lock`` beside the session file."""
        return session_path.with_name(f".{session_path.name}.lock")

    def acquire(self, session_path: Path) -> None:
        """Take the lock for ``session_path`` (releasing any other held), or raise SessionFileError."""
        lock = self.lock_path(session_path)
        if lock == self.path:
            return
        me = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        for _ in range(2):
            try:
                fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                holder = self._read(lock)
                if not self._stale(holder, lock):
                    raise SessionFileError(
                        f"{session_path} is open in another scopewiz "
                        f"(host {holder.get('host', '?')}, process {holder.get('pid', '?')}, "
                        f"since {holder.get('since', '?')}).",
                        hint="Finish or close it there first. If that wizard is gone for good, "
                        f"delete {lock} and try again.",
                    ) from None
                self.notes.append(
                    f"Took over a stale lock on {session_path.name}: process "
                    f"{holder.get('pid', '?')} on {holder.get('host', '?')} "
                    f"(since {holder.get('since', '?')}) is no longer running."
                )
                with contextlib.suppress(FileNotFoundError):
                    lock.unlink()
                continue
            except OSError as exc:
                raise SessionFileError(
                    f"Could not lock {session_path}: {exc.strerror or exc}",
                    hint="Check that the folder exists and can be written to.",
                ) from exc
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(me))
            self.release()
            self.path = lock
            return
        raise SessionFileError(f"Could not lock {session_path}: another wizard keeps taking it.")

    @staticmethod
    def _read(lock: Path) -> dict[str, Any]:
        try:
            data = json.loads(lock.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return dict(data) if isinstance(data, dict) else {}

    @staticmethod
    def _stale(holder: dict[str, Any], lock: Path) -> bool:
        """A lock from this host whose process is gone. Other hosts' locks are never stale."""
        pid = holder.get("pid")
        if not holder:
            # Unreadable: stale, unless another wizard is writing it this very moment.
            try:
                return time.time() - lock.stat().st_mtime > 10
            except OSError:
                return True
        if holder.get("host") != socket.gethostname() or not isinstance(pid, int) or pid <= 0:
            return False
        return pid == os.getpid() or not _running(pid)

    def release(self) -> None:
        """Remove the lock file this process holds, if any."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.path = None
