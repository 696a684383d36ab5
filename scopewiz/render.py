"""The Markdown record: a pure function from bank + session to text.

The record is the peer team's brief. It must read well raw, printed, on GitHub
and through pandoc, and nothing a person typed may change its structure: every
answer is escaped so that it stays inside its paragraph, list item or cell.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from . import __version__
from .bank import Bank, Question, fill, placeholders
from .engine import InterviewState, answer_text, fill_text, is_visible
from .markdown import NOT_ANSWERED, escape_inline, paragraphs, table
from .qtypes import View
from .qtypes.date import format_date
from .qtypes.text import authority_text

if TYPE_CHECKING:
    from .dates import TimelineEntry

#: Control characters (C0 but tab and line feed, DEL, C1) and the direction
#: controls (U+202A to U+202E, U+2066 to U+2069): they can only come from a
#: session file written by hand or by an older scopewiz, and printed they could
#: restyle or clear a terminal, or show the text around them in another order.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def render_answer(bank: Bank, state: InterviewState, q: Question) -> str:
    """The Markdown for one answer (without the question's wording), as its type shows it."""
    if q.id not in state.answers:
        return NOT_ANSWERED
    return q.kind.show(q, state.answers[q.id], View(bank, state))


def render_summary(bank: Bank, state: InterviewState) -> str:
    """The summary the record opens with: the answers the bank's ``summary`` names, each labelled.

    An answer of a type that fits one line stands beside its label, a list or
    paragraphs under it; one not given, or left empty, beside it. A question
    hidden by its condition is left out, as in the record.
    """
    parts = [f"## {escape_inline(bank.summary_title)}"]
    for entry in bank.summary:
        q = bank.by_id[entry.question]
        if not is_visible(q, state.answers):
            continue
        value = state.answers.get(q.id)
        answer = q.kind.summary(q, value, View(bank, state)) if q.id in state.answers else ""
        label = f"**{escape_inline(entry.label)}:**"
        if q.kind.summary_beside or value in (None, [], {}):
            parts.append(f"{label} {answer or NOT_ANSWERED}")
        else:
            parts.append(f"{label}\n\n{answer}")
    return "\n\n".join(parts)


def timeline_entries(
    bank: Bank, state: InterviewState, today: dt.date | None = None
) -> list[TimelineEntry]:
    """The dates that follow from the answers (the record's timeline, the calendar's events).

    With ``today``, a date before it is marked as already past.
    """
    from .dates import timeline

    spec = bank.timeline
    if not spec:
        return []
    meeting = state.answers.get(spec["meeting"])
    visits = state.answers.get(spec["visits"])
    first = visits[0] if isinstance(visits, list) and visits and isinstance(visits[0], dict) else {}
    start, end = first.get(spec["start"]), first.get(spec["end"])
    return timeline(
        meeting if isinstance(meeting, dt.date) else None,
        start if isinstance(start, dt.date) else None,
        end if isinstance(end, dt.date) else None,
        meeting_name=f"“{bank.by_id[spec['meeting']].heading}”",
        visits_name=f"“{bank.by_id[spec['visits']].heading}”",
        today=today,
    )


def render_timeline(bank: Bank, state: InterviewState, today: dt.date | None = None) -> str:
    """The timeline section: dates computed from the answers, each saying where it comes from."""
    from .dates import TO_BE_AGREED

    entries = timeline_entries(bank, state, today)
    rows = []
    for entry in entries:
        if entry.when is None:
            when = f"_{TO_BE_AGREED}_"
        elif entry.until is not None and entry.until != entry.when:
            when = f"{format_date(entry.when)} to {format_date(entry.until)}"
        else:
            when = format_date(entry.when)
        if entry.note:
            when += f" (**{entry.note}**)"
        source = entry.source[:1].upper() + entry.source[1:]
        rows.append([escape_inline(entry.label), when, escape_inline(source)])
    intro = "Dates that follow from the answers above. Deadlines that fall on a weekend or bank holiday move to the working day before."
    return "## Timeline\n\n" + intro + "\n\n" + table(["What", "When", "From"], rows)


def filled(bank: Bank, state: InterviewState, template: str, *, in_full: bool = True) -> str:
    """A bank template (``record_title``, ``record_author``…) filled from the answers, as text.

    ``in_full``, a council is written as the record writes it, with its code
    and region (else by its name alone, as a calendar's event title wants);
    an answer not given yet is "…".
    """
    values: dict[str, str] = {}
    for name in placeholders(template):
        if name in state.answers and state.answers[name] is not None:
            q = bank.by_id[name]
            value = state.answers[name]
            values[name] = (
                authority_text(q, value)
                if isinstance(value, str) and in_full
                else answer_text(bank, name, value)
            )
        else:
            values[name] = "…"
    return " ".join(fill(template, values).split())


def render_title(bank: Bank, state: InterviewState) -> str:
    """The record's title, from the bank's ``record_title`` and the answers."""
    return escape_inline(filled(bank, state, bank.record_title or bank.title))


def render(
    bank: Bank,
    state: InterviewState,
    *,
    source: str = "",
    saved: str = "",
    today: dt.date | None = None,
) -> str:
    """The whole Markdown record of a session.

    ``source`` (the session's file name) and ``saved`` (when it was last saved)
    go into the closing line; ``today`` (:func:`scopewiz.dates.today`, passed
    in) marks the timeline's dates already past. All are optional so the
    function stays pure.
    """
    parts = [f"# {render_title(bank, state)}"]
    parts.append(f"_{escape_inline(bank.title)}_")
    if bank.summary:
        parts.append(render_summary(bank, state))
    for section in bank.sections:
        visible = [q for q in section.questions if is_visible(q, state.answers)]
        if not visible:
            continue
        parts.append(f"## {escape_inline(section.title)}")
        for q in visible:
            wording = " ".join(fill_text(bank, state, q.prompt).split())
            parts.append(f"**{escape_inline(wording)}**")
            parts.append(render_answer(bank, state, q))
    if bank.timeline:
        parts.append(render_timeline(bank, state, today))
    footer = f"Recorded with scopewiz {__version__}"
    if source:
        footer += f" from {escape_inline(source)}"
    if saved:
        footer += f", last saved {escape_inline(saved)}"
    parts.append("---")
    parts.append(f"_{footer}._")
    return _printable("\n\n".join(parts) + "\n")


def is_record_of(text: str, source: str) -> bool:
    """Whether ``text`` is a record :func:`render` wrote from the session file named ``source``."""
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    mark = _printable(f" from {escape_inline(source)}")
    return last.startswith("_Recorded with scopewiz ") and (
        mark + ", last saved " in last or last.endswith(mark + "._")
    )


def _printable(document: str) -> str:
    """The document with each control character (:data:`_CONTROL`) shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", document)


def _condition_text(bank: Bank, q: Question) -> str:
    cond = q.when
    if cond is None or cond.question is None:
        return "Asked only in some cases." if cond else ""
    other = bank.by_id[cond.question]
    value = "Yes" if cond.value is True else "No" if cond.value is False else str(cond.value)
    if cond.op == "equals":
        return f"Asked only if the answer to “{other.heading}” is {value}."
    if cond.op == "not_equals":
        return f"Asked only if the answer to “{other.heading}” is not {value}."
    return f"Asked only if “{other.heading}” is answered."


def _blank_text(bank: Bank, template: str, q: Question | None = None) -> str:
    """Words for a blank form: each ``{placeholder}`` becomes "the <its heading>"."""
    names: dict[str, str] = {}
    for name in placeholders(template):
        source = q.field_by_id(name) if q is not None else None
        source = source or bank.by_id.get(name)
        names[name] = f"the {source.heading.lower()}" if source else name
    return " ".join(fill(template, names).split())


def render_template(bank: Bank) -> str:
    """The blank form as Markdown, with the help lines, to circulate before the meeting."""
    parts = [f"# {escape_inline(bank.title)}"]
    if bank.description:
        parts.append(paragraphs(bank.description))
    parts.append("_A blank copy of the questions for the scoping meeting, with notes for each._")
    for section in bank.sections:
        heading = f"## {escape_inline(section.title)}"
        if section.minutes:
            heading += f" ({section.minutes} min)"
        parts.append(heading)
        if section.intro:
            parts.append(paragraphs(section.intro))
        for q in section.questions:
            parts.append(f"**{escape_inline(_blank_text(bank, q.prompt))}**")
            notes = [n for n in (_blank_text(bank, q.help), _condition_text(bank, q)) if n]
            if q.follow_up:
                asks = "; ".join(_blank_text(bank, f.prompt, q) for f in q.follow_up)
                notes.append(f"For each {q.item_name}: {asks}")
            if notes:
                parts.append(f"_{escape_inline(' '.join(notes))}_")
            parts.append(q.kind.blank(q, bank))
    return _printable("\n\n".join(parts) + "\n")
