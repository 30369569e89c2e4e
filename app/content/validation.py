"""The fields of course and module manifests and of lesson front matter, and cross-file checks.

:mod:`app.content.loader` walks the folders; this module reads what one file says and
reports each mistake as a problem (``C0xx`` codes), then, once everything is loaded, checks
the references between files (``R0xx``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from app.content.derive import derive_texts
from app.content.fields import COURSE_CODES, Fields, parse_document, read_yaml, whole_number
from app.content.legal import LegalGuide
from app.content.legal_links import link_problem
from app.content.markdown import References
from app.content.model import EMPTY, Localized, Term
from app.content.problems import ProblemList
from app.content.translit import strip_marks
from app.content.yamlfile import LineDict, split_front_matter
from app.languages import LANGUAGES

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COURSE_KEYS = {
    "slug",
    "version",
    "languages",
    "min_age",
    "audience",
    "title",
    "summary",
    "content_warning",
}
MODULE_KEYS = {"slug", "title", "summary", "content_warning"}
LESSON_KEYS = {"slug", "title", "duration", "source", "reviewed"}
NOTES_KEYS = {"title", "source", "reviewed"}


def read_manifest(path: Path, problems: ProblemList) -> Fields | None:
    """``course.yaml`` or ``module.yaml`` as fields, or ``None`` after reporting why not."""
    if not path.is_file():
        problems.error(path, 0, "C001", f"{path.name} is missing")
        return None
    document = read_yaml(path, problems, COURSE_CODES)
    if document is None:
        return None
    if not isinstance(document.data, LineDict):
        problems.error(path, 1, "C001", f"{path.name} must be a set of 'field: value' lines")
        return None
    return Fields(document.data, path, problems)


def read_front_matter(
    file: Path, text: str, problems: ProblemList
) -> tuple[Fields | None, str, int]:
    """A Markdown file's front matter as fields, its body and the body's first line.

    Lines of the front matter are counted from the top of the file.
    """
    front, body, first_line = split_front_matter(text)
    if front is None:
        problems.error(
            file,
            1,
            "C001",
            "front matter missing: start the file with '---', "
            "then 'slug:', 'title:', 'duration:', then '---'",
        )
        return None, text, 1
    document = parse_document(front, file, problems, COURSE_CODES, first_line=2)
    if document is None:
        return None, body, first_line
    if not isinstance(document.data, LineDict):
        problems.error(file, 2, "C001", "front matter must be 'field: value' lines")
        return None, body, first_line
    return Fields(document.data, file, problems), body, first_line


def unknown_keys(data: Fields, allowed: set[str]) -> None:
    """Report every field not in ``allowed`` (C007)."""
    data.unknown(allowed, "C007")


def read_slug(data: Fields) -> str | None:
    """The ``slug`` field, or ``None`` after reporting it (C002)."""
    slug = data.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        data.error("slug", "C002", "'slug' is missing or not lower-case letters, digits and dashes")
        return None
    return slug


def read_languages(data: Fields) -> list[str]:
    """The course's ``languages`` (``["en"]`` after reporting a wrong list, C008)."""
    languages = data.get("languages")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(lang, str) and lang in LANGUAGES for lang in languages)
    ):
        data.error(
            "languages",
            "C008",
            f"'languages' must list known language tags ({', '.join(LANGUAGES)})",
        )
        return ["en"]
    return list(languages)


def read_min_age(data: Fields) -> int:
    """The course's ``min_age`` (0 after reporting a wrong one, C009)."""
    min_age = data.number("min_age", "C009", "'min_age' must be a whole number of years", 6, 99)
    return 0 if min_age is None else min_age


def read_version(data: Fields) -> str:
    """The course's ``version`` ("0" after reporting a missing one, C010)."""
    version = data.get("version")
    if not isinstance(version, str | int) or isinstance(version, bool):
        data.error("version", "C010", "'version' is missing")
        return "0"
    return str(version)


def read_title(data: Fields, default: str) -> str:
    """A page's ``title`` (``default`` after reporting a missing one, C004)."""
    title = data.text("title", "C004", "'title' is missing")
    return default if title is None else title.strip()


def read_duration(data: Fields) -> int:
    """A lesson's ``duration`` in minutes (0 after reporting a wrong one, C015)."""
    duration = whole_number(data.get("duration", 0), 1, 60)
    if duration is None:
        data.error("duration", "C015", "'duration' must be the minutes the lesson takes, 1 to 60")
        return 0
    return duration


def read_localized(
    data: Fields, key: str, languages: Iterable[str], *, required: bool = True
) -> Localized:
    """A text given per language (``title: {en: ..., sr-Latn: ...}``), with generated scripts.

    Each of ``languages`` must have a text (C005); unknown language tags are reported (C006).
    """
    if data.get(key) is None and not required:
        return EMPTY
    value = data.mapping(key)
    if value is None:
        data.error(key, "C004", f"'{key}' is missing: give it per language, e.g. 'en: ...'")
        return EMPTY
    result: dict[str, str] = {}
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            value.error(lang, "C005", f"'{key}' has no text in language '{lang}'")
        else:
            result[lang] = " ".join(text.split())
    for lang in value:
        if lang not in LANGUAGES:
            value.error(lang, "C006", f"unknown language '{lang}'")
        elif lang not in result and isinstance(value.get(lang), str):
            result[lang] = " ".join(value.get(lang).split())
    derive_texts(result)
    # Marks of foreign-language text only guide the Cyrillic; readers never see them.
    return MappingProxyType({lang: strip_marks(text) for lang, text in result.items()})


def check_references(
    refs: Iterable[tuple[Path, References]],
    glossary: Mapping[str, tuple[Term, ...]],
    legal: LegalGuide | None,
    problems: ProblemList,
) -> None:
    """Report links to glossary terms (R001), country pages (R002) and sections of them
    (R003) that do not exist."""
    slugs = {term.slug for terms in glossary.values() for term in terms}
    for path, found in refs:
        for slug, line in found.glossary:
            if slug not in slugs:
                problems.error(path, line, "R001", f"glossary term '{slug}' does not exist")
        for target, line in found.countries:
            problem = link_problem(target, legal)
            if problem is not None:
                problems.error(path, line, *problem)
