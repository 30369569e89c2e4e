"""Which English version each translated file was made from, and who reviewed it.

Every translated lesson, quiz, facilitator note and glossary records the short hash of the
English file it translates (``source: "ab12cd34"``); each country file of the legal guide
records one per language in its ``translations:`` map, hashed over the file's English texts.
When the English changes, the recorded hash no longer matches and the translation is
*stale*. ``reviewed: {by: ..., on: ...}`` says a fluent speaker read the file.

Generated languages (Serbian and Montenegrin Cyrillic) are never stamped: they follow the
Latin file they are made from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.content.legal_texts import english_texts_hash, legal_texts, untranslated
from app.content.problems import ProblemList
from app.content.yamlfile import LineDict, YamlError, parse_yaml, read_text
from app.languages import source_of, written

SOURCE = "en"
COMPLETE, STALE, MISSING = "complete", "stale", "missing"


def translated_languages() -> tuple[str, ...]:
    """Languages whose files are written (and stamped) by translators."""
    return tuple(tag for tag in written() if tag != SOURCE)


def source_hash(text: str) -> str:
    """The short hash of an English file's text that translations record."""
    return hashlib.sha256(text.encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Reviewed:
    """Who read a translation as a fluent speaker, and on which day."""

    by: str
    on: str


@dataclass(frozen=True)
class TranslationFile:
    """The state of one file in one language."""

    kind: str
    language: str
    path: str
    source_path: str
    state: str
    line: int = 0
    recorded: str | None = None
    current: str = ""
    reviewed: Reviewed | None = None
    #: Legal files: how many texts still have no text in ``language``.
    untranslated: int = 0


@dataclass(frozen=True)
class Summary:
    """Counts for one language, as ``flask courses status`` prints them."""

    language: str
    total: int
    complete: int
    stale: int
    missing: int
    reviewed: int
    course_ready: bool


@dataclass(frozen=True)
class TranslationIndex:
    """Every translation's state, looked up by ``(path, language)``."""

    files: tuple[TranslationFile, ...] = ()
    _by_key: Mapping[tuple[str, str], TranslationFile] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def get(self, path: str, language: str) -> TranslationFile | None:
        """The translation at ``path`` in ``language`` (generated scripts follow their source)."""
        source = source_of(language)
        if source is not None:
            path = path.replace(f".{language}.", f".{source}.")
            language = source
        return self._by_key.get((path, language))

    def find(self, kind: str, language: str, name: str) -> TranslationFile | None:
        """The ``kind`` file (``glossary``, ``legal``) in ``language`` whose name is ``name``."""
        language = source_of(language) or language
        return next(
            (
                f
                for f in self.files
                if f.kind == kind
                and f.language == language
                and f.state != MISSING
                and f.path.rsplit("/", 1)[-1] == name
            ),
            None,
        )

    def summary(self, language: str) -> Summary:
        """Complete / stale / missing / reviewed counts for ``language``."""
        source = source_of(language)
        if source is not None:
            base = self.summary(source)
            return Summary(
                language,
                *[
                    getattr(base, f)
                    for f in ("total", "complete", "stale", "missing", "reviewed", "course_ready")
                ],
            )
        files = [f for f in self.files if f.language == language]
        if language == SOURCE:
            return Summary(language, len(files), len(files), 0, 0, 0, True)
        count = {
            state: sum(f.state == state for f in files) for state in (COMPLETE, STALE, MISSING)
        }
        ready = bool(files) and all(
            f.state == COMPLETE for f in files if f.kind in ("lesson", "quiz")
        )
        return Summary(
            language,
            len(files),
            count[COMPLETE],
            count[STALE],
            count[MISSING],
            sum(f.reviewed is not None and f.state != MISSING for f in files),
            ready,
        )


def _reviewed(
    meta: Mapping[str, Any] | None, path: Path, problems: ProblemList, line: int
) -> Reviewed | None:
    value = (meta or {}).get("reviewed")
    if value is None:
        return None
    if not isinstance(value, dict) or not value.get("by") or not value.get("on"):
        problems.error(
            path,
            getattr(meta, "line_of", lambda _k: line)("reviewed"),
            "T010",
            "'reviewed' must say who and when: reviewed: {by: Ana Petrović, on: 2026-12-01}",
        )
        return None
    return Reviewed(str(value["by"]).strip(), str(value["on"]))


def _recorded(meta: Mapping[str, Any] | None) -> str | None:
    value = (meta or {}).get("source")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


@dataclass
class _Seen:
    kind: str
    text_hash: str
    meta: Mapping[str, Any] | None
    path: Path


class TranslationCollector:
    """Collects files while the content loads; :meth:`finish` compares them."""

    def __init__(self, problems: ProblemList) -> None:
        self.problems = problems
        # source path -> language -> what was read
        self.seen: dict[Path, dict[str, _Seen]] = {}
        self.legal: list[tuple[Path, LineDict]] = []

    def add(
        self,
        kind: str,
        source_path: Path,
        language: str,
        path: Path,
        text: str,
        meta: Mapping[str, Any] | None,
    ) -> None:
        """Record a file that the loader has read (``text`` is its whole content)."""
        self.seen.setdefault(source_path, {})[language] = _Seen(kind, source_hash(text), meta, path)

    def add_legal(self, path: Path, data: Any) -> None:
        """Record a legal file as read (all its languages sit side by side in one file)."""
        if path.name == "verified.yaml":
            return
        if isinstance(data, LineDict):
            self.legal.append((path, data))

    def finish(self, warn: bool = True) -> TranslationIndex:
        """Compare each translation with its English source; report the stale ones."""
        rel = self.problems.rel
        files: list[TranslationFile] = []
        languages = translated_languages()
        for source_path, versions in sorted(self.seen.items()):
            english = versions.get(SOURCE)
            if english is None:
                continue
            files.append(
                TranslationFile(
                    english.kind,
                    SOURCE,
                    rel(english.path),
                    rel(source_path),
                    COMPLETE,
                    current=english.text_hash,
                )
            )
            for lang in languages:
                seen = versions.get(lang)
                expected = _translation_path(source_path, lang)
                if seen is None:
                    files.append(
                        TranslationFile(
                            english.kind, lang, rel(expected), rel(source_path), MISSING
                        )
                    )
                    continue
                meta = seen.meta
                line = meta.line_of("source") if isinstance(meta, LineDict) else 1
                files.append(
                    self._judge(
                        english.kind,
                        lang,
                        seen.path,
                        source_path,
                        meta,
                        english.text_hash,
                        line,
                        warn,
                    )
                )
        for path, data in self.legal:
            current = english_texts_hash(data)
            files.append(
                TranslationFile("legal", SOURCE, rel(path), rel(path), COMPLETE, current=current)
            )
            texts = legal_texts(data)
            table = data.get("translations")
            table = table if isinstance(table, LineDict) else LineDict()
            for lang in languages:
                meta = table.get(lang)
                gaps = untranslated(texts, lang)
                if len(gaps) == len(texts):
                    files.append(TranslationFile("legal", lang, rel(path), rel(path), MISSING))
                    continue
                line = table.line_of(lang) if lang in table else 1
                if gaps:
                    files.append(self._incomplete(lang, path, gaps, len(texts), current, warn))
                    continue
                files.append(
                    self._judge(
                        "legal",
                        lang,
                        path,
                        path,
                        meta if isinstance(meta, dict) else None,
                        current,
                        line,
                        warn,
                    )
                )
        index = {(f.path, f.language): f for f in files if f.state != MISSING}
        return TranslationIndex(tuple(files), MappingProxyType(index))

    def _incomplete(
        self, lang: str, path: Path, gaps: list[Any], total: int, current: str, warn: bool
    ) -> TranslationFile:
        """A legal file that some texts of ``lang`` are still missing from: not complete, so
        it counts as stale (its stamp, if any, cannot vouch for texts that are not there)."""
        line = _first_line(gaps[0])
        if warn:
            self.problems.warning(
                path,
                line,
                "STALE",
                f"{lang} is incomplete: {len(gaps)} of {total} texts have no {lang} text yet "
                f"(this is the first); translate them, then run 'flask courses stamp {lang} "
                f"{self.problems.rel(path)}'",
            )
        rel = self.problems.rel(path)
        return TranslationFile(
            "legal", lang, rel, rel, STALE, line, None, current, untranslated=len(gaps)
        )

    def _judge(
        self,
        kind: str,
        lang: str,
        path: Path,
        source_path: Path,
        meta: Mapping[str, Any] | None,
        current: str,
        line: int,
        warn: bool,
    ) -> TranslationFile:
        rel = self.problems.rel
        recorded = _recorded(meta)
        reviewed = _reviewed(meta, path, self.problems, line)
        state = COMPLETE if recorded == current else STALE
        if state == STALE and warn:
            what = (
                "records no source hash"
                if recorded is None
                else "was translated from an older English version"
            )
            self.problems.warning(
                path,
                line,
                "STALE",
                f"{lang} {what}: bring it up to date, then run 'flask courses stamp {lang} "
                f"{rel(path)}' (source: {rel(source_path)})",
            )
        return TranslationFile(
            kind, lang, rel(path), rel(source_path), state, line, recorded, current, reviewed
        )


def _first_line(text: Any) -> int:
    return text.line if isinstance(text, LineDict) else 1


def _translation_path(source_path: Path, lang: str) -> Path:
    name = source_path.name
    if name == f"{SOURCE}.yaml":
        return source_path.with_name(f"{lang}.yaml")
    return source_path.with_name(name.replace(f".{SOURCE}.", f".{lang}.", 1))


def source_path_of(path: Path, lang: str) -> Path:
    """The English file that ``path`` (a file in ``lang``) translates."""
    name = path.name
    if name == f"{lang}.yaml":
        return path.with_name(f"{SOURCE}.yaml")
    return path.with_name(name.replace(f".{lang}.", f".{SOURCE}.", 1))


def collect_glossary(
    courses_dir: Path, collector: TranslationCollector, languages: Iterable[str]
) -> None:
    """Add the glossary files to ``collector`` (a few small files, read again here)."""
    glossary = courses_dir / "glossary"
    for lang in (SOURCE, *languages):
        path = glossary / f"{lang}.yaml"
        if not path.is_file():
            continue
        try:
            text = read_text(path)
        except (OSError, UnicodeDecodeError):
            continue  # the glossary loader reports it
        try:
            data = parse_yaml(text)
        except YamlError:
            data = None  # the glossary loader reports it
        meta = data if isinstance(data, LineDict) else None
        collector.add("glossary", glossary / f"{SOURCE}.yaml", lang, path, text, meta)
