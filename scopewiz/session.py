"""The session file: one YAML file per scoping meeting, rewritten atomically after every answer.

This module is the file's format: the :class:`Session` in memory, the YAML it
is written as, format versions and their upgrades, loading with errors that
name the line, and the :class:`Saver` the interview calls after each answer.
How bytes reach the disk (atomically, under a lock) is ``files.py``; what the
file is called is ``naming.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import FORMAT_KEY, check_answers
from .bank import Bank
from .engine import InterviewState, next_step
from .errors import FileTakenError, SessionFileError
from .files import SessionLock, Stamp, create_name, resolve_link, stamp_of, write_atomic
from .located import LDict, YamlError, before_reading, line_of
from .naming import backup_path, default_file_name, free_path, name_settled
from .terminal import shown_line

#: The format written by this scopewiz. Older formats are upgraded on load.
FORMAT_VERSION = 1
#: How to bring an older session up to date: UPGRADES[n] turns a format-n
#: document into format n + 1. Empty while format 1 is the only one there has been.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_HEADER = (
    "# scopewiz session file: the answers of one scoping meeting.\n"
    "# Safe to read and to edit by hand: keep the ids under 'answers' and their shapes.\n"
    "# Carry on with: scopewiz resume {name}    Print the record: scopewiz render {name}\n"
)


@dataclass
class Session:
    """A session in memory: which bank it uses, the answers, and where it stands."""

    bank_id: str
    bank_version: int
    bank_digest: str
    bank_file: str | None = None  # None for the bank that ships with scopewiz
    state: InterviewState = field(default_factory=InterviewState)
    created: str = ""
    updated: str = ""
    clock_seconds: float = 0.0
    section_seconds: dict[str, float] = field(default_factory=dict)
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # answers to questions the bank lost
    upgraded_from: int | None = None  # the file's older format, backed up at the first save
    yaml_cache: dict[str, tuple[bytes, str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    #: The file at ``path`` as this process last read or wrote it; None while
    #: none of this session's is there. A save finding another file refuses.
    disk: Stamp | None = field(default=None, repr=False, compare=False)
    #: The next save may replace whatever is at ``path`` (the user confirmed it).
    replace_next: bool = field(default=False, repr=False, compare=False)

    @classmethod
    def start(cls, bank: Bank, *, builtin: bool) -> Session:
        """A fresh session for ``bank``."""
        now = _now()
        return cls(
            bank_id=bank.id,
            bank_version=bank.version,
            bank_digest=bank.digest,
            bank_file=None if builtin else str(bank.path.resolve()),
            created=now,
            updated=now,
        )

    @property
    def answers(self) -> dict[str, Any]:
        """The answers, keyed by question id."""
        return self.state.answers


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def to_yaml(bank: Bank, session: Session) -> str:
    """The session as the YAML text that goes on disk."""
    from .yamlio import dump

    step = next_step(bank, session.state)
    head: dict[str, Any] = {
        FORMAT_KEY: FORMAT_VERSION,
        "bank": {
            "id": session.bank_id,
            "version": session.bank_version,
            "digest": session.bank_digest,
        },
        "created": session.created,
        "updated": session.updated,
        "progress": {
            "complete": step is None,
            "next": step.path if step is not None else None,
            "open_lists": list(session.state.open_lists),
            "clock_seconds": round(session.clock_seconds),
            "section_seconds": {k: round(v) for k, v in session.section_seconds.items()},
        },
    }
    if session.bank_file:
        head["bank"]["file"] = session.bank_file
    # Escaped: YAML refuses a control character even in a comment, and reads a
    # line separator there as the end of the comment.
    name = shown_line(session.path.name) if session.path else "FILE"
    text = _HEADER.format(name=name) + dump(head) + _answers_yaml(bank, session)
    if session.extra:
        text += dump({"answers_to_removed_questions": session.extra})
    return text


def _answers_yaml(bank: Bank, session: Session) -> str:
    """The ``answers:`` block, one answer at a time.

    Each answer's YAML is kept with a fingerprint of its value and reused
    while the value is unchanged: a save after one answer re-writes only that
    answer's YAML, however large the rest of the session has grown.
    """
    from .yamlio import dump

    answers = _in_bank_order(bank, session.state.answers)
    if not answers:
        return "answers: {}\n"
    cache = session.yaml_cache
    parts = ["answers:\n"]
    for qid, value in answers.items():
        fingerprint = hashlib.blake2b(
            repr(value).encode("utf-8", "surrogatepass"), digest_size=16
        ).digest()
        hit = cache.get(qid)
        if hit is None or hit[0] != fingerprint:
            hit = cache[qid] = (fingerprint, textwrap.indent(dump({qid: value}), "  "))
        parts.append(hit[1])
    for qid in [k for k in cache if k not in answers]:
        del cache[qid]
    return "".join(parts)


def _in_bank_order(bank: Bank, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers in the order of the questions, whatever order they were given in."""
    ordered = {q.id: answers[q.id] for q in bank.questions if q.id in answers}
    ordered.update((k, v) for k, v in answers.items() if k not in ordered)
    return ordered


