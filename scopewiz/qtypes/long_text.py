"""``long_text``: paragraphs, line breaks kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..located import written
from ..markdown import paragraphs
from .base import EMPTY, AnswerError, QuestionType, View, register

if TYPE_CHECKING:
    from ..bank import Question


@register
class LongText(QuestionType):
    """Text over several lines: each line's trailing spaces and the blank ends dropped."""

    name = "long_text"
    prompt_kind = "long_text"
    summary_beside = False

    def normalise(self, q: Question, raw: Any) -> Any:
        """Lines kept, their trailing spaces and the blank lines around the text dropped."""
        del q
        if raw is None:
            return EMPTY
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise AnswerError("An answer must be text")
        text = written(raw)  # a number as the file wrote it
        if not text.strip():
            return EMPTY
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))

    def record(self, q: Question, value: Any, view: View) -> str:
        """Paragraphs as typed; a single line break stays a line break."""
        del q, view
        return paragraphs(str(value))
