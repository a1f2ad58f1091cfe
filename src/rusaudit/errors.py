"""Exceptions that carry a one-line message and a documented exit code."""

from __future__ import annotations

# Exit codes (documented in README.md).
EXIT_OK = 0
EXIT_FAILED = 1  # a gate failed / some files in a batch failed
EXIT_INPUT = 2  # usage, configuration or input error


class RusauditError(Exception):
    """An error the user can act on; rendered as one line, never a traceback."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def line(self) -> str:
        """One line, whatever a parser put in the message or a stranger in the file name."""
        from .safetext import terminal

        where = f"{self.path}: " if self.path else ""
        return " ".join(terminal(f"error: {where}{self.message}").split())


class InputError(RusauditError):
    """A document that cannot be read (missing, not a PDF, damaged, encrypted, no text)."""


class RuleError(RusauditError):
    """An invalid rule file."""
