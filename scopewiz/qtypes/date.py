"""``date``: a day, typed as people in England write it; checks against the calendar."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from .base import EMPTY, AnswerError, QuestionType, register

if TYPE_CHECKING:
    from ..bank import Bank, Question, _BankLoader
    from ..located import LDict

#: Dates outside these years are typing mistakes, and would overflow the calendar sums.
FIRST_YEAR, LAST_YEAR = 1990, 2099

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
_DAY_MONTH_YEAR = re.compile(
    _WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$", re.IGNORECASE
)
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})$")
_EXAMPLE = "type one such as 9 March 2027, 9/3/2027 or 2027-03-09"


def parse_date(text: str) -> dt.date:
    """Read a date as people type it in England: ISO, day-first numbers, or words.

    ``2027-03-09``, ``9/3/2027`` and ``9 March 2027`` are all 9 March 2027.
    Raises AnswerError (a ValueError) with a message fit to show.
    """
    s = " ".join(text.strip().split())
    return _in_range(_parse_date(s, text))


def _in_range(found: dt.date) -> dt.date:
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise AnswerError(
            f"{found.year} is not a year scopewiz expects ({FIRST_YEAR} to {LAST_YEAR})"
        )
    return found


def _parse_date(s: str, text: str) -> dt.date:
    try:
        if m := _ISO.match(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.match(s):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := _DAY_MONTH_YEAR.match(s):
            month = _MONTHS.get(m[2].lower())
            if month is not None:
                return dt.date(int(m[3]), month, int(m[1]))
    except ValueError:
        raise AnswerError(f"{text.strip()} is not a real date") from None
    raise AnswerError(f"{text.strip()} is not a date: {_EXAMPLE}")


def format_date(value: dt.date) -> str:
    """A date as it reads in the record: ``Tuesday 9 March 2027``."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def typed_date(value: dt.date) -> str:
    """A date as a person in England types it, day first: ``9/3/2027``.

    What a prompt offers to edit (a re-ask, a current answer): short to
    correct, and :func:`parse_date` reads it back as the same day.
    """
    return f"{value.day}/{value.month}/{value.year}"


def not_before_problem(f: Question, value: Any, earlier: Any, earlier_heading: str) -> str | None:
    """Why date ``value`` of ``f`` cannot stand after ``earlier`` (its ``not_before``), or None.

    The one home of the rule, for the prompt and for files alike.
    """
    if isinstance(value, dt.date) and isinstance(earlier, dt.date) and value < earlier:
        return (
            f"{f.heading} ({format_date(value)}) is before "
            f"{earlier_heading.lower()} ({format_date(earlier)})"
        )
    return None


def _earlier(f: Question, answers: dict[str, Any], item: dict[str, Any] | None) -> Any:
    """The answer ``f``'s ``not_before`` names: a field of the same item, else a question's."""
    if not f.not_before:
        return None
    if item is not None and f.not_before in item:
        return item[f.not_before]
    return answers.get(f.not_before)


def date_warnings(
    answers: dict[str, Any], f: Question, value: dt.date, item: dict[str, Any] | None = None
) -> list[str]:
    """Weekend, bank holiday and lead-in problems of a date, as the bank asks for them.

    Where the date has ``working_day`` and a ``not_before`` date (the last day
    of a visit after its first), every day between the two is looked at too:
    a visit from Thursday to Tuesday runs over a weekend, perhaps Easter.
    ``item`` is the list item or record the date belongs to, for ``not_before``.
    """
    if not (f.working_day or f.lead_in_from):
        return []
    from ..dates import days_off_between, visit_problems

    meeting = answers.get(f.lead_in_from) if f.lead_in_from else None
    found = visit_problems(value, meeting if isinstance(meeting, dt.date) else None)
    if not f.working_day:
        return [p for p in found if "lead-in" in p or "before the scoping" in p]
    earlier = _earlier(f, answers, item)
    if isinstance(earlier, dt.date) and earlier < value:
        between = days_off_between(earlier, value)
        if between:
            found.append(
                f"The days from {format_date(earlier)} to {format_date(value)} "
                f"include {_and(between)}"
            )
    return found


