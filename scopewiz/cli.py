"""The command line: parse, call the core, print. One error boundary for every command.

Heavy modules (questionary, prompt_toolkit) are imported inside the commands
that prompt, so that ``render`` and ``--help`` start fast. No ``from __future__
import annotations`` here: typer reads every command's annotations on each
start, and string annotations would cost an ``eval`` apiece (about 3 ms in
all); the few names imported only for type checking are quoted instead.
"""

import contextlib
import datetime as dt
import errno
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from . import __version__
from .errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_USAGE, ScopewizError
from .terminal import OutputError, out, out_bytes, say, shown, shown_line

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from .asking import Prompter
    from .bank import Bank, Question
    from .files import SessionLock
    from .present import Presenter
    from .runner import Interview
    from .session import Saver, Session

app = typer.Typer(
    name="scopewiz",
    help=(
        "Run the scoping meeting for a children's services peer challenge as a "
        "terminal interview, saving every answer as you go, and print the record."
    ),
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


# -- output ----------------------------------------------------------------------


def _colour(stream: object) -> bool:
    return not os.environ.get("NO_COLOR") and bool(getattr(stream, "isatty", lambda: False)())


def _styled(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if _colour(sys.stderr) else text


def fail(message: str, *, hint: str | None = None, code: int = EXIT_ERROR) -> NoReturn:
    """Print an error (red where colour is allowed) and exit with ``code``."""
    for line in shown(message).split("\n"):
        say(_styled(f"Error: {line}" if not line.startswith("Error") else line, "31"))
    if hint:
        say(shown(hint))
    raise typer.Exit(code)


def _resume_line(session: "Session", *, complete: bool = False, behind: bool = False) -> str:
    """What is on disk and how to go on: resume, or (every question answered) edit.

    Only a file this session wrote or read is named as saved; ``behind`` says
    the latest save failed, so the file holds the answers of the one before.
    """
    path = session.path
    if path is None:
        return "Nothing was saved: no question had been answered yet."
    where = _shell_path(path)
    if session.disk is None:
        if behind:
            return f"Nothing was saved: {where} could not be written."
        return "Nothing was saved: no question had been answered yet."
    if behind:
        return (
            f"The latest answers could not be saved; {where} holds every answer saved "
            f"before them. Resume with: scopewiz resume {where}"
        )
    if complete:
        return f"Saved to {where}. Change more with: scopewiz edit {where}"
    return f"Saved to {where}. Resume with: scopewiz resume {where}"


def _shell_path(path: Path) -> str:
    text = str(path)
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
        text = str(rel)
    except (ValueError, OSError):  # outside the working folder, or that folder was deleted
        pass
    if shown_line(text) != text or any(0xDC80 <= ord(c) <= 0xDCFF for c in text):
        # A control or bidi character, or a byte that is not UTF-8: bash's $'...'
        # quoting shows it as an escape that still names the file when copied.
        return "$'" + "".join(_shell_char(c) for c in text) + "'"
    if any(c in text for c in " '\"$`\\&;|<>()*?!#~"):
        return "'" + text.replace("'", "'\\''") + "'"
    return text


def _shell_char(char: str) -> str:
    """One character of a name inside bash's $'...', as the bytes the name holds."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for a byte that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if char in "\\'":
        return "\\" + char
    if shown_line(char) == char:
        return char
    if code < 0x80:
        return shown_line(char)  # \n, \t, \x1b: bash reads each back as that byte
    # bash reads \xNN as one byte, not as the UTF-8 of U+00NN: \u names the character.
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# -- shared steps -------------------------------------------------------------------


def _prompter(plain: bool) -> "Prompter":
    from .prompts import PlainPrompter, TerminalPrompter

    _started()
    if plain or not _interactive():
        return PlainPrompter()
    return TerminalPrompter()


def _interactive() -> bool:
    return bool(sys.stdin and sys.stdout and sys.stdin.isatty() and sys.stdout.isatty())


def _interview(
    bank: "Bank",
    session: "Session",
    prompter: "Prompter",
    *,
    fixed: bool,
    start: "Question | None" = None,
    opening: "Callable[[Interview], None] | None" = None,
    review: bool | None = None,
    lock: "SessionLock | None" = None,
    new: bool = False,
    no_input: bool = False,
    answers: Path | None = None,
    also: tuple[str, ...] = (),
    present: bool = False,
) -> None:
    """Run the interview to the end, or exit 130/1 with the resume line.

    ``also``: the other forms of the record (docx, html, ics) to write beside
    the Markdown when it is complete. ``present``: show the record as a live
    page while the interview runs (stopped when it ends, however it ends).

    A ``new`` session is saved before the first question when it starts with
    answers (from ``--answers``), and at the end whatever was asked: so the
    file the closing message names is always on disk, whole. Its file's name
    is said at the first save; a meeting that has a session here already
    raises :class:`~scopewiz.session.MeetingHasSession` if the user chooses
    to resume that one or to stop.
    """
    from .dates import today as today_is
    from .files import SessionLock, write_atomic
    from .naming import record_path, record_target
    from .render import render
    from .runner import Interview
    from .session import Saver

    today = today_is()
    folder = session.path.parent if session.path is not None else Path.cwd()
    lock = lock or SessionLock()
    saver = Saver(bank, session, folder=folder, fixed=fixed, today=today, lock=lock)
    if new:
        saver.announce = _announcer(prompter, quiet=no_input)
        saver.on_existing = _existing_asker(
            prompter, ask=not no_input and _stdin_is_a_terminal(), answers=answers
        )
    # Piped answers end where they end; a person at a terminal reviews before finishing.
    if review is None:
        review = sys.stdin is not None and sys.stdin.isatty()
    interview = Interview(
        bank,
        session,
        prompter,
        saver,
        today=today,
        review_at_end=review,
        ask_when_save_fails=not no_input,
    )
    hold = getattr(prompter, "holding_keys", contextlib.nullcontext)
    presenter = _start_presenting(session) if present else None
    try:
        _run_interview(interview, saver, hold, start, opening, new=new)
    finally:
        lock.release()
        if presenter is not None:
            presenter.stop()
    assert session.path is not None
    record, seen = record_target(session.path)
    try:
        write_atomic(
            record,
            render(
                bank,
                session.state,
                source=session.path.name,
                saved=session.updated,
                today=today,
            ),
            expect=seen,
        )
    except ScopewizError as exc:
        where = _shell_path(session.path)
        fail(
            exc.message,
            hint=f"Every answer is saved in {where}. Write the record to another file with: "
            f"scopewiz render {where} -o RECORD.md",
        )
    written = [(kind, *_write_form(bank, session, kind, today)) for kind in also]
    say()
    say(_styled("Interview complete.", "1;32"))
    width = max([len("Session:"), *(len(FORM_NAMES[kind]) + 1 for kind, _, _ in written)])
    say(f"  {'Session:'.ljust(width)} {_shell_path(session.path)}")
    say(f"  {'Record:'.ljust(width)} {_shell_path(record)}")
    for kind, path, problem in written:
        label = f"{FORM_NAMES[kind]}:".ljust(width)
        say(f"  {label} {_shell_path(path)}" if problem is None else f"  {label} {problem}")
    usual = record_path(session.path)
    if record != usual:
        say(f"  ({_shell_path(usual)} is not this session's record, so it was left as it is.)")


#: How the closing message names each other form of the record.
FORM_NAMES = {"docx": "Word", "html": "Web page", "ics": "Calendar"}


def _write_form(
    bank: "Bank", session: "Session", kind: str, today: "dt.date"
) -> "tuple[Path, str | None]":
    """Write the record in form ``kind`` beside the session: where, and what went wrong if it did.

    By the Markdown record's rule: ``NAME.docx`` is replaced only when it is
    this session's own, else the form goes to ``NAME.record.docx``.
    """
    from .files import write_atomic
    from .formats import FORMATS, of_session
    from .naming import record_target

    assert session.path is not None
    try:
        path, seen = record_target(session.path, kind)
        write_atomic(path, of_session(kind, bank, session, today), expect=seen)
    except ScopewizError as exc:
        where = _shell_path(session.path)
        fix = f"scopewiz render {where} -o RECORD{FORMATS[kind]}"
        return session.path, f"not written: {exc.message} Write it with: {fix}"
    return path, None


def _start_presenting(session: "Session") -> "Presenter | None":
    """The live page of ``session``, started, its address said; None if it cannot be served."""
    import webbrowser

    from .present import Presenter

    try:
        presenter = Presenter(lambda: session.path).start()
    except OSError as exc:
        say(f"The live page could not start: {exc.strerror or exc}. The interview goes on.")
        return None
    say(f"The record, live for the shared screen: {presenter.url}")
    webbrowser.open(presenter.url)
    return presenter


def _run_interview(
    interview: "Interview",
    saver: "Saver",
    hold: "Callable[[], contextlib.AbstractContextManager[None]]",
    start: "Question | None",
    opening: "Callable[[Interview], None] | None",
    *,
    new: bool,
) -> None:
    """Run the interview; on Ctrl-C or end of input save and exit 130/1 with the resume line."""
    from .session import MeetingHasSession

    session = interview.session
    try:
        if new and session.answers:
            interview.save()  # the pre-filled answers, before anything is asked
        with hold():
            if start is not None:
                interview.edit(start)
            if opening is not None:
                opening(interview)
            interview.run()
        if new:
            interview.save()  # also when nothing was asked: every answer came pre-filled
    except OutputError:
        raise  # the prompts could not be written: main() says so, as for any output
    except MeetingHasSession:
        # Given up for the meeting's other session: this one's file, if it has one
        # yet (the answers that named it), goes, and only if it is still ours.
        if session.path is not None and session.disk is not None:
            from .files import remove_own

            remove_own(session.path, session.disk)
        raise
    except ScopewizError as exc:
        say()
        record = _refresh_record(interview.bank, session, behind=saver.failed)
        hint = _resume_line(session, behind=saver.failed) if session.path else exc.hint
        fail(exc.message, hint="\n".join(filter(None, (record, hint))))
    except (KeyboardInterrupt, EOFError) as stop:
        say()
        if isinstance(stop, EOFError):
            say("Input ended before the interview was complete.")
        if session.path is not None or session.answers:
            try:
                interview.flush()  # pre-filled answers too, and the meeting clock
            except ScopewizError as exc:
                say(shown(exc.message))
        from .engine import is_complete

        complete = is_complete(interview.bank, session.state)
        record = _refresh_record(interview.bank, session, behind=saver.failed)
        if record:
            say(record)
        say(_resume_line(session, complete=complete, behind=saver.failed))
        raise typer.Exit(
            EXIT_INTERRUPTED if isinstance(stop, KeyboardInterrupt) else EXIT_ERROR
        ) from None


def _stdin_is_a_terminal() -> bool:
    return bool(sys.stdin and sys.stdin.isatty())


def _announcer(
    prompter: "Prompter", *, quiet: bool
) -> "Callable[[Path, Path | None, Path | None], None]":
    """Say which file a new session is saved to: once at its first save, again if renamed.

    ``quiet`` (--no-input: the closing lines name the file) says only that the
    meeting had a session already, on stderr, naming both files.
    """

    def announce(path: Path, before: Path | None, existing: Path | None) -> None:
        where = _shell_path(path)
        if existing is not None:
            other = _shell_path(existing)
            (say if quiet else prompter.note)(
                f"This meeting already has a session here, {other}; this one is saved "
                f"beside it as {where}. (Carry on with the other: scopewiz resume {other})"
            )
        elif quiet:
            return
        elif before is None:
            prompter.note(f"Saving to {where}")
        else:
            prompter.note(f"Now saving to {where} (named from the answers)")

    return announce


def _existing_asker(
    prompter: "Prompter", *, ask: bool, answers: Path | None
) -> "Callable[[Path], str]":
    """What to do when a new session's meeting has a session here already.

    At a terminal: ask (resume it, start a new one beside it, or stop). With
    nobody to ask (--no-input, piped input) never ask: save beside it, as
    ``NAME-2``, and the note at the save names both files.
    """
    from .asking import MenuOption, Nav
    from .session import BESIDE, RESUME, STOP

    def decide(existing: Path) -> str:
        if not ask:
            return BESIDE
        about = _session_summary(existing)
        if about is None:
            return BESIDE  # not a session scopewiz can read: nothing to resume
        dropped = f" ({_shell_path(answers)} is not applied to it)" if answers else ""
        options = [
            MenuOption(f"Resume it{dropped}", RESUME),
            MenuOption("Start a new session beside it", BESIDE),
            MenuOption("Stop (nothing new is kept)", STOP),
        ]
        title = f"This meeting already has a session here: {_shell_path(existing)} ({about})."
        while True:
            choice = prompter.menu(title, options, default=RESUME)
            if choice is not Nav.BACK:
                return str(choice)

    return decide


def _session_summary(path: Path) -> str | None:
    """ "5 of 24 questions answered, last saved 2026-12-02 10:32"; None if it cannot be read."""
    progress = _session_progress(path)
    if progress is None:
        return None
    done, total, saved = progress
    return f"{done} of {total} questions answered, last saved {saved:%Y-%m-%d %H:%M}"


def _session_progress(path: Path) -> "tuple[int, int, dt.datetime] | None":
    """A session's questions answered, asked, and when it was last saved; None if unreadable."""
    from .engine import missing_answers, question_total, visible_questions
    from .session import load_session

    try:
        bank, session, _ = load_session(path)
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except (ScopewizError, OSError):
        return None
    questions = visible_questions(bank, session.state)
    done = len(questions) - len(missing_answers(bank, session.state))
    return done, question_total(bank, session.state), saved


def _refresh_record(bank: "Bank", session: "Session", *, behind: bool = False) -> str | None:
    """On the way out: rewrite this session's record beside it, so it never goes stale unsaid.

    Returns the line saying what became of it: rewritten, or out of date and
    how to refresh it (None when the session has no record to keep up). Only
    this session's own record is replaced (see ``record_target``); ``behind``
    (the latest save failed) leaves it, as the file holds older answers.
    """
    from .dates import today
    from .engine import is_complete
    from .files import write_atomic
    from .naming import own_record
    from .render import render

    if session.path is None or session.disk is None:
        return None
    found = own_record(session.path)
    if found is None:
        return None
    record, seen = found
    where, source = _shell_path(record), _shell_path(session.path)
    command = f"scopewiz render {source} -o {where}"
    if behind:
        return f"The record {where} is out of date. Once the session is saved, refresh it with: {command}"
    text = render(
        bank, session.state, source=session.path.name, saved=session.updated, today=today()
    )
    try:
        write_atomic(record, text, expect=seen)
    except ScopewizError as exc:
        return f"The record {where} is out of date: {exc.message} Refresh it with: {command}"
    if is_complete(bank, session.state):
        return f"Record updated: {where}"
    return f"Record updated: {where} (questions still to answer show as not yet answered)"


def _new_output(output: Path) -> Path:
    """The file ``new -o`` writes: refused if it cannot be a session; a link's target."""
    from .naming import SUFFIX

    if str(output) in ("", "."):
        fail(f"Give a file name for the session, such as meeting{SUFFIX}", code=EXIT_USAGE)
    if output.is_symlink():
        target = Path(os.path.realpath(output))
        if not target.exists():
            fail(
                f"{output} is a link to {target}, which does not exist; scopewiz never "
                "writes through a link to create a file.",
                hint=f"Give the file itself: scopewiz new -o {_shell_path(target)}",
            )
        say(f"{_shell_path(output)} is a link to {_shell_path(target)}; answers are saved there.")
        output = target
    if output.is_dir():
        fail(f"{output} is a folder; give a file name such as {output / ('meeting' + SUFFIX)}")
    if output.suffix.lower() == ".md":
        fail(
            f"{output} would hold the session, which is YAML, not the Markdown record.",
            hint=f"Give a name ending in {SUFFIX}; the record is written beside it as .md.",
        )
    if not output.parent.is_dir():
        fail(f"The folder {output.parent} does not exist.")
    if not os.access(output.parent, os.W_OK):
        fail(f"The folder {output.parent} cannot be written to.")
    return output


def _confirm_or_no(prompter: "Prompter", question: str) -> bool:
    """Ask a yes/no question; Ctrl-C or the end of input is No."""
    try:
        return prompter.confirm(question, False)
    except (KeyboardInterrupt, EOFError):
        return False


@contextlib.contextmanager
def _released_if_stopped(lock: "SessionLock | None", session: "Session") -> "Iterator[None]":
    """Between taking the lock and the first question: Ctrl-C releases it and says what is saved."""
    try:
        yield
    except KeyboardInterrupt:
        if lock is not None:
            lock.release()
        with contextlib.suppress(Exception):
            say()
            say(_resume_line(session))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _open(file: Path) -> "tuple[Bank, Session]":
    """Load a session with its bank, printing any notes (such as a changed bank)."""
    from .session import load_session

    bank, session, notes = load_session(file)
    for note in notes:
        say(_styled(shown(note), "33"))
    return bank, session


def _locked(bank: "Bank", session: "Session") -> "tuple[Bank, Session, SessionLock]":
    """Take the lock of an opened session; read it again if it changed before the lock was had."""
    from .files import stamp_of
    from .session import load_session

    assert session.path is not None
    lock = _lock(session.path)
    if stamp_of(session.path) != session.disk:
        try:  # the wizard that held it saved as it closed: carry on from that save
            bank, session, _ = load_session(session.path)
        except BaseException:
            lock.release()
            raise
    return bank, session, lock


def _lock(path: Path) -> "SessionLock":
    """Take the session's lock before anything is asked; say if a stale one was taken over."""
    from .files import SessionLock

    lock = SessionLock()
    lock.acquire(path)
    for note in lock.notes:
        say(_styled(shown(note), "33"))
    return lock


# -- shell completion ------------------------------------------------------------------
# Called only when the shell asks (scopewiz --install-completion sets that up), so
# each imports what it needs itself: a plain run never pays for them.


def _complete_sessions(incomplete: str) -> "list[str]":
    """Session files (``*.scopewiz.yaml``) whose path starts with what is typed."""
    from .naming import SUFFIX

    folder, slash, start = incomplete.rpartition("/")
    try:
        names = sorted(p.name for p in Path(folder + slash or ".").iterdir())
    except OSError:
        return []
    return [
        folder + slash + name for name in names if name.startswith(start) and name.endswith(SUFFIX)
    ]


def _completion_subject(ctx: typer.Context) -> "tuple[Bank, Any]":
    """The bank and answers of the FILE typed before the option; else the shipped bank's."""
    from .engine import InterviewState

    file = ctx.params.get("file")
    if not isinstance(file, Path):
        # The shell's line as typer's completion scripts pass it: the parser does not
        # always keep FILE while the option after it is still being typed.
        import shlex

        from .naming import SUFFIX

        with contextlib.suppress(ValueError):
            words = shlex.split(os.environ.get("COMP_WORDS", ""))
            file = next((Path(w) for w in words[1:] if w.endswith(SUFFIX)), None)
    if isinstance(file, Path):
        with contextlib.suppress(ScopewizError, OSError):
            from .session import load_session

            bank, session, _ = load_session(file)
            return bank, session.state
    from .bank import load_bank

    return load_bank(None), InterviewState()


def _numbered(
    places: "Sequence[Any]", incomplete: str, label: "Callable[[Any], str]"
) -> "list[tuple[str, str]]":
    """Completions for a place the screen numbers: its number if one is typed, else its id."""
    numbered = list(enumerate(places, start=1))
    if incomplete.isdigit():
        return [(str(n), label(p)) for n, p in numbered if str(n).startswith(incomplete)]
    return [(p.id, f"{n}. {label(p)}") for n, p in numbered if p.id.startswith(incomplete)]


def _complete_questions(ctx: typer.Context, incomplete: str) -> "list[tuple[str, str]]":
    """Question ids (and, for a number typed, question numbers), each with its heading."""
    from .engine import visible_questions

    bank, state = _completion_subject(ctx)
    return _numbered(visible_questions(bank, state), incomplete, lambda q: q.heading)


def _complete_sections(ctx: typer.Context, incomplete: str) -> "list[tuple[str, str]]":
    """Section ids (and, for a number typed, section numbers), each with its title."""
    from .engine import visible_sections

    bank, state = _completion_subject(ctx)
    return _numbered(visible_sections(bank, state), incomplete, lambda s: s.title)


# -- commands --------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        out(f"scopewiz {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = None,
) -> None:
    """Run the scoping meeting as a terminal interview and print its record."""


PlainOption = Annotated[
    bool, typer.Option("--plain", help="Ask line by line, for screen readers and piped input.")
]
AlsoOption = Annotated[
    str,
    typer.Option(
        "--also",
        metavar="docx,html,ics",
        help="When the interview is complete, write the record in these forms too, beside "
        "the Markdown (Word, a web page, the timeline as a calendar).",
    ),
]
PresentOption = Annotated[
    bool,
    typer.Option(
        "--present",
        help="Show the record as a live page for the shared screen while you answer "
        "(see scopewiz present).",
    ),
]


def _also(given: str) -> tuple[str, ...]:
    """The formats --also names, checked: a usage error for one that is not known."""
    from .formats import FORMATS

    wanted = tuple(
        dict.fromkeys(f.strip().lower().lstrip(".") for f in given.split(",") if f.strip())
    )
    unknown = [f for f in wanted if f not in FORMATS or f == "md"]
    if unknown:
        fail(
            f"--also {', '.join(unknown)}: not a form of the record; use docx, html or ics "
            "(the Markdown is always written)",
            code=EXIT_USAGE,
        )
    return wanted


@app.command()
def new(
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            readable=False,
            help="Session file to write (default: HOST-DATE.scopewiz.yaml here).",
        ),
    ] = None,
    bank_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--bank",
            readable=False,
            help="Question bank to use (default: the children's services bank).",
        ),
    ] = None,
    answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--answers",
            readable=False,
            help="YAML file of answers to fill in first; only the rest is asked.",
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Never ask: with --answers, fail listing what is missing."),
    ] = False,
    plain: PlainOption = False,
    also: AlsoOption = "",
    present: PresentOption = False,
) -> None:
    """Start a new interview; every answer is saved as it is given."""
    from .bank import load_bank
    from .files import stamp_of
    from .session import STOP, MeetingHasSession, Session

    extra = _also(also)
    bank = load_bank(bank_path)
    session = Session.start(bank, builtin=bank_path is None)
    if answers is not None:
        from .answers import load_answers_file

        session.state.answers.update(load_answers_file(bank, answers))
    if no_input:
        from .engine import missing_answers, skip_optional

        skip_optional(bank, session.state)  # nobody to ask: left out is skipped
        missing = missing_answers(bank, session.state)
        if missing:
            source = f" in {answers}" if answers else ""
            lines = [f"  {qid}: {reason}" for qid, reason in missing]
            fail(
                f"{len(missing)} required answer(s) missing or invalid{source}; nothing was written.",
                hint="\n".join(lines),
            )
    lock = None
    if output is not None:
        output = _new_output(output)
        lock = _lock(output)  # also refuses a session open in another wizard
        session.path = output
    with _released_if_stopped(lock, session):
        prompter = _prompter(plain)
        if output is not None and stamp_of(output) is not None:
            question = f"{output} already exists. Replace it with a new session?"
            if no_input or not _confirm_or_no(prompter, question):
                fail(
                    f"{output} already exists and was left as it is.",
                    hint=f"Carry on with it: scopewiz resume {_shell_path(output)}",
                )
            session.replace_next = True  # the user confirmed: the first save replaces it
    try:
        _interview(
            bank,
            session,
            prompter,
            fixed=output is not None,
            review=False if no_input else None,
            lock=lock,
            new=True,
            no_input=no_input,
            answers=answers,
            also=extra,
            present=present,
        )
    except MeetingHasSession as found:
        where = _shell_path(found.path)
        if found.action == STOP:
            say(f"Nothing new was kept. This meeting's session is {where}.")
            say(f"Carry on with it: scopewiz resume {where}")
            return
        say(f"Carrying on with {where}.")
        _resume_file(found.path, plain, also=extra, present=present)


