"""The glossary: one YAML file per language with the same term slugs in each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from app.content.model import Term
from app.content.problems import ProblemList
from app.content.translit import strip_marks, to_cyrillic
from app.content.yamlfile import LineDict, YamlError, parse_yaml, read_text
from app.languages import derived

_SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


def load_glossary(
    folder: Path, languages: Sequence[str], problems: ProblemList
) -> Mapping[str, tuple[Term, ...]]:
    """Load ``glossary/<lang>.yaml`` for each language, checking they hold the same slugs."""
    result: dict[str, tuple[Term, ...]] = {}
    lines: dict[str, dict[str, int]] = {}
    for lang in languages:
        if lang in derived() and not (folder / f"{lang}.yaml").is_file():
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
                problems.error(path, 0, "G011", f"term '{missing}' is missing "
                               f"(it is in {reference_lang}.yaml)")
            for extra in sorted(slugs - reference):
                problems.error(path, lines[lang][extra], "G011", f"term '{extra}' is not in "
                               f"{reference_lang}.yaml")
            for term in terms:
                for other in term.see_also:
                    if other not in slugs:
                        problems.error(path, lines[lang][term.slug], "G012",
                                       f"'{term.slug}' refers to unknown term '{other}'")
    for target, source in derived().items():
        if source in result and target not in result:
            result[target] = tuple(
                Term(t.slug, to_cyrillic(t.term), to_cyrillic(t.definition), t.see_also)
                for t in result[source]
            )
    # Marks of foreign-language text only guide the Cyrillic; readers never see them.
    for lang, terms in result.items():
        result[lang] = tuple(
            Term(t.slug, strip_marks(t.term), strip_marks(t.definition), t.see_also)
            for t in terms
        )
    return MappingProxyType(result)


def _load_file(path: Path, problems: ProblemList) -> tuple[tuple[Term, ...], dict[str, int]]:
    try:
        data = parse_yaml(read_text(path))
    except YamlError as exc:
        problems.error(path, exc.line, "G001", str(exc))
        return (), {}
    if isinstance(data, LineDict) and "terms" in data:
        # A translated glossary records its source above the list (see courses/README.md).
        for key in data:
            if key not in {"terms", "source", "reviewed"}:
                problems.error(path, data.line_of(key), "G006", f"unknown field '{key}'")
        data = data["terms"]
    if not isinstance(data, list):
        problems.error(path, 1, "G001", "the glossary must be a list of terms ('- slug: ...')")
        return (), {}
    terms: list[Term] = []
    lines: dict[str, int] = {}
    for item in data:
        if not isinstance(item, LineDict):
            problems.error(path, getattr(data, "line", 1), "G002", "each term needs 'slug:', "
                           "'term:' and 'definition:'")
            continue
        slug, term, definition = item.get("slug"), item.get("term"), item.get("definition")
        if not isinstance(slug, str) or not slug or not set(slug) <= _SLUG_CHARS:
            problems.error(path, item.line_of("slug"), "G003", "'slug' is missing or not "
                           "lower-case letters, digits and dashes")
            continue
        if slug in lines:
            problems.error(path, item.line, "G004", f"term '{slug}' is defined twice")
            continue
        for key, value in (("term", term), ("definition", definition)):
            if not isinstance(value, str) or not value.strip():
                problems.error(path, item.line_of(key), "G005", f"'{slug}': '{key}' is missing")
        for key in item:
            if key not in {"slug", "term", "definition", "see_also"}:
                problems.error(path, item.line_of(key), "G006", f"unknown field '{key}'")
        see_also = item.get("see_also") or []
        if not isinstance(see_also, list) or not all(isinstance(s, str) for s in see_also):
            problems.error(path, item.line_of("see_also"), "G007", "'see_also' must be a list "
                           "of slugs, e.g. [consent, coercion]")
            see_also = []
        lines[slug] = item.line
        terms.append(Term(slug, str(term or slug).strip(), " ".join(str(definition or "").split()),
                          tuple(see_also)))
    terms.sort(key=lambda t: t.term.casefold())
    return tuple(terms), lines
