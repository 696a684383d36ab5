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
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application import get_app, run_in_terminal
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.styles import Style
from questionary import Choice

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
from .terminal import shown, shown_line, write

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
        keys += ["↑↓: move", "Space: tick", "Enter: save"]
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


def _default_text(value: Any) -> str:
    if value is None or value is FINISH:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def where(prompt: Prompt) -> str:
    """The where-am-I line: question n of m, the section's time box and the meeting clock."""
    parts = [f"question {prompt.question_number} of {prompt.question_count}"]
    if prompt.timebox:
        parts.append(prompt.timebox + (" (over time)" if prompt.over_time else ""))
    if prompt.clock:
        parts.append(f"clock {prompt.clock}")
    return " · ".join(parts)


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

    def _print(self, fragments: list[tuple[str, str]]) -> None:
        # prompt_toolkit prints these as they are, bar ESC, which it makes "?": a bell,
        # a carriage return or a C1 control from a bank or an answer would still act.
        escaped = [(style, shown(text)) for style, text in fragments]
        print_formatted_text(FormattedText(escaped), style=_STYLE, output=self._output)

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
        """Print a line of information."""
        style = "class:warn" if text.startswith("!") else "class:note"
        self._print([(style, text)])

    def confirm(self, message: str, default: bool) -> bool:
        """Ask yes or no."""
        question = questionary.confirm(shown(message), default=default, style=_QSTYLE, **self._io)
        # Only a real "yes" counts: Ctrl-B (back) on a confirmation means no.
        return self._run(question, None) is True

    def text(self, message: str, default: str = "") -> str:
        """A line of text outside the bank; Ctrl-B gives ""."""
        question = questionary.text(shown(message), default=default, style=_QSTYLE, **self._io)
        answer = self._run(question, None)
        return answer if isinstance(answer, str) else ""

    def menu(self, title: str, options: list[MenuOption], default: Any = None) -> Any:
        """A menu of choices under headings; type to filter, Ctrl-B to close."""
        choices = [
            Choice(shown_line(f"── {o.label}" if o.heading else o.label), value=o.value)
            for o in options
        ]
        values = [o.value for o in options]
        self._print([("", "")])
        self._print([("class:keys", "↑↓: move · type to filter · Enter: choose · Ctrl-B: close")])
        question = questionary.select(
            shown(title),
            choices=choices,
            default=default if default in values else None,
            use_search_filter=True,
            use_jk_keys=False,
            style=_QSTYLE,
            **self._io,
        )
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
            out.append(("class:keys", NAV_KEYS + "\n"))
        if prompt.intro:
            out.append(("class:question", prompt.intro + "\n"))
        return out

    def _show_help(self, prompt: Prompt) -> None:
        self._print([("class:help", prompt.help or "No help for this question.")])

    def _run(self, question: questionary.Question, prompt: Prompt | None) -> Any:
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

            # "?" only on an empty answer, so that it can still be typed in one.
            bindings.add("?", filter=Condition(lambda: not get_app().current_buffer.text))(
                show_help
            )
            bindings.add("f1")(show_help)
            if prompt.kind == "long_text" and prompt.optional:
                # Enter gives a new line in a long answer; on an empty one it skips
                # the question, as on every other optional prompt.
                @bindings.add("enter", filter=Condition(lambda: not get_app().current_buffer.text))
                def skip(event: Any) -> None:
                    event.app.current_buffer.validate_and_handle()

        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
        return question.unsafe_ask()

    def ask(self, prompt: Prompt, validate: Validator) -> Any:
        """Show the header and key line, then one questionary prompt."""
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
        out.append(("class:keys", keys))
        self._print(out)
        while True:
            if prompt.kind == "multiselect":
                return self._multiselect(prompt, message, validate)
            answer = self._run(self._question_for(prompt, message, validate), prompt)
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
                message, choices=labelled, default=chosen, style=_QSTYLE, **self._io
            )
        instruction = shown(prompt.instruction) or None
        if kind == "long_text":
            return questionary.text(
                message,
                default=_default_text(prompt.default),
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
                default=_default_text(prompt.default),
                match_middle=True,
                ignore_case=True,
                validate=check,
                style=_QSTYLE,
                **self._io,
            )
        return questionary.text(
            message,
            default=_default_text(prompt.default),
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

        picked = self._run(
            questionary.checkbox(
                shown(message), choices=choices, validate=check, style=_QSTYLE, **self._io
            ),
            prompt,
        )
        if isinstance(picked, Nav) or OTHER not in picked:
            return picked
        picked = [v for v in picked if v != OTHER]
        typed = self._run(
            questionary.text(
                "Other entries, one per line:",
                default="\n".join(others),
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

    def note(self, text: str) -> None:
        """Print a line of information."""
        self._say(text)

    def confirm(self, message: str, default: bool) -> bool:
        """Ask yes or no."""
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
        """A numbered menu; Enter takes the default, ``back`` closes it."""
        self._say()
        self._say(title)
        numbered: list[MenuOption] = []
        for option in options:
            numbered.append(option)
            mark = "*" if option.value == default else " "
            indent = "" if option.heading else "  "
            self._say(f" {mark}{len(numbered)}) {indent}{shown_line(option.label.strip())}")
        self._section = self._question = None  # say where we are again afterwards
        while True:
            hint = "Enter for *, " if default is not None else ""
            answer = self._line(f"Type a number ({hint}'back' to close): ").strip()
            if not answer and default is not None:
                return default
            if answer.lower().lstrip(":") == "back":
                return Nav.BACK
            if answer.isdigit() and 1 <= int(answer) <= len(numbered):
                return numbered[int(answer) - 1].value
            self._say(f"! Type a number from 1 to {len(numbered)}")

    def ask(self, prompt: Prompt, validate: Validator) -> Any:
        """Ask one prompt as plain lines, re-asking until the answer is valid."""
        if prompt.section_title != self._section:
            self._section = prompt.section_title
            self._say()
            self._say(
                f"== {prompt.section_title} (section {prompt.section_number} of {prompt.section_count}) =="
            )
        if prompt.question_id != self._question:
            self._question = prompt.question_id
            self._say(where(prompt).capitalize())
            self._say("Type 'back', 'jump', 'review' or 'help' at any prompt.")
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
            for n, choice in enumerate(prompt.choices, start=1):
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
                return self._choice(prompt, answer)
            hint = "Numbers separated by commas"
            if prompt.other:
                hint += ", and any other entries as text"
            if any(current):
                hint += " (Enter keeps the ticked ones)"
            answer = self._answer(f"{hint}: ")
            if not answer.strip() and any(current):
                return [c for c in current if c]
            return self._choices(prompt, answer)
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
    def _choices(cls, prompt: Prompt, answer: str) -> list[str]:
        """Comma-separated numbers or texts; a choice whose own text has commas counts once."""
        parts = [part.strip() for part in answer.split(",")]
        out: list[str] = []
        i = 0
        while i < len(parts):
            for j in range(len(parts), i + 1, -1):  # the longest run of parts that is a choice
                joined = as_written(prompt.choices, ", ".join(parts[i:j]))
                if joined is not None:
                    out.append(joined)
                    i = j
                    break
            else:
                if parts[i]:
                    out.append(cls._choice(prompt, parts[i]))
                i += 1
        return out

    @staticmethod
    def _choice(prompt: Prompt, answer: str) -> str:
        if answer.isdigit() and 1 <= int(answer) <= len(prompt.choices):
            return prompt.choices[int(answer) - 1]
        return as_written(prompt.choices, answer) or answer
