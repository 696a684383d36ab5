"""The seam between the runner and whatever asks the questions.

The runner hands a :class:`Prompter` a :class:`Prompt` (every text already
filled in) and a :class:`Validator`; the prompter returns an answer, the
:data:`FINISH` that ends a list, or a :class:`Nav` request. Tests pass a
scripted prompter, the CLI a terminal or plain-line one (``prompts.py``).
Nothing here imports the rest of scopewiz, so a prompter can be loaded
without the runner, the session file or the renderer.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol


class _Finish:
    """The answer that ends a list (an empty entry where the list may end)."""

    def __repr__(self) -> str:
        return "FINISH"


FINISH: Any = _Finish()


_YES_NO = {"y": True, "yes": True, "true": True, "n": False, "no": False, "false": False}


def fold(text: str) -> str:
    """How two spellings of a choice are compared: spaces tidied, case ignored."""
    return " ".join(text.split()).casefold()


def as_written(choices: tuple[str, ...], text: str) -> str | None:
    """The choice ``text`` means, as the bank (or the list) writes it; None if none.

    The one reading of a typed choice, for the types and the plain prompter.
    """
    wanted = fold(text)
    for choice in choices:
        if fold(choice) == wanted:
            return choice
    return None


#: Prompt kinds where the answer is typed, so that an empty one can skip or end a list.
TYPED_KINDS = frozenset({"text", "long_text", "date"})


def yes_or_no(text: str) -> bool | None:
    """What a typed yes, y, no or n (any case, spaces around) means; None for anything else.

    One reading for a bank's yes-or-no question (typed, piped or in a file)
    and for the wizard's own confirmations.
    """
    return _YES_NO.get(text.strip().casefold())


@dataclass(frozen=True)
class Prompt:
    """What the prompter shows: every text already filled in, every key decided."""

    kind: str  # the type of the field asked: text, long_text, confirm, select, ...
    message: str
    question_id: str
    path: str
    section_title: str
    section_number: int
    section_count: int
    question_number: int
    question_count: int
    context: str = ""  # e.g. "Focus area 2 of 3", the item a follow-up is about
    help: str = ""
    instruction: str = ""
    default: Any = None
    choices: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    suggestions_from: str | None = None
    other: bool = False
    optional: bool = False
    can_finish: bool = False
    intro: str = ""
    editing: bool = False  # the step already has an answer, shown as the default
    choice_help: dict[str, str] = field(default_factory=dict)
    clock: str = ""  # filled by the runner: time the wizard has been open
    timebox: str = ""  # filled by the runner: "6 of 10 min" for a timed section
    over_time: bool = False


Validator = Callable[[Any], "str | None"]


class Nav(enum.Enum):
    """What a prompter returns instead of an answer to move around the interview."""

    BACK = "back"
    JUMP = "jump"
    REVIEW = "review"


@dataclass(frozen=True)
class MenuOption:
    """One line of a menu. A heading (a section) groups the lines after it."""

    label: str
    value: Any
    heading: bool = False
    #: What is typed to choose it where menus are typed (plain mode): a question's
    #: number, as its label shows it. Lines without one are chosen by letter.
    key: str = ""


class Prompter(Protocol):
    """What the runner needs from whatever asks the questions."""

    def ask(self, prompt: Prompt, validate: Validator) -> Any:
        """Ask one prompt; return the raw answer or a :class:`Nav`.

        May raise KeyboardInterrupt (Ctrl-C) or EOFError (input ended).
        """

    def menu(self, title: str, options: list[MenuOption], default: Any = None) -> Any:
        """Offer a menu; return the chosen option's value, or Nav.BACK to close it."""

    def confirm(self, message: str, default: bool) -> bool:
        """A yes/no question outside the bank (such as replacing a file)."""

    def text(self, message: str, default: str = "") -> str:
        """A line of text outside the bank (such as another file name); "" if cancelled."""

    def note(self, text: str) -> None:
        """Tell the user something; no answer expected."""
