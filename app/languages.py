"""The languages Unshared knows, and how one falls back to another.

A leaf module (no Flask, no database) so that content loading, the web layer and the
command line agree on one list. Tags are BCP 47 as used in URLs and content file names
(``/sr-Latn/...``, ``01-consent.sr-Latn.md``); ``babel`` is the folder name of the
translation catalogue under ``translations/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language (and script) a learner can choose."""

    tag: str
    babel: str
    name: str
    english_name: str
    fallbacks: tuple[str, ...]
    # Content in this language may be made by transliterating another one.
    transliterated_from: str | None = None
    # What the compact language switcher shows, in the language's own script.
    short: str = ""


LANGUAGES: dict[str, Language] = {
    lang.tag: lang
    for lang in (
        Language("en", "en", "English", "English", (), short="EN"),
        Language("sr-Latn", "sr_Latn", "Srpski (latinica)", "Serbian (Latin)", ("en",), short="SR"),
        Language(
            "sr-Cyrl",
            "sr",
            "Српски (ћирилица)",
            "Serbian (Cyrillic)",
            ("sr-Latn", "en"),
            "sr-Latn",
            short="СР",
        ),
        Language("sq", "sq", "Shqip", "Albanian", ("en",), short="SQ"),
        # The three ijekavian standards stand in for each other before Serbian ekavian does.
        Language("hr", "hr", "Hrvatski", "Croatian", ("bs", "cnr", "sr-Latn", "en"), short="HR"),
        Language("bs", "bs", "Bosanski", "Bosnian", ("hr", "cnr", "sr-Latn", "en"), short="BS"),
        Language("mk", "mk", "Македонски", "Macedonian", ("en",), short="МК"),
        # CLDR has no data for "cnr": Babel maps it to sr_Latn_ME (see TOOLING.md).
        Language(
            "cnr",
            "sr_Latn_ME",
            "Crnogorski",
            "Montenegrin",
            ("sr-Latn", "bs", "hr", "en"),
            short="CG",
        ),
        # Montenegrin Cyrillic is made from Montenegrin Latin, as Serbian Cyrillic is.
        Language(
            "cnr-Cyrl",
            "sr_Cyrl_ME",
            "Црногорски (ћирилица)",
            "Montenegrin (Cyrillic)",
            ("cnr", "sr-Cyrl", "sr-Latn", "en"),
            "cnr",
            short="ЦГ",
        ),
    )
}

DEFAULT_LANGUAGE = "en"


def chain(tag: str) -> tuple[str, ...]:
    """Return ``tag`` followed by the languages to try, in order, when content is missing."""
    lang = LANGUAGES.get(tag)
    if lang is None:
        return (DEFAULT_LANGUAGE,)
    seen = [tag, *lang.fallbacks]
    if DEFAULT_LANGUAGE not in seen:
        seen.append(DEFAULT_LANGUAGE)
    return tuple(seen)


def derived() -> dict[str, str]:
    """Generated scripts and the language each is made from (``{"sr-Cyrl": "sr-Latn"}``).

    The one list of which content is made by transliteration: content loading, the
    translation status, the legal guide and the interface catalogues all read it here.
    """
    return {
        tag: lang.transliterated_from
        for tag, lang in LANGUAGES.items()
        if lang.transliterated_from is not None
    }


def source_of(tag: str) -> str | None:
    """The language that ``tag`` is generated from (``sr-Cyrl`` -> ``sr-Latn``), else ``None``."""
    lang = LANGUAGES.get(tag)
    return lang.transliterated_from if lang is not None else None


def same_language(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one language, perhaps in its two scripts (``sr-Cyrl`` and
    ``sr-Latn``; ``cnr`` and ``cnr-Cyrl``)."""
    return (source_of(a) or a) == (source_of(b) or b)


def written(tags: Iterable[str] | None = None) -> tuple[str, ...]:
    """The languages of ``tags`` (default: all) whose content people write, not generate."""
    return tuple(tag for tag in (LANGUAGES if tags is None else tags) if source_of(tag) is None)


def by_babel(locale_name: str) -> Language | None:
    """Find a language by its Babel locale name (``sr_Latn``), or ``None``."""
    for lang in LANGUAGES.values():
        if lang.babel == locale_name:
            return lang
    return None
