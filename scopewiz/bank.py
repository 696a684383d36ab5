"""The question-bank language: typed models and a loader whose errors name file and line.

A bank is a YAML file of sections, each a list of questions. Every rule of the
language lives here, next to the model it constrains; unknown keys are errors so
that a typo never turns into a silent default. Nothing here prompts or prints.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BankError
from .located import LDict, LList, YamlError, before_reading, from_compiled, line_of
from .qtypes import REGISTRY, AnswerError, QuestionType, field_types, question_types, type_of
from .qtypes.base import direction_control
from .qtypes.text import DATA_SETS

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z][a-z0-9_]*)\}")

#: Keys every question and field may have; each type adds its own (``QuestionType.keys``).
_COMMON_KEYS = ("id", "type", "prompt", "help", "optional", "heading", "if_empty")
_QUESTION_ONLY_KEYS = ("when",)
#: The keys the loader itself turns into attributes of :class:`Question`.
_MODEL_KEYS = frozenset(
    {"choices", "suggestions", "suggestions_from", "other", "default", "follow_up_intro"}
    | {"item_name", "label", "from", "render", "confirm_other", "format", "working_day"}
    | {"lead_in_from", "not_before", "pick_from", "fields", "follow_up", "min", "max"}
)
#: Texts the record and the prompts show on one line (a heading, a table cell, a
#: choice): a line break in one would start a heading or a list there. Prompts,
#: help, intros and descriptions may run over lines (the record folds prompts).
_ONE_LINE = frozenset(
    {"title", "record_title", "file_name", "heading", "item_name", "label", "if_empty"}
)


@dataclass(frozen=True)
class Condition:
    """A declarative ``when:`` test on earlier answers. No code is ever evaluated."""

    op: str  # equals, not_equals, answered, includes, all, any, not
    question: str | None = None
    value: Any = None
    parts: tuple[Condition, ...] = ()

    def questions(self) -> Iterator[str]:
        """Every question id the condition reads."""
        if self.question is not None:
            yield self.question
        for part in self.parts:
            yield from part.questions()


@dataclass(eq=False)
class Question:
    """A question of the bank, or a field of a record, list item or follow-up."""

    id: str
    type: str
    prompt: str
    help: str = ""
    optional: bool = False
    heading: str = ""
    if_empty: str = ""
    line: int = 0
    choices: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    suggestions_from: str | None = None
    other: bool = False
    default: Any = None
    when: Condition | None = None
    fields: tuple[Question, ...] = ()
    follow_up: tuple[Question, ...] = ()
    follow_up_intro: str = ""
    min_items: int = 0
    max_items: int | None = None
    item_name: str = "item"
    label: str | None = None
    choose_from: str | None = None
    #: The heading of the list a choose chooses from, for messages ("the areas of focus").
    choose_from_heading: str = ""
    render: str | None = None
    choice_help: dict[str, str] = field(default_factory=dict)
    confirm_other: bool = False  # a text not among its suggestions needs a confirmation
    format: str | None = None  # "email"
    working_day: bool = False  # a date on a weekend or bank holiday needs a confirmation
    lead_in_from: str | None = None  # a date inside the 12-week lead-in needs a confirmation
    not_before: str | None = None  # a field (or question) this date may not precede
    pick_from: str | None = None  # a list that starts with a checklist of this field's suggestions
    options: dict[str, Any] = field(default_factory=dict)  # a type's own keys, as written
    section: Section | None = field(default=None, repr=False)

    @property
    def kind(self) -> QuestionType:
        """The type object that holds the rules of this question's answers."""
        return type_of(self)

    @property
    def is_record_list(self) -> bool:
        """A list whose items are records (mappings) rather than plain text."""
        return self.type == "list" and bool(self.fields)

    def field_by_id(self, field_id: str) -> Question | None:
        """The record field or follow-up field with this id."""
        for f in (*self.fields, *self.follow_up):
            if f.id == field_id:
                return f
        return None


