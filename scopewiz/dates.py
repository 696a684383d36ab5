"""Working days in England, the visit lead-in and the timeline of a peer challenge.

Bank holidays come from ``data/bank-holidays-england.csv``, a small table that
``scripts/make_bank_holidays.py`` generates from the ``holidays`` library and
``tests/test_dates.py`` checks against it. Reading the table costs well under a
millisecond; importing the library costs about 0.3 s, which every ``render`` or
``status`` would pay. This module is stdlib only and imports nothing from scopewiz.
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

_TABLE = Path(__file__).resolve().parent / "data" / "bank-holidays-england.csv"

LEAD_IN = timedelta(weeks=12)
"""Notice peers need to be identified and released: the earliest visit start
is the scoping meeting plus this, moved forward to a working day."""

PAPERS_BEFORE = timedelta(weeks=3)
BRIEFING_BEFORE = timedelta(weeks=1)

TO_BE_AGREED = "to be agreed"
#: The timeline's first entry: the meeting itself, already held when the record is read.
MEETING = "Scoping meeting"
"""How the record shows a timeline date whose inputs are not answered yet."""

TODAY_VARIABLE = "SCOPEWIZ_TODAY"
"""An environment variable that sets the day :func:`today` gives, as ``2026-12-01``."""

_MOVED = ", moved to the previous working day"


def _say(d: date) -> str:
    """A date as it reads in the record: ``Tuesday 9 March 2027``."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def today() -> date:
    """Today: the one place scopewiz reads the calendar.

    :data:`TODAY_VARIABLE` set to an ISO date stands in for the system's date,
    so that tests (and a record written again as of another day) do not
    depend on the day they run; set to anything else, it is not used.
    """
    given = os.environ.get(TODAY_VARIABLE, "").strip()
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            pass
    return date.today()


@functools.cache
def bank_holidays() -> Mapping[date, str]:
    """England and Wales bank holidays by date, substitute days included.

    Only weekdays are listed: when Boxing Day falls on a Saturday the bank
    holiday is the Monday substitute day. Read once from the packaged table;
    read-only because the one mapping is shared by every caller.
    """
    with _TABLE.open(encoding="utf-8", newline="") as fh:
        table = {date.fromisoformat(row["date"]): row["name"] for row in csv.DictReader(fh)}
    return MappingProxyType(table)


@functools.cache
def covered_years() -> range:
    """The years the bank holiday table covers (outside them only weekends are known)."""
    years = [d.year for d in bank_holidays()]
    return range(min(years), max(years) + 1)


def is_working_day(d: date) -> bool:
    """Whether ``d`` is Monday to Friday and not an England and Wales bank holiday."""
    return d.weekday() < 5 and d not in bank_holidays()


def next_working_day(d: date) -> date:
    """``d`` if it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def previous_working_day(d: date) -> date:
    """``d`` if it is a working day, else the last working day before it."""
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def earliest_start(meeting: date) -> date:
    """The earliest visit start: ``meeting`` + 12 weeks, moved forward to a working day."""
    return next_working_day(meeting + LEAD_IN)


def visit_problems(start: date, meeting: date | None) -> list[str]:
    """Why a visit starting on ``start`` needs confirming; empty if nothing is wrong.

    Each problem is a sentence naming the day, for the confirmation prompt and
    the record: a weekend day, a bank holiday (named), a year the bank holiday
    table does not cover (so the check could not be made), a start before the
    scoping meeting or inside the 12-week lead-in (with the earliest start).
    The lead-in ends at ``meeting`` + 12 weeks exactly: a non-working day
    between that and :func:`earliest_start` is reported as what it is, once.
    """
    problems: list[str] = []
    holiday = bank_holidays().get(start)
    if start.weekday() >= 5:
        problems.append(f"{_say(start)} is a weekend day")
    elif holiday is not None:
        problems.append(f"{_say(start)} is a bank holiday ({holiday})")
    elif start.year not in covered_years():
        problems.append(
            f"Bank holidays in {start.year} are not known to scopewiz: "
            f"check that {_say(start)} is not one"
        )
    if meeting is not None and start < meeting + LEAD_IN:
        where = (
            f"before the scoping meeting ({_say(meeting)})"
            if start < meeting
            else "inside the 12-week lead-in"
        )
        problems.append(
            f"{_say(start)} is {where}: the earliest start is {_say(earliest_start(meeting))}"
        )
    return problems


def days_off_between(first: date, last: date) -> list[str]:
    """The weekend days and bank holidays strictly between ``first`` and ``last``, in words.

    Each is a phrase for a sentence: ``Saturday 27 March 2027``, or for a bank
    holiday ``Good Friday (Friday 26 March 2027)``. The two ends are checked
    on their own, as single days (:func:`visit_problems`). A span of a year or
    more is a typing mistake, refused elsewhere; it is looked at up to a year.
    """
    found: list[str] = []
    day = first + timedelta(days=1)
    stop = min(last, first + timedelta(days=366))
    while day < stop:
        holiday = bank_holidays().get(day)
        if holiday is not None:
            found.append(f"{holiday} ({_say(day)})")
        elif day.weekday() >= 5:
            found.append(_say(day))
        day += timedelta(days=1)
    return found


def add_working_days(d: date, n: int) -> date:
    """The working day ``n`` working days after ``d`` (``d`` itself moved forward first)."""
    d = next_working_day(d)
    for _ in range(n):
        d = next_working_day(d + timedelta(days=1))
    return d


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the record's timeline.

    ``when`` is None when the answers it comes from are missing: the record
    shows :data:`TO_BE_AGREED`, never a guess. ``until`` is the last day of a
    range (only the visit has one) and None when that is not known. ``source``
    says which answer the date comes from (by the name :func:`timeline` was
    given for it), and whether it was moved.
    """

    label: str
    when: date | None
    source: str
    until: date | None = None
    note: str = ""
    """Why the date cannot stand as it is ("before the scoping meeting"), or empty."""


