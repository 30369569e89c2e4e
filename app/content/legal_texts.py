"""The translated texts of a legal file: every per-language map (``{en: ..., sq: ...}``),
found by one walk that both the source hash and the completeness count use."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from app.languages import LANGUAGES

SOURCE = "en"


def _text_maps(value: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """``(path, map)`` for every per-language map below ``value``, in file order; the
    ``translations:`` record itself is not a text."""
    if isinstance(value, dict):
        if SOURCE in value and set(value) <= set(LANGUAGES):
            yield where, value
            return
        for key, item in value.items():
            if key != "translations":
                yield from _text_maps(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_maps(item, f"{where}/{index}")


def english_texts_hash(data: Any) -> str:
    """The hash of every English text in a legal file (``en:`` of each per-language map).

    Only the English words count: a new ``checked`` date or a corrected phone number does
    not make the translations stale, a changed sentence does.
    """
    digest = hashlib.sha256()
    for where, text in _text_maps(data):
        digest.update(f"{where}={text[SOURCE]}\n".encode())
    return digest.hexdigest()[:8]


def legal_texts(data: Any) -> list[Any]:
    """Every translated text of a legal file: the per-language maps (``{en: ..., sq: ...}``)."""
    return [text for _where, text in _text_maps(data)]


def untranslated(texts: list[Any], lang: str) -> list[Any]:
    """The texts among ``texts`` that have no ``lang`` text yet."""
    return [t for t in texts if not str(t.get(lang) or "").strip()]
