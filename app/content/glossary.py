"""The glossary: one YAML file per language with the same term slugs in each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from app.content.derive import derive_terms
from app.content.fields import GLOSSARY_CODES, Fields, read_yaml
from app.content.model import Term
from app.content.problems import ProblemList
from app.content.translit import strip_marks
from app.content.yamlfile import LineDict, LineList
from app.languages import source_of

_SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


def load_glossary(
    folder: Path, languages: Sequence[str], problems: ProblemList
) -> Mapping[str, tuple[Term, ...]]:
    """Load ``glossary/<lang>.yaml`` for each language, checking they hold the same slugs."""
    result: dict[str, tuple[Term, ...]] = {}
    lines: dict[str, dict[str, int]] = {}
    for lang in languages:
        if source_of(lang) is not None and not (folder / f"{lang}.yaml").is_file():
            continue
        path = folder / f"{lang}.yaml"
        if not path.is_file():
            problems.error(path, 0, "G010", f"glossary missing in language '{lang}'")
            continue
        terms, term_lines = _load_file(path, problems)
        result[lang], lines[lang] = terms, term_lines
    if result:
        reference_lang = next(iter(result))
        reference = {t.slug for t in result[reference_lang]}
        for lang, terms in result.items():
            path = folder / f"{lang}.yaml"
            slugs = {t.slug for t in terms}
            for missing in sorted(reference - slugs):
                problems.error(
                    path, 0, "G011", f"term '{missing}' is missing (it is in {reference_lang}.yaml)"
                )
            for extra in sorted(slugs - reference):
                problems.error(
                    path,
                    lines[lang][extra],
                    "G011",
                    f"term '{extra}' is not in {reference_lang}.yaml",
                )
            for term in terms:
                for other in term.see_also:
                    if other not in slugs:
                        problems.error(
                            path,
                            lines[lang][term.slug],
                            "G012",
                            f"'{term.slug}' refers to unknown term '{other}'",
                        )
    derive_terms(result)
    # Marks of foreign-language text only guide the Cyrillic; readers never see them.
    for lang, terms in result.items():
        result[lang] = tuple(
            Term(t.slug, strip_marks(t.term), strip_marks(t.definition), t.see_also) for t in terms
        )
    return MappingProxyType(result)


def _load_file(path: Path, problems: ProblemList) -> tuple[tuple[Term, ...], dict[str, int]]:
    document = read_yaml(path, problems, GLOSSARY_CODES)
    if document is None:
        return (), {}
    data = document.data
    if isinstance(data, LineDict) and "terms" in data:
        # A translated glossary records its source above the list (see courses/README.md).
        Fields(data, path, problems).unknown({"terms", "source", "reviewed"}, "G006")
        data = data["terms"]
    if not isinstance(data, LineList):
        problems.error(path, 1, "G001", "the glossary must be a list of terms ('- slug: ...')")
        return (), {}
    terms: list[Term] = []
    lines: dict[str, int] = {}
    for item in data:
        if not isinstance(item, LineDict):
            problems.error(
                path, data.line, "G002", "each term needs 'slug:', 'term:' and 'definition:'"
            )
            continue
        term = _term(Fields(item, path, problems), lines)
        if term is not None:
            lines[term.slug] = item.line
            terms.append(term)
    terms.sort(key=lambda t: t.term.casefold())
    return tuple(terms), lines


def _term(item: Fields, seen: dict[str, int]) -> Term | None:
    slug = item.get("slug")
    if not isinstance(slug, str) or not slug or not set(slug) <= _SLUG_CHARS:
        item.error("slug", "G003", "'slug' is missing or not lower-case letters, digits and dashes")
        return None
    if slug in seen:
        item.error(item.line, "G004", f"term '{slug}' is defined twice")
        return None
    for key in ("term", "definition"):
        item.text(key, "G005", f"'{slug}': '{key}' is missing")
    item.unknown({"slug", "term", "definition", "see_also"}, "G006")
    see_also = item.get("see_also") or []
    if not isinstance(see_also, list) or not all(isinstance(s, str) for s in see_also):
        item.error(
            "see_also", "G007", "'see_also' must be a list of slugs, e.g. [consent, coercion]"
        )
        see_also = []
    term, definition = item.get("term"), item.get("definition")
    return Term(
        slug, str(term or slug).strip(), " ".join(str(definition or "").split()), tuple(see_also)
    )
