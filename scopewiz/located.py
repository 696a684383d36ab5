"""Values read from a YAML file that remember where they stood, and the compiled form of them.

Kept apart from :mod:`scopewiz.yamlio` so that code which only needs the
shapes (and the compiled default bank) does not pay for importing PyYAML.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

MAX_YAML_BYTES = 20 * 1024 * 1024


class YamlError(Exception):
    """A YAML document that cannot be read, with the 1-based line of the problem."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class LDict(dict[str, Any]):
    """A mapping read from YAML that remembers its own line and each key's line."""

    line: int
    key_lines: dict[str, int]


class LList(list[Any]):
    """A sequence read from YAML that remembers its own line and each item's line."""

    line: int
    item_lines: list[int]


class LInt(int):
    """A whole number read from YAML that remembers how it was written (``0113`` is octal
    to YAML, but a phone number to the person who wrote it)."""

    source: str


class LFloat(float):
    """A number with a point read from YAML that remembers how it was written (``1.50``)."""

    source: str


def written(value: Any) -> str:
    """A scalar as the file wrote it: a number's own digits, anything else as ``str``."""
    return getattr(value, "source", None) or str(value)


def line_of(value: Any, key: str | int | None = None, default: int = 1) -> int:
    """The 1-based line where ``value`` (or its ``key`` / item) stood in the file."""
    if isinstance(value, LDict):
        if isinstance(key, str) and key in value.key_lines:
            return value.key_lines[key]
        return value.line
    if isinstance(value, LList):
        if isinstance(key, int) and 0 <= key < len(value.item_lines):
            return value.item_lines[key]
        return value.line
    return default


def before_reading(path: Any, label: str) -> str | None:
    """Why ``path`` is not read at all, as a message naming ``label``; None to go on.

    A pipe, a device or a socket is refused (reading one could wait for ever,
    or never end, as ``/dev/zero``), and a file over the size limit. A folder
    or nothing there is left to the read that follows, which reports it.
    """
    import stat

    try:
        found = path.stat()
    except (OSError, ValueError):
        return None
    if stat.S_ISDIR(found.st_mode):
        return None
    if not stat.S_ISREG(found.st_mode):
        return f"{label}: is not a file (a pipe, a device or a socket); scopewiz reads only files"
    if found.st_size > MAX_YAML_BYTES:
        mb = 1024 * 1024
        return (
            f"{label}:1: the file is {found.st_size // mb} MB; "
            f"scopewiz reads files up to {MAX_YAML_BYTES // mb} MB"
        )
    return None


def to_compiled(value: Any) -> Any:
    """A located value as plain JSON data, line numbers kept (see :func:`from_compiled`)."""
    if isinstance(value, LDict):
        return {
            "L": value.line,
            "K": value.key_lines,
            "V": {k: to_compiled(v) for k, v in value.items()},
        }
    if isinstance(value, LList):
        return {"L": value.line, "I": value.item_lines, "A": [to_compiled(v) for v in value]}
    if isinstance(value, dt.date):
        return {"D": value.isoformat()}
    return value


def from_compiled(data: Any) -> Any:
    """Rebuild located values from :func:`to_compiled` data."""
    if isinstance(data, dict):
        if "V" in data:
            out = LDict((k, from_compiled(v)) for k, v in data["V"].items())
            out.line, out.key_lines = data["L"], dict(data["K"])
            return out
        if "A" in data:
            seq = LList(from_compiled(v) for v in data["A"])
            seq.line, seq.item_lines = data["L"], list(data["I"])
            return seq
        if "D" in data:
            return dt.date.fromisoformat(data["D"])
    return data
