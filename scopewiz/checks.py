"""Checks that need more than the answer itself: other answers, the calendar, a data set.

Two kinds: a *problem* makes an answer invalid (a visit that ends before it
starts); a *warning* asks the facilitator to confirm (a visit on a bank holiday,
a council that is not in the list). Both are pure functions of the bank, the
answers and the calendar tables that ship with scopewiz.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .bank import Bank, Question
from .engine import InterviewState, Step
from .qtypes.date import not_before_problem
from .qtypes.text import known_value, offered


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


def problem(bank: Bank, state: InterviewState, step: Step, value: Any) -> str | None:
    """Why ``value`` cannot stand, given the other answers; None when it can."""
    f = step.asks
    if f.not_before:
        other = step.question.field_by_id(f.not_before) or bank.by_id.get(f.not_before)
        heading = other.heading if other is not None else f.not_before
        return not_before_problem(f, value, _sibling(state, step, f.not_before), heading)
    return None


def warnings(state: InterviewState, step: Step, value: Any) -> list[str]:
    """What the facilitator should confirm before ``value`` is kept."""
    f = step.asks
    if isinstance(value, dt.date):
        return date_warnings(state.answers, f, value)
    if isinstance(value, str) and f.confirm_other and known_value(f, value) is None:
        warning = f"“{value}” is not in the list of {_list_name(f)}"
        near = close_values(f, value)
        if near:
            warning += f"; did you mean {_either(near)}?"
        return [warning]
    return []


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