def save_session(bank: Bank, session: Session) -> None:
    """Write the session to ``session.path`` atomically, stamping ``updated``.

    The file there must be the one this session last read or wrote (or none,
    for a new session); another raises :class:`~scopewiz.errors.FileChangedError`
    and is left as it is, unless the user chose to replace it (``replace_next``).
    The first save of a session read in an older format first keeps the
    original file beside it, untouched, as ``NAME.format-N.bak``.
    """
    assert session.path is not None
    if session.upgraded_from is not None and session.disk is not None:
        backup = backup_path(session.path, session.upgraded_from)
        if stamp_of(backup) is None:
            write_atomic(backup, session.path.read_text(encoding="utf-8"))
        session.upgraded_from = None
    session.updated = _now()
    session.disk = write_atomic(
        session.path,
        to_yaml(bank, session),
        expect=session.disk,
        replace=session.replace_next,
    )
    session.replace_next = False


def upgrade_session_doc(doc: LDict, label: str) -> tuple[LDict, int | None]:
    """Bring a session document to the current format, one step at a time.

    Returns the document and the format it was in (None when already current).
    """
    version = doc[FORMAT_KEY]
    if version == FORMAT_VERSION:
        return doc, None
    original = version
    while version < FORMAT_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise SessionFileError(
                f"{label}:{line_of(doc, FORMAT_KEY)}: unknown format version {version}"
            )
        upgraded = step(doc)
        located = upgraded if isinstance(upgraded, LDict) else LDict(upgraded)
        if not isinstance(upgraded, LDict):
            located.line, located.key_lines = doc.line, dict(doc.key_lines)
        doc = located
        version += 1
        doc[FORMAT_KEY] = version
    return doc, original


# -- loading ---------------------------------------------------------------------


def read_session_doc(path: Path) -> LDict:
    """Read and parse a session file's YAML, refusing anything that is not a session."""
    label = str(path)
    problem = before_reading(path, label)
    if problem:
        raise SessionFileError(problem)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise SessionFileError(f"{label}: is a folder, not a session file") from None
    except OSError as exc:
        raise SessionFileError(f"{label}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise SessionFileError(f"{label}:1: the file is empty; it is not a scopewiz session")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SessionFileError(
            f"{label}:1: not a text file; it is not a scopewiz session"
        ) from None
    try:
        from .yamlio import load_safe

        doc = load_safe(text)
    except YamlError as exc:
        raise SessionFileError(f"{label}:{exc.line or 1}: {exc.message}") from None
    if not isinstance(doc, LDict) or FORMAT_KEY not in doc:
        raise SessionFileError(
            f"{label}:{line_of(doc)}: not a scopewiz session file (no '{FORMAT_KEY}:' line)"
        )
    version = doc[FORMAT_KEY]
    if isinstance(version, bool) or not isinstance(version, int):
        raise SessionFileError(
            f"{label}:{line_of(doc, FORMAT_KEY)}: '{FORMAT_KEY}' must be a number"
        )
    if version > FORMAT_VERSION:
        raise SessionFileError(
            f"{label}:{line_of(doc, FORMAT_KEY)}: this session was written by a newer scopewiz "
            f"(format {version}; this one reads up to {FORMAT_VERSION})",
            hint="Upgrade scopewiz: pip install --upgrade scopewiz",
        )
    if version < 1:
        raise SessionFileError(
            f"{label}:{line_of(doc, FORMAT_KEY)}: unknown format version {version}"
        )
    return doc


