"""Checks that need more than the answer itself: other answers, the calendar, a data set.

Two kinds: a *problem* makes an answer invalid (a visit that ends before it
starts); a *warning* asks the facilitator to confirm (a visit on a bank holiday,
a council that is not in the list). Both are pure functions of the bank, the
answers and the calendar tables that ship with scopewiz.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .bank import Question
from .engine import InterviewState, Step


def _sibling(state: InterviewState, step: Step, field_id: str) -> Any:
    """Another field of the same record or list item, or another question's answer."""
    answer = state.answers.get(step.question.id)
    if step.index is not None and isinstance(answer, list) and step.index < len(answer):
        item = answer[step.index]
        if isinstance(item, dict) and field_id in item:
            return item[field_id]
    if step.index is None and isinstance(answer, dict) and field_id in answer:
        return answer[field_id]
    return state.answers.get(field_id)


def problem(state: InterviewState, step: Step, value: Any) -> str | None:
    """Why ``value`` cannot stand, given the other answers; None when it can."""
    f = step.asks
    if f.not_before and isinstance(value, dt.date):
        earlier = _sibling(state, step, f.not_before)
        if isinstance(earlier, dt.date) and value < earlier:
            from .dates import check_visit_end

            return check_visit_end(earlier, value)
    return None


def warnings(state: InterviewState, step: Step, value: Any) -> list[str]:
    """What the facilitator should confirm before ``value`` is kept."""
    f = step.asks
    if isinstance(value, dt.date):
        return date_warnings(state.answers, f, value)
    if isinstance(value, str) and f.confirm_other and known_value(f, value) is None:
        return [f"“{value}” is not in the list of {_list_name(f)}"]
    return []


def date_warnings(answers: dict[str, Any], f: Question, value: dt.date) -> list[str]:
    """Weekend, bank holiday and lead-in problems of a date, as the bank asks for them."""
    if not (f.working_day or f.lead_in_from):
        return []
    from .dates import visit_problems

    meeting = answers.get(f.lead_in_from) if f.lead_in_from else None
    found = visit_problems(value, meeting if isinstance(meeting, dt.date) else None)
    if not f.working_day:
        found = [p for p in found if "lead-in" in p or "before the scoping" in p]
    return found


def _list_name(f: Question) -> str:
    if f.suggestions_from == "local-authorities":
        return "English local authorities with children's services responsibilities"
    return f"suggested answers for {f.heading.lower()}"


def known_value(f: Question, value: str) -> str | None:
    """The suggestion ``value`` matches, ignoring case (so "leeds" is stored as "Leeds")."""
    wanted = value.strip().casefold()
    suggestions: tuple[str, ...] = f.suggestions
    if f.suggestions_from:
        from .datasets import suggestions as dataset

        suggestions = suggestions + dataset(f.suggestions_from)
    for s in suggestions:
        if s.casefold() == wanted:
            return s
    return None