def _pick_session(plain: bool) -> Path:
    """The session ``resume`` carries on with when given no FILE, saying which and why.

    Unfinished sessions first (a complete one has nothing to resume); of
    several, the facilitator picks at a terminal, newest first, and with
    nobody to ask the most recently saved is taken and the others named.
    """
    from .asking import MenuOption, Nav
    from .naming import SUFFIX

    found = [p for p in Path.cwd().glob("*" + SUFFIX) if p.is_file()]
    if not found:
        fail(
            f"No session files (*{SUFFIX}) in this folder.",
            hint="Name one: scopewiz resume FILE, or start one: scopewiz new",
        )
    newest_first = sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
    if len(newest_first) == 1:
        say(f"Using {_shell_path(newest_first[0])}, the only session here.")
        return newest_first[0]
    unfinished = [(p, about) for p in newest_first if (about := _unfinished(p)) is not None]
    if not unfinished:
        say(f"Using {_shell_path(newest_first[0])}, the most recently saved session here.")
        return newest_first[0]
    if len(unfinished) == 1:
        say(f"Using {_shell_path(unfinished[0][0])}, the only unfinished session here.")
        return unfinished[0][0]
    if not _stdin_is_a_terminal():
        latest, others = unfinished[0][0], [_shell_path(p) for p, _ in unfinished[1:]]
        say(
            f"Using {_shell_path(latest)}, the most recently saved of {len(unfinished)} "
            f"unfinished sessions here; the others: {', '.join(others)}. "
            "To carry on with another, name it: scopewiz resume FILE"
        )
        return latest
    prompter = _prompter(plain)
    options = [MenuOption(f"{_shell_path(p)}  ({about})", p) for p, about in unfinished]
    while True:
        choice = prompter.menu(
            f"{len(unfinished)} unfinished sessions here, the most recently saved first. "
            "Which one?",
            options,
            default=unfinished[0][0],
        )
        if choice is not Nav.BACK:
            say(f"Using {_shell_path(choice)}.")
            return Path(choice)


