"""Where a session lives: its file name from the bank's template, and the files beside it.

A session is ``NAME.scopewiz.yaml``, named from the answers the bank's
``file_name`` template names (``leeds-2026-12-01.scopewiz.yaml``); its record is
``NAME.md`` beside it, and the original of an upgraded file ``NAME.format-N.bak``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from .bank import Bank, fill, placeholders
from .engine import InterviewState, answer_text
from .errors import SessionFileError
from .files import Stamp, stamp_of
from .located import MAX_YAML_BYTES

if TYPE_CHECKING:
    from .session import Session

SUFFIX = ".scopewiz.yaml"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-``: ``Bournemouth, Christchurch and Poole``
    becomes ``bournemouth-christchurch-and-poole``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def name_settled(bank: Bank, state: InterviewState) -> bool:
    """Whether every answer the bank's ``file_name`` names has been given."""
    return all(name in state.answers for name in placeholders(bank.file_name))


def default_file_name(bank: Bank, state: InterviewState, today: dt.date) -> str:
    """The session file name from the bank's ``file_name`` template: ``leeds-2026-12-01.scopewiz.yaml``.

    Answers not yet given fall back to their defaults (a date's is today), so
    the very first answer already has a sensible home.
    """
    values: dict[str, str] = {}
    for name in placeholders(bank.file_name):
        value = state.answers.get(name)
        if value is None:
            q = bank.by_id[name]
            value = today if q.default == "today" else q.default
        if isinstance(value, dt.date):
            values[name] = value.isoformat()
        elif value is not None:
            values[name] = slug(answer_text(bank, name, value))
    stem = slug(fill(bank.file_name, values)) if bank.file_name else ""
    return (stem or slug(bank.id) or "session") + SUFFIX


def free_path(folder: Path, name: str, *, mine: Path | None = None) -> Path:
    """``folder/name``, or ``name-2``, ``name-3``, ... when that is taken by another session."""
    stem = name.removesuffix(SUFFIX)
    candidate = folder / name
    n = 2
    while candidate.exists() and candidate != mine:
        candidate = folder / f"{stem}-{n}{SUFFIX}"
        n += 1
    return candidate


def record_path(session_path: Path, fmt: str = "md") -> Path:
    """Where the record of a session goes: beside it, ``.md`` (or ``.docx``…) for ``.scopewiz.yaml``."""
    from .formats import FORMATS

    suffix = FORMATS[fmt]
    name = session_path.name
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else session_path.stem
    record = session_path.with_name(stem + suffix)
    if record == session_path:  # a session saved as "notes.md": never write over it
        record = session_path.with_name(name + ".record" + suffix)
    return record


def record_target(session_path: Path, fmt: str = "md") -> tuple[Path, Stamp | None]:
    """Where to write a session's record (in ``fmt``), and the file there that may be replaced.

    ``NAME.md``, replaced only when it is this session's own record. Anything
    else of that name (someone's own notes, a link, a folder) is left as it is,
    and the record goes to ``NAME.record.md`` (or ``NAME.record-2.md``, ...), by
    the same rule; ``NAME.docx``, ``.html`` and ``.ics`` likewise. The stamp
    returned is of the record to replace (None: the name is free), for
    :func:`~scopewiz.files.write_atomic`'s ``expect``.
    """
    from .formats import FORMATS

    suffix = FORMATS[fmt]
    first = record_path(session_path, fmt)
    stem = first.name.removesuffix(suffix)
    for n in range(100):
        candidate = (
            first
            if n == 0
            else first.with_name(
                f"{stem}.record{suffix}" if n == 1 else f"{stem}.record-{n}{suffix}"
            )
        )
        found = stamp_of(candidate)
        if found is None:
            return candidate, None
        if is_record_file(candidate, session_path.name, fmt):
            return candidate, found
    raise SessionFileError(f"No free name for the record beside {session_path}.")


def is_record_file(path: Path, source: str, fmt: str = "md") -> bool:
    """Whether ``path`` is a regular file holding the record (in ``fmt``) of the session ``source``."""
    from .formats import is_export_of

    data = _read_bytes(path)
    return data is not None and is_export_of(data, fmt, source)


def _read_record(path: Path) -> str | None:
    """The text of the regular file at ``path``; None for a link, a folder, a pipe, a device."""
    data = _read_bytes(path)
    return None if data is None else data.decode("utf-8", "replace")


def _read_bytes(path: Path) -> bytes | None:
    """The bytes of the regular file at ``path``; None for a link, a folder, a pipe, a device."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None  # a link, or unreadable: not to be replaced
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_YAML_BYTES:
            return None  # a folder, a pipe, a device: never a record to replace
        with os.fdopen(os.dup(fd), "rb") as file:
            return file.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def own_record(session_path: Path) -> tuple[Path, Stamp] | None:
    """This session's record beside it, if one is there: its path and stamp (see :func:`record_target`)."""
    try:
        record, seen = record_target(session_path)
    except SessionFileError:
        return None
    return (record, seen) if seen is not None else None


def record_is_current(record: Path, text: str) -> bool:
    """Whether the record at ``record`` reads ``text``, the record of the session as it is now."""
    return _read_record(record) == text


def backup_path(session_path: Path, version: int) -> Path:
    """Where the original of an upgraded session is kept: ``NAME.format-1.bak``."""
    return session_path.with_name(f"{session_path.name}.format-{version}.bak")


def provisional_name(bank: Bank, session: Session) -> bool:
    """Whether the file still has the name it got before the answers that name it were given.

    Such a file is renamed once they are (a session that stopped before the
    meeting date was answered); a name the user chose is never changed.
    """
    if session.path is None or name_settled(bank, session.state):
        return False
    try:
        started = dt.date.fromisoformat(session.created[:10])
    except ValueError:
        return False
    expected = default_file_name(bank, session.state, started)
    stem = expected[: -len(SUFFIX)]
    pattern = re.escape(stem) + r"(-\d+)?" + re.escape(SUFFIX)
    return re.fullmatch(pattern, session.path.name) is not None
