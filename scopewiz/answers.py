"""Checking answers read from a file against the bank: the shapes of question-bank.md.

Used for session files and ``--answers`` files alike, so that a hand edit or
a pre-filled answer is held to the same rules as a typed one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .bank import Bank, Question
from .engine import FIRST_YEAR, LAST_YEAR, parse_date, plausible_email
from .errors import SessionFileError
from .located import YamlError, line_of, too_big

#: The key that marks a session file (kept here so answers files can be sessions too).
FORMAT_KEY = "scopewiz_session"


def check_answers(
    bank: Bank, raw: Any, label: str, *, allow_unknown: bool = False
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Normalise a mapping of answers; return (answers, unknown, problems).

    ``problems`` are ``label:line: message`` strings. Answers of unknown ids are
    returned separately, and are problems unless ``allow_unknown``.
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
        try:
            answers[qid] = _check(q, value, raw, qid)
        except _Problem as p:
            problems.append(f"{label}:{p.line}: {qid}: {p.message}")
    return answers, unknown, problems


class _Problem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _check(q: Question, value: Any, parent: Any, key: Any) -> Any:
    line = line_of(parent, key)
    if value is None:
        if q.optional or q.type in ("list", "record"):
            return None if q.type not in ("list",) else []
        raise _Problem(line, "is empty but an answer is required")
    if q.type == "record":
        if not isinstance(value, dict):
            raise _Problem(line, "must be a mapping of " + ", ".join(f.id for f in q.fields))
        return _check_fields(q.fields, value)
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
                items.append(_check_fields((*q.fields, *q.follow_up), item, i + 1))
            else:
                items.append(_scalar(q, item, item_line, text_item=True))
        return items
    return _scalar(q, value, line)


def _check_fields(
    fields: tuple[Question, ...], value: dict[str, Any], item: int = 0
) -> dict[str, Any]:
    known = {f.id: f for f in fields}
    where = f"item {item}: " if item else ""
    out: dict[str, Any] = {}
    for fid, fvalue in value.items():
        f = known.get(fid)
        if f is None:
            raise _Problem(
                line_of(value, fid),
                f"{where}'{fid}' is not a field (fields: {', '.join(known)})",
            )
        if fvalue is None:
            if not f.optional:
                raise _Problem(
                    line_of(value, fid), f"{where}{fid} is empty but an answer is required"
                )
            out[fid] = None
            continue
        try:
            out[fid] = _scalar(f, fvalue, line_of(value, fid))
        except _Problem as p:
            raise _Problem(p.line, f"{where}{fid} {p.message}") from None
    for f in fields:  # the checks that compare one field with another, as the prompts do
        earlier = out.get(f.not_before or "")
        if (
            isinstance(earlier, dt.date)
            and isinstance(out.get(f.id), dt.date)
            and out[f.id] < earlier
        ):
            raise _Problem(
                line_of(value, f.id), f"{where}{f.id}: the last day is before the first day"
            )
    # Keep the bank's field order, whatever order the file used.
    return {f.id: out[f.id] for f in fields if f.id in out}


def _scalar(q: Question, value: Any, line: int, *, text_item: bool = False) -> Any:
    kind = "text" if text_item else q.type
    if kind in ("text", "long_text", "choose"):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise _Problem(line, "must be text")
        text = str(value)
        if not text.strip():
            if q.optional and not text_item:
                return None
            raise _Problem(line, "is empty but an answer is required")
        if kind == "choose":
            return text  # a label, exactly as the list has it
        if kind == "long_text":
            return "\n".join(part.rstrip() for part in text.strip().split("\n"))
        text = " ".join(text.split())
        if q.format == "email" and not plausible_email(text):
            raise _Problem(line, f"{text} does not look like an email address")
        return text
    if kind == "confirm":
        if not isinstance(value, bool):
            raise _Problem(line, "must be true or false")
        return value
    if kind == "select":
        if value not in q.choices:
            raise _Problem(line, f"must be one of: {', '.join(q.choices)}")
        return value
    if kind == "multiselect":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _Problem(line, "must be a list of text")
        extra = [v for v in value if v not in q.choices]
        if extra and not q.other:
            raise _Problem(line, f"'{extra[0]}' is not one of: {', '.join(q.choices)}")
        if not value and not q.optional:
            raise _Problem(line, "needs at least one choice")
        as_written = {" ".join(c.split()): c for c in q.choices}
        return [as_written.get(" ".join(v.split()), " ".join(v.split())) for v in value]
    if kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise _Problem(
                    line,
                    f"{value.year} is not a year scopewiz expects ({FIRST_YEAR} to {LAST_YEAR})",
                )
            return value
        if isinstance(value, str):
            try:
                return parse_date(value)
            except ValueError as exc:
                raise _Problem(line, f"is not a date: {exc}") from None
        raise _Problem(line, "must be a date such as 2027-03-09")
    raise AssertionError(kind)


def load_answers_file(bank: Bank, path: Path) -> dict[str, Any]:
    """Read an ``--answers`` file: a mapping of question id to answer, in session shapes.

    Raises :class:`SessionFileError` naming file and line for anything that
    its prompt would not accept, and for ids the bank does not have.
    """
    label = str(path)
    problem = too_big(path) if path.is_file() else None
    if problem:
        raise SessionFileError(f"{label}:1: {problem}")
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
    answers, _, problems = check_answers(bank, raw, label)
    if problems:
        raise SessionFileError("\n".join(problems))
    return answers
