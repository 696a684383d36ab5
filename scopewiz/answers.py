"""Checking answers read from a file against the bank: the shapes of docs/default-bank.md.

Used for session files and ``--answers`` files alike, so that a hand edit or
a pre-filled answer is held to the same rules as a typed one: this module
walks the shapes (records, lists, items) and each value goes to its type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .bank import Bank, Question
from .errors import SessionFileError
from .located import YamlError, before_reading, line_of
from .qtypes import EMPTY, AnswerError
from .qtypes.base import refuse_control_characters
from .qtypes.date import not_before_problem

#: The key that marks a session file (kept here so answers files can be sessions too).
FORMAT_KEY = "scopewiz_session"


def check_answers(
    bank: Bank,
    raw: Any,
    label: str,
    *,
    allow_unknown: bool = False,
    whole_items: bool = False,
    new: bool = False,
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Normalise a mapping of answers; return (answers, unknown, problems).

    ``problems`` are ``label:line: message`` strings. Answers of unknown ids are
    returned separately, and are problems unless ``allow_unknown``.

    Missing or ``null`` means not answered yet (asked, or listed as missing),
    except where the question or field is optional: there ``null`` is skipped,
    as the wizard writes a skipped answer. With ``whole_items`` (an
    ``--answers`` file, written by a person) each record and item given is
    taken as written whole: an optional field left out of it is skipped too.
    ``new`` answers (an ``--answers`` file) are held to the rule of an answer
    given now as well: no control characters. A session file is read as
    written, and shows what it holds escaped.
    """
    problems: list[str] = []
    answers: dict[str, Any] = {}
    unknown: dict[str, Any] = {}
    if raw is None:
        return answers, unknown, problems
    if not isinstance(raw, dict):
        problems.append(
            f"{label}:{line_of(raw)}: answers must be a mapping of question id to answer"
        )
        return answers, unknown, problems
    for qid, value in raw.items():
        line = line_of(raw, qid)
        q = bank.by_id.get(qid)
        if q is None:
            if not allow_unknown:
                problems.append(
                    f"{label}:{line}: '{qid}' is not a question of the bank '{bank.id}'"
                )
            unknown[qid] = value
            continue
        if value is None and not q.optional:
            continue  # null where an answer is required: not answered yet
        try:
            answers[qid] = _check(q, value, line, whole_items, new)
        except _Problem as p:
            problems.append(f"{label}:{p.line}: {qid}: {p.message}")
    for qid, value in list(answers.items()):
        # Rules that compare an answer with others: once every answer is read.
        q = bank.by_id[qid]
        try:
            answers[qid] = q.kind.relate(q, value, bank, answers)
        except AnswerError as exc:
            problems.append(f"{label}:{line_of(raw, qid)}: {qid}: {exc}")
    return answers, unknown, problems


class _Problem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _settle(f: Question, value: Any, new: bool) -> Any:
    """One value by its type's rules (a ``new`` one also by the rule of its characters)."""
    if new:
        refuse_control_characters(f, value)
    return f.kind.settle(f, value)


def _check(q: Question, value: Any, line: int, whole_items: bool, new: bool) -> Any:
    """One answer, walked by its shape; each value is held to its type's rules."""
    if value is None and not q.fields and q.type != "list":
        try:
            return q.kind.settle(q, value)
        except AnswerError as exc:
            raise _Problem(line, str(exc)) from None
    if value is None:
        # A record given as null is not answered yet (asked, or listed as missing); a list
        # given as null has no items, which ends an optional list and asks a required one.
        return [] if q.type == "list" else None
    if q.type == "record":
        if not isinstance(value, dict):
            raise _Problem(line, "must be a mapping of " + ", ".join(f.id for f in q.fields))
        return _check_fields(q.fields, value, line, whole=whole_items, new=new)
    if q.type == "list":
        if not isinstance(value, list):
            raise _Problem(line, "must be a list")
        if q.max_items is not None and len(value) > q.max_items:
            raise _Problem(line, f"has {len(value)} items; at most {q.max_items} allowed")
        items: list[Any] = []
        for i, item in enumerate(value):
            item_line = line_of(value, i, line)
            if q.fields:
                if not isinstance(item, dict):
                    raise _Problem(
                        item_line,
                        f"item {i + 1} must be a mapping of "
                        + ", ".join(f.id for f in (*q.fields, *q.follow_up)),
                    )
                fields = (*q.fields, *q.follow_up)
                items.append(
                    _check_fields(fields, item, item_line, i + 1, whole=whole_items, new=new)
                )
                continue
            try:
                if new:
                    refuse_control_characters(q, item)
                text = q.kind.normalise(q, item)
            except AnswerError as exc:
                raise _Problem(item_line, f"item {i + 1}: {exc}") from None
            if text is EMPTY:
                raise _Problem(item_line, f"item {i + 1}: {q.kind.needed}")
            items.append(text)
        return items
    try:
        return _settle(q, value, new)
    except AnswerError as exc:
        raise _Problem(line, str(exc)) from None


def _check_fields(
    fields: tuple[Question, ...],
    value: dict[str, Any],
    line: int,
    item: int = 0,
    *,
    whole: bool = False,
    new: bool = False,
) -> dict[str, Any]:
    known = {f.id: f for f in fields}
    where = f"item {item}: " if item else ""
    out: dict[str, Any] = {}
    for fid, fvalue in value.items():
        f = known.get(fid)
        if f is None:
            raise _Problem(
                line_of(value, fid, line),
                f"{where}'{fid}' is not a field (fields: {', '.join(known)})",
            )
        if fvalue is None and not f.optional:
            continue  # not answered yet
        try:
            out[fid] = _settle(f, fvalue, new)
        except AnswerError as exc:
            raise _Problem(line_of(value, fid, line), f"{where}{fid}: {exc}") from None
    for f in fields:
        if whole and f.optional and f.id not in out:
            out[f.id] = f.kind.empty(f)  # left out of a whole item: skipped
        other = known.get(f.not_before or "")
        if other is not None and f.id in out:
            # The checks that compare one field with another, as the prompts make them.
            problem = not_before_problem(f, out[f.id], out.get(other.id), other.heading)
            if problem is not None:
                raise _Problem(line_of(value, f.id, line), f"{where}{f.id}: {problem}")
    # Keep the bank's field order, whatever order the file used.
    return {f.id: out[f.id] for f in fields if f.id in out}


def load_answers_file(bank: Bank, path: Path) -> dict[str, Any]:
    """Read an ``--answers`` file: a mapping of question id to answer, in session shapes.

    Each answer is held to its type's rules, the prompt's own (so it is tidied
    as typed: spaces, case of a choice, a date written in words; no control
    characters), and each record or item is taken whole: an optional field
    left out is skipped.
    Raises :class:`SessionFileError` naming file and line for anything its
    prompt would refuse, and for ids the bank does not have.
    """
    label = str(path)
    problem = before_reading(path, label)
    if problem:
        raise SessionFileError(problem)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SessionFileError(f"{label}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SessionFileError(f"{label}: cannot be read ({exc})") from None
    try:
        from .yamlio import load_safe

        raw = load_safe(text)
    except YamlError as exc:
        raise SessionFileError(f"{label}:{exc.line or 1}: {exc.message}") from None
    if isinstance(raw, dict) and "answers" in raw and FORMAT_KEY in raw:
        raw = raw["answers"]  # a session file works as an answers file too
    answers, _, problems = check_answers(bank, raw, label, whole_items=True, new=True)
    if problems:
        raise SessionFileError("\n".join(problems))
    return answers
