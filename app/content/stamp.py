"""``flask courses stamp``: record in translation files which English version they match.

A translator runs it after bringing a file up to date. Only the one ``source:`` line is
written (comments, layout and everything else stay as they were), so the change is easy
to read in a review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from app.content.translations import MISSING, TranslationFile, TranslationIndex
from app.content.yamlfile import LineDict, parse_yaml
from app.languages import LANGUAGES, source_of


class StampError(ValueError):
    """The language cannot be stamped (unknown, English, or generated)."""


def stamp(
    index: TranslationIndex, root: Path, language: str, paths: Iterable[str] = ()
) -> list[str]:
    """Write the current source hash into ``language``'s files; returns the files changed.

    ``paths`` (relative to ``root`` or absolute) limit it to those files; empty means all
    files of the language.
    """
    if language not in LANGUAGES or language == "en":
        raise StampError(f"'{language}' is not a translated language")
    source = source_of(language)
    if source is not None:
        raise StampError(
            f"{language} is made from {source} and never stamped: stamp {source} instead"
        )
    wanted = {_relative(p, root) for p in paths}
    changed = []
    for item in index.files:
        if item.language != language or item.state == MISSING:
            continue
        if wanted and item.path not in wanted:
            continue
        if item.untranslated:
            if wanted:
                raise StampError(
                    f"{item.path}: {item.untranslated} texts have no {language} text yet; "
                    "translate them first (make check-content shows the first one)"
                )
            continue
        if item.recorded == item.current:
            continue
        path = root / item.path
        text = path.read_text(encoding="utf-8")
        new = _write(item, text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(item.path)
    return changed


def _relative(path: str, root: Path) -> str:
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return candidate.as_posix()
    return Path(path).as_posix()


def _write(item: TranslationFile, text: str) -> str:
    line = f'source: "{item.current}"'
    if item.kind == "legal":
        return _write_legal(item, text)
    lines = text.split("\n")
    if item.path.endswith(".md"):
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if lines[0].strip() != "---" or end is None:
            return text
        for i in range(1, end):
            if re.match(r"source\s*:", lines[i]):
                lines[i] = line
                return "\n".join(lines)
        lines.insert(end, line)
        return "\n".join(lines)
    for i, current in enumerate(lines):
        if re.match(r"source\s*:", current):
            lines[i] = line
            return "\n".join(lines)
    first = next(
        (i for i, current in enumerate(lines) if current.strip() and not current.startswith("#")),
        len(lines),
    )
    if first < len(lines) and lines[first].startswith("-"):
        # A glossary written as a bare list becomes 'terms:' with the list under it.
        lines[first:first] = [line, "terms:"]
    else:
        lines.insert(first, line)
    return "\n".join(lines)


def _write_legal(item: TranslationFile, text: str) -> str:
    data = parse_yaml(read_text_from(text))
    table = data.get("translations") if isinstance(data, LineDict) else None
    entry = table.get(item.language) if isinstance(table, LineDict) else None
    reviewed = entry.get("reviewed") if isinstance(entry, dict) else None
    value = f'source: "{item.current}"'
    if isinstance(reviewed, dict) and reviewed.get("by") and reviewed.get("on"):
        value += f", reviewed: {{by: {reviewed['by']}, on: {reviewed['on']}}}"
    new_line = f"  {item.language}: {{{value}}}"
    lines = text.split("\n")
    if not isinstance(table, LineDict):
        first = next(
            (
                i
                for i, current in enumerate(lines)
                if current.strip() and not current.startswith("#")
            ),
            len(lines),
        )
        lines[first:first] = ["translations:", new_line]
        return "\n".join(lines)
    if isinstance(entry, dict) or item.language in table:
        start = table.line_of(item.language) - 1
        end = start + 1
        while end < len(lines) and lines[end].startswith("    "):
            end += 1
        lines[start:end] = [new_line]
    else:
        lines.insert(table.line - 1 if table.line > 0 else 0, new_line)
        # table.line is the line of its first key; the new key goes just before it.
    return "\n".join(lines)


def read_text_from(text: str) -> str:
    """Normalise line endings as :func:`read_text` does for files."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
