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


def not_a_file(path: Any) -> str | None:
    """Why ``path`` is not read at all: a pipe, a device or a socket (reading one could wait
    for ever, or never end, as ``/dev/zero``); None for a file, a folder or nothing there,
    which the read that follows reports."""
    import stat

    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "is not a file (a pipe, a device or a socket); scopewiz reads only files"


def too_big(path: Any) -> str | None:
    """Why a file is too large to read (checked before reading it), or None."""
    try:
        size = int(path.stat().st_size)
    except OSError:
        return None  # the read that follows reports it
    if size > MAX_YAML_BYTES:
        return f"the file is {size // (1024 * 1024)} MB; scopewiz reads files up to {MAX_YAML_BYTES // (1024 * 1024)} MB"
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
