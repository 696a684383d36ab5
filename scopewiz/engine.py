"""Pure interview logic: what comes next, what is visible, what a prompt reads.

The engine works on a bank and an :class:`InterviewState` (the answers plus the
lists still being filled in). It prints nothing, reads no files and never
imports questionary: the runner asks, the engine decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .asking import FINISH, TYPED_KINDS, Prompt
from .bank import Bank, Condition, Question, Section, fill, placeholders
from .dates import today as today_is
from .qtypes import EMPTY, AnswerError, preview
from .qtypes.base import refuse_control_characters
from .qtypes.list import item_caption
from .qtypes.multiselect import picked


@dataclass
class InterviewState:
    """Everything the engine needs to know about a session's answers.

    ``answers`` is keyed by question id, in the shapes of docs/default-bank.md.
    ``open_lists`` names the list questions whose items are still being entered:
    a list is finished when its id is in ``answers`` and not in ``open_lists``.
    """

    answers: dict[str, Any] = field(default_factory=dict)
    open_lists: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    """One thing to ask.

    kind ``value``: a whole question (text, date, choose, ...).
    kind ``field``: a field of a record question (``index`` None) or of list item ``index``.
    kind ``item``: the next item of a list; an empty answer may finish the list.
    kind ``follow_up``: a follow-up field of list item ``index``.
    """

    question: Question
    kind: str
    index: int | None = None
    field: Question | None = None

    @property
    def asks(self) -> Question:
        """The question or field whose type and wording this step uses."""
        if self.field is not None:
            return self.field
        if self.kind in ("item", "pick") and self.question.fields:
            return self.question.fields[0]
        return self.question

    @property
    def path(self) -> str:
        """Where the step stands, as written in the session file: ``focus_areas[1].pros``."""
        out = self.question.id
        if self.index is not None:
            out += f"[{self.index}]"
        if self.field is not None:
            out += f".{self.field.id}"
        elif self.kind == "item" and self.question.fields:
            out += f".{self.question.fields[0].id}"
        elif self.kind == "pick":
            out += ".pick"
        return out


# -- visibility and completeness ---------------------------------------------


def holds(cond: Condition, answers: dict[str, Any]) -> bool:
    """Evaluate a ``when:`` condition on the answers so far."""
    if cond.op == "all":
        return all(holds(p, answers) for p in cond.parts)
    if cond.op == "any":
        return any(holds(p, answers) for p in cond.parts)
    if cond.op == "not":
        return not holds(cond.parts[0], answers)
    assert cond.question is not None
    value = answers.get(cond.question)
    present = value is not None and value != []  # skipped (null, or no ticks or items) is not
    if cond.op == "answered":
        return present is cond.value
    if cond.op == "equals":
        return present and value == cond.value
    if cond.op == "not_equals":
        return present and value != cond.value
    if cond.op == "includes":
        return isinstance(value, list) and cond.value in value
    raise AssertionError(cond.op)


def is_visible(q: Question, answers: dict[str, Any]) -> bool:
    """Whether ``q`` is asked at all, given the answers so far."""
    return q.when is None or holds(q.when, answers)


def visible_questions(bank: Bank, state: InterviewState) -> list[Question]:
    """The questions asked in this session, in bank order."""
    return [q for q in bank.questions if is_visible(q, state.answers)]


def question_total(bank: Bank, state: InterviewState) -> int:
    """How many questions this session has: those asked, and those that may yet be.

    A question whose condition reads an answer not given yet counts, so that
    "Question 20 of 24" does not become "of 25" when a Yes shows one more;
    a No makes the total one fewer.
    """
    return sum(
        1
        for q in bank.questions
        if is_visible(q, state.answers)
        or (q.when is not None and any(i not in state.answers for i in q.when.questions()))
    )


def visible_sections(bank: Bank, state: InterviewState) -> list[Section]:
    """The sections with at least one visible question."""
    return [s for s in bank.sections if any(is_visible(q, state.answers) for q in s.questions)]


def _item_missing(item: Any, fields: tuple[Question, ...]) -> Question | None:
    if not isinstance(item, dict):
        return None
    for f in fields:
        if f.id not in item:
            return f
    return None


def steps_left(bank: Bank, state: InterviewState, q: Question) -> Step | None:
    """The first step still to take within question ``q``, or None when it is answered."""
    answers = state.answers
    if q.type == "record":
        record = answers.get(q.id)
        for f in q.fields:
            if not isinstance(record, dict) or f.id not in record:
                return Step(q, "field", None, f)
        return None
    if q.type == "list":
        items = answers.get(q.id)
        if not isinstance(items, list):
            return Step(q, "pick") if q.pick_from else Step(q, "item", 0)
        if q.fields:
            for i, item in enumerate(items):
                missing = _item_missing(item, q.fields)
                if missing is not None:
                    return Step(q, "field", i, missing)
        if q.id in state.open_lists or len(items) < q.min_items:
            return Step(q, "item", len(items))
        for i, item in enumerate(items):
            missing = _item_missing(item, q.follow_up)
            if missing is not None:
                return Step(q, "follow_up", i, missing)
        return None
    if q.id not in answers or _no_longer_offered(bank, q, answers) is not None:
        return Step(q, "value")
    return None


def _no_longer_offered(bank: Bank, q: Question, answers: dict[str, Any]) -> str | None:
    """Why the answer of ``q`` is not among what it offers now (an item renamed), or None."""
    try:
        q.kind.among(q, answers[q.id], q.kind.offered(q, bank, answers))
    except AnswerError as exc:
        return str(exc)
    return None


def next_step(bank: Bank, state: InterviewState) -> Step | None:
    """The first thing still to ask, in bank order; None when the interview is complete."""
    for q in bank.questions:
        if not is_visible(q, state.answers):
            continue
        step = steps_left(bank, state, q)
        if step is not None:
            return step
    return None


def is_answered(bank: Bank, state: InterviewState, q: Question) -> bool:
    """Whether visible question ``q`` needs nothing more."""
    return steps_left(bank, state, q) is None


def is_complete(bank: Bank, state: InterviewState) -> bool:
    """Whether every visible question is answered."""
    return next_step(bank, state) is None


# -- answering ----------------------------------------------------------------


def apply_answer(state: InterviewState, step: Step, value: Any) -> None:
    """Record ``value`` (already checked by :func:`check_answer`) for ``step`` in ``state``."""
    q = step.question
    answers = state.answers
    if step.kind == "value":
        answers[q.id] = value
        return
    if q.type == "record":
        record = answers.get(q.id)
        if not isinstance(record, dict):
            record = answers[q.id] = {}
        assert step.field is not None
        record[step.field.id] = value
        return
    items = answers.get(q.id)
    started = isinstance(items, list)
    if not isinstance(items, list):
        items = answers[q.id] = []
    if step.kind == "pick":
        # Ticked suggestions become items; items already there keep their other
        # fields; an unticked one is removed, as in any checklist.
        first = q.fields[0].id
        kept = {item.get(first): item for item in items if isinstance(item, dict)}
        answers[q.id] = [kept.get(v) or {first: v} for v in value]
        full = q.max_items is not None and len(value) >= q.max_items
        if full and q.id in state.open_lists:
            state.open_lists.remove(q.id)
        elif not full and q.id not in state.open_lists:
            state.open_lists.append(q.id)
        return
    if step.kind == "item" and step.index is not None and step.index < len(items):
        # An existing item edited in place: its first field, or the text itself.
        if q.fields:
            items[step.index][q.fields[0].id] = value
        else:
            items[step.index] = value
        return
    if step.kind == "item":
        if value is FINISH:
            _close(state, q.id)
            return
        items.append({q.fields[0].id: value} if q.fields else value)
        if not started:
            # The first item opens the list; an item added to a finished list
            # (from its menu) leaves it finished.
            state.open_lists.append(q.id)
    else:
        assert step.field is not None and step.index is not None
        items[step.index][step.field.id] = value
    if (
        step.kind != "follow_up"
        and q.max_items is not None
        and len(items) >= q.max_items
        and _item_missing(items[-1], q.fields) is None
    ):
        _close(state, q.id)


def _close(state: InterviewState, question_id: str) -> None:
    state.answers.setdefault(question_id, [])
    if question_id in state.open_lists:
        state.open_lists.remove(question_id)


def check_answer(
    step: Step, raw: Any, *, can_finish: bool = False, choices: tuple[str, ...] = ()
) -> Any:
    """Turn what the prompter returned into the stored answer, or raise AnswerError.

    The rules of the value are its type's (:mod:`scopewiz.qtypes`), the same
    that files are held to; what is added here is where the step stands: an
    empty answer is :data:`FINISH` where it may end a list and skips an
    optional field, but never an item. ``choices`` are the labels a ``choose``
    question offers now (they depend on earlier answers). An answer given here
    is new, so it may hold no control character.
    """
    f = step.asks
    refuse_control_characters(f, raw, choices)
    if step.kind == "pick":
        # Each ticked or typed entry is the first field of an item: held to its format.
        entry = Step(step.question, "item", 0)
        ticked = [check_answer(entry, v) for v in picked(raw)]
        top = step.question.max_items
        if top is not None and len(ticked) > top:
            raise AnswerError(f"Tick at most {plural(top, step.question.item_name)}")
        return ticked
    if raw is FINISH:
        if not can_finish:
            raise AnswerError("This list cannot end yet")
        return FINISH
    kind = f.kind
    value = kind.normalise(f, raw)
    if value is EMPTY:
        if can_finish:
            return FINISH
        if f.optional and step.kind != "item":  # an item is there, or the list ends
            return kind.empty(f)
        raise AnswerError(kind.needed)
    return kind.among(f, value, choices)


# -- prompts ------------------------------------------------------------------


def answer_text(bank: Bank, question_id: str, value: Any) -> str:
    """An answer as one line of text, for placeholders, previews and columns."""
    q = bank.by_id.get(question_id)
    if q is None:
        return "" if value is None else str(value)
    return q.kind.text(q, value)


def answer_preview(bank: Bank, question_id: str, value: Any, width: int = 60) -> str:
    """One line of an answer, cut to ``width`` with an ellipsis, for summaries on screen."""
    return preview(answer_text(bank, question_id, value), width)


def fill_text(
    bank: Bank, state: InterviewState, template: str, item: dict[str, Any] | None = None
) -> str:
    """Fill ``{placeholders}`` from the item's fields, then from earlier answers."""
    names = placeholders(template)
    if not names:
        return fill(template, {})
    values: dict[str, str] = {}
    for name in names:
        if item is not None and name in item:
            values[name] = answer_text(bank, name, item[name])
        elif name in state.answers and state.answers[name] not in (None, "", []):
            values[name] = answer_text(bank, name, state.answers[name])
        elif name in bank.by_id:
            # Not answered yet (a question reached by jumping ahead): say what it stands for.
            values[name] = f"the {bank.by_id[name].heading.lower()}"
    return fill(template, values)


