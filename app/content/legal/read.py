"""Reading the values of a legal guide file: texts, sources, dates, ids, lists.

The guide's files are read with scalars kept as written (``raw``), so that ``yes``, ``no``
and dates mean what the editor typed. Every reader reports a mistake at the line of the
value concerned and returns ``None`` (or an empty tuple) for what it cannot use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from app.content.fields import Fields
from app.content.legal.model import (
    CONFIDENCE_LEVELS,
    KNOWN_LANGUAGES,
    Source,
    Text,
)
from app.content.problems import ProblemList
from app.content.yamlfile import LineDict, LineList
from app.languages import LANGUAGES, derived

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PHONE_RE = re.compile(r"^[0-9+()\-/ ]+$")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_T = TypeVar("_T")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}
#: Fields every sourced item may have.
SOURCED_FIELDS = ("source", "checked", "confidence")


def _is_container(value: Any) -> bool:
    return isinstance(value, LineDict | LineList)


class Reader:
    """What reading one guide shares: the problems, the languages, the ids, the current file."""

    def __init__(self, problems: ProblemList, languages: Sequence[str]) -> None:
        self.problems = problems
        self.languages = tuple(languages)
        self.ids: dict[str, tuple[str, int]] = {}
        self.path = Path()
        # The area codes the current country file declares (``areas:``), in file order.
        self.areas: tuple[str, ...] = ()
        # Texts in a language that a Cyrillic script is generated from must be Latin only.
        self.latin_only = set(derived().values())

    def error(self, line: int, code: str, message: str) -> None:
        """Record an error at ``line`` of the current file."""
        self.problems.error(self.path, line, code, message)

    def warning(self, line: int, code: str, message: str) -> None:
        """Record a warning at ``line`` of the current file."""
        self.problems.warning(self.path, line, code, message)

    def mapping(self, value: Any, line: int, what: str) -> Fields | None:
        """``value`` as :class:`Fields`, or ``None`` after reporting that it is no mapping."""
        if not isinstance(value, LineDict):
            self.error(line, "L002", f"{what} must be a mapping of `field: value` lines")
            return None
        return Fields(value, self.path, self.problems)

    def check_fields(
        self, fields: Fields, what: str, required: Sequence[str], optional: Sequence[str]
    ) -> bool:
        """Report missing and unknown fields; return whether all required fields are present."""
        ok = fields.missing(
            required, "L003", lambda name: f"{what}: missing required field `{name}`"
        )
        allowed = set(required) | set(optional)
        fields.unknown(
            allowed,
            "L004",
            lambda name: f"{what}: unknown field `{name}` (allowed: {', '.join(sorted(allowed))})",
            warn=True,
        )
        return ok

    def at(self, fields: Fields, key: str, read: Callable[[Any, int, str], _T]) -> _T | None:
        """``read`` applied to field ``key`` of ``fields`` (called by its key), if it is there."""
        return read(fields.get(key), fields.value_line(key), key) if key in fields else None

    def sequence(self, value: Any, line: int, what: str) -> list[tuple[Any, int]]:
        """The items of a list with their lines (nothing for an empty value)."""
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.error(line, "L002", f"`{what}` must be a list (lines starting with `- `)")
            return []
        return [(item, value.line_at(index)) for index, item in enumerate(value)]

    def scalar(self, value: Any, line: int, what: str) -> str | None:
        """A non-empty single value, or ``None`` after reporting."""
        if _is_container(value):
            self.error(line, "L002", f"{what} must be a single value, not a list or mapping")
            return None
        text = "" if value is None else str(value).strip()
        if not text:
            self.error(line, "L015", f"{what} is empty")
            return None
        return text

    def boolean(self, value: Any, line: int, what: str) -> bool | None:
        """``true``/``yes``/``on`` or ``false``/``no``/``off``."""
        text = self.scalar(value, line, what)
        if text is None:
            return None
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        self.error(line, "L002", f"{what} must be true or false, not `{text}`")
        return None

    def strings(self, value: Any, line: int, what: str) -> tuple[str, ...]:
        """A single value or a list of values."""
        if not _is_container(value):
            text = self.scalar(value, line, what)
            return (text,) if text is not None else ()
        if not isinstance(value, LineList):
            self.error(line, "L002", f"{what} must be a value or a list of values")
            return ()
        items = (self.scalar(item, value.line_at(i), what) for i, item in enumerate(value))
        return tuple(item for item in items if item is not None)

    def text(self, value: Any, line: int, what: str) -> Text | None:
        """A text in several languages, ``{en: ..., sr-Latn: ...}``."""
        fields = self.mapping(value, line, f"{what} (a text in each language)")
        if fields is None:
            return None
        texts: dict[str, str] = {}
        for lang in fields:
            if lang not in KNOWN_LANGUAGES:
                fields.warning(
                    lang,
                    "L006",
                    f"{what}: unknown language `{lang}` (known: {', '.join(KNOWN_LANGUAGES)})",
                )
            text = self.scalar(fields.get(lang), fields.value_line(lang), f"{what} [{lang}]")
            if text is None:
                continue
            if lang in self.latin_only and _CYRILLIC_RE.search(text):
                name = LANGUAGES[lang].english_name.split(" (")[0]
                self.error(
                    fields.value_line(lang),
                    "L016",
                    f"{what} [{lang}] contains Cyrillic "
                    f"letters; write {name} in Latin script only (Cyrillic is generated "
                    "automatically)",
                )
            texts[lang] = text
        missing = [lang for lang in self.languages if lang not in fields]
        if missing:
            self.error(fields.line, "L005", f"{what}: missing language(s) {', '.join(missing)}")
        # Marks of foreign-language text ([Rruga e Kavajës]{lang=sq}) stay in: the pages turn
        # them into <span lang>, and text_for removes them for plain-text uses.
        return MappingProxyType(texts)

    def url(self, value: Any, line: int, what: str) -> str | None:
        """An address starting with ``https://`` or ``http://``."""
        text = self.scalar(value, line, what)
        if text is None:
            return None
        if not text.startswith(("https://", "http://")) or " " in text:
            self.error(line, "L008", f"{what} `{text}` must start with https:// or http://")
            return None
        return text

    def source(self, value: Any, line: int) -> Source | None:
        """One source: a title, and the address and date if there are any."""
        fields = self.mapping(value, line, "source")
        if fields is None:
            return None
        self.check_fields(fields, "source", ("title",), ("url", "date"))
        if "title" not in fields:
            self.error(fields.line, "L007", "source has no `title`")
            return None
        title = self.scalar(fields.get("title"), fields.value_line("title"), "source title")
        url = (
            self.url(fields.get("url"), fields.value_line("url"), "source url")
            if ("url" in fields)
            else None
        )
        when = (
            self.scalar(fields.get("date"), fields.value_line("date"), "source date")
            if ("date" in fields)
            else None
        )
        if title is None:
            return None
        return Source(title=title, url=url, date=when)

    def sources(self, fields: Fields, what: str) -> tuple[Source, ...] | None:
        """``source`` (one mapping or a list of them); ``None`` if there is no usable source."""
        if "source" not in fields:
            self.error(fields.line, "L007", f"{what} has no `source`: every fact needs one")
            return None
        value, line = fields.get("source"), fields.value_line("source")
        items = (
            self.sequence(value, line, "source") if isinstance(value, LineList) else [(value, line)]
        )
        sources = tuple(s for s in (self.source(item, at) for item, at in items) if s is not None)
        if not sources:
            self.error(line, "L007", f"{what} has no usable source")
            return None
        return sources

    def checked(self, fields: Fields, what: str) -> date | None:
        """The ``checked`` date, written ``YYYY-MM-DD``."""
        if "checked" not in fields:
            self.error(fields.line, "L009", f"{what} has no `checked` date (YYYY-MM-DD)")
            return None
        value = fields.get("checked")
        raw = "" if value is None or _is_container(value) else str(value).strip()
        if _DATE_RE.match(raw):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        self.error(
            fields.value_line("checked"),
            "L009",
            f"{what}: `checked` must be a real date written YYYY-MM-DD",
        )
        return None

    def confidence(self, fields: Fields, what: str) -> str | None:
        """How sure the research is (one of :data:`CONFIDENCE_LEVELS`)."""
        if "confidence" not in fields:
            self.error(fields.line, "L003", f"{what}: missing required field `confidence`")
            return None
        line = fields.value_line("confidence")
        value = self.scalar(fields.get("confidence"), line, f"{what} confidence")
        if value is not None and value not in CONFIDENCE_LEVELS:
            self.error(
                line,
                "L011",
                f"{what}: confidence `{value}` must be one of {', '.join(CONFIDENCE_LEVELS)}",
            )
            return None
        return value

    def item_id(self, fields: Fields, what: str, required: bool) -> str | None:
        """The item's ``id``, unique across the whole guide."""
        if "id" not in fields:
            if required:
                self.error(fields.line, "L003", f"{what}: missing required field `id`")
            return None
        line = fields.value_line("id")
        value = self.scalar(fields.get("id"), line, f"{what} id")
        if value is None:
            return None
        if value in self.ids:
            other_path, other_line = self.ids[value]
            self.error(line, "L012", f"id `{value}` is already used at {other_path}:{other_line}")
            return None
        self.ids[value] = (self.problems.rel(self.path), line)
        return value
