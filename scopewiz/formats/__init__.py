"""The record in the form each reader works in: Markdown, Word, a printable HTML page, a calendar.

Word and HTML are made from the Markdown record itself, read as a tree by
markdown-it-py (:mod:`.tree`), so that they hold the same sections, answers
and tables in the same order, and every answer is text in them because it is
text in the Markdown. The calendar is made from the same timeline as the
record's. Each writer is imported only when its format is asked for: a
Markdown render loads none of python-docx, icalendar or markdown-it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..bank import Bank
    from ..engine import InterviewState
    from ..session import Session

#: Each format: what it is called, its file suffix, and whether it is text.
FORMATS = {"md": ".md", "docx": ".docx", "html": ".html", "ics": ".ics"}
BINARY = {"docx"}
_SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".ics": "ics",
}


class FormatError(ValueError):
    """A format that cannot be told or is not known. The message is a sentence fit to show."""


def format_for(explicit: str | None, output: Path | None) -> str:
    """The format asked for: ``--format``, else ``-o``'s suffix, else Markdown.

    A ``--format`` that disagrees with the suffix of ``-o`` is refused, rather
    than writing Word into a file named ``.md``.
    """
    by_suffix = _SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if explicit is not None:
        fmt = explicit.lower().lstrip(".")
        if fmt not in FORMATS:
            raise FormatError(f"Unknown format '{explicit}': use one of {', '.join(FORMATS)}")
        if output is not None and output.suffix and by_suffix != fmt:
            raise FormatError(
                f"--format {fmt} does not match the name {output.name}: "
                f"name the file {output.with_suffix(FORMATS[fmt]).name}, or leave out --format"
            )
        return fmt
    return by_suffix or "md"


@dataclass(frozen=True)
class Export:
    """What a writer needs besides the Markdown record: the session's facts."""

    title: str  # the record's title
    author: str  # the bank's record_author: the facilitator
    subject: str  # the bank's title
    source: str  # the session file's name
    saved: str  # when it was last saved, as the record's closing line says it
    identity: str  # what makes the session this one (its bank, when it began): stable UIDs
    event_name: str  # the bank's calendar_title: what each calendar event is called


def facts_of(bank: Bank, state: InterviewState, *, source: str, saved: str, created: str) -> Export:
    """The :class:`Export` of a session, its templates filled from the answers."""
    from ..render import filled

    title = filled(bank, state, bank.record_title or bank.title)
    return Export(
        title=title,
        author=filled(bank, state, bank.record_author) if bank.record_author else "",
        subject=bank.title,
        source=source,
        saved=saved,
        identity=f"{bank.id}\n{created or source}",
        event_name=filled(bank, state, bank.calendar_title or bank.title, in_full=False),
    )


def export(
    fmt: str,
    bank: Bank,
    state: InterviewState,
    *,
    source: str,
    saved: str,
    created: str,
    today: dt.date | None = None,
) -> bytes:
    """The record of a session in format ``fmt``, as the bytes of its file.

    With ``today``, dates before it are marked as already past (the calendar
    keeps them as events: they are still the dates agreed).
    """
    from ..render import render, timeline_entries

    markdown = render(bank, state, source=source, saved=saved, today=today)
    if fmt == "md":
        return markdown.encode("utf-8", "surrogateescape")
    facts = facts_of(bank, state, source=source, saved=saved, created=created)
    if fmt == "html":
        from .html import to_html

        return to_html(markdown, facts).encode("utf-8", "replace")
    if fmt == "docx":
        from .word import to_docx

        return to_docx(markdown, facts)
    if fmt == "ics":
        from .ics import to_ics

        return to_ics(timeline_entries(bank, state, today), facts)
    raise FormatError(f"Unknown format '{fmt}'")


def of_session(fmt: str, bank: Bank, session: Session, today: dt.date | None) -> bytes:
    """The record of ``session``, as saved at its path, in format ``fmt`` (see :func:`export`)."""
    assert session.path is not None
    return export(
        fmt,
        bank,
        session.state,
        source=session.path.name,
        saved=session.updated,
        created=session.created,
        today=today,
    )


def is_export_of(data: bytes, fmt: str, source: str) -> bool:
    """Whether ``data``, a file's bytes, is a record in format ``fmt`` of the session ``source``.

    Such a file may be replaced by a newer one; any other file never is.
    """
    if fmt == "md":
        from ..render import is_record_of

        return is_record_of(data.decode("utf-8", "replace"), source)
    if fmt == "html":
        from html import escape

        mark = f'<meta name="generator" content="scopewiz from {escape(source)}">'
        return mark.encode("utf-8", "replace") in data[:4096]
    if fmt == "docx":
        from .word import is_word_record_of

        return is_word_record_of(data, source)
    if fmt == "ics":
        from .ics import is_calendar_of

        return is_calendar_of(data, source)
    return False