def build_prompt(
    bank: Bank, state: InterviewState, step: Step, *, today: dt.date | None = None
) -> Prompt:
    """Everything the prompter needs to ask ``step``, texts filled in."""
    q = step.question
    f = step.asks
    items = state.answers.get(q.id)
    item_dict = item_of(state, step)

    sections = visible_sections(bank, state)
    questions = visible_questions(bank, state)
    section = q.section
    assert section is not None
    section_number = sections.index(section) + 1 if section in sections else 0
    question_number = questions.index(q) + 1 if q in questions else 0

    context = ""
    instruction = ""
    can_finish = False
    intro = ""
    count = len(items) if isinstance(items, list) else 0
    if q.type == "list":
        n = (step.index or 0) + 1
        name = q.item_name[:1].upper() + q.item_name[1:]
        if step.kind == "follow_up":
            context = f"{name} {n} of {count}"
            if item_dict is not None and item_dict.get(q.label or "") not in (None, ""):
                # item_caption writes out a date label too, where item_labels keeps only text.
                context += f": {item_caption(q, item_dict, n)}"
            first_follow = step.field is q.follow_up[0]
            if step.index == 0 and first_follow and q.follow_up_intro:
                intro = q.follow_up_intro
        else:
            of = ""
            if q.max_items is not None and q.max_items == q.min_items:
                of = f" of {q.max_items}"
            elif q.max_items is not None:
                of = f" (up to {q.max_items})"
            context = f"{name} {n}{of}"
            if step.kind == "item" and (step.index or 0) >= count:
                can_finish = count >= q.min_items
                if can_finish:
                    instruction = (
                        f"Press Enter on an empty answer to finish the list of {q.item_name}s"
                    )
                elif q.min_items > 1 and q.min_items != q.max_items:
                    instruction = f"At least {plural(q.min_items, q.item_name)} are needed"
    elif q.type == "record":
        context = q.heading

    message = fill_text(bank, state, q.prompt)
    if f is not q:
        field_prompt = fill_text(bank, state, f.prompt, item_dict)
        message = field_prompt if step.kind == "follow_up" else f"{message}\n{field_prompt}"

    has_value, current = current_value(state, step)
    default = current if has_value else f.default
    if default == "today":
        default = today or today_is()
    choices = f.kind.offered(f, bank, state.answers)
    kind = f.kind.prompt_kind
    if step.kind == "pick":
        kind = "multiselect"
        choices = f.suggestions
        default = current if has_value else []
        context = f"Tick each {q.item_name} from the list; you can add others and reasons next"
        # Not the first field's own words ("Who"): the checklist's answered line adds
        # "done (3 selections)", which should read on from them.
        message = f"{fill_text(bank, state, q.prompt)}\n{q.item_name.capitalize()}s from the list:"
    hint, suggested = f.kind.prompt_hint(f, state.answers, item_dict, step.index == 0)
    if hint:
        context = (context + " · " if context else "") + hint
    if suggested is not None and not has_value:
        default = suggested
    optional = f.optional and not can_finish and step.kind != "item"
    if optional and kind in TYPED_KINDS and not instruction:
        instruction = "Optional: press Enter on an empty answer to skip"
    return Prompt(
        kind=kind,
        message=message,
        question_id=q.id,
        path=step.path,
        section_title=section.title,
        section_number=section_number,
        section_count=len(sections),
        question_number=question_number,
        question_count=question_total(bank, state),
        context=context,
        help=fill_text(bank, state, f.help, item_dict),
        instruction=instruction,
        default=default,
        choices=choices,
        suggestions=f.suggestions,
        suggestions_from=f.suggestions_from,
        other=f.other or step.kind == "pick",
        optional=optional,
        can_finish=can_finish,
        intro=intro,
        editing=has_value and step.kind != "pick",
        choice_help=f.choice_help,
    )


