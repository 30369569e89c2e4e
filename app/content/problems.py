"""Problems found in course content, reported like compiler diagnostics.

The content loader never raises on an author's mistake: it collects :class:`Problem`
objects so that one run of ``flask courses check`` shows every problem at once, each as
``path:line: severity CODE message`` that editors can jump to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How serious a problem is; errors stop a production start, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file at one line (1-based; 0 when it concerns the whole file)."""

    path: str
    line: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity} {self.code} {self.message}"


class ProblemList(list[Problem]):
    """A list of problems with helpers that keep call sites short."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__()
        self.root = root

    def rel(self, path: Path) -> str:
        """Return ``path`` relative to the project root when possible, for readable output."""
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def error(self, path: Path, line: int, code: str, message: str) -> None:
        """Record an error at ``path:line``."""
        self.append(Problem(self.rel(path), line, code, message, Severity.ERROR))

    def warning(self, path: Path, line: int, code: str, message: str) -> None:
        """Record a warning at ``path:line``."""
        self.append(Problem(self.rel(path), line, code, message, Severity.WARNING))

    @property
    def errors(self) -> list[Problem]:
        """Only the problems that are errors."""
        return [p for p in self if p.severity is Severity.ERROR]
