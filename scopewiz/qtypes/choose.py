"""``choose``: one item of an earlier list, by its label."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..asking import as_written
from ..located import line_of
from ..markdown import escape_inline
from .base import AnswerError, QuestionType, register
from .list import item_labels
from .text import one_line

if TYPE_CHECKING:
    from ..bank import Bank, Question, _BankLoader
    from ..located import LDict


@register
class Choose(QuestionType):
    """The label of one item of an earlier list (the preferred area of focus)."""

    name = "choose"
    keys = ("from", "label")
    is_field = False
    prompt_kind = "select"

    def check_bank(self, q: Question, raw: LDict, loader: _BankLoader, what: str) -> None:
        """An earlier list that is always asked and never empty, and a text label of it."""
        source_id = q.choose_from
        if source_id is None:
            loader.error(raw.line, f"{what} is a choose and needs 'from', an earlier list question")
            return
        source = loader.seen.get(source_id)
        if source is None or source.type != "list":
            loader.error(
                line_of(raw, "from"),
                f"{what} chooses from '{source_id}', which is not an earlier list question",
            )
            return
        q.choose_from_heading = source.heading
        if source.min_items < 1:
            loader.error(
                line_of(raw, "from"),
                f"{what} chooses from '{source_id}', which may be left empty: give '{source_id}' min: 1",
            )
        if source.when is not None and source.when != q.when:
            loader.error(
                line_of(raw, "from"),
                f"{what} chooses from '{source_id}', which is asked only in some cases: "
                f"give '{q.id}' the same 'when'",
            )
        if source.is_record_list:
            label = q.label or source.label
            if label not in {f.id for f in source.fields}:
                loader.error(
                    line_of(raw, "label"),
                    f"{what}: label '{label}' is not a field of the items of '{source_id}'",
                )
            elif (labelled := source.field_by_id(label or "")) and labelled.type != "text":
                loader.error(
                    line_of(raw, "label") if "label" in raw else line_of(raw, "from"),
                    f"{what}: label '{label}' must be a text field to choose by",
                )
            q.label = label
        elif q.label is not None:
            loader.error(
                line_of(raw, "label"),
                f"{what}: '{source_id}' is a list of text and has no fields to label by",
            )

    def normalise(self, q: Question, raw: Any) -> Any:
        """A label: one line of text (whether it is one of the list's is :meth:`among`'s part)."""
        return one_line(q, raw)

    def source(self, q: Question, bank: Bank) -> Question:
        """The list chosen from."""
        return bank.by_id[q.choose_from or ""]

    def offered(self, q: Question, bank: Bank, answers: dict[str, Any]) -> tuple[str, ...]:
        """The labels of the list's items as they stand."""
        return tuple(item_labels(self.source(q, bank), answers))

    def among(self, q: Question, value: Any, offered: tuple[str, ...]) -> Any:
        """The label ``value`` means, as the list writes it, or AnswerError naming the labels.

        The one wording for the prompt, piped input and files.
        """
        if not offered:
            raise AnswerError(
                "There is nothing to choose from yet: "
                + (
                    f"no {q.choose_from_heading.lower()} are listed"
                    if q.choose_from_heading
                    else "its list is empty"
                )
            )
        chosen = as_written(offered, value) if isinstance(value, str) else None
        if chosen is None:
            raise AnswerError(f"Choose one of: {', '.join(offered)}")
        return chosen

    def relate(self, q: Question, value: Any, bank: Bank, answers: dict[str, Any]) -> Any:
        """A label written in another case or spacing, as the list writes it.

        One that is not a label of the list is kept: the list may have changed
        since (an item renamed), and the question is then asked again.
        """
        labels = self.offered(q, bank, answers)
        return as_written(labels, value) or value if isinstance(value, str) else value

    def blank(self, q: Question, bank: Bank) -> str:
        """Room for one item of the list above, named in the words of that list's question."""
        words = self.source(q, bank).heading.lower()
        return f"One of the {escape_inline(words)} listed above: …"
