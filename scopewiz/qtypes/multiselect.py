"""``multiselect``: any of the bank's choices, and other entries where it allows them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..asking import as_written
from ..markdown import bullets
from .base import EMPTY, AnswerError, QuestionType, View, register
from .select import tick_boxes

if TYPE_CHECKING:
    from ..bank import Bank, Question, _BankLoader
    from ..located import LDict


def picked(raw: Any) -> list[str]:
    """Ticked choices and typed entries: spaces tidied, empty and repeated ones dropped.

    A single text counts as a list of one (a file may give one choice that way).
    """
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise AnswerError("Choose from the list (a list of text)")
    out: list[str] = []
    for v in raw:
        v = " ".join(v.split())
        if v and v not in out:
            out.append(v)
    return out


@register
class Multiselect(QuestionType):
    """Ticks from a list of choices, in the order given."""

    name = "multiselect"
    summary_beside = False
    holds_many = "multiselect"
    keys = ("choices", "other", "default", "render")
    render_styles = ("bullets", "checklist")
    prompt_kind = "multiselect"
    needed = "Choose at least one"

    def check_bank(self, q: Question, raw: LDict, loader: _BankLoader, what: str) -> None:
        """Something to choose: choices, or other entries."""
        if not q.choices and not q.other:
            loader.error(
                raw.line, f"{what} is a multiselect and needs 'choices' (or 'other: true')"
            )

    def bank_default(self, q: Question, value: Any) -> Any:
        """A list of its choices."""
        if isinstance(value, list) and all(v in q.choices for v in value):
            return list(value)
        raise AnswerError("a multiselect default is a list of its choices")

    def normalise(self, q: Question, raw: Any) -> Any:
        """Each choice as the bank writes it; other entries only where the bank allows them."""
        if raw is None:
            return EMPTY
        out: list[str] = []
        for v in picked(raw):
            v = as_written(q.choices, v) or v
            if v not in q.choices and not q.other:
                raise AnswerError(f"Not a choice: {v}")
            if v not in out:
                out.append(v)
        return out if out else EMPTY

    def empty(self, q: Question) -> Any:
        """No ticks."""
        del q
        return []

    def text(self, q: Question, value: Any) -> str:
        """The ticks, joined by commas."""
        del q
        return ", ".join(str(v) for v in value) if isinstance(value, list) else ""

    def record(self, q: Question, value: Any, view: View) -> str:
        """A bulleted list, or boxes to tick (``render: checklist``)."""
        del view
        return bullets([str(v) for v in value], "- [ ] " if q.render == "checklist" else "- ")

    def blank(self, q: Question, bank: Bank) -> str:
        """A box for each choice, and one for other entries."""
        del bank
        return tick_boxes(q)
