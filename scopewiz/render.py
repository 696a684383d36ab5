"""The Markdown record: a pure function from bank + session to text.

The record is the peer team's brief. It must read well raw, printed, on GitHub
and through pandoc, and nothing a person typed may change its structure: every
answer is escaped so that it stays inside its paragraph, list item or cell.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import __version__
from .bank import Bank, Question, fill, placeholders
from .engine import (
    InterviewState,
    answer_text,
    fill_text,
    format_date,
    is_visible,
    item_labels,
    value_text,
)

NOT_ANSWERED = "_Not yet answered_"
NONE_GIVEN = "_None given_"

# Characters that mean something inline in CommonMark, GFM or pandoc Markdown.
_INLINE = re.compile(r"([\\`*_\[\]|~^$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: Control characters (C0 but tab and line feed, DEL, C1): they can only come
#: from a hand-edited file, and printed they could restyle or clear a terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Line starts that would open a block: headings, quotes, lists, rules, fences, tables.
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|=+\s*$|-+\s*$|\d{1,9}(?=[.)]))")


def escape_inline(text: str) -> str:
    """Escape one line of user text so that it renders as itself, inline."""
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_line(text: str) -> str:
    """Escape a line that starts a block (paragraph or list item)."""
    stripped = text.strip()
    m = _BLOCK_START.match(stripped)
    if m:
        lead = m.group(1)
        if lead[0].isdigit():
            # "3. Something" or "3) Something" would become a list item.
            return escape_inline(lead) + "\\" + escape_inline(stripped[len(lead) :])
        return "\\" + escape_inline(stripped)
    return escape_inline(stripped)


def paragraphs(text: str) -> str:
    """Long text as Markdown paragraphs: blank lines part paragraphs, line breaks are kept."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [escape_line(line) for line in block.split("\n") if line.strip()]
        if lines:
            blocks.append("\\\n".join(lines))
    return "\n\n".join(blocks)


def cell(text: str) -> str:
    """Text inside a table cell: one line, pipes escaped, line breaks as ``<br>``."""
    lines = [escape_inline(line.strip()) for line in text.strip().split("\n") if line.strip()]
    return "<br>".join(lines)


def table(headings: list[str], rows: list[list[str]]) -> str:
    """A pipe table (GitHub and pandoc both read it)."""
    out = ["| " + " | ".join(headings) + " |", "|" + "|".join("---" for _ in headings) + "|"]
    for row in rows:
        out.append("| " + " | ".join(c if c else " " for c in row) + " |")
    return "\n".join(out)


def _preferred(bank: Bank, state: InterviewState, q: Question) -> str | None:
    """The label chosen from list ``q`` by a later ``choose`` question, if any."""
    for other in bank.questions:
        if (
            other.type == "choose"
            and other.choose_from == q.id
            and is_visible(other, state.answers)
        ):
            value = state.answers.get(other.id)
            if value in item_labels(q, state.answers):
                return str(value)
    return None


def render_answer(bank: Bank, state: InterviewState, q: Question) -> str:
    """The Markdown for one answer (without the question's wording)."""
    answers = state.answers
    if q.id not in answers:
        return NOT_ANSWERED
    value = answers[q.id]
    if q.type == "list":
        return _render_list(bank, state, q, value if isinstance(value, list) else [])
    if value is None or value == [] or value == {}:
        return escape_line(q.if_empty) if q.if_empty else NONE_GIVEN
    if q.type == "record":
        record = value if isinstance(value, dict) else {}
        headings = [escape_inline(f.heading) for f in q.fields]
        if q.render == "fields":
            rows = [[f"**{escape_inline(f.heading)}**", _field_cell(f, record)] for f in q.fields]
            return table(["Field", "Answer"], rows)
        return table(headings, [[_field_cell(f, record) for f in q.fields]])
    if q.type == "multiselect":
        marker = "- [ ] " if q.render == "checklist" else "- "
        return "\n".join(marker + escape_line(" ".join(str(v).split())) for v in value)
    if q.type == "long_text":
        return paragraphs(str(value))
    if q.type == "text":
        return paragraphs(authority_text(q, value))
    return paragraphs(value_text(value))


def _field_cell(f: Question, item: dict[str, Any]) -> str:
    if f.id not in item:
        return NOT_ANSWERED
    value = item[f.id]
    if value is None or value == "":
        return "—"
    return cell(value_text(value))


def _render_list(bank: Bank, state: InterviewState, q: Question, items: list[Any]) -> str:
    unfinished = q.id in state.open_lists
    if not items:
        if unfinished:
            return NOT_ANSWERED
        return escape_line(q.if_empty) if q.if_empty else NONE_GIVEN
    out: str
    if q.fields:
        preferred = _preferred(bank, state, q)
        fields = (*q.fields, *q.follow_up)
        headings = [escape_inline(f.heading) for f in fields]
        rows = []
        for item in items:
            record = item if isinstance(item, dict) else {}
            row = [_field_cell(f, record) for f in fields]
            if preferred is not None and record.get(q.label or "") == preferred:
                label_index = [f.id for f in fields].index(q.label or "")
                row[label_index] = f"**{row[label_index]}** (preferred)"
            rows.append(row)
        out = table(headings, rows)
        notes = _date_notes(state, q, items)
        if notes:
            out += "\n\n" + "\n".join(f"- **Check:** {escape_inline(n)}" for n in notes)
    else:
        style = q.render or "bullets"
        lines = []
        for n, item in enumerate(items, start=1):
            text = escape_line(" ".join(str(item).split()))
            if style == "numbered":
                lines.append(f"{n}. {text}")
            elif style == "checklist":
                lines.append(f"- [ ] {text}")
            else:
                lines.append(f"- {text}")
        out = "\n".join(lines)
    if unfinished:
        out += "\n\n_This list was still being filled in._"
    return out


