"""Reading content YAML field by field, reporting every problem at its ``path:line``.

One layer for every YAML file of the content (course and module manifests, lesson front
matter, quizzes, the glossary, the legal guide):

* :func:`read_yaml` and :func:`parse_document` read a file or a text, and report a file
  that cannot be read, a syntax error, a key written twice and a key that is not a plain
  word, each with the code of the file's family (:class:`FileCodes`);
* :class:`Fields` reads one mapping: typed values with the line of their key, unknown and
  missing fields.

Families keep their own codes and messages; what they share is how a value is found, how
its line is known and how a problem is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.problems import ProblemList
from app.content.yamlfile import LineDict, LineList, YamlError, parse, read_text


@dataclass(frozen=True)
class FileCodes:
    """The problem codes of one family of files."""

    #: The file cannot be read or is not valid YAML.
    syntax: str
    #: A key appears twice in one mapping.
    duplicate: str
    #: A key that is not a plain word (and, for callers, a value of the wrong shape).
    shape: str


#: Course and module manifests and lesson front matter.
COURSE_CODES = FileCodes("C001", "C016", "C001")
QUIZ_CODES = FileCodes("Q001", "Q016", "Q001")
GLOSSARY_CODES = FileCodes("G001", "G013", "G001")
LEGAL_CODES = FileCodes("L001", "L012", "L002")


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its whole text (for hashes) and its data."""

    text: str
    data: Any


def parse_document(
    text: str,
    path: Path,
    problems: ProblemList,
    codes: FileCodes,
    *,
    first_line: int = 1,
    raw: bool = False,
) -> Document | None:
    """Parse ``text`` (from ``path``), reporting its problems; ``None`` if it does not parse."""
    try:
        data, issues = parse(text, first_line=first_line, raw=raw)
    except YamlError as exc:
        problems.error(path, exc.line, codes.syntax, str(exc))
        return None
    for issue in issues:
        code = codes.duplicate if issue.kind == "duplicate" else codes.shape
        problems.error(path, issue.line, code, issue.message)
    return Document(text, data)


def read_yaml(
    path: Path, problems: ProblemList, codes: FileCodes, *, raw: bool = False
) -> Document | None:
    """Read and parse one YAML file, reporting its problems; ``None`` if it cannot be used."""
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(path, 0, codes.syntax, f"cannot read the file: {exc}")
        return None
    return parse_document(text, path, problems, codes, raw=raw)


def whole_number(value: Any, low: int, high: int) -> int | None:
    """``value`` if it is a whole number from ``low`` to ``high`` (``true`` is not one)."""
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


class Fields:
    """One mapping of a YAML file, read field by field.

    Problems are reported at the line of the key concerned (or of the mapping when the key
    is missing), in the file the mapping came from.
    """

    def __init__(self, data: LineDict, path: Path, problems: ProblemList) -> None:
        self.data = data
        self.path = path
        self.problems = problems

    @property
    def line(self) -> int:
        """The line of the mapping itself (its first key)."""
        return self.data.line

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` as parsed, or ``default``."""
        return self.data.get(key, default)

    def line_of(self, key: str) -> int:
        """The line of ``key`` (the mapping's line when it is missing)."""
        return self.data.line_of(key)

    def value_line(self, key: str) -> int:
        """The line where the value of ``key`` starts."""
        return self.data.value_line(key)

    def _where(self, where: str | int) -> int:
        return where if isinstance(where, int) else self.data.line_of(where)

    def error(self, where: str | int, code: str, message: str) -> None:
        """Record an error at the line of key ``where`` (or at line ``where``)."""
        self.problems.error(self.path, self._where(where), code, message)

    def warning(self, where: str | int, code: str, message: str) -> None:
        """Record a warning at the line of key ``where`` (or at line ``where``)."""
        self.problems.warning(self.path, self._where(where), code, message)

    def unknown(
        self,
        allowed: Collection[str],
        code: str,
        message: Callable[[str], str] = lambda key: f"unknown field '{key}'",
        *,
        warn: bool = False,
    ) -> None:
        """Report every key not in ``allowed`` (usually a typo)."""
        report = self.warning if warn else self.error
        for key in self.data:
            if key not in allowed:
                report(key, code, message(key))

    def missing(self, required: Collection[str], code: str, message: Callable[[str], str]) -> bool:
        """Report every key of ``required`` that is absent; whether all are present."""
        absent = [key for key in required if key not in self.data]
        for key in absent:
            self.error(self.line, code, message(key))
        return not absent

    def text(self, key: str, code: str, message: str) -> str | None:
        """The non-blank string at ``key``, or ``None`` after reporting ``message``."""
        value = self.data.get(key)
        if isinstance(value, str) and value.strip():
            return value
        self.error(key, code, message)
        return None

    def number(self, key: str, code: str, message: str, low: int, high: int) -> int | None:
        """The whole number from ``low`` to ``high`` at ``key``, or ``None`` after reporting."""
        value = whole_number(self.data.get(key), low, high)
        if value is None:
            self.error(key, code, message)
        return value

    def flag(self, key: str, code: str, message: str, default: bool) -> bool:
        """``true`` or ``false`` at ``key`` (``default`` when absent, or after reporting)."""
        value = self.data.get(key, default)
        if isinstance(value, bool):
            return value
        self.error(key, code, message)
        return default

    def mapping(self, key: str) -> Fields | None:
        """The nested mapping at ``key`` as :class:`Fields`, or ``None`` if it is not one."""
        value = self.data.get(key)
        return Fields(value, self.path, self.problems) if isinstance(value, LineDict) else None

    def items(self, key: str) -> LineList | None:
        """The list at ``key``, or ``None`` if it is not a list."""
        value = self.data.get(key)
        return value if isinstance(value, LineList) else None
