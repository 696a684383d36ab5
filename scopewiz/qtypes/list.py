"""``list``: items one at a time (text, or records), with follow-ups asked per item."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..located import LDict, LList, line_of
from ..markdown import NONE_GIVEN, NOT_ANSWERED, escape_inline, escape_line, table
from .base import REGISTRY, QuestionType, View, register
from .date import date_warnings, format_date
from .record import field_cell, item_line
from .text import one_line

if TYPE_CHECKING:
    from ..bank import Bank, Question, _BankLoader


def item_caption(q: Question, item: Any, number: int) -> str:
    """One list item as a short line for menus and previews (dates written out).

    An item labelled by a date that another of its date fields runs on from
    (``not_before`` names the label: a visit's first and last day) shows both:
    ``Tuesday 9 March 2027 to Thursday 11 March 2027``.
    """
    if isinstance(item, dict):
        value = item.get(q.label or "")
        if isinstance(value, dt.date):
            for f in q.fields:
                until = item.get(f.id)
                if f.not_before == q.label and isinstance(until, dt.date) and until != value:
                    return f"{format_date(value)} to {format_date(until)}"
            return format_date(value)
        if value not in (None, ""):
            return str(value)
        return f"{q.item_name} {number}"
    return str(item)


def item_labels(q: Question, answers: dict[str, Any]) -> list[str]:
    """The labels of the items of list ``q`` (its label field, or the text itself)."""
    items = answers.get(q.id)
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if isinstance(item, dict):
            value = item.get(q.label or "")
            if isinstance(value, str) and value:
                out.append(value)
        elif isinstance(item, str):
            out.append(item)
    return out


@register
class List(QuestionType):
    """Items entered one at a time: text, or records with follow-up fields."""

    name = "list"
    summary_beside = False
    holds_many = "list of text"
    keys = (
        "fields",
        "item_name",
        "label",
        "min",
        "max",
        "follow_up",
        "follow_up_intro",
        "suggestions",
        "suggestions_from",
        "pick_from",
        "render",
    )
    render_styles = ("numbered", "bullets", "checklist", "table")
    is_field = False

    def check_bank(self, q: Question, raw: LDict, loader: _BankLoader, what: str) -> None:
        """Its fields and follow-ups, how many items, its label and its checklist start."""
        from ..bank import ids_before

        ids = loader.fields(raw, q, what)
        fields = list(q.fields)
        follow_raw = raw.get("follow_up")
        follow: list[Question] = []
        if isinstance(follow_raw, LList):
            if not fields:
                loader.error(
                    line_of(raw, "follow_up"),
                    f"{what}: follow-up fields need a list of records ('fields')",
                )
            follow = loader.field_list(follow_raw, "follow-up field", q, ids, what)
        elif follow_raw is not None:
            loader.error(line_of(raw, "follow_up"), f"{what}: 'follow_up' must be a list of fields")
        q.follow_up = tuple(follow)
        located_follow = (
            [f for f in follow_raw if isinstance(f, LDict)] if isinstance(follow_raw, LList) else []
        )
        for i, f in enumerate(follow):
            if i < len(located_follow):
                earlier = {o.id: o for o in (*fields, *follow[:i])}
                loader.check_date_refs(f, located_follow[i], earlier=earlier)
        all_fields = (*fields, *follow)
        for f in follow:
            for key in ("prompt", "help"):
                loader.check_placeholders(
                    f, getattr(f, key), key, raw, scope=q, earlier=ids_before(all_fields, f)
                )
        min_items = loader.count(raw, "min", what)
        max_items = loader.count(raw, "max", what)
        q.min_items = min_items if min_items is not None else (0 if q.optional else 1)
        q.max_items = max_items
        if max_items is not None and (max_items < 1 or max_items < q.min_items):
            loader.error(line_of(raw, "max"), f"{what}: 'max' must be 1 or more and at least 'min'")
        if q.render is not None and (q.render == "table") != bool(fields):
            styles = "table" if fields else ", ".join(s for s in self.render_styles if s != "table")
            shape = "a list of records" if fields else "a list of text"
            loader.error(
                line_of(raw, "render"),
                f"{what}: render '{q.render}' of {shape} is one of: {styles}",
            )
        if fields and not fields[0].kind.ends_a_list:
            takes = " or ".join(n for n, t in REGISTRY.items() if t.ends_a_list)
            loader.error(
                fields[0].line,
                f"{what}: the first field of a list's items must be {takes} "
                "(an empty answer there ends the list)",
            )
        elif fields and fields[0].optional:
            loader.error(
                fields[0].line,
                f"{what}: the first field of a list's items cannot be optional "
                "(an empty answer there ends the list; an item always has it)",
            )
        if q.pick_from is not None:
            first = fields[0] if fields else None
            if (
                first is None
                or first.id != q.pick_from
                or not (first.suggestions or first.suggestions_from)
            ):
                loader.error(
                    line_of(raw, "pick_from"),
                    f"{what}: pick_from '{q.pick_from}' must name its first field, one with suggestions",
                )
        if q.label is not None:
            if not fields:
                loader.error(
                    line_of(raw, "label"), f"{what}: 'label' names a field, and this list has none"
                )
            elif q.label not in {f.id for f in fields}:
                loader.error(
                    line_of(raw, "label"), f"{what}: label '{q.label}' is not one of its fields"
                )
        elif fields:
            q.label = fields[0].id

    def can_include(self, q: Question) -> bool:
        """A list of text: its items are texts (a list of records holds mappings)."""
        return not q.is_record_list

    def normalise(self, q: Question, raw: Any) -> Any:
        """An item of a list of text: one line, spaces tidied (records go field by field)."""
        return one_line(q, raw)

    def empty(self, q: Question) -> Any:
        """No items: an optional list left empty."""
        del q
        return []

    def text(self, q: Question, value: Any) -> str:
        """Each item's caption, joined by commas."""
        if not isinstance(value, list):
            return ""
        return ", ".join(item_caption(q, item, n) for n, item in enumerate(value, start=1))

    def show(self, q: Question, value: Any, view: View) -> str:
        """A table of the items (the preferred one marked), or a list; flags for dates."""
        items = value if isinstance(value, list) else []
        unfinished = q.id in view.state.open_lists
        if not items:
            if unfinished:
                return NOT_ANSWERED
            return escape_line(q.if_empty) if q.if_empty else NONE_GIVEN
        out = self._items(q, items, view)
        if unfinished:
            out += "\n\n_This list was still being filled in._"
        return out

    def summary(self, q: Question, value: Any, view: View) -> str:
        """A list of text as in the record; a list of records one line an item, follow-ups left out.

        Each item is named ("Date preference 1: ..."): the order of a list can matter.
        """
        items = value if isinstance(value, list) else []
        if not q.fields or not items:
            return self.show(q, value, view)
        lines = []
        for n, item in enumerate(items, start=1):
            record = item if isinstance(item, dict) else {}
            name = escape_inline(f"{q.item_name.capitalize()} {n}")
            lines.append(f"- {name}: {item_line(q.fields, record)}")
        out = "\n".join(lines)
        if q.id in view.state.open_lists:
            out += "\n\n_This list was still being filled in._"
        return out

    def _items(self, q: Question, items: list[Any], view: View) -> str:
        if not q.fields:
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
            return "\n".join(lines)
        preferred = _preferred(view, q)
        fields = (*q.fields, *q.follow_up)
        headings = [escape_inline(f.heading) for f in fields]
        rows = []
        for item in items:
            record = item if isinstance(item, dict) else {}
            row = [field_cell(f, record) for f in fields]
            if preferred is not None and record.get(q.label or "") == preferred:
                label_index = [f.id for f in fields].index(q.label or "")
                row[label_index] = f"**{row[label_index]}** (preferred)"
            rows.append(row)
        out = table(headings, rows)
        notes = _date_notes(view, q, items)
        if notes:
            out += "\n\n" + "\n".join(f"- **Check:** {escape_inline(n)}" for n in notes)
        return out

    def blank(self, q: Question, bank: Bank) -> str:
        """Empty rows, or numbered lines, for the items."""
        del bank
        if q.fields:
            fields = (*q.fields, *q.follow_up)
            rows = max(q.min_items, 3 if q.max_items is None else q.max_items)
            return table(
                [escape_inline(f.heading) for f in fields],
                [["" for _ in fields] for _ in range(rows)],
            )
        count = q.max_items or max(q.min_items, 3)
        return "\n".join(f"{n}. …" for n in range(1, count + 1))


def _preferred(view: View, q: Question) -> str | None:
    """The label chosen from list ``q`` by a later ``choose`` question, if any."""
    from ..engine import is_visible

    answers = view.state.answers
    for other in view.bank.questions:
        if other.kind.source(other, view.bank) is q and is_visible(other, answers):
            value = answers.get(other.id)
            if value in item_labels(q, answers):
                return str(value)
    return None


def _date_notes(view: View, q: Question, items: list[Any]) -> list[str]:
    """Flags for dates the facilitator kept despite a warning (bank holiday, lead-in)."""
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
                for warning in date_warnings(view.state.answers, f, value, item):
                    notes.append(f"{q.item_name.capitalize()} {n}, {f.heading.lower()}: {warning}.")
    return notes