def _unfinished(path: Path) -> str | None:
    """How far an unfinished session has got, short enough for a menu line at 80 columns
    ("2/23 answered, saved 10:32", or "saved 2 Dec 10:32" on another day); None for a
    complete session or a file that cannot be read as one."""
    progress = _session_progress(path)
    if progress is None or progress[0] == progress[1]:
        return None
    done, total, saved = progress
    when = f"{saved:%H:%M}" if saved.date() == dt.date.today() else f"{saved:%-d %b %H:%M}"
    return f"{done}/{total} answered, saved {when}"


@app.command()
def resume(
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="FILE",
            readable=False,
            help="The session file to carry on with (default: the newest one here).",
            autocompletion=_complete_sessions,
        ),
    ] = None,
    plain: PlainOption = False,
    also: AlsoOption = "",
    present: PresentOption = False,
) -> None:
    """Carry on with a session where it stopped.

    With no FILE: the one unfinished session here; of several, the one you
    pick (at a terminal) or the most recently saved, saying which.
    """
    extra = _also(also)
    chosen = file if file is not None else _pick_session(plain)
    _resume_file(chosen, plain, also=extra, present=present)


def _resume_file(
    file: Path, plain: bool, *, also: tuple[str, ...] = (), present: bool = False
) -> None:
    from .engine import is_answered, is_complete, question_total, visible_questions
    from .naming import provisional_name
    from .runner import answered_summary

    bank, session = _open(file)
    if is_complete(bank, session.state):
        say(f"{_shell_path(file)} is complete: every question is answered.")
        say(f"Print the record with: scopewiz render {_shell_path(file)}")
        say(f"Change an answer with: scopewiz edit {_shell_path(file)}")
        return
    bank, session, lock = _locked(bank, session)
    with _released_if_stopped(lock, session):
        questions = visible_questions(bank, session.state)
        done = sum(1 for q in questions if is_answered(bank, session.state, q))
        total = question_total(bank, session.state)
        say(f"Resuming {_shell_path(file)}: {done} of {total} questions answered.")
        summary = answered_summary(bank, session)
        if summary:
            say("Already answered in this section:")
            for line in summary:
                say(shown_line(line))
        prompter = _prompter(plain)
    _interview(
        bank,
        session,
        prompter,
        fixed=not provisional_name(bank, session),
        lock=lock,
        also=also,
        present=present,
    )


