"""Bench inputs: the complete default-bank session, and bigger sessions grown from it.

Scale 1 adds up to 10 list items and 10 kB of long text; scale 100 is the
stress session of the budgets (1,000 list items, 1 MB of text). Everything is
built through scopewiz's own API, so a session the bench writes is one that
``scopewiz render`` and ``scopewiz resume`` accept.

:func:`answer_for` answers any step from a finished set of answers, which lets
the bench replay an interview, step by step, with no human and no prompter.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scopewiz.asking import FINISH
from scopewiz.bank import Bank, Question
from scopewiz.engine import (
    InterviewState,
    Step,
    apply_answer,
    build_prompt,
    check_answer,
    next_step,
)
from scopewiz.session import Session, load_session, save_session

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "leeds-2026-12-01.scopewiz.yaml"

ITEMS_PER_SCALE = 10  # list items, spread over the lists that have no maximum
TEXT_PER_SCALE = 10_000  # bytes of long text, half in answers, half in list items
STRESS_SCALE = 100

# Sentences a facilitator might type, including characters that Markdown would
# read as structure, so that rendering pays for its escaping as it would for real.
_SENTENCES = (
    "Partners describe the front door as clear, but thresholds are applied unevenly.",
    "Around 40% of referrals come from schools; health visitors refer less than in 2023.",
    "Staff say supervision is *curious* and regular, though caseloads rose to 22 or more.",
    "# This line starts with a hash and must stay text, not become a heading.",
    "1. Numbers at the start of a line stay text too, not a list.",
    "Leaders want to know whether the locality model reaches families sooner.",
    "Young people's voices come through the Children's Mayor and the care council.",
    "The <18s offer and the 18-25 offer are run by different teams & budgets.",
    "- A dash at the start of a line, as people type notes in a hurry.",
    "Audits show good practice in the east localities | less so in the west.",
    "Sufficiency of placements close to home remains the biggest pressure.",
    "Café-style drop-ins for care leavers started in May — attendance is growing.",
)


def long_text(size: int, seed: int) -> str:
    """About ``size`` bytes of paragraphs, as a long answer stores them (no trailing spaces)."""
    rng = random.Random(seed)
    lines: list[str] = []
    written = 0
    while written < size:
        if lines and rng.random() < 0.25:
            lines.append("")  # a blank line: a new paragraph
        line = rng.choice(_SENTENCES)
        lines.append(line)
        written += len(line.encode()) + 1
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def growing_lists(bank: Bank, answers: dict[str, Any]) -> list[Question]:
    """The list questions answered in ``answers`` that have no maximum: these grow."""
    return [
        q
        for q in bank.questions
        if q.type == "list" and q.max_items is None and isinstance(answers.get(q.id), list)
    ]


def scaled_answers(bank: Bank, answers: dict[str, Any], scale: int) -> dict[str, Any]:
    """``answers`` grown by ``scale``: more list items and longer texts, every shape kept.

    Items are copies of the existing ones with their texts numbered and dates
    moved on a week at a time; the first items stay as they were, so answers
    that name them (such as a preferred focus area) still hold.
    """
    out = dict(answers)
    lists = growing_lists(bank, answers)
    total_items = ITEMS_PER_SCALE * scale
    sizes = {q.id: total_items // len(lists) for q in lists}
    for q in lists[: total_items % len(lists)]:
        sizes[q.id] += 1
    item_slots = sum(
        sizes[q.id] * sum(1 for f in (*q.fields, *q.follow_up) if f.type == "long_text")
        for q in lists
    )
    top = [
        q for q in bank.questions if q.type == "long_text" and isinstance(answers.get(q.id), str)
    ]
    text = TEXT_PER_SCALE * scale
    top_size = (text // 2 if item_slots else text) // max(1, len(top))
    slot_size = (text // 2) // item_slots if item_slots else 0
    for n, q in enumerate(top):
        out[q.id] = long_text(top_size, seed=n)
    for q in lists:
        seeds = answers[q.id]
        out[q.id] = [
            _grown_item(q, seeds[n % len(seeds)], n, len(seeds), slot_size)
            for n in range(sizes[q.id])
        ]
    return out


def _grown_item(q: Question, seed: Any, n: int, first: int, text_size: int) -> Any:
    if not isinstance(seed, dict):
        return seed if n < first else f"{seed} ({n + 1})"
    item: dict[str, Any] = {}
    for f in (*q.fields, *q.follow_up):
        if f.id not in seed:
            continue
        value = seed[f.id]
        if f.type == "long_text" and value is not None:
            value = long_text(text_size, seed=n)
        elif n < first or value is None:
            pass
        elif f.type == "text":
            value = f"{value} ({n + 1})"
        elif f.type == "date":
            value = value + dt.timedelta(weeks=n)
        item[f.id] = value
    return item


def write_session(folder: Path, name: str, scale: int = 0) -> tuple[Bank, Session]:
    """Save the golden session (grown by ``scale`` when non-zero) as ``folder/name``."""
    bank, session, _notes = load_session(GOLDEN)
    if scale:
        session.state.answers = scaled_answers(bank, session.state.answers, scale)
    session.path = folder / name
    save_session(bank, session)
    return bank, session


# -- replaying an interview ---------------------------------------------------


def answer_for(step: Step, target: dict[str, Any]) -> Any:
    """What a facilitator types at ``step`` to end up with the answers ``target``."""
    q = step.question
    want: Any = target.get(q.id)
    if step.kind == "value":
        return want
    if step.kind == "pick":
        # Tick the suggestions the list starts with; the rest are typed as items.
        first = q.fields[0]
        picked = []
        for item in want or []:
            if item[first.id] not in first.suggestions:
                break
            picked.append(item[first.id])
        return picked
    if step.kind == "item":
        assert step.index is not None
        if isinstance(want, list) and step.index < len(want):
            item = want[step.index]
            return item[q.fields[0].id] if q.fields else item
        return FINISH
    assert step.field is not None, f"a step the bench cannot answer: {step.kind}"
    if step.index is None:  # a field of a record question
        return want[step.field.id]
    return want[step.index][step.field.id]


def give_next_answer(bank: Bank, session: Session, target: dict[str, Any]) -> None:
    """One answer as the wizard handles it, without the human: the next step, its
    prompt, checking and applying the answer that leads to ``target``, the save."""
    state = session.state
    step = next_step(bank, state)
    assert step is not None, "the session is already complete"
    prompt = build_prompt(bank, state, step)
    raw = answer_for(step, target)
    value = check_answer(step, raw, can_finish=prompt.can_finish, choices=prompt.choices)
    apply_answer(state, step, value)
    save_session(bank, session)


def count_answers(bank: Bank, target: dict[str, Any]) -> int:
    """How many answers (prompts) an interview ending in ``target`` takes."""
    state = InterviewState()
    count = 0
    while (step := next_step(bank, state)) is not None:
        apply_answer(state, step, answer_for(step, target))
        count += 1
    if state.answers != target:
        raise AssertionError("replaying the answers did not give the same session")
    return count


def partial_state(bank: Bank, target: dict[str, Any], answered: int) -> InterviewState:
    """The interview ending in ``target`` after its first ``answered`` answers."""
    state = InterviewState()
    for _ in range(answered):
        step = next_step(bank, state)
        assert step is not None
        apply_answer(state, step, answer_for(step, target))
    return state


@dataclass
class Partial:
    """A session saved part-way, and the text that shows its next question is on screen."""

    path: Path
    expect: str


def write_partial(folder: Path, name: str, scale: int = 0, *, missing: int) -> Partial:
    """Save the golden session (grown by ``scale``) without its last ``missing`` answers."""
    bank, session = write_session(folder, name, scale)
    target = session.state.answers
    session.state = partial_state(bank, target, count_answers(bank, target) - missing)
    save_session(bank, session)
    step = next_step(bank, session.state)
    assert step is not None and session.path is not None
    # The terminal prompter prints the wording above, and asks with its last line.
    message = build_prompt(bank, session.state, step).message
    return Partial(session.path, message.split("\n")[-1])