@dataclass(eq=False)
class Section:
    """A titled group of questions, in the order of the paper form."""

    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    minutes: int | None = None
    line: int = 0


@dataclass(frozen=True)
class SummaryEntry:
    """One line of the record's summary: a question's answer under a label of the bank's."""

    question: str
    label: str
    line: int = 0


@dataclass(eq=False)
class Bank:
    """A whole question bank, ready for the engine."""

    id: str
    version: int
    title: str
    sections: tuple[Section, ...]
    path: Path
    digest: str
    description: str = ""
    record_title: str = ""
    file_name: str = ""
    record_author: str = ""
    calendar_title: str = ""
    timeline: dict[str, str] = field(default_factory=dict)
    list_columns: tuple[str, ...] = ()
    summary_title: str = ""
    summary: tuple[SummaryEntry, ...] = ()
    questions: tuple[Question, ...] = ()
    by_id: dict[str, Question] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.questions = tuple(q for s in self.sections for q in s.questions)
        self.by_id = {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError if there is none)."""
        return self.by_id[question_id]

    def index(self, question_id: str) -> int:
        """The position of a question in bank order."""
        return self.questions.index(self.by_id[question_id])


def default_bank_path() -> Path:
    """The shipped children's services bank: inside the wheel, or in a source checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "questions", here.parent / "questions"):
        candidate = folder / "childrens-services-scoping.yaml"
        if candidate.is_file():
            return candidate
    raise BankError(["the default question bank is missing from this installation"])


def digest_of(data: bytes) -> str:
    """The content digest recorded in sessions to notice a bank that changed."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def load_bank(path: Path | str | None = None) -> Bank:
    """Load and validate a bank file; raise :class:`BankError` listing every problem."""
    bank_path = Path(path) if path is not None else default_bank_path()
    label = str(path) if path is not None else str(bank_path)
    problem = before_reading(bank_path, label)
    if problem:
        raise BankError([problem])
    try:
        data = bank_path.read_bytes()
    except FileNotFoundError:
        raise BankError([f"{label}: no such question bank"]) from None
    except IsADirectoryError:
        raise BankError([f"{label}: is a folder, not a question bank file"]) from None
    except OSError as exc:
        raise BankError([f"{label}: cannot be read ({exc.strerror})"]) from None
    return parse_bank(data, bank_path, label)


#: The default bank, parsed ahead of time by ``scripts/compile_bank.py`` and
#: checked by ``tests/test_bank.py``: starting the wizard then needs no YAML parser.
COMPILED_DEFAULT = Path(__file__).resolve().parent / "data" / "default-bank.json"


def _compiled(digest: str) -> Any:
    """The located tree of a bank with this digest, if it was compiled ahead of time."""
    try:
        import json

        data = json.loads(COMPILED_DEFAULT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("digest") != digest:
        return None  # the bank was edited since: parse the YAML itself
    return from_compiled(data.get("tree"))


def parse_bank(data: bytes, path: Path, label: str | None = None) -> Bank:
    """Validate bank YAML given as bytes; ``label`` is how errors name the file."""
    label = label if label is not None else str(path)
    digest = digest_of(data)
    key = (digest, str(path), label)
    if key in _parsed:
        return _parsed[key]
    raw = _compiled(digest)
    if raw is None:
        raw = parse_bank_yaml(data, label)
    loader = _BankLoader(label)
    bank = loader.bank(raw, path, digest)
    if loader.problems or bank is None:
        raise BankError(loader.problems)
    _parsed[key] = bank
    return bank


#: Banks already parsed in this process, by content, path and label: ``scopewiz
#: list`` reads one bank for many sessions. A Bank is never changed once built.
_parsed: dict[tuple[str, str, str], Bank] = {}


def parse_bank_yaml(data: bytes, label: str) -> Any:
    """The located tree of a bank file's YAML, or BankError naming the line."""
    from .yamlio import load_safe

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BankError([f"{label}:1: not UTF-8 text (byte {exc.start})"]) from None
    try:
        return load_safe(text)
    except YamlError as exc:
        raise BankError([f"{label}:{exc.line or 1}: {exc.message}"]) from None


