"""Fitting text into the boxes of a certificate: fonts, shaping, measuring, wrapping.

Text is shaped with HarfBuzz (``uharfbuzz``) with the script and language of each
string: Serbian and Macedonian Cyrillic need it, because their letterforms differ
from Russian ones (the Serbian ``б`` for instance) and the font only substitutes
them when told the language.

:class:`TextFitter` finds, for a text and a box, the largest font size and the
lines that fit (shrinking, then wrapping, then shortening with an ellipsis); the
page layout (:mod:`app.credentials.layout`) only says where the boxes are.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

__all__ = ["FAMILY", "FONT_DIR", "TextFitter", "add_fonts", "missing_glyphs", "shaping_language"]

#: Folder holding the shipped TTF fonts and their licence.
FONT_DIR = Path(__file__).resolve().parent / "fonts"

#: The font family name the certificate fonts are registered under.
FAMILY = "DejaVuSans"

_ELLIPSIS = "…"
_REF_SIZE = 10.0  # pt; texts are measured once at this size and scaled
_SAFETY = 0.985  # shaped words are measured apart: keep a little slack
_URL_BREAKS = re.compile(r"[^/?&=\-]*[/?&=\-]*")

# Cyrillic languages whose letterforms the font may localise; Cyrillic text in any
# other language (Montenegrin, Bosnian, or a name on an Albanian certificate) is
# shaped as Serbian.
_CYRILLIC_LANGUAGES = {"sr", "mk", "bg", "ru", "uk", "be"}


def add_fonts(pdf: FPDF) -> None:
    """Register the shipped regular and bold fonts with ``pdf`` as :data:`FAMILY`."""
    pdf.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))


def _floor_half(size: float) -> float:
    """Round a font size down to a multiple of half a point."""
    return math.floor(size * 2) / 2


def _script(text: str) -> str:
    """Return ``"cyrl"`` if ``text`` is mostly Cyrillic letters, else ``"latn"``."""
    cyrillic = latin = 0
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("CYRILLIC"):
            cyrillic += 1
        elif name.startswith("LATIN"):
            latin += 1
    return "cyrl" if cyrillic > latin else "latn"


def shaping_language(text: str, language: str) -> tuple[str, str | None]:
    """Return the OpenType script and the BCP 47 language to shape ``text`` with.

    The language follows the certificate's language, except for Cyrillic text on a
    certificate in a language that DejaVu has no Cyrillic forms for (Montenegrin,
    Bosnian, or a Serbian name on an Albanian certificate), which is shaped as
    Serbian: in the Western Balkans that is by far the likeliest, and Serbian forms
    are the Montenegrin and Bosnian ones too.
    """
    primary = language.replace("_", "-").split("-")[0].lower() or None
    script = _script(text)
    if script == "cyrl" and primary not in _CYRILLIC_LANGUAGES:
        return script, "sr"
    return script, primary


@functools.cache
def _printable() -> frozenset[int]:
    """Code points that both shipped fonts have a glyph for."""
    covered: set[int] | None = None
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        with TTFont(FONT_DIR / name, lazy=True) as font:
            cmap = set(font.getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ())


def missing_glyphs(text: str) -> str:
    """Return the characters of ``text`` the certificate fonts cannot print, in order.

    DejaVu Sans covers Latin, Cyrillic, Greek and much more, but not Chinese,
    Japanese, Korean or most emoji: such characters would come out blank. The web
    layer can call this when a learner enters the name to print and ask for a
    Latin or Cyrillic spelling. Whitespace and control characters are ignored.
    """
    printable = _printable()
    seen: dict[str, None] = {}
    for char in text:
        if char.isspace() or unicodedata.category(char).startswith("C"):
            continue
        if ord(char) not in printable:
            seen.setdefault(char)
    return "".join(seen)


class TextFitter:
    """Measures and fits texts of one certificate (its language chooses the shaping)."""

    def __init__(self, pdf: FPDF, language: str) -> None:
        """Measure with ``pdf``'s fonts; shape for ``language`` (a BCP 47 tag)."""
        self.pdf = pdf
        self.language = language
        self._widths: dict[tuple[str, bool], float] = {}

    def select(self, size: float, bold: bool = False) -> None:
        """Select the certificate font at ``size`` pt."""
        self.pdf.set_font(FAMILY, "B" if bold else "", size)

    def shape_for(self, text: str) -> None:
        """Configure HarfBuzz for the script and language of ``text``."""
        script, language = shaping_language(text, self.language)
        self.pdf.set_text_shaping(use_shaping_engine=True, script=script, language=language)

    def measure(self, text: str, bold: bool) -> float:
        """Width in mm of ``text`` shaped at the reference size (cached).

        Shaped widths are proportional to the font size, so one measurement serves
        every size tried while fitting. (HarfBuzz line breaking inside fpdf2's
        ``multi_cell`` reshapes the whole text for every character, which made a
        page with long texts take a quarter of a second; hence this.)
        """
        key = (text, bold)
        if key not in self._widths:
            self.select(_REF_SIZE, bold)
            self.shape_for(text)
            self._widths[key] = self.pdf.get_string_width(text)
        return self._widths[key]

    def fit_lines(
        self,
        text: str,
        width: float,
        max_size: float,
        min_size: float,
        max_lines: int,
        bold: bool = False,
        url: bool = False,
        single_line_min: float | None = None,
    ) -> tuple[float, list[str]]:
        """Return a font size (pt) and the lines of ``text`` that fit ``width`` (mm).

        One line is preferred: the size is first reduced, down to
        ``single_line_min`` (default ``min_size``), until the text fits on a single
        line; otherwise the text is wrapped at the largest size in
        [``min_size``, ``max_size``] (half-point steps) that gives at most
        ``max_lines`` lines; failing that, at ``min_size`` the lines beyond
        ``max_lines`` are dropped and the last kept line ends with an ellipsis.
        Words are broken only at spaces, except a word wider than the box; a URL
        (``url=True``) is broken preferably after ``/ ? & =`` and ``-``.
        """
        text = " ".join(text.split())
        usable = width * _SAFETY
        floor = min_size if single_line_min is None else max(single_line_min, min_size)
        full = self.measure(text, bold)
        single = _floor_half(min(max_size, usable / full * _REF_SIZE)) if full else max_size
        if single >= floor:
            return single, [text]

        if url:
            tokens = [token for token in _URL_BREAKS.findall(text) if token]
            joiner = ""
        else:
            tokens = text.split(" ")
            joiner = " "
        size = _floor_half(max_size)
        while True:
            lines = self.greedy(tokens, joiner, usable * _REF_SIZE / size, bold)
            if len(lines) <= max_lines or size - 0.5 < min_size:
                break
            size -= 0.5
        if len(lines) <= max_lines:
            return size, lines
        return size, self._shorten(lines[:max_lines], size, usable, bold)

    def _shorten(self, kept: list[str], size: float, usable: float, bold: bool) -> list[str]:
        """End the last of ``kept`` with an ellipsis, so that it fits ``usable`` mm at
        ``size`` pt."""
        last = kept[-1].rstrip()
        while last and self.measure(last + _ELLIPSIS, bold) * size / _REF_SIZE > usable:
            last = last[:-1].rstrip()
        kept[-1] = last + _ELLIPSIS
        return kept

    def greedy(self, tokens: Sequence[str], joiner: str, limit: float, bold: bool) -> list[str]:
        """Fill lines with ``tokens`` up to ``limit`` mm at the reference size.

        A token wider than a whole line is split between characters.
        """
        join_w = self.measure(joiner, bold) if joiner else 0.0
        lines: list[str] = []
        current, current_w = "", 0.0
        for token in tokens:
            too_long = self.measure(token, bold) > limit
            pieces = self._split(token, limit, bold) if too_long else [token]
            for piece in pieces:
                piece_w = self.measure(piece, bold)
                if not current:
                    current, current_w = piece, piece_w
                elif current_w + join_w + piece_w <= limit:
                    current += joiner + piece
                    current_w += join_w + piece_w
                else:
                    lines.append(current)
                    current, current_w = piece, piece_w
        if current:
            lines.append(current)
        return lines or [""]

    def _split(self, token: str, limit: float, bold: bool) -> list[str]:
        """Cut an over-long word or URL segment between characters to fit ``limit``."""
        pieces: list[str] = []
        piece = ""
        for char in token:
            if piece and self.measure(piece + char, bold) > limit:
                pieces.append(piece)
                piece = ""
            piece += char
        pieces.append(piece)
        return pieces
