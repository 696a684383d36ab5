"""The only module that imports questionary: a terminal prompter and a plain line prompter.

:class:`TerminalPrompter` draws questionary prompts with a header that says
where you are and a line that says which keys do what. :class:`PlainPrompter`
asks line by line with no cursor tricks, for piped input and screen readers.
Both follow the :class:`~scopewiz.asking.Prompter` protocol the runner asks through.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application import get_app, run_in_terminal
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.styles import Style
from prompt_toolkit.utils import get_cwidth
from questionary import Choice
from questionary.prompts.common import InquirerControl

from .asking import (
    FINISH,
    TYPED_KINDS,
    MenuOption,
    Nav,
    Prompt,
    Validator,
    as_written,
    yes_or_no,
)
from .qtypes.base import direction_control
from .qtypes.date import typed_date
from .terminal import shown, shown_line, wrapped, write

OTHER = "\x00other"

_STYLE = Style.from_dict(
    {
        "section": "bold reverse",
        "where": "",
        "question": "bold",
        "context": "bold ansicyan",
        "help": "italic",
        "keys": "ansibrightblack",
        "note": "",
        "warn": "ansiyellow",
        "qmark": "ansicyan bold",
        "instruction": "ansibrightblack",
        "answer": "ansigreen",
    }
)
_QSTYLE = questionary.Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansigreen"),
        ("instruction", "fg:ansibrightblack"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("selected", "fg:ansigreen"),
    ]
)


NAV_KEYS = "Ctrl-B: back · Ctrl-G: jump · Ctrl-R: review · ? or F1: help · Ctrl-C: save and quit"
#: Typed in a text prompt, these do what their keys do.
COMMANDS = {":back": Nav.BACK, ":jump": Nav.JUMP, ":review": Nav.REVIEW, ":help": "help"}


def _keys(prompt: Prompt) -> str:
    keys: list[str] = []
    if prompt.kind == "long_text":
        keys += ["Enter: new line", "Esc then Enter: save"]
    elif prompt.kind in ("select",):
        keys += ["↑↓: move", "Enter: choose"]
    elif prompt.kind == "multiselect":
        keys += ["↑↓: move", "Space: tick", "type to find", "Enter: save"]
    elif prompt.kind == "confirm":
        keys += ["y: yes", "n: no"]
    else:
        keys += ["Enter: save"]
        if prompt.suggestions or prompt.suggestions_from:
            keys.append("type for suggestions")
    if prompt.can_finish and prompt.kind in TYPED_KINDS:
        keys.append("empty answer: finish the list")
    elif prompt.optional and prompt.kind == "long_text":
        keys.append("Enter on an empty answer: skip")
    elif prompt.optional and prompt.kind in TYPED_KINDS:
        keys.append("empty answer: skip")
    return " · ".join(keys)


def key_lines(keys: str, width: int) -> str:
    """A line of keys ("Ctrl-B: back · Ctrl-G: jump · …") broken only between keys.

    A terminal would break "Ctrl-C: save and quit" anywhere; each key and what
    it does stays on one line.
    """
    lines: list[str] = []
    for key in keys.split(" · "):
        if lines and len(lines[-1]) + 3 + len(key) <= width:
            lines[-1] += " · " + key
        else:
            lines.append(key)
    return "\n".join(lines)


def _default_text(value: Any) -> str:
    if value is None or value is FINISH:
        return ""
    if isinstance(value, dt.date):
        return typed_date(value)  # 9/3/2027, as it is typed, not 2027-03-09
    return str(value)


def _prefill(value: Any, *, multiline: bool = False) -> str:
    """A default to edit full-screen: as it is, or escaped if it holds a direction control.

    prompt_toolkit draws a C0 or C1 control in it as ``^[`` but writes a
    direction control (U+202E…) raw, which reorders the line on screen; an
    answer holding one is refused when given again, so it is offered as shown.
    """
    text = _default_text(value)
    if direction_control(text) is None:
        return text
    return shown(text) if multiline else shown_line(text)


def where(prompt: Prompt) -> str:
    """The where-am-I line: question n of m, the section's time box and the meeting clock."""
    parts = [f"question {prompt.question_number} of {prompt.question_count}"]
    if prompt.timebox:
        parts.append(prompt.timebox + (" (over time)" if prompt.over_time else ""))
    if prompt.clock:
        parts.append(f"clock {prompt.clock}")
    return " · ".join(parts)


def fit(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` columns, cut with an ellipsis."""
    if get_cwidth(text) <= width:
        return text
    out, used = [], 1
    for char in text:
        used += get_cwidth(char)
        if used > width:
            break
        out.append(char)
    return "".join(out).rstrip() + "…"


def _lines(text: str, width: int) -> int:
    """How many rows ``text`` takes on a screen ``width`` columns wide."""
    return sum(max(1, -(-get_cwidth(line) // max(1, width))) for line in text.split("\n"))


class TerminalPrompter:
    """questionary prompts with a where-am-I header, a key line and navigation keys."""

    def __init__(self, *, input: Any = None, output: Any = None) -> None:
        self._io: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output
        self._output = output
        self._section: str | None = None
        self._question: str | None = None
        self._where = ""
        self._helped: Prompt | None = None  # the prompt whose help is on screen
        self._above = 0  # rows printed above the prompt now being asked

    def _size(self) -> tuple[int, int]:
        """The screen's (columns, rows)."""
        if self._output is not None:
            size = self._output.get_size()
            return size.columns or 80, size.rows or 24
        columns, rows = shutil.get_terminal_size((80, 24))
        return columns, rows

    def _print(self, fragments: list[tuple[str, str]]) -> None:
        # prompt_toolkit prints these as they are, bar ESC, which it makes "?": a bell,
        # a carriage return or a C1 control from a bank or an answer would still act.
        escaped = [(style, shown(text)) for style, text in fragments]
        print_formatted_text(FormattedText(escaped), style=_STYLE, output=self._output)
        self._above += _lines("".join(text for _, text in escaped), self._size()[0])

    def _fit_on_screen(self, question: questionary.Question) -> None:
        """Keep a long list of choices below what was printed above it: it scrolls instead.

        Taller than the screen, a list would push the header (the section,
        where you are, the keys) off the top; the list window scrolls with
        the pointer instead. Rows are left for the question, the search line
        and a message.
        """
        above = self._above

        def height() -> Dimension:
            return Dimension(max=max(3, self._size()[1] - above - 3))

        for window in question.application.layout.find_all_windows():
            if isinstance(window.content, InquirerControl):
                window.height = height

    @contextlib.contextmanager
    def holding_keys(self) -> Iterator[None]:
        """Between prompts, keep what is typed for the next prompt, unechoed and untranslated.

        Each prompt puts the terminal in raw mode only while it runs. A fast
        typist's keys that arrive in between would otherwise be echoed by the
        terminal, and Enter turned into a line feed, before the next prompt
        reads them. Ctrl-C still interrupts.
        """
        try:
            import termios

            fd = sys.stdin.fileno()
            saved = termios.tcgetattr(fd)
        except (ImportError, OSError, ValueError, AttributeError):
            yield
            return
        quiet = termios.tcgetattr(fd)
        quiet[0] &= ~termios.ICRNL  # iflag: keep Enter as Enter
        quiet[3] &= ~(termios.ECHO | termios.ICANON)  # lflag: no echo, no line buffering
        try:
            termios.tcsetattr(fd, termios.TCSANOW, quiet)
            yield
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def note(self, text: str) -> None:
        """Print a line of information, broken between words to fit the screen."""
        style = "class:warn" if text.startswith("!") else "class:note"
        indent = "  " if text.startswith("!") else ""
        self._print([(style, wrapped(text, self._size()[0] - 1, indent=indent))])

    def confirm(self, message: str, default: bool) -> bool:
        """Ask yes or no; a long question is broken between words, not where the screen ends."""
        # "? " before it, " (y/N) " and "Yes" after it.
        fitted = wrapped(shown(message), self._size()[0] - 1, first=2, room=10)
        question = questionary.confirm(fitted, default=default, style=_QSTYLE, **self._io)
        # Only a real "yes" counts: Ctrl-B (back) on a confirmation means no.
        return self._run(question, None) is True

    def text(self, message: str, default: str = "") -> str:
        """A line of text outside the bank; Ctrl-B gives ""."""
        question = questionary.text(shown(message), default=default, style=_QSTYLE, **self._io)
        answer = self._run(question, None)
        return answer if isinstance(answer, str) else ""

    def menu(self, title: str, options: list[MenuOption], default: Any = None) -> Any:
        """A menu of choices under headings; type to filter, Ctrl-B to close."""
        # Each line fits the screen, cut with an ellipsis (the pointer takes three columns).
        width = self._size()[0] - 4
        choices = [
            Choice(fit(shown_line(f"── {o.label}" if o.heading else o.label), width), value=o.value)
            for o in options
        ]
        values = [o.value for o in options]
        self._above = 0
        self._print([("", "")])
        self._print([("class:keys", "↑↓: move · type to filter · Enter: choose · Ctrl-B: close")])
        self._above += _lines(shown(title), self._size()[0])
        question = questionary.select(
            shown(title),
            choices=choices,
            default=default if default in values else None,
            use_search_filter=True,
            use_jk_keys=False,
            instruction=" ",  # the keys line above says it, without breaking a word at 80 columns
            style=_QSTYLE,
            **self._io,
        )
        self._fit_on_screen(question)
        self._section = self._question = None  # redraw the header after the menu
        self._where = ""
        result = self._run(question, None)
        return result if isinstance(result, Nav) or result in values else Nav.BACK

    def _header(self, prompt: Prompt) -> list[tuple[str, str]]:
        """The lines above a prompt, as one list of fragments (printed in one go)."""
        out: list[tuple[str, str]] = []
        if prompt.section_title != self._section:
            self._section = prompt.section_title
            out += [
                ("", "\n"),
                ("class:section", f" {prompt.section_title} "),
                ("class:where", f"  section {prompt.section_number} of {prompt.section_count}\n"),
            ]
        new_question = prompt.question_id != self._question
        line = where(prompt).capitalize()
        if new_question or line != self._where:
            # Again whenever the clock or the time box moves on, so it never goes stale.
            out.append(("class:warn" if prompt.over_time else "class:where", line + "\n"))
            self._where = line
        if new_question:
            self._question = prompt.question_id
            out.append(("class:keys", key_lines(NAV_KEYS, self._size()[0] - 1) + "\n"))
        if prompt.intro:
            out.append(("class:question", wrapped(prompt.intro, self._size()[0] - 1) + "\n"))
        return out

    def _show_help(self, prompt: Prompt) -> None:
        """The question's help, once: F1 then ? does not print it twice."""
        if self._helped is prompt:
            return
        self._helped = prompt
        self._print([("class:help", prompt.help or "No help for this question.")])

    def _run(
        self, question: questionary.Question, prompt: Prompt | None, *, checklist: bool = False
    ) -> Any:
        """Run a questionary prompt with the navigation keys bound."""
        bindings = KeyBindings()

        def finish(result: Nav) -> Any:
            def handler(event: Any) -> None:
                event.app.exit(result=result)

            return handler

        bindings.add("c-b", eager=True)(finish(Nav.BACK))
        if prompt is not None:
            bindings.add("c-g", eager=True)(finish(Nav.JUMP))
            bindings.add("c-r", eager=True)(finish(Nav.REVIEW))
            shown = prompt

            def show_help(_event: Any) -> None:
                run_in_terminal(lambda: self._show_help(shown))

            # "?" only on an empty answer, so that it can still be typed in one;
            # eager, as a checklist's type-to-find binds every printable key so.
            bindings.add(
                "?", filter=Condition(lambda: not get_app().current_buffer.text), eager=True
            )(show_help)
            bindings.add("f1")(show_help)
            if prompt.kind == "long_text" and prompt.optional:
                # Enter gives a new line in a long answer; on an empty one it skips
                # the question, as on every other optional prompt.
                @bindings.add("enter", filter=Condition(lambda: not get_app().current_buffer.text))
                def skip(event: Any) -> None:
                    event.app.current_buffer.validate_and_handle()

        if checklist:
            # questionary ticks all with Ctrl-A and inverts with Ctrl-I, which is Tab:
            # no one key changes ticks that are not under the pointer.
            bindings.add("c-a", eager=True)(lambda _event: None)
            bindings.add("c-i", eager=True)(lambda _event: None)

        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
        return question.unsafe_ask()

    def ask(self, prompt: Prompt, validate: Validator) -> Any:
        """Show the header and key line, then one questionary prompt."""
        self._above = 0
        self._helped = None
        out = self._header(prompt)
        lines = prompt.message.split("\n")
        message = lines[-1]
        if prompt.kind == "long_text":
            # Printed here, where the terminal wraps it: inside a multi-line prompt
            # a question wider than the screen would be cut off.
            lines, message = lines + [""], ""
        if len(lines) > 1:
            out.append(("class:question", "\n".join(lines[:-1]) + "\n"))
        if prompt.context:
            out.append(("class:context", prompt.context + "\n"))
        keys = _keys(prompt)
        if prompt.editing:
            keys += " · editing: the current answer is filled in"
        out.append(("class:keys", key_lines(keys, self._size()[0] - 1)))
        self._print(out)
        while True:
            if prompt.kind == "multiselect":
                return self._multiselect(prompt, message, validate)
            question = self._question_for(prompt, message, validate)
            if prompt.kind == "select":
                self._above += _lines(shown(message), self._size()[0])
                self._fit_on_screen(question)
            answer = self._run(question, prompt)
            command = COMMANDS.get(answer.strip().lower()) if isinstance(answer, str) else None
            if command == "help":
                self._show_help(prompt)
                continue
            return command if command is not None else answer

    def _question_for(
        self, prompt: Prompt, message: str, validate: Validator
    ) -> questionary.Question:
        """The questionary prompt for ``prompt``.

        What is shown is escaped; what is edited is not: a default is the
        answer itself (prompt_toolkit draws a control character in it as ``^[``,
        and the answer's rule refuses it), a choice is returned as its value.
        A default with a direction control, which prompt_toolkit writes raw, is
        the exception: it is filled in escaped (:func:`_prefill`).
        """

        def check(raw: Any) -> bool | str:
            if isinstance(raw, str) and raw.strip().lower() in COMMANDS:
                return True
            problem = validate(raw)
            return True if problem is None else shown_line(problem)

        message = shown(message)
        kind = prompt.kind
        if kind == "confirm":
            default = prompt.default if isinstance(prompt.default, bool) else True
            return questionary.confirm(message, default=default, style=_QSTYLE, **self._io)
        if kind == "select":
            chosen = prompt.default if prompt.default in prompt.choices else None
            labelled = [Choice(shown_line(c), value=c) for c in prompt.choices]
            return questionary.select(
                message,
                choices=labelled,
                default=chosen,
                instruction=" ",  # "(Use arrow keys)": the keys line says "↑↓: move" already
                style=_QSTYLE,
                **self._io,
            )
        instruction = shown(prompt.instruction) or None
        if kind == "long_text":
            return questionary.text(
                message,
                default=_prefill(prompt.default, multiline=True),
                multiline=True,
                # The answer starts on a line of its own, so that continuation
                # lines are not indented as wide as a long prompt.
                instruction=f"{instruction or '(Esc then Enter to save)'}\n>",
                validate=check,
                style=_QSTYLE,
                **self._io,
            )
        choices = list(prompt.suggestions)
        if prompt.suggestions_from:
            from .datasets import suggestions as dataset_suggestions

            choices += dataset_suggestions(prompt.suggestions_from)
        if choices:
            return questionary.autocomplete(
                message,
                choices=choices,
                default=_prefill(prompt.default),
                match_middle=True,
                ignore_case=True,
                validate=check,
                style=_QSTYLE,
                **self._io,
            )
        return questionary.text(
            message,
            default=_prefill(prompt.default),
            instruction=instruction,
            validate=check,
            style=_QSTYLE,
            **self._io,
        )

    def _multiselect(self, prompt: Prompt, message: str, validate: Validator) -> Any:
        current = prompt.default if isinstance(prompt.default, list) else []
        choices: list[Any] = []
        for c in prompt.choices:
            explained = prompt.choice_help.get(c)
            choices.append(
                Choice(
                    shown_line(c),
                    value=c,
                    checked=c in current,
                    description=shown_line(explained) if explained else None,
                )
            )
        others = [v for v in current if v not in prompt.choices]
        if prompt.other:
            label = f"Other: {', '.join(others)}" if others else "Other (type your own)…"
            choices.append(Choice(shown_line(label), value=OTHER, checked=bool(others)))

        def check(values: list[str]) -> bool | str:
            if OTHER in values:
                return True
            problem = validate(values)
            return True if problem is None else shown_line(problem)

        self._above += _lines(shown(message), self._size()[0])
        question = questionary.checkbox(
            shown(message),
            choices=choices,
            validate=check,
            # Letters find a choice (the keys line says so), never tick or untick many.
            use_search_filter=True,
            use_jk_keys=False,
            instruction="",
            style=_QSTYLE,
            **self._io,
        )
        self._fit_on_screen(question)
        picked = self._run(question, prompt, checklist=True)
        if isinstance(picked, Nav) or OTHER not in picked:
            return picked
        picked = [v for v in picked if v != OTHER]
        typed = self._run(
            questionary.text(
                "Other entries, one per line:",
                default=_prefill("\n".join(others), multiline=True),
                multiline=True,
                instruction="(Esc then Enter to save)\n>",
                style=_QSTYLE,
                **self._io,
            ),
            prompt,
        )
        if isinstance(typed, Nav):
            return typed
        return picked + [line.strip() for line in str(typed).split("\n") if line.strip()]


class _Command(Exception):
    """A navigation word typed where an answer was expected (plain mode)."""

    def __init__(self, action: Nav | str) -> None:
        super().__init__(str(action))
        self.action = action


_PLAIN_COMMANDS: dict[str, Nav | str] = {
    "back": Nav.BACK,
    "jump": Nav.JUMP,
    "review": Nav.REVIEW,
    "help": "help",
    "?": "help",
}


class PlainPrompter:
    """Line-by-line questions: numbered choices, no cursor movement, fine for pipes.

    ``done`` or an empty line ends a list where it may end; a line with a single
    ``.`` ends a multi-line answer; ``back``, ``jump``, ``review`` and ``help``
    (or ``?``) typed as an answer do what they say. End of input raises EOFError.
    """

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        # A closed standard input (``<&-``) reads as end of input.
        self.stdin = stdin or sys.stdin or io.StringIO()
        self.stdout = stdout or sys.stdout or io.StringIO()
        self._section: str | None = None
        self._question: str | None = None

    def _say(self, text: str = "") -> None:
        """A line, escaped: any text here may be a bank's, an answer's or a file's name."""
        write(self.stdout, shown(text) + "\n")

    def _line(self, label: str) -> str:
        write(self.stdout, shown(label))
        line = self.stdin.readline()
        if not line:
            self._say()
            raise EOFError
        # Bytes that are not UTF-8 arrive as surrogates: keep the text, mark the bad bytes.
        line = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return line.rstrip("\r\n")

    def _answer(self, label: str) -> str:
        """A line that may be a navigation command instead of an answer."""
        line = self._line(label)
        action = _PLAIN_COMMANDS.get(line.strip().lower().lstrip(":"))
        if action is not None:
            raise _Command(action)
        return line

    def _fit(self, text: str, *, room: int = 0) -> str:
        """On a terminal, ``text`` broken between words to fit it; piped, as it is."""
        isatty = getattr(self.stdout, "isatty", None)
        if not (callable(isatty) and isatty()):
            return text
        indent = "  " if text.startswith("!") else ""
        return wrapped(text, shutil.get_terminal_size().columns - 1, room=room, indent=indent)

    def note(self, text: str) -> None:
        """Print a line of information (on a terminal, broken between words to fit it)."""
        self._say(self._fit(text))

    def confirm(self, message: str, default: bool) -> bool:
        """Ask yes or no (on a terminal, a long question broken between words to fit it)."""
        message = self._fit(message, room=10)  # " [y/N] " and the answer
        while True:
            answer = self._line(f"{message} [{'Y/n' if default else 'y/N'}] ")
            if not answer.strip():
                return default
            meaning = yes_or_no(answer)
            if meaning is not None:
                return meaning
            self._say("! Answer yes or no")

    def text(self, message: str, default: str = "") -> str:
        """A line of text outside the bank; Enter keeps the default."""
        answer = self._line(f"{message}{f' [{shown_line(default)}]' if default else ''} ").strip()
        return answer or default

    def menu(self, title: str, options: list[MenuOption], default: Any = None) -> Any:
        """A numbered menu; Enter takes the default, ``back`` closes it.

        Where lines have keys (the questions of the jump and review menus), a
        line is chosen by the number its label shows, the question's number,
        and the other lines by letter; otherwise lines are numbered 1, 2, 3.
        """
        self._say()
        self._say(title)
        keyed = any(option.key for option in options)
        letters = iter("abcdefghijklmnopqrstuvwxyz")
        by_key: dict[str, MenuOption] = {}
        for n, option in enumerate(options, start=1):
            key = option.key if keyed and option.key else next(letters) if keyed else str(n)
            by_key[key] = option
            mark = "*" if option.value == default else " "
            label = shown_line(option.label.strip())
            if keyed and option.key:
                self._say(f" {mark}    {label}")  # the label starts with the number to type
            else:
                self._say(f" {mark}{key}) {'' if option.heading else '  '}{label}")
        self._section = self._question = None  # say where we are again afterwards
        what = "a question's number or a letter" if keyed else "a number"
        while True:
            hint = "Enter for *, " if default is not None else ""
            answer = self._line(f"Type {what} ({hint}'back' to close): ").strip()
            if not answer and default is not None:
                return default
            if answer.lower().lstrip(":") == "back":
                return Nav.BACK
            chosen = by_key.get(answer.lower().rstrip(".)"))
            if chosen is not None:
                return chosen.value
            if keyed:
                self._say("! Type a number or a letter shown above")
            else:
                self._say(f"! Type a number from 1 to {len(options)}")

    def ask(self, prompt: Prompt, validate: Validator) -> Any:
        """Ask one prompt as plain lines, re-asking until the answer is valid."""
        if prompt.section_title != self._section:
            self._section = prompt.section_title
            self._say()
            self._say(
                f"== {prompt.section_title} (section {prompt.section_number} of {prompt.section_count}) =="
            )
            self._say("Type 'back', 'jump', 'review' or 'help' at any prompt.")
        if prompt.question_id != self._question:
            self._question = prompt.question_id
            self._say(where(prompt).capitalize())
        if prompt.intro:
            self._say(prompt.intro)
        self._say(prompt.message)
        if prompt.context:
            self._say(f"[{prompt.context}]")
        while True:
            try:
                raw = self._read(prompt)
            except _Command as command:
                if command.action == "help":
                    self._say(f"Help: {prompt.help or 'No help for this question.'}")
                    continue
                return command.action
            problem = validate(raw)
            if problem is None:
                return raw
            self._say(f"! {problem}")

    def _read(self, prompt: Prompt) -> Any:
        kind = prompt.kind
        default = _default_text(prompt.default)
        if kind == "confirm":  # the question type reads the words; Enter keeps the default
            yes = prompt.default if isinstance(prompt.default, bool) else True
            answer = self._answer(f"Yes or no? [{'Y/n' if yes else 'y/N'}] ")
            return answer if answer.strip() else yes
        if kind in ("select", "multiselect"):
            current = prompt.default if isinstance(prompt.default, list) else [prompt.default]
            # Entries typed before (not among the choices) are listed and numbered too.
            typed = [c for c in current if kind == "multiselect" and c and c not in prompt.choices]
            offered = (*prompt.choices, *typed)
            for n, choice in enumerate(offered, start=1):
                mark = "*" if choice in current else " "
                explained = prompt.choice_help.get(choice)
                line = f" {mark}{n}) {choice}" + (f": {explained}" if explained else "")
                self._say(shown_line(line))
            if kind == "select":
                keep = prompt.default if prompt.default in prompt.choices else None
                hint = "Type a number" + (f" (Enter keeps {shown_line(keep)})" if keep else "")
                answer = self._answer(f"{hint}: ").strip()
                if not answer and keep:
                    return keep
                return self._choice(prompt.choices, answer)
            hint = "Numbers separated by commas"
            if prompt.other:
                hint += "; other entries as text, two of them separated by ';'"
            if any(current):
                hint += " (Enter keeps the ticked ones)"
            answer = self._answer(f"{hint}: ")
            if not answer.strip() and any(current):
                return [c for c in current if c]
            return self._choices(offered, answer)
        if kind == "long_text":
            self._say("Type your answer; end it with a line holding just a single '.'")
            if default:
                self._say("A line with just '.' straight away keeps the current answer:")
                for line in default.split("\n"):
                    self._say(f"| {line}")
            lines: list[str] = []
            while True:
                line = self._answer("> ") if not lines else self._line("  ")
                if line.strip() == ".":
                    break
                lines.append(line)
            if not lines and default:
                return default
            return "\n".join(lines)
        extra = ""
        if default:
            extra = f" [{shown_line(default)}]"
        if prompt.can_finish:
            extra += " (empty or 'done' finishes the list)"
        elif prompt.optional:
            extra += " (empty to skip)"
        answer = self._answer(f"Answer{extra}: ")
        if prompt.can_finish and answer.strip().lower() == "done":
            return ""
        if not answer.strip() and default:
            return default
        return answer

    @classmethod
    def _choices(cls, offered: tuple[str, ...], answer: str) -> list[str]:
        """Numbers and choices separated by commas, and other entries as text.

        A choice whose own text has commas counts once; text that is neither a
        number nor a choice is one entry, commas and all, up to the next number
        or choice ("Police, health and schools leads" stays whole); ``;``
        separates two such entries.
        """
        spans: list[tuple[int, int]] = []
        start = 0
        for i, char in enumerate(answer + ","):
            if char == ",":
                spans.append((start, i))
                start = i + 1
        parts = [answer[a:b].strip() for a, b in spans]
        out: list[str] = []
        text_from: int | None = None  # where the run of other text began

        def end_text(upto: int) -> None:
            nonlocal text_from
            if text_from is not None:
                run = answer[spans[text_from][0] : spans[upto - 1][1]]
                out.extend(entry.strip() for entry in run.split(";") if entry.strip())
                text_from = None

        i = 0
        while i < len(parts):
            for j in range(len(parts), i, -1):  # the longest run of parts that is a choice
                joined = as_written(offered, ", ".join(parts[i:j]))
                if joined is not None:
                    end_text(i)
                    out.append(joined)
                    i = j
                    break
            else:
                if parts[i].isdigit():
                    end_text(i)
                    out.append(cls._choice(offered, parts[i]))
                elif parts[i] and text_from is None:
                    text_from = i
                i += 1
        end_text(len(parts))
        return out

    @staticmethod
    def _choice(offered: tuple[str, ...], answer: str) -> str:
        if answer.isdigit() and 1 <= int(answer) <= len(offered):
            return offered[int(answer) - 1]
        return as_written(offered, answer) or answer