@app.command()
def edit(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            readable=False,
            help="The session file to change.",
            autocompletion=_complete_sessions,
        ),
    ],
    section: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--section",
            help="Open at the first question of this section: its number, words of its title, or its id.",
            autocompletion=_complete_sections,
        ),
    ] = None,
    question: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--question",
            help="Open at this question: its number (Question 5 of 24: 5), words of it, or its id.",
            autocompletion=_complete_questions,
        ),
    ] = None,
    plain: PlainOption = False,
    also: AlsoOption = "",
    present: PresentOption = False,
) -> None:
    """Change answers: open a session at a question or section.

    With neither --question nor --section, it opens at the review screen.
    """
    from .engine import is_visible
    from .places import find_question, find_section

    if section and question:
        fail("Give --section or --question, not both.", code=EXIT_USAGE)
    extra = _also(also)
    bank, session = _open(file)
    bank, session, lock = _locked(bank, session)
    with _released_if_stopped(lock, session):
        start = None
        if question is not None:
            start = find_question(bank, session.state, question)
            if not is_visible(start, session.answers):
                fail(f"'{start.id}' is not asked in this session (an earlier answer hides it).")
        elif section is not None:
            found = find_section(bank, session.state, section)
            visible = [q for q in found.questions if is_visible(q, session.answers)]
            if not visible:
                fail(f"No question of section '{found.id}' is asked in this session.")
            start = visible[0]
        prompter = _prompter(plain)
    if start is None:
        # No place named: open the review screen, where any answer can be picked.
        def opening(interview: "Interview") -> None:
            interview.review(final=False)

        _interview(
            bank,
            session,
            prompter,
            fixed=True,
            opening=opening,
            lock=lock,
            also=extra,
            present=present,
        )
        return
    _interview(
        bank, session, prompter, fixed=True, start=start, lock=lock, also=extra, present=present
    )


