"""``record``: a few fields answered together, such as a lead officer's name and email."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..located import line_of
from ..markdown import NONE_GIVEN, NOT_ANSWERED, cell, escape_inline, table
from .base import QuestionType, View, register

if TYPE_CHECKING:
    from ..bank import Bank, Question, _BankLoader
    from ..located import LDict


def field_cell(f: Question, item: dict[str, Any]) -> str:
    """One field of a record or list item as a table cell ("—" where it was skipped)."""
    from . import type_of

    if f.id not in item:
        return NOT_ANSWERED
    value = item[f.id]
    if value is None or value == "" or value == []:
        return "—"
    return cell(type_of(f).text(f, value))


def fields_text(fields: tuple[Question, ...], item: dict[str, Any]) -> str:
    """The answered fields of a record or item on one line, joined by commas."""
    from . import type_of

    parts = []
    for f in fields:
        value = item.get(f.id)
        if value not in (None, "", []):
            parts.append(type_of(f).text(f, value))
    return ", ".join(parts)


def item_line(fields: tuple[Question, ...], item: dict[str, Any]) -> str:
    """A record or list item as one line of Markdown for the summary.

    The answered fields joined by commas, a date and the date that may not
    precede it as one span ("Tuesday 9 March 2027 to Thursday 11 March 2027"),
    and the fields not asked yet named as not yet answered.
    """
    from . import type_of

    parts: list[str] = []
    shown: dict[str, int] = {}
    missing: list[str] = []
    for f in fields:
        if f.id not in item:
            missing.append(escape_inline(f.heading.lower()))
            continue
        value = item[f.id]
        if value in (None, "", []):
            continue
        text = escape_inline(" ".join(type_of(f).text(f, value).split()))
        if f.not_before in shown:
            parts[shown[f.not_before]] += f" to {text}"
            continue
        shown[f.id] = len(parts)
        parts.append(text)
    out = ", ".join(parts)
    if missing:
        out = f"{out} (_not yet answered: {', '.join(missing)}_)" if out else NOT_ANSWERED
    return out


@register
class Record(QuestionType):
    """Named fields, each of a single-value type, stored as a mapping."""

    name = "record"
    keys = ("fields", "render")
    render_styles = ("table", "fields")
    is_field = False

    def check_bank(self, q: Question, raw: LDict, loader: _BankLoader, what: str) -> None:
        """Its fields, checked like questions; the record itself is never optional."""
        loader.fields(raw, q, what)
        if q.optional:
            loader.error(
                line_of(raw, "optional"),
                f"{what}: a record cannot be optional (it is answered field by field): "
                "make its fields optional instead",
            )

    def text(self, q: Question, value: Any) -> str:
        """The answered fields, joined by commas."""
        return fields_text(q.fields, value) if isinstance(value, dict) else ""

    def record(self, q: Question, value: Any, view: View) -> str:
        """A one-row table, or a table of field and answer (``render: fields``)."""
        del view
        record = value if isinstance(value, dict) else {}
        if q.render == "fields":
            rows = [[f"**{escape_inline(f.heading)}**", field_cell(f, record)] for f in q.fields]
            return table(["Field", "Answer"], rows)
        headings = [escape_inline(f.heading) for f in q.fields]
        return table(headings, [[field_cell(f, record) for f in q.fields]])

    def summary(self, q: Question, value: Any, view: View) -> str:
        """The answered fields on one line (a person's name, role and email), saying what is missing."""
        del view
        record = value if isinstance(value, dict) else {}
        return item_line(q.fields, record) or NONE_GIVEN

    def blank(self, q: Question, bank: Bank) -> str:
        """An empty row to fill in."""
        del bank
        return table([escape_inline(f.heading) for f in q.fields], [["" for _ in q.fields]])