def _deadline(
    label: str, start: date | None, before: timedelta, how_long: str, first_visit: str
) -> TimelineEntry:
    """A date ``before`` the visit, moved back to a working day if it is not one."""
    source = f"{how_long} before {first_visit}"
    if start is None:
        return TimelineEntry(label, None, source)
    computed = start - before
    when = previous_working_day(computed)
    return TimelineEntry(label, when, source + (_MOVED if when != computed else ""))


def _day_off(d: date) -> str:
    """Why ``d`` is not a working day ("a weekend day", "a bank holiday (Good Friday)"), or ""."""
    holiday = bank_holidays().get(d)
    if holiday is not None:
        return f"a bank holiday ({holiday})"
    return "a weekend day" if d.weekday() >= 5 else ""


def timeline(
    meeting: date | None,
    first_start: date | None,
    first_end: date | None,
    *,
    meeting_name: str,
    visits_name: str,
    today: date | None = None,
) -> list[TimelineEntry]:
    """The timeline from the scoping meeting to the feedback, in order.

    Computed from the meeting date and the first preference of the visit
    dates: the peer team identified 12 weeks, papers to the team 3 weeks and
    the briefing call 1 week before the visit starts (each moved back to the
    previous working day if it falls on a weekend or bank holiday); the visit;
    the feedback presentation on its last day. A missing input leaves its
    entries with ``when=None``; the feedback needs ``first_end`` and is never
    assumed to be on the first day.

    An entry after the meeting carries a ``note`` where its date cannot stand
    as it is: it falls before the meeting (a visit kept inside the lead-in),
    or else before ``today`` (already past: for the visit, its last day; not
    looked at when ``today`` is None); and the visit's start or the feedback
    falls on a weekend day or a bank holiday (named), which only these two,
    kept as given rather than moved to a working day, can.

    ``meeting_name`` and ``visits_name`` are how each entry's ``source`` names
    the two answers (the record passes their headings from the bank): this
    module knows no question of any bank.
    """
    first_visit = f"{visits_name} (first preference)"
    deadlines = [
        _deadline("Peer team identified by", first_start, LEAD_IN, "12 weeks", first_visit),
        _deadline("Papers to the peer team", first_start, PAPERS_BEFORE, "3 weeks", first_visit),
        _deadline("Briefing call", first_start, BRIEFING_BEFORE, "1 week", first_visit),
    ]
    given = [
        TimelineEntry("Visit", first_start, f"from {first_visit}", until=first_end),
        TimelineEntry("Feedback presentation", first_end, f"last day of {first_visit}"),
    ]
    noted = []
    for e in [*deadlines, *given]:
        as_given = any(e is g for g in given)
        if e.when is None:
            noted.append(e)
            continue
        notes = []
        if meeting is not None and e.when < meeting:
            # A visit inside the lead-in puts its deadlines before the meeting that set them.
            notes.append("before the scoping meeting")
        elif today is not None and (e.until or e.when) < today:
            notes.append("already past")  # a visit under way is not past until its last day
        if as_given:
            notes.append(_day_off(e.when))
        noted.append(replace(e, note="; ".join(n for n in notes if n)))
    return [TimelineEntry(MEETING, meeting, f"from {meeting_name}"), *noted]