# -- navigation -----------------------------------------------------------------


def item_of(state: InterviewState, step: Step) -> dict[str, Any] | None:
    """The list item or record ``step`` asks a field of, as answered so far; else None."""
    answer = state.answers.get(step.question.id)
    if step.index is not None:
        if isinstance(answer, list) and step.index < len(answer):
            item = answer[step.index]
            return item if isinstance(item, dict) else None
        return None
    return answer if isinstance(answer, dict) else None


def current_value(state: InterviewState, step: Step) -> tuple[bool, Any]:
    """Whether ``step`` already has an answer, and that answer (for pre-filling)."""
    q = step.question
    answers = state.answers
    if q.id not in answers:
        return False, None
    value = answers[q.id]
    if step.kind == "value":
        return True, value
    if step.kind == "pick":
        first = q.fields[0].id
        return True, [i[first] for i in value if isinstance(i, dict) and i.get(first)]
    if step.index is None:  # a record field
        if isinstance(value, dict) and step.field is not None and step.field.id in value:
            return True, value[step.field.id]
        return False, None
    if not isinstance(value, list) or step.index >= len(value):
        return False, None
    item = value[step.index]
    field_id = step.field.id if step.field is not None else (q.fields[0].id if q.fields else None)
    if field_id is None:
        return True, item
    if isinstance(item, dict) and field_id in item:
        return True, item[field_id]
    return False, None


