"""How far each language is: content files and interface catalogue together.

Used by ``flask courses status``, the public status page and the language switcher (a
language is offered there only when it is ready). No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.content.translations import TranslationIndex
from app.i18n_tools import translated_share
from app.languages import LANGUAGES


@dataclass(frozen=True)
class LanguageStatus:
    """One row of the status table."""

    tag: str
    name: str
    total: int
    complete: int
    stale: int
    missing: int
    reviewed: int
    interface: float | None
    generated_from: str | None
    course_ready: bool

    @property
    def ready(self) -> bool:
        """Interface fully translated and every lesson and quiz complete and not stale."""
        return self.course_ready and (self.tag == "en" or (self.interface or 0) >= 100.0)


def language_status(index: TranslationIndex, translations_dir: Path) -> list[LanguageStatus]:
    """A row per known language, in the order of :data:`LANGUAGES`."""
    rows = []
    for tag, lang in LANGUAGES.items():
        summary = index.summary(tag)
        babel = LANGUAGES[lang.transliterated_from or tag].babel
        share = 100.0 if tag == "en" else translated_share(translations_dir, babel)
        rows.append(
            LanguageStatus(
                tag,
                lang.english_name,
                summary.total,
                summary.complete,
                summary.stale,
                summary.missing,
                summary.reviewed,
                share,
                lang.transliterated_from,
                summary.course_ready,
            )
        )
    return rows


def ready_languages(index: TranslationIndex, translations_dir: Path) -> list[str]:
    """The languages to offer in the switcher."""
    return [row.tag for row in language_status(index, translations_dir) if row.ready]


def format_table(rows: list[LanguageStatus]) -> str:
    """The status as a plain-text table (also pasted into README.md)."""
    header = (
        "language",
        "files",
        "complete",
        "stale",
        "missing",
        "reviewed",
        "interface",
        "offered",
    )
    lines = [header]
    for row in rows:
        interface = "-" if row.interface is None else f"{row.interface:.0f}%"
        name = row.tag + (f" (from {row.generated_from})" if row.generated_from else "")
        lines.append(
            (
                name,
                str(row.total),
                str(row.complete),
                str(row.stale),
                str(row.missing),
                str(row.reviewed),
                interface,
                "yes" if row.ready else "no",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(line)
        ).rstrip()
        for line in lines
    )
