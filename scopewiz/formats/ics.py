"""The record's timeline as a calendar file (icalendar), to import into Outlook or Google.

One all-day event for each date of the timeline that is known: the peer
team identified by, papers to the team, the briefing call, the visit (over
all its days) and the feedback presentation. The scoping meeting itself is
left out: it has been held. A date still "to be agreed" has no event. Each
event is named after the bank's ``calendar_title`` (the host authority) and
says which answer its date comes from. Its UID is made from the session (when
it began and its bank) and the event's name, so importing the file again
after a change moves the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from icalendar import Calendar, Event
from icalendar.prop import vText

from .. import __version__
from ..dates import MEETING, TimelineEntry
from . import Export


def _uid(facts: Export, label: str) -> str:
    session = hashlib.sha256(facts.identity.encode("utf-8", "replace")).hexdigest()[:20]
    name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    return f"{name}-{session}@scopewiz"


def is_calendar_of(data: bytes, source: str) -> bool:
    """Whether ``data`` is a calendar scopewiz wrote from the session file ``source``."""
    text = data.decode("utf-8", "replace").replace("\r\n ", "").replace("\r\n\t", "")
    lines = text.split("\r\n")
    mark = "X-SCOPEWIZ-SESSION:" + vText(source).to_ical().decode("utf-8", "replace")
    return any(line.startswith("PRODID:-//scopewiz ") for line in lines) and mark in lines


def _stamp(saved: str) -> dt.datetime:
    """When the session was saved (the events' DTSTAMP), so the same session gives the same file."""
    try:
        when = dt.datetime.fromisoformat(saved)
    except ValueError:
        return dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc)


def to_ics(entries: list[Any], facts: Export) -> bytes:
    """The calendar of the timeline ``entries`` (:class:`~scopewiz.dates.TimelineEntry`)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//scopewiz {__version__}//Scoping record//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", facts.event_name)
    calendar.add("x-scopewiz-session", facts.source)
    stamp = _stamp(facts.saved)
    for entry in entries:
        assert isinstance(entry, TimelineEntry)
        if entry.when is None or entry.label == MEETING:
            continue
        last = entry.until if entry.until is not None and entry.until >= entry.when else entry.when
        event = Event()
        event.add("uid", _uid(facts, entry.label))
        event.add("dtstamp", stamp)
        event.add("summary", f"{entry.label}: {facts.event_name}")
        event.add("dtstart", entry.when)
        event.add("dtend", last + dt.timedelta(days=1))  # all-day: the day after the last
        source = entry.source[:1].upper() + entry.source[1:]
        note = f" Note: {entry.note}." if entry.note else ""
        event.add(
            "description",
            f"{source}, in the scoping record {facts.source}.{note}",
        )
        # Deadlines do not make anyone busy; the visit does.
        event.add("transp", "OPAQUE" if entry.until is not None else "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