def question_steps(state: InterviewState, q: Question) -> list[Step]:
    """The steps of ``q`` in the order they are asked: answered ones, then the next to ask."""
    answers = state.answers
    out: list[Step] = []
    if q.type == "record":
        record = answers.get(q.id)
        for f in q.fields:
            out.append(Step(q, "field", None, f))
            if not isinstance(record, dict) or f.id not in record:
                break
        return out
    if q.type != "list":
        return [Step(q, "value")]
    items = answers.get(q.id)
    if q.pick_from and not isinstance(items, list):
        return [Step(q, "pick")]
    items = items if isinstance(items, list) else []
    if q.pick_from:
        out.append(Step(q, "pick"))
    for i, item in enumerate(items):
        if not q.pick_from:
            out.append(Step(q, "item", i))
        for f in q.fields[1:]:
            out.append(Step(q, "field", i, f))
            if not isinstance(item, dict) or f.id not in item:
                return out
    if q.id in state.open_lists or q.id not in answers or len(items) < q.min_items:
        out.append(Step(q, "item", len(items)))
        return out
    if q.max_items is None or len(items) < q.max_items:
        # The empty answer that finished the list: Back can reach it to add another.
        out.append(Step(q, "item", len(items)))
    for i, item in enumerate(items):
        for f in q.follow_up:
            out.append(Step(q, "follow_up", i, f))
            if not isinstance(item, dict) or f.id not in item:
                return out
    return out