def authority_text(q: Question, value: Any) -> str:
    """A council's name with its GSS code and region: ``Leeds (E08000035, Yorkshire and The Humber)``."""
    text = str(value)
    if q.suggestions_from == "local-authorities":
        from .datasets import find_authority

        found = find_authority(text)
        if found is not None:
            return f"{found.name} ({found.gss}, {found.region})"
    return text


def _date_notes(state: InterviewState, q: Question, items: list[Any]) -> list[str]:
    """Flags for dates the facilitator kept despite a warning (bank holiday, lead-in)."""
    from .checks import date_warnings

    fields = [f for f in q.fields if f.working_day or f.lead_in_from]
    if not fields:
        return []
    notes: list[str] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            continue
        for f in fields:
            value = item.get(f.id)
            if isinstance(value, dt.date):
                for warning in date_warnings(state.answers, f, value):
                    notes.append(f"{q.item_name.capitalize()} {n}, {f.heading.lower()}: {warning}.")
    return notes


def render_timeline(bank: Bank, state: InterviewState) -> str:
    """The timeline section: dates computed from the answers, each saying where it comes from."""
    from .dates import TO_BE_AGREED, timeline

    spec = bank.timeline
    meeting = state.answers.get(spec["meeting"])
    visits = state.answers.get(spec["visits"])
    first = visits[0] if isinstance(visits, list) and visits and isinstance(visits[0], dict) else {}
    start, end = first.get(spec["start"]), first.get(spec["end"])
    entries = timeline(
        meeting if isinstance(meeting, dt.date) else None,
        start if isinstance(start, dt.date) else None,
        end if isinstance(end, dt.date) else None,
        meeting_name=f"“{bank.by_id[spec['meeting']].heading}”",
        visits_name=f"“{bank.by_id[spec['visits']].heading}”",
    )
    rows = []
    for entry in entries:
        if entry.when is None:
            when = f"_{TO_BE_AGREED}_"
        elif entry.until is not None and entry.until != entry.when:
            when = f"{format_date(entry.when)} to {format_date(entry.until)}"
        else:
            when = format_date(entry.when)
        source = entry.source[:1].upper() + entry.source[1:]
        rows.append([escape_inline(entry.label), when, escape_inline(source)])
    intro = "Dates that follow from the answers above. Deadlines that fall on a weekend or bank holiday move to the working day before."
    return "## Timeline\n\n" + intro + "\n\n" + table(["What", "When", "From"], rows)


def render_title(bank: Bank, state: InterviewState) -> str:
    """The record's title, from the bank's ``record_title`` and the answers."""
    template = bank.record_title or bank.title
    values: dict[str, str] = {}
    for name in placeholders(template):
        if name in state.answers and state.answers[name] is not None:
            q = bank.by_id[name]
            value = state.answers[name]
            values[name] = (
                authority_text(q, value)
                if isinstance(value, str)
                else answer_text(bank, name, value)
            )
        else:
            values[name] = "…"
    return escape_inline(" ".join(fill(template, values).split()))


def render(bank: Bank, state: InterviewState, *, source: str = "", saved: str = "") -> str:
    """The whole Markdown record of a session.

    ``source`` (the session's file name) and ``saved`` (when it was last saved)
    go into the closing line; both are optional so the function stays pure.
    """
    parts = [f"# {render_title(bank, state)}"]
    parts.append(f"_{escape_inline(bank.title)}_")
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
        parts.append(render_timeline(bank, state))
    footer = f"Recorded with scopewiz {__version__}"
    if source:
        footer += f" from {escape_inline(source)}"
    if saved:
        footer += f", last saved {escape_inline(saved)}"
    parts.append("---")
    parts.append(f"_{footer}._")
    return _printable("\n\n".join(parts) + "\n")


def _printable(document: str) -> str:
    """The document with each control character shown as U+FFFD, the replacement character."""
    return _CONTROL.sub("\ufffd", document)


def answer_preview(bank: Bank, question_id: str, value: Any, width: int = 60) -> str:
    """One line of an answer, cut to ``width``, for summaries on screen."""
    text = " ".join(answer_text(bank, question_id, value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


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


def _blank(q: Question) -> str:
    if q.type in ("record", "list") and q.fields:
        fields = (*q.fields, *q.follow_up)
        rows = (
            1 if q.type == "record" else max(q.min_items, 3 if q.max_items is None else q.max_items)
        )
        return table(
            [escape_inline(f.heading) for f in fields], [["" for _ in fields] for _ in range(rows)]
        )
    if q.type == "list":
        count = q.max_items or max(q.min_items, 3)
        return "\n".join(f"{n}. …" for n in range(1, count + 1))
    if q.type in ("select", "multiselect"):
        lines = [f"- [ ] {escape_inline(c)}" for c in q.choices]
        if q.other:
            lines.append("- [ ] Other: …")
        return "\n".join(lines)
    if q.type == "confirm":
        return "Yes / No"
    if q.type == "choose":
        return f"One of the {escape_inline(q.choose_from or '')} listed above: …"
    if q.type == "date":
        return "Date: …"
    return "…"


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
            parts.append(_blank(q))
    return _printable("\n\n".join(parts) + "\n")