def session_bank_ref(doc: LDict, label: str) -> tuple[str, str | None, str]:
    """The bank a session names: (id, file or None for the shipped bank, digest)."""
    bank = doc.get("bank")
    if not isinstance(bank, dict) or not isinstance(bank.get("id"), str):
        raise SessionFileError(f"{label}:{line_of(doc, 'bank')}: 'bank' must give the bank's id")
    file = bank.get("file")
    digest = bank.get("digest")
    return (
        bank["id"],
        file if isinstance(file, str) else None,
        digest if isinstance(digest, str) else "",
    )


def session_from_doc(bank: Bank, doc: LDict, path: Path) -> Session:
    """Build a :class:`Session` from a parsed file, checking every answer against ``bank``."""
    label = str(path)
    bank_id, bank_file, digest = session_bank_ref(doc, label)
    drifted = bool(digest) and digest != bank.digest
    answers, unknown, problems = check_answers(
        bank, doc.get("answers"), label, allow_unknown=drifted
    )
    progress_raw = doc.get("progress")
    progress: dict[str, Any] = progress_raw if isinstance(progress_raw, dict) else {}
    open_lists = progress.get("open_lists") or []
    if not isinstance(open_lists, list) or not all(isinstance(x, str) for x in open_lists):
        problems.append(
            f"{label}:{line_of(progress, 'open_lists')}: open_lists must be a list of question ids"
        )
        open_lists = []
    if problems:
        raise SessionFileError(
            "\n".join(problems),
            hint="Fix the file by hand (it has not been changed), then run the command again.",
        )
    extra = doc.get("answers_to_removed_questions")
    kept_extra = dict(extra) if isinstance(extra, dict) else {}
    kept_extra.update(unknown)
    clock = progress.get("clock_seconds", 0)
    spent = progress.get("section_seconds")
    section_seconds = {
        str(k): float(v)
        for k, v in (spent.items() if isinstance(spent, dict) else ())
        if _seconds(v)
    }
    bank_doc = doc.get("bank")
    version = bank_doc.get("version") if isinstance(bank_doc, dict) else None
    return Session(
        bank_id=bank_id,
        bank_version=version if isinstance(version, int) else bank.version,
        bank_digest=digest,
        bank_file=bank_file,
        state=InterviewState(
            answers=answers,
            open_lists=[x for x in open_lists if x in answers],
        ),
        created=_timestamp(doc.get("created")),
        updated=_timestamp(doc.get("updated")),
        clock_seconds=float(clock) if _seconds(clock) else 0.0,
        section_seconds=section_seconds,
        path=path,
        extra=kept_extra,
    )


def _timestamp(value: Any) -> str:
    """A ``created`` or ``updated`` time, or "" for one a hand edit left unreadable.

    Like the clock, it is bookkeeping: a bad one is dropped, not an error. It
    goes into the record's last line, where any other text could add lines.
    """
    if isinstance(value, dt.date):  # written unquoted, YAML reads a date or a time
        return str(value)
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            dt.datetime.fromisoformat(value)
            return value
    return ""


