"""Error types, one per kind of user mistake, each mapped to an exit status.

Messages are one line, name the file when there is one, and say what to do.
They never quote customer text: exports hold personal data.
"""

from __future__ import annotations

from pathlib import Path


class VocError(Exception):
    """A failure voc can explain. Exit status 1."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.path = None if path is None else str(path)
        super().__init__(message)

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.path}: {message}" if self.path else message


class UsageError(VocError):
    """A bad option or a combination of options that cannot work. Exit status 2."""

    exit_code = 2


class InputError(VocError):
    """An input that cannot be read as asked (missing, malformed, unknown). Exit status 2."""

    exit_code = 2


class ColumnError(InputError):
    """A column named on the command line, or needed, is not in the input."""


class PipelineError(UsageError):
    """A pipeline file that names unknown stages or cannot run in its order."""