def _and(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


@register
class Date(QuestionType):
    """A day. Stored as an ISO date; shown written out."""

    name = "date"
    ends_a_list = True
    keys = ("default", "working_day", "lead_in_from", "not_before", "usual_days")
    prompt_kind = "date"

    def check_bank(self, q: Question, raw: LDict, loader: _BankLoader, what: str) -> None:
        """``usual_days`` is a number of days from the ``not_before`` date it counts from."""
        from ..located import line_of

        if "usual_days" not in raw:
            return
        days = raw["usual_days"]
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 31:
            loader.error(
                line_of(raw, "usual_days"),
                f"{what}: 'usual_days' must be a whole number of days, 1 to 31",
            )
        elif not q.not_before:
            loader.error(
                line_of(raw, "usual_days"),
                f"{what}: 'usual_days' counts from a first day: give it 'not_before'",
            )

    def bank_default(self, q: Question, value: Any) -> Any:
        """``today`` or a date."""
        del q
        if value == "today" or isinstance(value, dt.date):
            return value
        raise AnswerError("a date default is 'today' or a date such as 2027-03-09")

    def normalise(self, q: Question, raw: Any) -> Any:
        """A date from a date (YAML reads ISO dates as such) or from text as people type it."""
        del q
        if raw is None:
            return EMPTY
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if isinstance(raw, dt.date):
            return _in_range(raw)
        if isinstance(raw, str):
            return parse_date(raw) if raw.strip() else EMPTY
        raise AnswerError(f"A date is needed: {_EXAMPLE}")

    def relate(self, q: Question, value: Any, bank: Bank, answers: dict[str, Any]) -> Any:
        """A question's date is not before the earlier question its ``not_before`` names."""
        if q.not_before and q.not_before in bank.by_id:
            other = bank.by_id[q.not_before]
            problem = not_before_problem(q, value, answers.get(other.id), other.heading)
            if problem is not None:
                raise AnswerError(problem)
        return value

    def prompt_hint(
        self, q: Question, answers: dict[str, Any], item: dict[str, Any] | None, first: bool
    ) -> tuple[str, Any]:
        """A line and a default: the usual last day, or the earliest start after the lead-in.

        The earliest start is offered for the first item of a list only (a first
        preference); the usual last day for every item, from its own first day,
        as the default where the date is required and as a line where it is
        optional (there Enter on an empty answer leaves it empty, as it says).
        """
        days = q.options.get("usual_days")
        start = _earlier(q, answers, item)
        if isinstance(days, int) and isinstance(start, dt.date):
            from ..dates import add_working_days

            last = add_working_days(start, days - 1)
            # Optional, Enter on an empty answer leaves it empty: a default would fill it.
            return f"Usually {days} working days: {format_date(last)}", None if q.optional else last
        meeting = answers.get(q.lead_in_from) if q.lead_in_from else None
        if not isinstance(meeting, dt.date):
            return "", None
        from ..dates import earliest_start

        earliest = earliest_start(meeting)
        line = f"Earliest start: {format_date(earliest)} (12 weeks after the meeting, on a working day)"
        return line, earliest if first else None

    def concerns(
        self, q: Question, value: Any, answers: dict[str, Any], item: dict[str, Any] | None
    ) -> list[str]:
        """A weekend, a bank holiday, a date inside the lead-in: where the bank asks."""
        return date_warnings(answers, q, value, item) if isinstance(value, dt.date) else []

    def reading(self, q: Question, value: Any) -> str:
        """``Tuesday 9 March 2027``: 9/3/2027 is read day first, and the weekday shows."""
        del q
        return format_date(value) if isinstance(value, dt.date) else ""

    def text(self, q: Question, value: Any) -> str:
        """``Tuesday 9 March 2027``."""
        del q
        if isinstance(value, dt.date):
            return format_date(value)
        return "" if value is None else str(value)

    def blank(self, q: Question, bank: Bank) -> str:
        """A line for the date."""
        del q, bank
        return "Date: …"