@app.command("render")
def render_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            readable=False,
            help="The session file to render.",
            autocompletion=_complete_sessions,
        ),
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            readable=False,
            help="Write the record to this file instead of printing it; its suffix "
            "(.md, .docx, .html, .ics) chooses the format.",
        ),
    ] = None,
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            metavar="md|docx|html|ics",
            help="Markdown (the default), Word, a printable web page, or the timeline "
            "as a calendar.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace the -o file even if it is not this session's record."
        ),
    ] = False,
) -> None:
    """Print the record of a session: Markdown, Word, HTML, or its timeline as a calendar.

    With -o, a file already there is replaced only if it is this session's
    record (or with --force); the session file itself never is.
    """
    from .dates import today
    from .files import stamp_of, write_atomic
    from .formats import BINARY, FormatError, format_for, of_session
    from .naming import is_record_file

    try:
        kind = format_for(fmt, output)
    except FormatError as exc:
        fail(str(exc), code=EXIT_USAGE)
    bank, session = _open(file)
    assert session.path is not None
    data = of_session(kind, bank, session, today())
    if output is None:
        if kind in BINARY:
            if sys.stdout.isatty():
                fail(
                    "A Word document cannot be shown in a terminal; write it to a file.",
                    hint=f"Add -o, such as -o {session.path.name.split('.')[0]}.docx",
                    code=EXIT_USAGE,
                )
            out_bytes(data)
            return
        out(data.decode("utf-8", "surrogateescape"), end="")
        return
    if str(output) in ("", ".") or output.is_dir():
        fail(
            f"{shown_line(str(output)) or repr(str(output))} is a folder, not a file name; "
            "give the record's file name, such as -o record.md",
            code=EXIT_USAGE,
        )
    if output.resolve() == session.path.resolve():
        fail(f"{output} is the session file itself; choose another name for the record.")
    found = stamp_of(output)
    ours = found is not None and is_record_file(output, session.path.name, kind)
    if found is not None and not ours and not force:
        fail(
            f"{output} already exists and is not this session's record; it was left as it is.",
            hint="Choose another name, or add --force to replace it.",
        )
    write_atomic(output, data, expect=found if ours else None, replace=force)
    say(f"Wrote {_shell_path(output)}")


