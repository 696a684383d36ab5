"""``text``: one line, spaces tidied; suggestions, a data set, a format such as email."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..located import written
from ..markdown import paragraphs
from .base import EMPTY, AnswerError, QuestionType, View, register

if TYPE_CHECKING:
    from ..bank import Question, _BankLoader
    from ..located import LDict

#: Plausibility checks a text answer can ask for.
FORMATS = ("email",)
#: Named suggestion lists that ship with scopewiz as data, not as bank content.
DATA_SETS = ("local-authorities",)

_EMAIL = re.compile(r"^[^@\s<>(),;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def plausible_email(text: str) -> bool:
    """Whether ``text`` has the form of an email address (name@domain.tld)."""
    return _EMAIL.match(text) is not None


def one_line(q: Question, raw: Any) -> Any:
    """``raw`` as one line of text with spaces tidied, or EMPTY; AnswerError if not text."""
    del q
    if raw is None:
        return EMPTY
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise AnswerError("An answer must be text")
    text = " ".join(written(raw).split())  # 0113 and 1.50 as written, not as numbers
    return text if text else EMPTY


def offered(f: Question) -> tuple[str, ...]:
    """The bank's suggestions for ``f`` and those of its data set."""
    if not f.suggestions_from:
        return f.suggestions
    from ..datasets import suggestions as dataset

    return f.suggestions + dataset(f.suggestions_from)


def known_value(f: Question, value: str) -> str | None:
    """The suggestion ``value`` matches, ignoring case (so "leeds" is stored as "Leeds")."""
    wanted = value.strip().casefold()
    for s in offered(f):
        if s.casefold() == wanted:
            return s
    return None


def authority_text(q: Question, value: Any) -> str:
    """A council's name with its GSS code and region: ``Leeds (E08000035, Yorkshire and The Humber)``."""
    text = str(value)
    if q.suggestions_from == "local-authorities":
        from ..datasets import find_authority

        found = find_authority(text)
        if found is not None:
            return f"{found.name} ({found.gss}, {found.region})"
    return text


def close_values(f: Question, value: str, most: int = 3) -> list[str]:
    """Suggestions that ``value`` may have meant, for a "did you mean" line.

    Those that contain what was typed (words such as "council" or "city" left
    out), else the nearest spellings of a whole name or of one of its words.
    Empty when more than ``most`` contain it (such a list would not help).
    """
    words = [w for w in _words(value) if w not in _GENERIC]
    if not words:
        return []
    choices = offered(f)
    containing = [s for s in choices if all(w in s.casefold() for w in words)]
    if containing:
        return containing if len(containing) <= most else []
    import difflib

    names: dict[str, str] = {}
    for s in choices:
        names.setdefault(s.casefold(), s)
        for w in _words(s):
            if len(w) >= 4 and w not in _GENERIC:
                names.setdefault(w, s)
    near = difflib.get_close_matches(" ".join(words), names, most, 0.8)
    return list(dict.fromkeys(names[m] for m in near))


def _words(text: str) -> list[str]:
    return text.casefold().replace(",", " ").replace("-", " ").split()


#: Words of a council's name that do not tell one council from another.
_GENERIC = frozenset(
    {"council", "city", "county", "borough", "metropolitan", "district"}
    | {"of", "the", "and", "upon", "royal"}
)


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _list_name(f: Question) -> str:
    if f.suggestions_from == "local-authorities":
        return "English local authorities with children's services responsibilities"
    return f"suggested answers for {f.heading.lower()}"


@register
class Text(QuestionType):
    """One line of text."""

    name = "text"
    ends_a_list = True
    keys = ("suggestions", "suggestions_from", "confirm_other", "format", "default")

    def check_bank(self, q: Question, raw: LDict, loader: _BankLoader, what: str) -> None:
        """A known format; suggestions to compare with where a name outside them is confirmed."""
        if q.format and q.format not in FORMATS:
            loader.error_at(
                raw, "format", f"{what}: format '{q.format}' is not one of: {', '.join(FORMATS)}"
            )
        if q.confirm_other and not (q.suggestions or q.suggestions_from):
            loader.error_at(
                raw, "confirm_other", f"{what}: confirm_other needs suggestions to compare with"
            )

    def normalise(self, q: Question, raw: Any) -> Any:
        """Spaces tidied; held to its format; a suggestion typed in another case as written."""
        text = one_line(q, raw)
        if text is EMPTY:
            return EMPTY
        if q.format == "email" and not plausible_email(text):
            raise AnswerError(f"{text} does not look like an email address (name@example.gov.uk)")
        if q.confirm_other:
            return known_value(q, text) or text
        return text

    def concerns(
        self, q: Question, value: Any, answers: dict[str, Any], item: dict[str, Any] | None
    ) -> list[str]:
        """A name not among the suggestions, where the bank asks for it to be confirmed."""
        del answers, item
        if not (isinstance(value, str) and q.confirm_other and known_value(q, value) is None):
            return []
        warning = f"“{value}” is not in the list of {_list_name(q)}"
        near = close_values(q, value)
        if near:
            warning += f"; did you mean {_either(near)}?"
        return [warning]

    def retry_default(self, q: Question, value: Any) -> Any:
        """The name it may have meant, ready to take with Enter; else what was typed."""
        near = close_values(q, value) if isinstance(value, str) and q.confirm_other else []
        return near[0] if len(near) == 1 else value

    def summary_text(self, q: Question, value: Any) -> str:
        """A council with its code and region, as in the record."""
        return authority_text(q, value)

    def record(self, q: Question, value: Any, view: View) -> str:
        """A council with its code and region; other text as it was written."""
        del view
        return paragraphs(authority_text(q, value))
