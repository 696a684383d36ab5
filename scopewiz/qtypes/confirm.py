"""``confirm``: yes or no."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..asking import yes_or_no
from .base import EMPTY, AnswerError, QuestionType, register

if TYPE_CHECKING:
    from ..bank import Bank, Question


@register
class Confirm(QuestionType):
    """Yes or no, stored as ``true`` or ``false``."""

    name = "confirm"
    prompt_kind = "confirm"

    def bank_default(self, q: Question, value: Any) -> Any:
        """``true`` or ``false``."""
        del q
        if isinstance(value, bool):
            return value
        raise AnswerError("a confirm default is true or false")

    def normalise(self, q: Question, raw: Any) -> Any:
        """``True`` or ``False``; a typed or quoted yes, y, no or n (any case) reads as one.

        A file's bare ``yes``/``no``/``true``/``false`` arrive as booleans from YAML.
        """
        del q
        if raw is None:
            return EMPTY
        if isinstance(raw, str):
            raw = yes_or_no(raw)
        if not isinstance(raw, bool):
            raise AnswerError("Answer yes or no")
        return raw

    def text(self, q: Question, value: Any) -> str:
        """Yes or No."""
        del q
        return "" if value is None else "Yes" if value else "No"

    def blank(self, q: Question, bank: Bank) -> str:
        """Yes / No to ring."""
        del q, bank
        return "Yes / No"