@app.command()
def status(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            readable=False,
            help="The session file.",
            autocompletion=_complete_sessions,
        ),
    ],
) -> None:
    """Show progress by section and what is missing."""
    from .engine import (
        is_answered,
        missing_answers,
        question_total,
        visible_questions,
        visible_sections,
    )

    bank, session = _open(file)
    questions = visible_questions(bank, session.state)
    missing = dict(missing_answers(bank, session.state))
    rows = []
    for section in visible_sections(bank, session.state):
        in_section = [q for q in questions if q.section is section]
        done = sum(1 for q in in_section if is_answered(bank, session.state, q))
        gaps = ", ".join(q.id for q in in_section if q.id in missing)
        rows.append((section.title, f"{done}/{len(in_section)}", gaps or "—"))
    done_all = len(questions) - len(missing)
    total = question_total(bank, session.state)
    out(f"{shown_line(str(file))}: {done_all} of {total} questions answered")
    _print_table(("Section", "Answered", "Missing"), rows)
    if missing:
        out()
        out("Still to answer:")
        for qid, reason in missing.items():
            out(shown(f"  {qid}: {reason}"))
    else:
        out("Complete. Print the record with: scopewiz render " + _shell_path(file))
    stale = _stale_record(bank, session)
    if stale:
        out(stale)


