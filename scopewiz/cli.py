"""The command line: parse, call the core, print. One error boundary for every command.

Heavy modules (questionary, prompt_toolkit) are imported inside the commands
that prompt, so that ``render`` and ``--help`` start fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from . import __version__
from .errors import EXIT_ERROR, EXIT_INTERRUPTED, ScopewizError

if TYPE_CHECKING:
    from .bank import Bank
    from .runner import Prompter
    from .session import Session

app = typer.Typer(
    name="scopewiz",
    help=(
        "Run the scoping meeting for a children's services peer challenge as a "
        "terminal interview, saving every answer as you go, and print the record."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


# -- output ----------------------------------------------------------------------


def _colour(stream: object) -> bool:
    return not os.environ.get("NO_COLOR") and bool(getattr(stream, "isatty", lambda: False)())


def say(text: str = "") -> None:
    """A line for the user on stderr (stdout stays clean for records)."""
    print(text, file=sys.stderr, flush=True)


def _styled(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if _colour(sys.stderr) else text


def fail(message: str, *, hint: str | None = None, code: int = EXIT_ERROR) -> NoReturn:
    """Print an error (red where colour is allowed) and exit with ``code``."""
    for line in message.splitlines() or [message]:
        say(_styled(f"Error: {line}" if not line.startswith("Error") else line, "31"))
    if hint:
        say(hint)
    raise typer.Exit(code)


def _resume_line(path: Path | None) -> str:
    if path is None:
        return "Nothing was saved: no question had been answered yet."
    return f"Saved to {_shell_path(path)}. Resume with: scopewiz resume {_shell_path(path)}"


def _shell_path(path: Path) -> str:
    text = str(path)
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
        text = str(rel)
    except ValueError:
        pass
    if any(c in text for c in " '\"$`\\&;|<>()*?!#~"):
        return "'" + text.replace("'", "'\\''") + "'"
    return text


# -- shared steps -------------------------------------------------------------------


def _prompter(plain: bool) -> Prompter:
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    from .prompts import PlainPrompter, TerminalPrompter

    if plain or not interactive:
        return PlainPrompter()
    return TerminalPrompter()


def _interview(bank: Bank, session: Session, prompter: Prompter, *, fixed: bool) -> None:
    """Run the interview to the end, or exit 130/1 with the resume line."""
    from .render import render
    from .runner import run_interview
    from .session import Saver, record_path, write_atomic

    today = dt.date.today()
    saver = Saver(bank, session, folder=Path.cwd(), fixed=fixed, today=today)
    try:
        run_interview(bank, session, prompter, saver, today=today)
    except KeyboardInterrupt:
        say()
        say(_resume_line(session.path))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except EOFError:
        say()
        say("Input ended before the interview was complete.")
        say(_resume_line(session.path))
        raise typer.Exit(EXIT_ERROR) from None
    assert session.path is not None
    out = record_path(session.path)
    write_atomic(out, render(bank, session.state, source=session.path.name, saved=session.updated))
    say()
    say(_styled("Interview complete.", "1;32"))
    say(f"  Session: {_shell_path(session.path)}")
    say(f"  Record:  {_shell_path(out)}")


# -- commands --------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        print(f"scopewiz {__version__}")
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


@app.command()
def new(
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="Session file to write (default: HOST-DATE.scopewiz.yaml here)."
        ),
    ] = None,
    bank_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--bank", help="Question bank to use (default: the children's services bank)."
        ),
    ] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="Ask line by line, for screen readers and piped input.")
    ] = False,
) -> None:
    """Start a new scoping interview, saving every answer as it is given."""
    from .bank import load_bank
    from .session import SUFFIX, Session

    bank = load_bank(bank_path)
    session = Session.start(bank, builtin=bank_path is None)
    prompter = _prompter(plain)
    if output is not None:
        if output.is_dir():
            fail(f"{output} is a folder; give a file name such as {output / ('meeting' + SUFFIX)}")
        if output.exists():
            try:
                replace = prompter.confirm(
                    f"{output} already exists. Replace it with a new session?", False
                )
            except (KeyboardInterrupt, EOFError):
                replace = False
            if not replace:
                fail(
                    f"{output} already exists and was left as it is.",
                    hint=f"Carry on with it: scopewiz resume {_shell_path(output)}",
                )
        session.path = output
    _interview(bank, session, prompter, fixed=output is not None)


@app.command()
def resume(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The session file to carry on with.")],
    plain: Annotated[
        bool, typer.Option("--plain", help="Ask line by line, for screen readers and piped input.")
    ] = False,
) -> None:
    """Carry on with a session at the first question still unanswered."""
    from .engine import is_complete, visible_questions
    from .runner import answered_summary
    from .session import load_session

    bank, session, notes = load_session(file)
    for note in notes:
        say(_styled(note, "33"))
    if is_complete(bank, session.state):
        say(f"{file} is complete: every question is answered.")
        say(f"Print the record with: scopewiz render {_shell_path(file)}")
        return
    questions = visible_questions(bank, session.state)
    done = sum(1 for q in questions if q.id in session.answers)
    say(f"Resuming {file}: {done} of {len(questions)} questions answered.")
    summary = answered_summary(bank, session)
    if summary:
        say("Already answered in this section:")
        for line in summary:
            say(line)
    _interview(bank, session, _prompter(plain), fixed=True)


@app.command("render")
def render_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The session file to render.")],
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="Write the Markdown to this file instead of printing it."
        ),
    ] = None,
) -> None:
    """Print the Markdown record of a session (complete or not)."""
    from .render import render
    from .session import load_session, write_atomic

    bank, session, notes = load_session(file)
    for note in notes:
        say(note)
    text = render(bank, session.state, source=file.name, saved=session.updated)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(output, text)
    say(f"Wrote {output}")


@app.command()
def check(
    bank_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="BANK", help="The bank file to check (default: the shipped bank)."
        ),
    ] = None,
) -> None:
    """Check a question bank; print every problem as FILE:LINE: message."""
    from .bank import load_bank

    bank = load_bank(bank_path)
    count = len(bank.questions)
    say(f"{bank_path or bank.path}: OK, {len(bank.sections)} sections, {count} questions")


def main() -> None:
    """Entry point: run the app; turn every user error into a message and an exit code."""
    try:
        app(prog_name="scopewiz")
    except ScopewizError as exc:
        from .errors import BankError

        code = exc.exit_code
        if isinstance(exc, BankError):
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            sys.exit(code)
        try:
            fail(exc.message, hint=exc.hint, code=code)
        except typer.Exit as stop:
            sys.exit(stop.exit_code)
    except KeyboardInterrupt:
        say()
        sys.exit(EXIT_INTERRUPTED)
