"""The question types of the bank language, one module each, and their registry.

Adding a type is adding one module with one :class:`QuestionType` subclass,
decorated with :func:`register`, and importing it here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# isort: off
# The order of these imports is the order the language lists its types in.
from . import text, long_text, confirm, select, multiselect, date, record, list, choose

# isort: on
from .base import EMPTY, REGISTRY, AnswerError, QuestionType, View, preview, register

if TYPE_CHECKING:
    from ..bank import Question

__all__ = [
    "EMPTY",
    "REGISTRY",
    "AnswerError",
    "QuestionType",
    "View",
    "field_types",
    "preview",
    "question_types",
    "register",
    "type_of",
]

del text, long_text, confirm, select, multiselect, date, record, list, choose  # registered


def type_of(q: Question) -> QuestionType:
    """The type object of a question or field."""
    return REGISTRY[q.type]


def question_types() -> tuple[str, ...]:
    """Every type a question may have, in the order the language lists them."""
    return tuple(REGISTRY)


def field_types() -> tuple[str, ...]:
    """The types a field of a record, list item or follow-up may have."""
    return tuple(name for name, t in REGISTRY.items() if t.is_field)