def _stale_record(bank: "Bank", session: "Session") -> str | None:
    """A line saying this session's record beside it is out of date; None if it is not.

    Older means it reads otherwise than the record written now would: an
    answer given or changed by hand since, as well as a later save.
    """
    from .dates import today
    from .naming import own_record, record_is_current
    from .render import render

    assert session.path is not None
    found = own_record(session.path)
    if found is None:
        return None
    text = render(
        bank, session.state, source=session.path.name, saved=session.updated, today=today()
    )
    if record_is_current(found[0], text):
        return None
    where, source = _shell_path(found[0]), _shell_path(session.path)
    return (
        f"The record {where} is out of date: the session has changed since it was written. "
        f"Refresh it with: scopewiz render {source} -o {where}"
    )


def _print_table(headings: "Sequence[str]", rows: "Sequence[Sequence[str]]") -> None:
    """A plain aligned table: readable in any terminal, a pipe or a screen reader."""
    rows = [[shown_line(c) for c in r] for r in rows]  # a name holding \n or \t: as written
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headings)
    ]
    out("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip())
    out("  ".join("-" * w for w in widths))
    for row in rows:
        out("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@app.command()
def show(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            readable=False,
            help="The session file.",
            autocompletion=_complete_sessions,
        ),
    ],
) -> None:
    """Show the record formatted in the terminal.

    A record longer than the screen opens in a pager.
    """
    from rich.console import Console
    from rich.markdown import Markdown

    from .dates import today
    from .render import render

    bank, session = _open(file)
    text = render(bank, session.state, source=file.name, saved=session.updated, today=today())
    console = Console()
    # rich draws table cells on one line: show a cell's line breaks as " / ".
    document = Markdown(text.replace("<br>", " / "))
    if console.is_terminal and text.count("\n") > console.height:
        styles = not os.environ.get("NO_COLOR")
        if styles and not os.environ.get("LESS"):
            # The pager is less on most systems; unless told -R it shows each colour
            # code as text (ESC[1;4m). A LESS the user set is theirs and kept as it is.
            os.environ["LESS"] = "-R"
        with console.pager(styles=styles):
            console.print(document)
    else:
        console.print(document)


@app.command()
def present(
    file: Annotated[Path, typer.Argument(metavar="FILE", readable=False, help="The session file.")],
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="Open the page in the default browser.")
    ] = True,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Where to listen (default 127.0.0.1, this machine only). Another address "
            "shares the record with anyone on that network who has the link.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="The port (default: any free one).")] = 0,
) -> None:
    """Show the record as a live page for the meeting's shared screen.

    The page changes within a second of every save of FILE, by the wizard or
    anyone else; Ctrl-C stops it.
    """
    import signal
    import webbrowser

    from .present import Presenter

    _open(file)  # a file that cannot be read is said now, before any page
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(
            _styled(
                f"Warning: listening on {shown_line(host)}: anyone who can reach this machine "
                "there and has the link can read the record.",
                "33",
            )
        )
    try:
        presenter = Presenter(file, host, port).start()
    except OSError as exc:
        fail(f"Could not serve the page on {shown_line(host)}:{port}: {exc.strerror or exc}")
    say(f"The record of {_shell_path(file)}, live: {presenter.url}")
    say("Share that browser window (Teams, a projector). Ctrl-C stops it.")
    if browser:
        webbrowser.open(presenter.url)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        while True:
            signal.pause()
    except KeyboardInterrupt:
        presenter.stop()
        say("Stopped showing the record.")


@app.command("list")
def list_cmd(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", readable=False, help="The folder to look in (default: this one)."
        ),
    ] = Path(),
) -> None:
    """List the sessions in a folder.

    Shows each session's file, the answers its question bank picks for the list
    (host authority and meeting date in the shipped bank), progress and last save.
    """
    from .engine import missing_answers, question_total, visible_questions
    from .naming import SUFFIX
    from .session import load_session

    if not folder.is_dir():
        fail(f"{folder} is not a folder.")
    found = [p for p in folder.glob("*" + SUFFIX) if p.is_file()]  # not a dangling link
    files = sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
    if not files:
        out(f"No sessions (*{SUFFIX}) in {_shell_path(folder)}.")
        return
    # (file, bank and answers or None if unreadable, progress, last saved)
    sessions: list[tuple[str, tuple[Bank, dict[str, Any]] | None, str, str]] = []
    notes: list[str] = []  # records older than their sessions
    for path in files:
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        try:
            bank, session, _ = load_session(path)
        except ScopewizError as exc:
            lines = exc.message.splitlines()
            reason = lines[0].split(": ", 1)[-1] + (" (and more)" if len(lines) > 1 else "")
            sessions.append((path.name, None, "cannot be read: " + reason, saved))
            continue
        questions = visible_questions(bank, session.state)
        done = len(questions) - len(missing_answers(bank, session.state))
        total = question_total(bank, session.state)
        progress = "complete" if done == total else f"{done}/{total}"
        sessions.append((path.name, (bank, session.answers), progress, saved))
        stale = _stale_record(bank, session)
        if stale:
            notes.append(stale)
    columns = _list_columns([read[0] for _, read, _, _ in sessions if read is not None])
    rows = []
    for name, read, progress, saved in sessions:
        if read is None:
            values = ["?"] * len(columns)
        else:
            values = [_list_value(*read, question_id) for question_id, _ in columns]
        rows.append((name, *values, progress, saved))
    _print_table(("File", *(heading for _, heading in columns), "Progress", "Last saved"), rows)
    if notes:
        out()
        for note in notes:
            out(note)