def _seconds(value: Any) -> bool:
    """A usable number of seconds (a hand edit may leave text, a bool, .nan or .inf)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def _other_names(path: Path) -> bool:
    """Whether the file at ``path`` has more than one name (hard links)."""
    try:
        return path.stat().st_nlink > 1
    except OSError:
        return False


def load_session(path: Path) -> tuple[Bank, Session, list[str]]:
    """Open a session file with the bank it was started with.

    Returns the bank, the session and notes for the user (such as a bank that
    changed since the session began). A symbolic link is followed: the session
    is its target, which later saves keep reaching. Raises
    :class:`SessionFileError` for a file that cannot be used; the file itself
    is never changed here.
    """
    from .bank import default_bank_path, load_bank

    notes: list[str] = []
    target = resolve_link(path)
    if target != path:
        # Saves replace a file by renaming a new one over it: done to the link, the
        # target would silently stop getting answers. So the target is what is opened.
        notes.append(f"{path} is a link to {target}; answers are saved to {target}.")
        path = target
    label = str(path)
    try:  # before reading: a change while it is read shows up as a change
        on_disk = stamp_of(path)
    except OSError:
        on_disk = None  # not to be looked at: the read says why
    doc, upgraded_from = upgrade_session_doc(read_session_doc(path), label)
    bank_id, bank_file, digest = session_bank_ref(doc, label)
    if _other_names(path):
        notes.append(
            f"{path} has another name too (a hard link). Each save writes a new file under "
            f"this name, so the other name keeps the answers it has now."
        )
    if upgraded_from is not None:
        notes.append(
            f"{path.name} was written in session format {upgraded_from} and is read as format "
            f"{FORMAT_VERSION}; the original is kept as {backup_path(path, upgraded_from).name} "
            "when it is next saved."
        )
    if bank_file is None:
        bank = load_bank(default_bank_path())
        if bank.id != bank_id:
            raise SessionFileError(
                f"{label}:{line_of(doc, 'bank')}: this session uses the question bank "
                f"'{bank_id}', which does not ship with this scopewiz",
                hint="Add 'file: PATH' under 'bank:' in the session file to name the bank file.",
            )
    else:
        bank_path = Path(bank_file)
        if not bank_path.is_file():
            raise SessionFileError(
                f"{label}:{line_of(doc, 'bank')}: the question bank {bank_file} is not there any more",
                hint="Put the bank back, or change 'file:' under 'bank:' in the session file.",
            )
        bank = load_bank(bank_path)
    session = session_from_doc(bank, doc, path)
    session.upgraded_from = upgraded_from
    session.disk = on_disk
    if digest and digest != bank.digest:
        notes.append(
            "The question bank has changed since this session was last saved. "
            "Every answer is kept; new questions will be asked."
        )
        if session.extra:
            notes.append(
                "Answers to questions the bank no longer has are kept in the file under "
                "'answers_to_removed_questions': " + ", ".join(session.extra)
            )
        session.bank_digest = bank.digest
        session.bank_version = bank.version
    return bank, session, notes


class MeetingHasSession(Exception):
    """A new session's meeting has a session in the folder already, and the user chose
    to carry on with that one (``action`` "resume") or to stop ("stop")."""

    def __init__(self, path: Path, action: str) -> None:
        super().__init__(str(path))
        self.path = path
        self.action = action


#: What ``Saver.on_existing`` may answer: carry on with the other session, save
#: this one beside it (``NAME-2``), or stop.
RESUME, BESIDE, STOP = "resume", "beside", "stop"


class Saver:
    """Saves a session after each answer; picks its file name on the first save.

    With no fixed path the name comes from the bank's ``file_name`` template.
    Until every answer that template names is given, the file may be renamed
    once those answers arrive; an existing file is never overwritten.
    ``failed`` says whether the latest save failed (the file, if any, holds
    the answers of the save before).
    """

    def __init__(
        self,
        bank: Bank,
        session: Session,
        *,
        folder: Path,
        fixed: bool,
        today: dt.date,
        lock: SessionLock | None = None,
    ) -> None:
        self.bank = bank
        self.session = session
        self.folder = folder
        self.settled = fixed
        self.chosen = fixed  # the user named the file: it is never renamed or re-picked
        self.today = today
        self.lock = lock or SessionLock()
        self.failed = False
        #: Told each new name the session is saved under: (path, the name before
        #: or None at the first save, the meeting's other session or None).
        self.announce: Callable[[Path, Path | None, Path | None], None] | None = None
        #: Asked, once, when the name the answers give is another session's:
        #: RESUME or STOP raise :class:`MeetingHasSession`; BESIDE saves as ``NAME-2``.
        self.on_existing: Callable[[Path], str] | None = None
        self.existing: Path | None = None  # that other session, once found
        self._checked = False
        self._announced: Path | None = None

    def __call__(self) -> None:
        self.failed = True
        for _ in range(8):
            self._place()
            try:
                save_session(self.bank, self.session)
            except FileTakenError:
                if self.chosen or self.session.disk is not None:
                    raise
                continue  # a name picked here was taken as it was picked: pick again
            self.failed = False
            self._announce()
            return
        raise SessionFileError(f"Could not find a free name in {self.folder} for this session.")

    def _announce(self) -> None:
        """Say where the session is saved: at the first save, and when its name changes."""
        path = self.session.path
        if self.announce is None or path is None or path == self._announced:
            return
        before, self._announced = self._announced, path
        self.announce(path, before, self.existing)

    def _meeting_has_session(self, name: str) -> None:
        """The first time the answers settle the name: is it another session's? Ask what to do."""
        if self._checked or self.on_existing is None:
            return
        self._checked = True  # asked once: a Ctrl-C at the question saves beside it
        session = self.session
        wanted = self.folder / name
        mine = session.path if session.disk is not None else None
        if wanted == mine or not wanted.is_file():
            return
        self.existing = wanted
        action = self.on_existing(wanted)
        if action != BESIDE:
            raise MeetingHasSession(wanted, action)

    def _place(self) -> None:
        """Give the session its file name (renaming its file if the answers naming it changed)."""
        session = self.session
        if not self.settled:
            name = default_file_name(self.bank, session.state, self.today)
            if name_settled(self.bank, session.state):
                self._meeting_has_session(name)
            mine = session.path if session.disk is not None else None
            wanted = free_path(self.folder, name, mine=mine)
            if session.path is not None and session.path != wanted and session.disk is not None:
                try:
                    self.lock.acquire(wanted)
                    create_name(session.path, wanted)
                except SessionFileError:
                    wanted = session.path  # that name was just taken: keep this one
            session.path = wanted
            self.settled = name_settled(self.bank, session.state)
        assert session.path is not None
        self.lock.acquire(session.path)

    def move_to(self, path: Path) -> None:
        """Save from now on to ``path``, a new file (after a save failed where the session was).

        A file already at ``path`` is never replaced: that raises
        :class:`~scopewiz.errors.FileTakenError` and the session stays where it was.
        """
        session = self.session
        before = (session.path, session.disk, session.replace_next, self.settled, self.chosen)
        self.failed = True
        self.lock.acquire(path)
        session.path, session.disk, session.replace_next = path, None, False
        self.settled = self.chosen = True
        try:
            save_session(self.bank, session)
        except SessionFileError:
            session.path, session.disk, session.replace_next, self.settled, self.chosen = before
            if session.path is not None:
                with contextlib.suppress(SessionFileError):
                    self.lock.acquire(session.path)
            raise
        self.failed = False
        self._announced = path  # the caller says where answers go now, and why

    def both_name(self) -> str:
        """The name :meth:`keep_both` would save under now (it may take the next one if raced)."""
        assert self.session.path is not None
        return free_path(self.session.path.parent, self.session.path.name).name

    def keep_both(self) -> Path:
        """Save this session beside the file now at its path, as ``NAME-2``: both are kept."""
        assert self.session.path is not None
        current = self.session.path
        for _ in range(8):
            path = current.with_name(self.both_name())
            try:
                self.move_to(path)
            except FileTakenError:
                continue  # taken as it was chosen: choose again
            return path
        raise SessionFileError(f"Could not find a free name beside {current}.")

    def replace_on_disk(self) -> None:
        """Let the next save replace the file at the session's path, whatever it is now."""
        self.session.replace_next = True
