"""``select``: one of the bank's choices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..asking import as_written
from ..markdown import escape_inline
from .base import EMPTY, AnswerError, QuestionType, register

if TYPE_CHECKING:
    from ..bank import Bank, Question, _BankLoader
    from ..located import LDict


def tick_boxes(q: Question) -> str:
    """The choices as boxes to tick on the blank form."""
    lines = [f"- [ ] {escape_inline(c)}" for c in q.choices]
    if q.other:
        lines.append("- [ ] Other: …")
    return "\n".join(lines)


@register
class Select(QuestionType):
    """One choice of a fixed list."""

    name = "select"
    keys = ("choices", "default")
    prompt_kind = "select"

    def check_bank(self, q: Question, raw: LDict, loader: _BankLoader, what: str) -> None:
        """A select needs choices."""
        if not q.choices:
            loader.error(raw.line, f"{what} is a select and needs 'choices'")

    def bank_default(self, q: Question, value: Any) -> Any:
        """One of its choices."""
        if isinstance(value, str) and value in q.choices:
            return value
        raise AnswerError(f"default {value!r} is not one of its choices")

    def normalise(self, q: Question, raw: Any) -> Any:
        """The choice as the bank writes it, however it was spaced or capitalised."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return EMPTY
        chosen = as_written(q.choices, raw) if isinstance(raw, str) else None
        if chosen is None:
            raise AnswerError(f"Choose one of: {', '.join(q.choices)}")
        return chosen

    def blank(self, q: Question, bank: Bank) -> str:
        """A box for each choice."""
        del bank
        return tick_boxes(q)