class _BankLoader:
    """Walks the located YAML, building models and collecting ``file:line: message``."""

    def __init__(self, label: str) -> None:
        self._choice_help: dict[str, str] = {}
        self.label = label
        self.problems: list[str] = []
        self.seen: dict[str, Question] = {}
        #: The line of each question id's first use: a third use still names the first.
        self.first_lines: dict[str, int] = {}

    def error(self, line: int, message: str) -> None:
        """Record a problem at a line of the file."""
        self.problems.append(f"{self.label}:{line}: {message}")

    def error_at(self, raw: LDict, key: str, message: str) -> None:
        """Record a problem at the line of ``key`` in ``raw``."""
        self.error(line_of(raw, key), message)

    # -- helpers -------------------------------------------------------------

    def keys(self, raw: LDict, allowed: tuple[str, ...], what: str) -> None:
        for key in raw:
            if key not in allowed:
                self.error(
                    line_of(raw, key),
                    f"unknown key '{key}' in {what} (allowed: {', '.join(allowed)})",
                )

    def text(self, raw: LDict, key: str, what: str, *, required: bool = False) -> str:
        value = raw.get(key)
        if value is None:
            if required:
                self.error(raw.line, f"{what} needs '{key}'")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            # YAML 1.1 reads on, off, yes, no, true and false unquoted as true or false.
            quote = "; put it in quotes" if isinstance(value, bool) else ""
            self.error(line_of(raw, key), f"'{key}' of {what} must be text{quote}")
            return ""
        if key in _ONE_LINE and len(value.strip().splitlines()) > 1:
            self.error(line_of(raw, key), f"'{key}' of {what} must be one line, not several")
        return value.strip()

    def strings(self, raw: LDict, key: str, what: str) -> tuple[str, ...]:
        value = raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(line_of(raw, key), f"'{key}' of {what} must be a list of text")
            return ()
        first: dict[str, int] = {}  # each text as compared (stripped, casefolded): its line
        for i, v in enumerate(value):
            line, text = line_of(value, i), v.strip()
            if len(text.splitlines()) > 1:
                self.error(line, f"an item of '{key}' of {what} must be one line, not several")
            if text.casefold() in first:
                self.error(
                    line,
                    f"'{text}' appears twice in '{key}' of {what} "
                    f"(first at line {first[text.casefold()]})",
                )
            else:
                first[text.casefold()] = line
        return tuple(v.strip() for v in value)

    def choices(self, raw: LDict, what: str) -> tuple[str, ...]:
        """Choices as text, or as ``{value: ..., help: ...}`` mappings (help kept aside)."""
        self._choice_help = {}
        value = raw.get("choices")
        if not isinstance(value, LList):
            return self.strings(raw, "choices", what)
        plain = LList()
        plain.line, plain.item_lines = value.line, value.item_lines
        for i, choice in enumerate(value):
            if isinstance(choice, LDict):
                self.keys(choice, ("value", "help"), f"a choice of {what}")
                text = choice.get("value")
                if not isinstance(text, str) or not text.strip():
                    self.error(line_of(value, i), f"a choice of {what} needs 'value', its text")
                    text = f"(choice {i + 1})"
                elif isinstance(choice.get("help"), str):
                    self._choice_help[text.strip()] = choice["help"].strip()
                plain.append(text)
            else:
                plain.append(choice)
        shadow = LDict(choices=plain)
        shadow.line, shadow.key_lines = raw.line, {"choices": line_of(raw, "choices")}
        return self.strings(shadow, "choices", what)

    def boolean(self, raw: LDict, key: str, what: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            self.error(line_of(raw, key), f"'{key}' of {what} must be true or false")
            return False
        return value

    def count(self, raw: LDict, key: str, what: str) -> int | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.error(line_of(raw, key), f"'{key}' of {what} must be a whole number, 0 or more")
            return None
        return value

    def direction_controls(self, raw: Any, line: int = 1, where: str = "") -> None:
        """Refuse a direction control (U+202E…) in any text of the bank, at its line.

        The bank's text becomes prompts and the record, where such a character
        would show the words after it in another order than they are written.
        """
        if isinstance(raw, LDict):
            for key, value in raw.items():
                key_line = line_of(raw, key)
                problem = direction_control(key)
                if problem is not None:
                    self.error(key_line, f"a key {problem}; remove it")
                self.direction_controls(value, key_line, f"'{key}'")
        elif isinstance(raw, LList):
            for i, item in enumerate(raw):
                self.direction_controls(item, line_of(raw, i), f"an item of {where}")
        elif isinstance(raw, str):
            problem = direction_control(raw)
            if problem is not None:
                self.error(line, f"{where or 'the text'} {problem}; remove it")

    # -- the bank ------------------------------------------------------------

    def bank(self, raw: Any, path: Path, digest: str) -> Bank | None:
        if not isinstance(raw, LDict):
            self.error(line_of(raw), "a question bank must be a mapping with 'id' and 'sections'")
            return None
        self.direction_controls(raw)
        self.keys(
            raw,
            (
                "id",
                "version",
                "title",
                "description",
                "record_title",
                "file_name",
                "record_author",
                "calendar_title",
                "list_columns",
                "timeline",
                "summary",
                "sections",
            ),
            "the bank",
        )
        bank_id = self.text(raw, "id", "the bank", required=True)
        if bank_id and not re.match(r"^[a-z0-9][a-z0-9-]*$", bank_id):
            self.error(
                line_of(raw, "id"), f"bank id '{bank_id}' must be lower-case words joined by -"
            )
        version = raw.get("version", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.error(
                line_of(raw, "version"), "'version' of the bank must be a whole number from 1"
            )
            version = 1
        title = self.text(raw, "title", "the bank", required=True)
        sections_raw = raw.get("sections")
        sections: list[Section] = []
        if not isinstance(sections_raw, LList) or not sections_raw:
            self.error(line_of(raw, "sections"), "the bank needs 'sections', a list of sections")
        else:
            section_lines: dict[str, int] = {}
            for i, s_raw in enumerate(sections_raw):
                section = self.section(s_raw, line_of(sections_raw, i))
                if section is None:
                    continue
                if section.id in section_lines:
                    first = section_lines[section.id]
                    self.error(
                        section.line,
                        f"section id '{section.id}' is used twice (first at line {first})",
                    )
                else:
                    section_lines[section.id] = section.line
                sections.append(section)
        bank = Bank(
            id=bank_id,
            version=version,
            title=title,
            description=self.text(raw, "description", "the bank"),
            record_title=self.text(raw, "record_title", "the bank"),
            file_name=self.text(raw, "file_name", "the bank"),
            record_author=self.text(raw, "record_author", "the bank"),
            calendar_title=self.text(raw, "calendar_title", "the bank"),
            sections=tuple(sections),
            path=path,
            digest=digest,
        )
        bank.timeline = self.timeline(raw, bank)
        bank.list_columns = self.list_columns(raw, bank)
        bank.summary_title, bank.summary = self.summary(raw, bank)
        for key in ("record_title", "file_name", "record_author", "calendar_title"):
            template = getattr(bank, key)
            for name in placeholders(template):
                if name not in bank.by_id:
                    self.error(
                        line_of(raw, key),
                        f"'{key}' names {{{name}}}, which is not a question of this bank",
                    )
        return bank

    def list_columns(self, raw: LDict, bank: Bank) -> tuple[str, ...]:
        """``list_columns: [ID, ...]``: the answers ``scopewiz list`` shows, one column each."""
        columns = self.strings(raw, "list_columns", "the bank")
        spec = raw.get("list_columns")
        for i, question_id in enumerate(columns):
            if question_id not in bank.by_id:
                self.error(
                    line_of(spec, i),
                    f"'list_columns' names '{question_id}', which is not a question of this bank",
                )
        return tuple(c for c in columns if c in bank.by_id)

    def summary(self, raw: LDict, bank: Bank) -> tuple[str, tuple[SummaryEntry, ...]]:
        """``summary: {title: TEXT, questions: [ID or {question: ID, label: TEXT}, ...]}``.

        The answers the record opens with, each under its label (the question's
        heading when none is given), in the order written.
        """
        spec = raw.get("summary")
        if spec is None:
            return "", ()
        line = line_of(raw, "summary")
        if not isinstance(spec, LDict):
            self.error(line, "'summary' must be a mapping with 'title' and 'questions'")
            return "", ()
        self.keys(spec, ("title", "questions"), "the summary")
        title = self.text(spec, "title", "the summary", required=True)
        listed = spec.get("questions")
        if not isinstance(listed, LList) or not listed:
            self.error(
                line_of(spec, "questions"),
                "the summary needs 'questions', a list of question ids",
            )
            return title, ()
        entries: list[SummaryEntry] = []
        first_lines: dict[str, int] = {}
        for i, entry in enumerate(listed):
            entry_line = line_of(listed, i)
            label = ""
            if isinstance(entry, LDict):
                self.keys(entry, ("question", "label"), "an entry of the summary")
                question_id = entry.get("question")
                label = self.text(entry, "label", "an entry of the summary")
            else:
                question_id = entry
            if not isinstance(question_id, str) or not question_id:
                self.error(
                    entry_line,
                    "an entry of the summary is a question id, or {question: ID, label: TEXT}",
                )
                continue
            q = bank.by_id.get(question_id)
            if q is None:
                self.error(
                    entry_line,
                    f"the summary names '{question_id}', which is not a question of this bank",
                )
                continue
            if question_id in first_lines:
                self.error(
                    entry_line,
                    f"the summary names '{question_id}' twice (first at line "
                    f"{first_lines[question_id]})",
                )
                continue
            first_lines[question_id] = entry_line
            entries.append(SummaryEntry(question_id, label or q.heading, entry_line))
        return title, tuple(entries)

    def timeline(self, raw: LDict, bank: Bank) -> dict[str, str]:
        """``timeline: {meeting: ID, visits: ID, start: FIELD, end: FIELD}``: which answers date the visit."""
        spec = raw.get("timeline")
        if spec is None:
            return {}
        line = line_of(raw, "timeline")
        if not isinstance(spec, LDict):
            self.error(line, "'timeline' must map meeting, visits, start and end to ids")
            return {}
        keys = ("meeting", "visits", "start", "end")
        self.keys(spec, keys, "the timeline")
        out = {k: v for k, v in spec.items() if k in keys and isinstance(v, str)}
        missing = [k for k in keys if k not in out]
        if missing:
            self.error(line, f"the timeline needs {', '.join(missing)}")
            return {}
        meeting = bank.by_id.get(out["meeting"])
        if meeting is None or meeting.type != "date":
            self.error(
                line_of(spec, "meeting"), f"timeline: '{out['meeting']}' is not a date question"
            )
        visits = bank.by_id.get(out["visits"])
        if visits is None or visits.type != "list":
            self.error(
                line_of(spec, "visits"), f"timeline: '{out['visits']}' is not a list question"
            )
        else:
            for key in ("start", "end"):
                f = visits.field_by_id(out[key])
                if f is None or f.type != "date":
                    self.error(
                        line_of(spec, key),
                        f"timeline: '{out[key]}' is not a date field of '{visits.id}'",
                    )
        return out

    def section(self, raw: Any, line: int) -> Section | None:
        if not isinstance(raw, LDict):
            self.error(line, "a section must be a mapping with 'id', 'title' and 'questions'")
            return None
        section_id = self.text(raw, "id", "a section", required=True)
        what = f"section '{section_id}'" if section_id else "a section"
        self.keys(raw, ("id", "title", "intro", "minutes", "questions"), what)
        if section_id and not _ID.match(section_id):
            self.error(line_of(raw, "id"), f"{what}: ids are lower_case_with_underscores")
        minutes = self.count(raw, "minutes", what)
        if minutes == 0:
            self.error(line_of(raw, "minutes"), f"'minutes' of {what} must be 1 or more")
            minutes = None
        questions_raw = raw.get("questions")
        questions: list[Question] = []
        if not isinstance(questions_raw, LList) or not questions_raw:
            self.error(line_of(raw, "questions"), f"{what} needs 'questions', a list of questions")
        else:
            for i, q_raw in enumerate(questions_raw):
                q = self.question(q_raw, line_of(questions_raw, i))
                if q is not None:
                    questions.append(q)
        section = Section(
            id=section_id,
            title=self.text(raw, "title", what, required=True),
            intro=self.text(raw, "intro", what),
            minutes=minutes,
            questions=tuple(questions),
            line=raw.line,
        )
        for q in questions:
            q.section = section
        return section

    def question(self, raw: Any, line: int) -> Question | None:
        q = self.item(raw, line, kind="question", scope=None)
        if q is None:
            return None
        if q.id in self.first_lines:
            first = self.first_lines[q.id]
            self.error(q.line, f"question id '{q.id}' is used twice (first at line {first})")
        else:
            self.first_lines[q.id] = q.line
        self.check_placeholders(q, q.prompt, "prompt", raw, scope=None)
        self.check_placeholders(q, q.help, "help", raw, scope=None)
        self.check_date_refs(q, raw, earlier=self.seen)
        self.seen[q.id] = q
        return q

    def check_date_refs(self, q: Question, raw: LDict, earlier: dict[str, Question]) -> None:
        """``lead_in_from`` names an earlier date question; ``not_before`` an earlier date."""
        what = f"'{q.id}'"
        if q.lead_in_from is not None:
            source = self.seen.get(q.lead_in_from)
            if source is None or source.type != "date":
                self.error(
                    line_of(raw, "lead_in_from"),
                    f"{what}: lead_in_from '{q.lead_in_from}' is not an earlier date question",
                )
        if q.not_before is not None:
            other = earlier.get(q.not_before)
            if other is None or other.type != "date":
                self.error(
                    line_of(raw, "not_before"),
                    f"{what}: not_before '{q.not_before}' is not an earlier date",
                )

    def item(self, raw: Any, line: int, *, kind: str, scope: Question | None) -> Question | None:
        """A question (``scope`` None) or a field of ``scope`` (record, list item, follow-up)."""
        if not isinstance(raw, LDict):
            self.error(line, f"a {kind} must be a mapping with 'id', 'type' and 'prompt'")
            return None
        qid = self.text(raw, "id", f"a {kind}", required=True)
        what = f"{kind} '{qid}'" if qid else f"a {kind}"
        if qid and not _ID.match(qid):
            self.error(line_of(raw, "id"), f"{what}: ids are lower_case_with_underscores")
        qtype = raw.get("type")
        allowed_types = question_types() if scope is None else field_types()
        if qtype not in allowed_types:
            self.error(
                line_of(raw, "type"),
                f"{what} has type {qtype!r}; a {kind} is one of: {', '.join(allowed_types)}",
            )
            return None
        assert isinstance(qtype, str)
        qt = type_of_name(qtype)
        allowed = _COMMON_KEYS + qt.keys + (_QUESTION_ONLY_KEYS if scope is None else ())
        self.keys(raw, allowed, what)
        q = Question(
            id=qid,
            type=qtype,
            prompt=self.text(raw, "prompt", what, required=True),
            help=self.text(raw, "help", what),
            optional=self.boolean(raw, "optional", what),
            heading=self.text(raw, "heading", what) or qid.replace("_", " ").capitalize(),
            if_empty=self.text(raw, "if_empty", what),
            line=raw.line,
            choices=self.choices(raw, what),
            suggestions=self.strings(raw, "suggestions", what),
            suggestions_from=self.text(raw, "suggestions_from", what) or None,
            other=self.boolean(raw, "other", what),
            follow_up_intro=self.text(raw, "follow_up_intro", what),
            item_name=self.text(raw, "item_name", what) or "item",
            label=self.text(raw, "label", what) or None,
            choose_from=self.text(raw, "from", what) or None,
            render=self.text(raw, "render", what) or None,
            confirm_other=self.boolean(raw, "confirm_other", what),
            format=self.text(raw, "format", what) or None,
            working_day=self.boolean(raw, "working_day", what),
            lead_in_from=self.text(raw, "lead_in_from", what) or None,
            not_before=self.text(raw, "not_before", what) or None,
            pick_from=self.text(raw, "pick_from", what) or None,
        )
        q.choice_help = self._choice_help
        # Keys of a type that the common model has no attribute for: the type reads them.
        q.options = {k: raw[k] for k in qt.keys if k in raw and k not in _MODEL_KEYS}
        if q.suggestions_from and q.suggestions_from not in DATA_SETS:
            self.error(
                line_of(raw, "suggestions_from"),
                f"{what}: no data set '{q.suggestions_from}' (known: {', '.join(DATA_SETS)})",
            )
        if q.render and q.render not in qt.render_styles:
            styles = ", ".join(qt.render_styles) or "none"
            self.error(
                line_of(raw, "render"), f"{what}: render '{q.render}' is not one of: {styles}"
            )
        if "default" in raw:
            try:
                q.default = qt.bank_default(q, raw["default"])
            except AnswerError as exc:
                self.error(line_of(raw, "default"), f"{what}: {exc}")
        if scope is None and "when" in raw:
            q.when = self.condition(raw["when"], line_of(raw, "when"), q)
        qt.check_bank(q, raw, self, what)
        return q

    def fields(self, raw: LDict, q: Question, what: str) -> set[str]:
        """The fields of a record or list item, checked like questions; returns their ids."""
        fields_raw = raw.get("fields")
        if q.type == "record" and not isinstance(fields_raw, LList):
            self.error(raw.line, f"{what} is a record and needs 'fields'")
            return set()
        fields: list[Question] = []
        ids: set[str] = set()
        if isinstance(fields_raw, LList):
            fields = self.field_list(fields_raw, "field", q, ids, what)
            if not fields_raw:
                self.error(fields_raw.line, f"{what}: 'fields' must list at least one field")
        elif fields_raw is not None:
            self.error(line_of(raw, "fields"), f"{what}: 'fields' must be a list of fields")
        q.fields = tuple(fields)
        located = (
            [f for f in fields_raw if isinstance(f, LDict)] if isinstance(fields_raw, LList) else []
        )
        for i, f in enumerate(fields):
            if i < len(located):
                self.check_date_refs(f, located[i], earlier={o.id: o for o in fields[:i]})
        for f in fields:
            for key in ("prompt", "help"):
                self.check_placeholders(
                    f, getattr(f, key), key, raw, scope=q, earlier=ids_before(fields, f)
                )
        return ids

    def field_list(
        self, raw: LList, kind: str, q: Question, ids: set[str], what: str
    ) -> list[Question]:
        """The fields (or follow-up fields) of ``q``; ``ids`` collects them to catch repeats."""
        out: list[Question] = []
        for i, f_raw in enumerate(raw):
            f = self.item(f_raw, line_of(raw, i), kind=kind, scope=q)
            if f is None:
                continue
            if f.id in ids:
                first = next((o.line for o in (*q.fields, *out) if o.id == f.id), f.line)
                self.error(
                    f.line, f"{what}: field id '{f.id}' is used twice (first at line {first})"
                )
            ids.add(f.id)
            out.append(f)
        return out

    def check_placeholders(
        self,
        q: Question,
        template: str,
        key: str,
        raw: LDict,
        *,
        scope: Question | None,
        earlier: set[str] | None = None,
    ) -> None:
        for name in placeholders(template):
            if earlier is not None and name in earlier:
                continue
            if name in self.seen:
                continue
            where = f"field '{q.id}' of '{scope.id}'" if scope else f"question '{q.id}'"
            if scope is not None:
                hint = "an earlier question or an earlier field of the same item"
            else:
                hint = "an earlier question"
            self.error(
                line_of(raw, key) if scope is None else q.line,
                f"{where}: {{{name}}} in its {key} is not {hint}",
            )

    def condition(self, raw: Any, line: int, q: Question) -> Condition | None:
        what = f"question '{q.id}'"
        if not isinstance(raw, LDict) or not raw:
            self.error(
                line, f"{what}: 'when' must be a mapping such as {{question: id, equals: value}}"
            )
            return None
        for combinator in ("all", "any"):
            if combinator in raw:
                self.keys(raw, (combinator,), f"the 'when' of {what}")
                parts_raw = raw[combinator]
                if not isinstance(parts_raw, LList) or not parts_raw:
                    self.error(
                        line_of(raw, combinator),
                        f"{what}: '{combinator}' takes a list of conditions",
                    )
                    return None
                parts = [
                    self.condition(p, line_of(parts_raw, i), q) for i, p in enumerate(parts_raw)
                ]
                return Condition(combinator, parts=tuple(p for p in parts if p is not None))
        if "not" in raw:
            self.keys(raw, ("not",), f"the 'when' of {what}")
            inner = self.condition(raw["not"], line_of(raw, "not"), q)
            return Condition("not", parts=(inner,)) if inner else None
        ops = ("equals", "not_equals", "answered", "includes")
        self.keys(raw, ("question", *ops), f"the 'when' of {what}")
        target = raw.get("question")
        if not isinstance(target, str) or target not in self.seen:
            self.error(
                line_of(raw, "question"),
                f"{what}: 'when' reads {target!r}, which is not an earlier question",
            )
            return None
        given = [op for op in ops if op in raw]
        if len(given) != 1:
            self.error(raw.line, f"{what}: 'when' needs exactly one of: {', '.join(ops)}")
            return None
        op = given[0]
        value = raw[op]
        if op == "answered" and not isinstance(value, bool):
            self.error(line_of(raw, op), f"{what}: 'answered' is true or false")
            return None
        if op == "includes" and not self.seen[target].kind.can_include(self.seen[target]):
            many = " or a ".join(t.holds_many for t in REGISTRY.values() if t.holds_many)
            self.error(line_of(raw, op), f"{what}: 'includes' applies to a {many}")
            return None
        return Condition(op, question=target, value=value)


def type_of_name(name: str) -> QuestionType:
    """The type object registered under ``name`` (a name the loader has checked)."""
    return REGISTRY[name]


def ids_before(fields: tuple[Question, ...] | list[Question], f: Question) -> set[str]:
    """Ids of the fields before ``f``: those a placeholder in ``f`` may use."""
    out: set[str] = set()
    for other in fields:
        if other is f:
            break
        out.add(other.id)
    return out


def placeholders(template: str) -> list[str]:
    """The names of ``{name}`` placeholders in a prompt (``{{`` and ``}}`` are literal)."""
    return [m.group(1) for m in PLACEHOLDER.finditer(template) if m.group(1)]


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` with ``values[name]``; unknown names are left as written."""

    def one(m: re.Match[str]) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        return values.get(m.group(1), m.group(0))

    return PLACEHOLDER.sub(one, template)
