"""The interview loop: engine decides, prompter asks, session saves, engine again.

The runner talks to a :class:`Prompter`, never to questionary: tests pass a
scripted prompter, the CLI a terminal or plain-line one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from .bank import Bank
from .engine import (
    Prompt,
    apply_answer,
    build_prompt,
    check_answer,
    is_answered,
    next_step,
    visible_questions,
)
from .render import answer_preview
from .session import Session

Validator = Callable[[Any], "str | None"]


class Prompter(Protocol):
    """What the runner needs from whatever asks the questions."""

    def ask(self, prompt: Prompt, validate: Validator) -> Any:
        """Ask one prompt and return the raw answer; may raise KeyboardInterrupt or EOFError."""

    def confirm(self, message: str, default: bool) -> bool:
        """A yes/no question outside the bank (such as replacing a file)."""

    def note(self, text: str) -> None:
        """Tell the user something; no answer expected."""


def run_interview(
    bank: Bank,
    session: Session,
    prompter: Prompter,
    save: Callable[[], None],
    *,
    today: dt.date | None = None,
) -> None:
    """Ask every question still open, saving after each answer, until the session is complete.

    KeyboardInterrupt and EOFError pass through to the caller; every answer
    given before them is already on disk.
    """
    state = session.state
    while (step := next_step(bank, state)) is not None:
        prompt = build_prompt(bank, state, step, today=today)

        def validate(raw: Any, step: Any = step, prompt: Prompt = prompt) -> str | None:
            try:
                check_answer(step, raw, can_finish=prompt.can_finish, choices=prompt.choices)
            except ValueError as exc:
                return str(exc)
            return None

        while True:
            raw = prompter.ask(prompt, validate)
            try:
                value = check_answer(
                    step, raw, can_finish=prompt.can_finish, choices=prompt.choices
                )
                break
            except ValueError as exc:
                prompter.note(f"! {exc}")
        apply_answer(state, step, value)
        save()


def answered_summary(bank: Bank, session: Session) -> list[str]:
    """Lines recalling what is already answered in the section where the interview stands."""
    step = next_step(bank, session.state)
    if step is None or step.question.section is None:
        return []
    section = step.question.section
    lines = []
    for q in visible_questions(bank, session.state):
        if q.section is not section or q.id not in session.answers:
            continue
        mark = "✓" if is_answered(bank, session.state, q) else "…"
        preview = answer_preview(bank, q.id, session.answers[q.id])
        lines.append(f"  {mark} {q.heading}: {preview}")
    return lines
