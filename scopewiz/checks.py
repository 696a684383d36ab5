"""Where a step's answer meets the others: the rules that compare two answers.

A *problem* makes an answer invalid (a visit that ends before it starts). The
rule itself is its type's (:mod:`scopewiz.qtypes`), used for files too; here
the runner's step finds the answer it is compared with. What asks the
facilitator to confirm (a bank holiday, a council not in the list) is each
type's ``concerns``.
"""

from __future__ import annotations

from typing import Any

from .bank import Bank
from .engine import InterviewState, Step, item_of
from .qtypes.date import not_before_problem


def _sibling(state: InterviewState, step: Step, field_id: str) -> Any:
    """Another field of the same record or list item, or another question's answer."""
    item = item_of(state, step)
    if item is not None and field_id in item:
        return item[field_id]
    return state.answers.get(field_id)


def problem(bank: Bank, state: InterviewState, step: Step, value: Any) -> str | None:
    """Why ``value`` cannot stand, given the other answers; None when it can.

    Both ways: a last day before its first day, and (when the first day is
    changed) a first day after the last day already given, as a file is held.
    """
    f = step.asks
    q = step.question
    if f.not_before:
        other = q.field_by_id(f.not_before) or bank.by_id.get(f.not_before)
        heading = other.heading if other is not None else f.not_before
        reason = not_before_problem(f, value, _sibling(state, step, f.not_before), heading)
        if reason is not None:
            return reason
    neighbours = (*q.fields, *q.follow_up) if f is not q else bank.questions
    for later in neighbours:
        if later.not_before == f.id and later is not f:
            reason = not_before_problem(later, _sibling(state, step, later.id), value, f.heading)
            if reason is not None:
                return reason
    return None
