"""What every question type is: the one home of the rules of its answers.

A type owns the bank keys it allows and their checks, how a raw answer (typed
at a prompt, read from a pipe, an ``--answers`` file or a hand-edited session
file) becomes the stored answer or is refused, the kind of prompt it asks
for, and how an answer looks in the record, in the blank template and on one
line. The engine sequences the questions and asks the types; ``answers.py``
walks the shapes of a file and asks the types.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..markdown import NONE_GIVEN, escape_inline, escape_line, paragraphs
from ..terminal import shown_line

if TYPE_CHECKING:
    from ..bank import Bank, Question, _BankLoader
    from ..engine import InterviewState
    from ..located import LDict


class AnswerError(ValueError):
    """An answer its question does not take. The message is a sentence fit to show."""


class _Empty:
    """Nothing was given: an empty text, no date, no ticks."""

    def __repr__(self) -> str:
        return "EMPTY"


#: What :meth:`QuestionType.normalise` returns when nothing was given.
EMPTY: Any = _Empty()


#: The explicit direction controls: embeddings and overrides (U+202A to U+202E) and
#: isolates (U+2066 to U+2069). Invisible, they show the text after them in another
#: order than it is stored in ("Trojan Source", CVE-2021-42574); rustc refuses the same
#: nine. The implicit marks (U+200E, U+200F, U+061C) are not among them: each acts as
#: one invisible letter of a direction, reorders nothing, and is what mixed Arabic or
#: Hebrew and English text needs to show right; the terminal shows them escaped.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def direction_control(text: str) -> str | None:
    """What is wrong with ``text`` if it holds a direction control, else None.

    "holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character that changes the
    order text is shown in": the answer rule and the bank loader both say it.
    """
    if text.isascii():
        return None
    for char in text:
        if char in DIRECTION_CONTROLS:
            return (
                f"holds U+{ord(char):04X} ({unicodedata.name(char)}), an invisible character "
                "that changes the order text is shown in"
            )
    return None


def refuse_control_characters(q: Question, raw: Any, offered: tuple[str, ...] = ()) -> None:
    """AnswerError if a new answer holds a control character: the rule of every type.

    A new answer is one typed at a prompt, piped in or read from an
    ``--answers`` file. Control characters are C0 (tab and line feed aside:
    they are spacing), DEL and C1, and so ESC, with which an answer
    printed later would restyle the terminal (OSC 52 writes the clipboard,
    ESC[2J clears the screen), and the direction controls, which show text in
    another order than it is stored in. The bank's own words are not the
    answer's to refuse: a choice or suggestion of ``q``, or one of ``offered``
    (the labels a ``choose`` offers). A session file is read as written, so
    that one saved by an older scopewiz still opens and nothing saved is lost;
    the terminal shows what it holds escaped and the record as U+FFFD.
    """
    own = (*q.choices, *q.suggestions, *offered)
    texts = enumerate(raw, start=1) if isinstance(raw, list) else [(0, raw)]
    for entry, text in texts:
        if not isinstance(text, str) or text.isprintable() or text in own:
            continue
        problem = direction_control(text)
        if problem is not None:
            raise AnswerError(f"The answer {problem}; write it without that character")
        for n, char in enumerate(text, start=1):
            if unicodedata.category(char) == "Cc" and char not in "\t\n":
                where = f"character {n}" + (f" of entry {entry}" if entry else "")
                raise AnswerError(
                    "An answer cannot hold a control character: "
                    f"remove the {shown_line(char)} at {where}"
                )


@dataclass(frozen=True)
class View:
    """What the record needs besides an answer: the bank and every answer of the session."""

    bank: Bank
    state: InterviewState


class QuestionType:
    """A question type. Subclasses set the class attributes and override what differs."""

    #: The name a bank writes after ``type:``.
    name: ClassVar[str]
    #: Bank keys this type allows besides the keys every question has.
    keys: ClassVar[tuple[str, ...]] = ("default",)
    #: Values its ``render:`` key may take (none: the key is refused).
    render_styles: ClassVar[tuple[str, ...]] = ()
    #: Whether it may be a field of a record, a list item or a follow-up.
    is_field: ClassVar[bool] = True
    #: The kind of prompt it asks for: text, long_text, confirm, select, multiselect, date.
    prompt_kind: ClassVar[str] = "text"
    #: Whether it may be the first field of a list's items, where an empty answer ends the list.
    ends_a_list: ClassVar[bool] = False
    #: What a question whose answer ``when: {includes: ...}`` can test is called in messages
    #: ("multiselect"); empty where the answer holds one value.
    holds_many: ClassVar[str] = ""
    #: Why an empty answer to a required question is refused.
    needed: ClassVar[str] = "An answer is needed here"
    #: Whether the record's summary shows the answer on one line beside its label
    #: (else under it, as the record does): by type, so no answer changes the layout.
    summary_beside: ClassVar[bool] = True

    # -- the bank -------------------------------------------------------------------

    def check_bank(self, q: Question, raw: LDict, loader: _BankLoader, what: str) -> None:
        """Checks of this type's keys beyond their own shape; errors go to ``loader``.

        ``what`` names the question or field in messages ("question 'vision'").
        """

    def bank_default(self, q: Question, value: Any) -> Any:  # noqa: ARG002 - one signature
        """The ``default:`` of a question of this type, or AnswerError saying why not."""
        if isinstance(value, str):
            return value
        raise AnswerError("default must be text")

    # -- answers --------------------------------------------------------------------

    def normalise(self, q: Question, raw: Any) -> Any:
        """The stored form of ``raw``, :data:`EMPTY` when nothing was given, or AnswerError."""
        raise NotImplementedError(self.name)

    def source(self, q: Question, bank: Bank) -> Question | None:  # noqa: ARG002
        """The earlier question whose answers ``q`` offers as its choices (``choose``: a list)."""
        return None

    def offered(self, q: Question, bank: Bank, answers: dict[str, Any]) -> tuple[str, ...]:  # noqa: ARG002
        """The choices a prompt for ``q`` offers now, given the other answers."""
        return q.choices

    def among(self, q: Question, value: Any, offered: tuple[str, ...]) -> Any:  # noqa: ARG002
        """``value`` held to what :meth:`offered` gives now (AnswerError if it is not there).

        Only a type whose choices change with other answers (``choose``) checks
        anything here: the rest are held to their fixed choices by :meth:`normalise`.
        """
        return value

    def can_include(self, q: Question) -> bool:  # noqa: ARG002 - one signature
        """Whether ``when: {includes: TEXT}`` can test the answer of ``q``."""
        return bool(self.holds_many)

    def relate(self, q: Question, value: Any, bank: Bank, answers: dict[str, Any]) -> Any:  # noqa: ARG002
        """``value`` checked against the other answers of a file (AnswerError if it cannot stand)."""
        return value

    def prompt_hint(
        self,
        q: Question,  # noqa: ARG002 - one signature
        answers: dict[str, Any],  # noqa: ARG002
        item: dict[str, Any] | None,  # noqa: ARG002
        first: bool,  # noqa: ARG002
    ) -> tuple[str, Any]:
        """A line for the prompt that follows from other answers, and a default it suggests.

        ``item`` is the list item or record being answered (its other fields so
        far), ``first`` whether it is the first item of a list.
        """
        return "", None

    def concerns(
        self,
        q: Question,  # noqa: ARG002 - one signature
        value: Any,  # noqa: ARG002
        answers: dict[str, Any],  # noqa: ARG002
        item: dict[str, Any] | None,  # noqa: ARG002
    ) -> list[str]:
        """What the facilitator should confirm before ``value`` is kept (none by default).

        ``item`` is the list item or record ``value`` belongs to, as answered so far.
        """
        return []

    def reading(self, q: Question, value: Any) -> str:  # noqa: ARG002 - one signature
        """How an answer just given was read, where what was typed may be misread; or "".

        Shown at once after the answer: a date typed 9/3/2027 reads "Tuesday 9 March 2027".
        """
        return ""

    def retry_default(self, q: Question, value: Any) -> Any:  # noqa: ARG002
        """What a question asked again after a declined confirmation offers: what was typed."""
        return value

    def empty(self, q: Question) -> Any:  # noqa: ARG002 - one signature
        """What an optional question left empty stores."""
        return None

    def settle(self, q: Question, raw: Any) -> Any:
        """The stored answer of ``raw``: empty where ``q`` is optional, else AnswerError."""
        value = self.normalise(q, raw)
        if value is EMPTY:
            if q.optional:
                return self.empty(q)
            raise AnswerError(self.needed)
        return value

    # -- showing --------------------------------------------------------------------

    def text(self, q: Question, value: Any) -> str:  # noqa: ARG002 - one signature
        """The answer as one line of plain text (placeholders, previews, columns)."""
        return "" if value is None else str(value)

    def record(self, q: Question, value: Any, view: View) -> str:  # noqa: ARG002
        """The answer as Markdown in the record (``value`` is present and not empty)."""
        return paragraphs(self.text(q, value))

    def show(self, q: Question, value: Any, view: View) -> str:
        """The answer in the record, an empty one as the bank's ``if_empty`` or "None given"."""
        if value is None or value == [] or value == {}:
            return escape_line(q.if_empty) if q.if_empty else NONE_GIVEN
        return self.record(q, value, view)

    def summary(self, q: Question, value: Any, view: View) -> str:
        """The answer in the record's summary (``value`` is present).

        One line, escaped, where :attr:`summary_beside`; else as in the record.
        """
        if not self.summary_beside:
            return self.show(q, value, view)
        if value is None or value == [] or value == {}:
            return escape_inline(q.if_empty) if q.if_empty else NONE_GIVEN
        return escape_inline(" ".join(self.summary_text(q, value).split()))

    def summary_text(self, q: Question, value: Any) -> str:
        """The answer as plain text for the summary's line: :meth:`text` unless a type says more."""
        return self.text(q, value)

    def blank(self, q: Question, bank: Bank) -> str:  # noqa: ARG002 - one signature
        """The space to write the answer in on the blank form."""
        return "…"


#: Every type, by the name a bank writes.
REGISTRY: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    """Class decorator: make a type known to the bank language."""
    REGISTRY[cls.name] = cls()
    return cls


def preview(text: str, width: int = 60) -> str:
    """One line cut to ``width`` with an ellipsis, for summaries on screen."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