def _list_columns(banks: "Sequence[Bank]") -> list[tuple[str, str]]:
    """The answer columns of ``scopewiz list``: (question id, heading) pairs.

    Each bank's ``list_columns`` in turn, newest session's bank first, each id
    once with the heading of the first bank that names it; so a folder of one
    bank lists exactly its columns, and a mixed folder hides no bank's columns.
    """
    columns: dict[str, str] = {}
    for bank in banks:
        for question_id in bank.list_columns:
            columns.setdefault(question_id, bank.by_id[question_id].heading)
    return list(columns.items())


def _list_value(bank: "Bank", answers: "dict[str, Any]", question_id: str) -> str:
    """One answer as a cell of ``scopewiz list``; "—" if unanswered or not in this bank.

    Dates are written as ``2026-12-01``: short, and they sort in a column.
    """
    from .engine import answer_text

    value = answers.get(question_id)
    if question_id not in bank.by_id or value in (None, "", [], {}):
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return answer_text(bank, question_id, value) or "—"


@app.command()
def template(
    bank_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--bank",
            readable=False,
            help="Question bank to use (default: the children's services bank).",
        ),
    ] = None,
) -> None:
    """Print the blank form as Markdown.

    With the help lines, to circulate before the meeting.
    """
    from .bank import load_bank
    from .render import render_template

    out(render_template(load_bank(bank_path)), end="")


@app.command()
def check(
    bank_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="BANK",
            readable=False,
            help="The bank file to check (default: the shipped bank).",
        ),
    ] = None,
) -> None:
    """Check a question bank for problems.

    Prints every problem as FILE:LINE: message and exits 1, or exits 0.
    """
    from .bank import load_bank

    bank = load_bank(bank_path)
    count = len(bank.questions)
    say(
        f"{shown_line(str(bank_path or bank.path))}: OK, {len(bank.sections)} sections, {count} questions"
    )


def _started() -> None:
    """Startup is over: every module the interview needs is loaded.

    main() holds the cyclic garbage collector off while the modules load: they
    make many long-lived objects and no garbage worth a pass, and its passes
    would otherwise cost a noticeable part of the wait for the first question.
    Here the objects made so far are frozen (never scanned again), and
    collection resumes for the interview itself. Commands run in other ways
    (tests, ``app`` called directly) leave the collector as they find it.
    """
    _release_collector(freeze=True)


#: Whether main() is holding the collector off (see _started).
_collector = {"held": False}


def _release_collector(*, freeze: bool) -> None:
    if _collector["held"]:
        _collector["held"] = False
        if freeze:
            gc.freeze()
        gc.enable()


def main() -> None:
    """Entry point: run the app; turn every user error into a message and an exit code."""
    _collector["held"] = gc.isenabled()
    gc.disable()  # until _started(); see there
    for stream in (sys.stdout, sys.stderr):
        # A character the terminal's encoding lacks is shown as an escape, not a crash.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        _run_app()
    finally:
        _release_collector(freeze=False)


#: What a full or vanished output device raises (ENOSPC for /dev/full, EIO for a closed terminal).
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EBADF})


def _run_app() -> None:
    """The app inside the one error boundary (see main)."""
    try:
        try:
            app(prog_name="scopewiz")
        except BrokenPipeError:
            raise OutputError("") from None
        except OSError as exc:
            # Click (help, usage) and rich (show) write some lines themselves.
            if exc.errno in _OUTPUT_ERRNOS:
                raise OutputError(f"Could not write the output: {exc.strerror}") from None
            raise
        except UnicodeEncodeError as exc:
            raise OutputError(
                f"The terminal cannot show the character {exc.object[exc.start]!a} "
                f"(its encoding is {exc.encoding}).",
            ) from None
    except OutputError as exc:
        _last_words(exc.message)
        sys.exit(EXIT_ERROR)
    except ScopewizError as exc:
        from .errors import BankError

        code = exc.exit_code
        if isinstance(exc, BankError):
            for problem in exc.problems:
                say(shown_line(problem))
            sys.exit(code)
        try:
            fail(exc.message, hint=exc.hint, code=code)
        except typer.Exit as stop:
            sys.exit(stop.exit_code)
        except OutputError as failed:
            _last_words(failed.message)
            sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        with contextlib.suppress(OutputError):
            say()
        sys.exit(EXIT_INTERRUPTED)


def _last_words(message: str) -> None:
    """Say why output failed, on stderr if it can still be written (a closed pipe says nothing)."""
    if message:
        with contextlib.suppress(OutputError):
            say(f"Error: {message}")
