"""The one exception family a user can cause, and the exit codes scripts rely on."""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class ScopewizError(Exception):
    """An error the user can act on. The CLI prints it in one red line, no traceback."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class BankError(ScopewizError):
    """A question bank that cannot be used. Carries every problem found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class SessionFileError(ScopewizError):
    """A session or answers file that cannot be read or written."""


class FileTakenError(SessionFileError):
    """A file scopewiz was to create exists already; it was left as it is."""

    def __init__(self, message: str, *, path: object, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path = path


class FileChangedError(FileTakenError):
    """A file scopewiz was saving again was changed on disk by someone else; it was left as it is."""