def step_sequence(bank: Bank, state: InterviewState) -> list[Step]:
    """Every step of the visible questions in interview order, up to each one's next step.

    Back walks this list backwards; after an edit the runner walks it forwards.
    """
    out: list[Step] = []
    for q in visible_questions(bank, state):
        out.extend(question_steps(state, q))
    return out


def _index_of(sequence: list[Step], path: str) -> int | None:
    for i, candidate in enumerate(sequence):
        if candidate.path == path:
            return i
    return None


def previous_step(bank: Bank, state: InterviewState, step: Step) -> Step | None:
    """The step before ``step`` in interview order; None at the very first."""
    sequence = step_sequence(bank, state)
    i = _index_of(sequence, step.path)
    if i is None:
        # Not in the sequence (a new item being added): the last step before its question.
        order = bank.index(step.question.id)
        earlier = [s for s in sequence if bank.index(s.question.id) <= order]
        return earlier[-1] if earlier else None
    return sequence[i - 1] if i > 0 else None


def following_step(
    bank: Bank, state: InterviewState, step: Step, scope: str | None = None
) -> Step | None:
    """The step after ``step`` in interview order (answered or not); None after the last.

    With ``scope``, the next step inside it (see :func:`within`), or None.
    """
    sequence = step_sequence(bank, state)
    i = _index_of(sequence, step.path)
    if i is None:
        # The step has left the sequence (an empty answer that finished a list):
        # carry on with what its question still needs, else the questions after it.
        order = bank.index(step.question.id)
        rest = [
            s
            for s in sequence
            if bank.index(s.question.id) > order
            or (s.question is step.question and not current_value(state, s)[0])
        ]
    else:
        rest = sequence[i + 1 :]
    if scope is not None:
        rest = [s for s in rest if within(s.path, scope)]
    return rest[0] if rest else None


def within(path: str, scope: str) -> bool:
    """Whether step ``path`` lies inside ``scope`` (``focus_areas`` or ``focus_areas[1]``)."""
    return path == scope or path.startswith((scope + ".", scope + "["))


def skip_optional(bank: Bank, state: InterviewState) -> None:
    """Count every optional question still unanswered as skipped (``--no-input``: nobody to ask).

    In bank order, so that a question shown or hidden by a skipped one is seen
    as the interview would see it.
    """
    for q in bank.questions:
        if q.optional and q.id not in state.answers and is_visible(q, state.answers):
            state.answers[q.id] = q.kind.empty(q)
            if not is_answered(bank, state, q):  # skipping it is not enough (a record)
                del state.answers[q.id]


def missing_answers(bank: Bank, state: InterviewState) -> list[tuple[str, str]]:
    """Every visible question still needing an answer, with the reason, in bank order."""
    out: list[tuple[str, str]] = []
    for q in visible_questions(bank, state):
        step = steps_left(bank, state, q)
        if step is None:
            continue
        if step.kind == "value" and q.id in state.answers:
            reason = _no_longer_offered(bank, q, state.answers) or "no answer"
        elif step.kind in ("value", "pick"):
            reason = "no answer"
        elif step.kind == "item":
            count = step.index or 0
            if count < q.min_items:
                reason = f"needs at least {plural(q.min_items, q.item_name)}, has {count}"
            elif q.id not in state.answers:
                reason = "no answer"  # never started, rather than left open
            else:
                reason = "the list is not finished"
        elif step.index is None:
            assert step.field is not None
            reason = f"no {step.field.id}"
        else:
            assert step.field is not None
            reason = f"{q.item_name} {step.index + 1} has no {step.field.id}"
        out.append((q.id, reason))
    return out


def plural(count: int, noun: str) -> str:
    """``1 mechanism``, ``3 questions``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
