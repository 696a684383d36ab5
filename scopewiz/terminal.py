"""The output boundary: every string bound for the terminal is escaped here, every line written here.

A file, an answer or a bank may hold an escape sequence (OSC 52 writes the
clipboard, ESC[2J clears the screen), a line separator or a direction
override: :func:`shown` makes each of them visible as text. :func:`say` and
:func:`out` are the only writers; a closed pipe, a full device or a terminal
that cannot encode a character ends the command with one clear line and exit
1 (:class:`OutputError`), never a traceback.
"""

from __future__ import annotations

import os
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from typing import TextIO

from .errors import ScopewizError

#: Characters that change the direction of the text after them (Trojan Source).
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown(text: str) -> str:
    """Text from a file, safe to print: control, line-separator and bidi characters escaped.

    An id or a value in a file may hold an escape sequence that would restyle
    the terminal, a line separator that would split a one-line message, or a
    direction override that would show it in another order. Line feeds, tabs
    and every other character (no-break spaces, accents, emoji) are kept.
    """
    if text.isprintable():
        return text
    return "".join(_escape(c) if _unsafe(c) else c for c in text)


def shown_line(text: str) -> str:
    """:func:`shown`, and on one line: line feeds and tabs escaped too (menus, one-line previews)."""
    return "".join(_escape(c) if _unsafe(c) or c in "\n\t" else c for c in str(text))


def _unsafe(char: str) -> bool:
    if char in BIDI:
        return True
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") and char not in "\n\t"


def _escape(char: str) -> str:
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class OutputError(ScopewizError):
    """The terminal or file that output goes to cannot take it (closed pipe, full device)."""


def say(text: str = "") -> None:
    """A line for the user on stderr (stdout stays clean for records)."""
    write(sys.stderr, text + "\n")


def out(text: str = "", *, end: str = "\n") -> None:
    """A line of the command's output on stdout (a record, a table)."""
    write(sys.stdout, text + end)


def write(stream: TextIO | None, text: str) -> None:
    """Write and flush ``text``; turn every way the stream can refuse it into OutputError.

    A character the stream's encoding lacks (``PYTHONIOENCODING=ascii``) is
    written as a ``\\N{...}``-style escape rather than ending the command.
    """
    if stream is None:
        return

    def put() -> None:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "ascii"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        stream.flush()

    _guarded(stream, put)


def out_bytes(data: bytes) -> None:
    """Bytes on stdout, as they are: a Word document piped into a file."""
    stream = sys.stdout
    if stream is None:
        return

    def put() -> None:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()

    _guarded(stream, put)


def _guarded(stream: TextIO, put: Callable[[], None]) -> None:
    """Run ``put``; a reader gone, a full device or a closed stream becomes OutputError."""
    try:
        put()
    except BrokenPipeError:
        # The reader went away (``scopewiz render | head``): nothing more to say.
        _silence(stream)
        raise OutputError("", hint=None) from None
    except OSError as exc:
        _silence(stream)
        name = "standard output" if stream is sys.stdout else "standard error"
        raise OutputError(f"Could not write to {name}: {exc.strerror or exc}") from None


def _silence(stream: TextIO) -> None:
    """Point the broken stream at /dev/null so the interpreter's last flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def wrapped(text: str, width: int, *, first: int = 0, room: int = 0, indent: str = "") -> str:
    """``text`` broken between words into lines of at most ``width`` columns.

    A terminal wraps a long line wherever the screen ends, often mid-word.
    ``first`` is how many columns are taken before the first line (the "? "
    of a prompt), ``room`` how many the last line must leave free (" (y/N) "
    and the answer), ``indent`` what starts each line after the first. Line
    feeds in ``text`` are kept; a word longer than a line is cut, as it must be.
    """
    width = max(width, 20)
    paragraphs = text.split("\n")
    # Stand-ins that take the room and that textwrap never breaks at nor strips.
    paragraphs[-1] += _ROOM * room
    out: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        lines = textwrap.wrap(
            paragraph,
            width,
            initial_indent=_ROOM * first if n == 0 else "",
            subsequent_indent=indent,
            break_on_hyphens=False,
        )
        out += [line.replace(_ROOM, "") for line in lines] or [""]
    while len(out) > 1 and not out[-1] and room:
        out.pop()  # a line of stand-ins only
    return "\n".join(out)


#: A private-use character, for :func:`wrapped`'s stand-ins: scopewiz's own words hold
#: none (one typed into an answer would not show in a wrapped line; the answer keeps it).
_ROOM = "\ue000"
