"""Catalogue tools: make the Cyrillic catalogues from the Latin ones, check placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from app.content.translit import html_to_cyrillic
from app.languages import LANGUAGES, derived

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _cyr(text: str) -> str:
    return html_to_cyrillic(text) if text else text


def write_cyrillic_catalogs(translations: Path) -> list[tuple[str, int]]:
    """Write the catalogue of every generated script from the one it is made from.

    Which those are comes from :func:`app.languages.derived` (Serbian ``sr_Latn`` → ``sr``,
    Montenegrin ``sr_Latn_ME`` → ``sr_Cyrl_ME``). A source language without a catalogue yet
    is skipped. Returns ``(catalogue written, number of messages)`` for each.
    """
    written = []
    for target, source in derived().items():
        latin, cyrillic = LANGUAGES[source].babel, LANGUAGES[target].babel
        if (translations / latin / "LC_MESSAGES" / "messages.po").is_file():
            count = write_cyrillic_catalog(translations, latin, cyrillic)
            written.append((f"{cyrillic}/LC_MESSAGES/messages.po", count))
    return written


def write_cyrillic_catalog(translations: Path, latin: str, cyrillic: str) -> int:
    """Transliterate the catalogue ``latin`` into ``cyrillic``; returns the number of messages."""
    source = translations / latin / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=latin)
    catalog.locale = cyrillic
    count = 0
    for message in catalog:
        if not message.id or not message.string:
            continue
        if isinstance(message.string, tuple | list):
            message.string = tuple(_cyr(s) for s in message.string)
        else:
            message.string = _cyr(message.string)
        count += 1
    target = translations / cyrillic / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return count


def check_catalogs(translations: Path) -> list[str]:
    """Messages whose translation has different placeholders from the original."""
    problems = []
    for po in sorted(translations.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
            strings = (
                message.string if isinstance(message.string, tuple | list) else (message.string,)
            )
            wanted = sorted(set(_PLACEHOLDER.findall(ids[-1])))
            for string in strings:
                found = sorted(set(_PLACEHOLDER.findall(string)))
                # A plural form may leave the number out ("jedan minut"), nothing else.
                if found != wanted and not (len(ids) > 1 and set(found) < set(wanted)):
                    problems.append(
                        f"{po}:{message.lineno}: placeholders {found} != {wanted} in {ids[0]!r}"
                    )
    return problems


def translated_share(translations: Path, babel_name: str) -> float | None:
    """The share (0-100) of the interface's messages translated in ``babel_name``'s catalogue.

    Counted against ``messages.pot``; a fuzzy or empty translation does not count. ``None``
    when the language has no catalogue at all.
    """
    po = translations / babel_name / "LC_MESSAGES" / "messages.po"
    pot = translations / "messages.pot"
    if not po.is_file():
        return None
    with po.open("rb") as handle:
        catalog = read_po(handle)
    done = {
        message.id if not isinstance(message.id, tuple | list) else message.id[0]
        for message in catalog
        if message.id
        and not message.fuzzy
        and (all(message.string) if isinstance(message.string, tuple | list) else message.string)
    }
    if pot.is_file():
        with pot.open("rb") as handle:
            wanted = {
                m.id if not isinstance(m.id, tuple | list) else m.id[0]
                for m in read_po(handle)
                if m.id
            }
    else:
        wanted = {m.id if not isinstance(m.id, tuple | list) else m.id[0] for m in catalog if m.id}
    if not wanted:
        return 100.0
    return 100.0 * len(wanted & done) / len(wanted)
