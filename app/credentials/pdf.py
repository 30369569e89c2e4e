"""Printable PDF certificates.

:func:`render_certificates` turns a sequence of :class:`CertificateData` into one PDF
with one A4 landscape page per certificate (a teacher can print a whole class at
once). Everything needed is in this package: the DejaVu Sans fonts in ``fonts/``
(embedded and subset, so Serbian Cyrillic and Latin, Albanian, Macedonian, Croatian
and Bosnian names print and can be copied or searched), and the QR code, drawn as
vector squares from :mod:`segno`. Nothing is fetched from anywhere.

Text is shaped with HarfBuzz (``uharfbuzz``) with the script and language of each
string: Serbian and Macedonian Cyrillic need it, because their letterforms differ
from Russian ones (the Serbian ``б`` for instance) and the font only substitutes
them when told the language.

The library formats nothing itself: the caller passes translated labels and the
date already formatted for the certificate's language (see :class:`CertificateData`
and :data:`LABEL_KEYS`), so no Babel is needed here.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

import segno
from fontTools.ttLib import TTFont
from fpdf import FPDF

__all__ = [
    "ENGLISH_LABELS",
    "FONT_DIR",
    "LABEL_KEYS",
    "OPTIONAL_LABEL_KEYS",
    "REQUIRED_LABEL_KEYS",
    "CertificateData",
    "missing_glyphs",
    "render_certificates",
]

#: Folder holding the shipped TTF fonts and their licence.
FONT_DIR = Path(__file__).resolve().parent / "fonts"

#: Labels a :class:`CertificateData` must carry, with their meaning:
#:
#: ``heading``
#:     the line above the name, e.g. "This certifies that" / "Овим се потврђује да је";
#: ``completed``
#:     the line between the name and the course title, e.g. "has completed the course";
#: ``modules``
#:     the caption of the list of modules, e.g. "Modules" (unused when there are none);
#: ``date``
#:     the caption of the date of issue, e.g. "Date of issue";
#: ``issuer``
#:     the caption of the organisation or class, e.g. "Organisation or class" (unused
#:     when ``issuer`` is ``None``);
#: ``verify``
#:     the caption of the verification URL, e.g. "Check this certificate at".
REQUIRED_LABEL_KEYS = ("heading", "completed", "modules", "date", "issuer", "verify")

#: Labels that are printed when present and simply left out otherwise:
#:
#: ``title``
#:     the document title at the top, e.g. "Certificate of completion";
#: ``code``
#:     the caption of the verification code, e.g. "Verification code";
#: ``platform``
#:     a small word mark above the title, e.g. "Unshared".
OPTIONAL_LABEL_KEYS = ("title", "code", "platform")

#: All the label keys the renderer reads (other keys are ignored).
LABEL_KEYS = REQUIRED_LABEL_KEYS + OPTIONAL_LABEL_KEYS

#: English labels: the reference wording for translators, used by the tests.
ENGLISH_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "platform": "Unshared",
        "title": "Certificate of completion",
        "heading": "This certifies that",
        "completed": "has completed the course",
        "modules": "Modules",
        "date": "Date of issue",
        "issuer": "Organisation or class",
        "verify": "Check that this certificate is genuine at",
        "code": "Verification code",
    }
)


@dataclass(frozen=True, kw_only=True)
class CertificateData:
    """Everything printed on one certificate, already translated and formatted.

    Attributes:
        name: the learner's name as they want it printed.
        course_title: the course title, in the certificate's language.
        module_titles: titles of the modules completed, in order (may be empty).
        issued_on: the date of issue (kept for metadata; not formatted here).
        issued_on_text: the same date formatted for ``language`` by the caller,
            e.g. ``"3. март 2026."``.
        issuer: an organisation or class the learner took the course with, or
            ``None`` for an individual learner.
        code: the verification code (see :mod:`app.credentials.codes`).
        verify_url: the URL of the verification page, encoded in the QR code and
            printed underneath it.
        language: BCP 47 tag of the certificate's language, e.g. ``"sr-Cyrl"``,
            ``"sr-Latn"``, ``"sq"``, ``"mk"``, ``"hr"``, ``"bs"``, ``"cnr"``, ``"en"``.
            It chooses the text-shaping language and is written into the PDF.
        labels: translated UI strings, see :data:`REQUIRED_LABEL_KEYS` and
            :data:`OPTIONAL_LABEL_KEYS`. Copied into a read-only mapping.

    Raises:
        ValueError: if a required label is missing or a required text is blank.
    """

    name: str
    course_title: str
    module_titles: tuple[str, ...] = ()
    issued_on: date
    issued_on_text: str
    issuer: str | None = None
    code: str
    verify_url: str
    language: str
    labels: Mapping[str, str] = field(default_factory=lambda: ENGLISH_LABELS)

    def __post_init__(self) -> None:
        """Validate the fields and freeze ``labels`` and ``module_titles``."""
        object.__setattr__(self, "module_titles", tuple(self.module_titles))
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))
        missing = [key for key in REQUIRED_LABEL_KEYS if not self.labels.get(key)]
        if missing:
            raise ValueError(f"missing certificate labels: {', '.join(missing)}")
        for attribute in ("name", "course_title", "issued_on_text", "code", "verify_url"):
            if not str(getattr(self, attribute)).strip():
                raise ValueError(f"certificate {attribute} must not be blank")


# --------------------------------------------------------------------------- design

_PAGE_W, _PAGE_H = 297.0, 210.0  # A4 landscape, millimetres
_MARGIN = 26.0  # left and right edge of the content
_CONTENT_W = _PAGE_W - 2 * _MARGIN

_INK = (27, 36, 54)  # deep navy: names and titles
_MUTED = (88, 97, 112)  # slate: captions and running text
_ACCENT = (38, 92, 105)  # deep teal: frame, rules, small caps
_TINT = (238, 243, 244)  # very light teal: background of the code

_FAMILY = "DejaVuSans"

_QR_SYMBOL_MM = 32.0  # the symbol itself, without its quiet zone
_QR_QUIET_MODULES = 4

_ELLIPSIS = "…"
_REF_SIZE = 10.0  # pt; texts are measured once at this size and scaled
_SAFETY = 0.985  # shaped words are measured apart: keep a little slack
_URL_BREAKS = re.compile(r"[^/?&=\-]*[/?&=\-]*")


def _floor_half(size: float) -> float:
    """Round a font size down to a multiple of half a point."""
    return math.floor(size * 2) / 2


def render_certificates(items: Sequence[CertificateData]) -> bytes:
    """Render certificates to a PDF, one A4 landscape page each, and return its bytes.

    Fonts are embedded and subset; long names, course titles, module lists, issuers
    and URLs are shrunk (then wrapped, then shortened with an ellipsis) to fit their
    boxes. Takes about 0.2 s for the first page and a few ms for each further one.

    Raises:
        ValueError: if ``items`` is empty.
    """
    if not items:
        raise ValueError("no certificates to render")
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(_MARGIN, 20, _MARGIN)
    pdf.c_margin = 0
    pdf.add_font(_FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(_FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))

    first = items[0]
    pdf.set_creator("Unshared")
    pdf.set_title(_document_title(items))
    if len(items) == 1:
        pdf.set_subject(first.course_title)
        pdf.set_keywords(first.code)
    if first.issuer and all(item.issuer == first.issuer for item in items):
        pdf.set_author(first.issuer)
    if all(item.language == first.language for item in items):
        pdf.set_lang(first.language)

    for item in items:
        _Page(pdf, item).draw()
    return bytes(pdf.output())


def _document_title(items: Sequence[CertificateData]) -> str:
    """The PDF title: the certificate title and the name, or the number of pages."""
    first = items[0]
    title = first.labels.get("title") or first.course_title
    return f"{title}: {first.name}" if len(items) == 1 else f"{title} ({len(items)})"


# --------------------------------------------------------------------------- shaping


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


# Cyrillic languages whose letterforms the font may localise; Cyrillic text in any
# other language (Montenegrin, Bosnian, or a name on an Albanian certificate) is
# shaped as Serbian.
_CYRILLIC_LANGUAGES = {"sr", "mk", "bg", "ru", "uk", "be"}


def _shaping_language(text: str, language: str) -> tuple[str, str | None]:
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
    covered = None
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


# --------------------------------------------------------------------------- page


@dataclass
class _Block:
    """A piece of the centred main column: its height and how to draw it at ``y``."""

    height: float
    draw: Callable[[float], None]
    gap_after: float = 0.0


class _Page:
    """Lays out and draws one certificate on a new page of ``pdf``."""

    def __init__(self, pdf: FPDF, data: CertificateData) -> None:
        """Remember the document and the data; nothing is drawn yet."""
        self.pdf = pdf
        self.data = data
        self.labels = data.labels
        self._widths: dict[tuple[str, bool], float] = {}

    # ----------------------------------------------------------------- primitives

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = _INK) -> None:
        """Select the font, size (pt) and text colour."""
        self.pdf.set_font(_FAMILY, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def shape_for(self, text: str) -> None:
        """Configure HarfBuzz for the script and language of ``text``."""
        script, language = _shaping_language(text, self.data.language)
        self.pdf.set_text_shaping(use_shaping_engine=True, script=script, language=language)

    def measure(self, text: str, bold: bool) -> float:
        """Width in mm of ``text`` shaped at the reference size (cached per page).

        Shaped widths are proportional to the font size, so one measurement serves
        every size tried while fitting. (HarfBuzz line breaking inside fpdf2's
        ``multi_cell`` reshapes the whole text for every character, which made a
        page with long texts take a quarter of a second; hence this.)
        """
        key = (text, bold)
        if key not in self._widths:
            self.font(_REF_SIZE, bold)
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

        kept = lines[:max_lines]
        last = kept[-1].rstrip()
        while last and self.measure(last + _ELLIPSIS, bold) * size / _REF_SIZE > usable:
            last = last[:-1].rstrip()
        kept[-1] = last + _ELLIPSIS
        return size, kept

    def greedy(self, tokens: Sequence[str], joiner: str, limit: float, bold: bool) -> list[str]:
        """Fill lines with ``tokens`` up to ``limit`` mm at the reference size.

        A token wider than a whole line is split between characters.
        """
        join_w = self.measure(joiner, bold) if joiner else 0.0
        lines: list[str] = []
        current, current_w = "", 0.0
        for token in tokens:
            token_w = self.measure(token, bold)
            if token_w > limit:  # split an over-long word or URL segment
                pieces: list[str] = []
                piece = ""
                for char in token:
                    if piece and self.measure(piece + char, bold) > limit:
                        pieces.append(piece)
                        piece = ""
                    piece += char
                pieces.append(piece)
            else:
                pieces = [token]
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

    def lines_at(
        self,
        lines: Sequence[str],
        x: float,
        y: float,
        width: float,
        size: float,
        leading: float,
        bold: bool = False,
        color: tuple[int, int, int] = _INK,
        align: str = "C",
    ) -> None:
        """Draw ``lines`` with their first baseline at ``y`` (mm), ``leading`` apart."""
        self.font(size, bold, color)
        for index, line in enumerate(lines):
            self.shape_for(line)
            line_width = self.pdf.get_string_width(line)
            if align == "C":
                left = x + (width - line_width) / 2
            elif align == "R":
                left = x + width - line_width
            else:
                left = x
            self.pdf.text(left, y + index * leading, line)

    def small_caps(
        self, text: str, x: float, y: float, width: float, align: str = "C", size: float = 8.0
    ) -> None:
        """Draw a caption in spaced capitals in the accent colour, baseline at ``y``."""
        self.font(size, True, _ACCENT)
        self.pdf.set_char_spacing(0.6)
        upper = text.upper()
        self.shape_for(upper)
        # the spacing is in points and also counted after the last letter
        text_width = self.pdf.get_string_width(upper) - 0.6 / self.pdf.k
        if text_width > width:  # very long translations: drop the spacing, then shrink
            self.pdf.set_char_spacing(0)
            text_width = self.pdf.get_string_width(upper)
            if text_width > width:
                self.font(size * width / text_width, True, _ACCENT)
                text_width = self.pdf.get_string_width(upper)
        if align == "C":
            left = x + (width - text_width) / 2
        elif align == "R":
            left = x + width - text_width
        else:
            left = x
        self.pdf.text(left, y, upper)
        self.pdf.set_char_spacing(0)

    # ----------------------------------------------------------------- the page

    def draw(self) -> None:
        """Add a page and draw the whole certificate on it."""
        self.pdf.add_page()
        self.frame()
        bottom_top = self.bottom_block()
        self.main_column(top=30.0, bottom=bottom_top - 6.0)

    def frame(self) -> None:
        """Draw the double frame with small square ornaments at the corners."""
        pdf = self.pdf
        pdf.set_draw_color(*_ACCENT)
        pdf.set_line_width(0.9)
        pdf.rect(9, 9, _PAGE_W - 18, _PAGE_H - 18)
        pdf.set_line_width(0.25)
        pdf.rect(12.5, 12.5, _PAGE_W - 25, _PAGE_H - 25)
        pdf.set_fill_color(*_ACCENT)
        for cx in (12.5, _PAGE_W - 12.5):
            for cy in (12.5, _PAGE_H - 12.5):
                pdf.rect(cx - 1.6, cy - 1.6, 3.2, 3.2, style="F")

    def main_column(self, top: float, bottom: float) -> None:
        """Draw title, name, course and modules, centred vertically in [top, bottom]."""
        data, labels = self.data, self.labels
        width = _CONTENT_W
        blocks: list[_Block] = []

        if labels.get("platform"):
            platform = labels["platform"]
            blocks.append(
                _Block(
                    4.0,
                    lambda y: self.small_caps(platform, _MARGIN, y + 3.0, width, size=7.5),
                    gap_after=4.0,
                )
            )
        if labels.get("title"):
            size, lines = self.fit_lines(labels["title"].upper(), width - 40, 17, 11, 1, True)
            blocks.append(
                _Block(
                    size * 0.3528 * 1.1, lambda y: self.title_line(lines[0], y, size), gap_after=4.0
                )
            )
            blocks.append(_Block(2.0, self.ornament, gap_after=7.0))

        blocks.append(self.text_block(labels["heading"], width, 13, 10, 2, False, _MUTED, 5.0))
        blocks.append(self.text_block(data.name, width - 20, 36, 18, 2, True, _INK, 3.0, 24))
        blocks.append(_Block(1.0, self.name_rule, gap_after=6.0))
        blocks.append(self.text_block(labels["completed"], width, 13, 10, 2, False, _MUTED, 4.0))
        blocks.append(
            self.text_block(data.course_title, width - 20, 21, 12, 2, True, _INK, 6.0, 16)
        )

        if data.module_titles:
            blocks.append(
                _Block(
                    3.2,
                    lambda y: self.small_caps(labels["modules"], _MARGIN, y + 2.8, width),
                    gap_after=3.0,
                )
            )
            modules = "  ·  ".join(title.strip() for title in data.module_titles)
            blocks.append(self.text_block(modules, width - 30, 10.5, 7.0, 4, False, _MUTED, 0.0))

        total = sum(block.height + block.gap_after for block in blocks) - blocks[-1].gap_after
        y = top + max(0.0, (bottom - top - total) / 2)
        for block in blocks:
            block.draw(y)
            y += block.height + block.gap_after

    def text_block(
        self,
        text: str,
        width: float,
        max_size: float,
        min_size: float,
        max_lines: int,
        bold: bool,
        color: tuple[int, int, int],
        gap_after: float,
        single_line_min: float | None = None,
    ) -> _Block:
        """Fit ``text`` in ``width`` and return a centred block that draws it."""
        size, lines = self.fit_lines(
            text, width, max_size, min_size, max_lines, bold, single_line_min=single_line_min
        )
        size_mm = size * 25.4 / 72
        leading = size_mm * 1.3
        ascent = size_mm * 0.78
        height = ascent + leading * (len(lines) - 1) + size_mm * 0.25
        left = (_PAGE_W - width) / 2

        def draw(y: float) -> None:
            self.lines_at(lines, left, y + ascent, width, size, leading, bold, color)

        return _Block(height, draw, gap_after)

    def title_line(self, text: str, y: float, size: float) -> None:
        """Draw the document title in spaced capitals, baseline near ``y + size``."""
        self.font(size, True, _ACCENT)
        self.pdf.set_char_spacing(1.2)
        self.shape_for(text)
        text_width = self.pdf.get_string_width(text) - 1.2 / self.pdf.k
        if text_width > _CONTENT_W - 20:
            self.pdf.set_char_spacing(0)
            text_width = self.pdf.get_string_width(text)
        self.pdf.text((_PAGE_W - text_width) / 2, y + size * 0.3528 * 0.8, text)
        self.pdf.set_char_spacing(0)

    def ornament(self, y: float) -> None:
        """Draw a short rule with a diamond in its middle, centred at height ``y + 1``."""
        pdf = self.pdf
        cx, cy = _PAGE_W / 2, y + 1.0
        pdf.set_draw_color(*_ACCENT)
        pdf.set_line_width(0.3)
        pdf.line(cx - 28, cy, cx - 4, cy)
        pdf.line(cx + 4, cy, cx + 28, cy)
        pdf.set_fill_color(*_ACCENT)
        pdf.polygon([(cx, cy - 1.6), (cx + 1.6, cy), (cx, cy + 1.6), (cx - 1.6, cy)], style="F")

    def name_rule(self, y: float) -> None:
        """Draw the thin rule under the learner's name."""
        self.pdf.set_draw_color(*_ACCENT)
        self.pdf.set_line_width(0.35)
        self.pdf.line(_PAGE_W / 2 - 45, y + 0.5, _PAGE_W / 2 + 45, y + 0.5)

    def bottom_block(self) -> float:
        """Draw date, issuer, code, URL and QR code along the bottom; return its top."""
        data, labels = self.data, self.labels
        qr = segno.make(data.verify_url, error="m", micro=False)
        symbol_modules = qr.symbol_size(scale=1, border=0)[0]
        module = _QR_SYMBOL_MM / symbol_modules
        qr_box = _QR_SYMBOL_MM + 2 * _QR_QUIET_MODULES * module
        qr_left = _PAGE_W - _MARGIN - qr_box + _QR_QUIET_MODULES * module
        bottom = _PAGE_H - 22.0  # bottom edge of the QR symbol
        qr_top = bottom - _QR_SYMBOL_MM
        self.qr(qr, qr_left, qr_top, module)

        # Verification column, right-aligned against the QR code's quiet zone.
        right = _PAGE_W - _MARGIN - qr_box
        column_w = 112.0
        column_left = right - column_w
        y = qr_top + 3.0
        if labels.get("code"):
            self.small_caps(labels["code"], column_left, y, column_w, align="R", size=7.5)
            y += 3.0
        y = self.code(data.code, column_left, y, column_w)
        self.small_caps(labels["verify"], column_left, y + 7.0, column_w, align="R", size=7.0)
        size, lines = self.fit_lines(data.verify_url, column_w, 9.5, 6.5, 2, url=True)
        self.lines_at(lines, column_left, y + 11.5, column_w, size, size * 0.45, False, _INK, "R")

        # Date and issuer, left.
        left_w = column_left - _MARGIN - 8.0
        y = qr_top + 3.0
        self.small_caps(labels["date"], _MARGIN, y, left_w, align="L", size=7.5)
        size, lines = self.fit_lines(data.issued_on_text, left_w, 12, 8, 1)
        self.lines_at(lines, _MARGIN, y + 6.5, left_w, size, 0, False, _INK, "L")
        if data.issuer:
            y += 15.0
            self.small_caps(labels["issuer"], _MARGIN, y, left_w, align="L", size=7.5)
            size, lines = self.fit_lines(data.issuer, left_w, 12, 7.5, 2)
            self.lines_at(lines, _MARGIN, y + 6.5, left_w, size, size * 0.47, False, _INK, "L")

        # A hairline separating the bottom band from the main column.
        band_top = qr_top - _QR_QUIET_MODULES * module - 3.0
        self.pdf.set_draw_color(*_ACCENT)
        self.pdf.set_line_width(0.2)
        self.pdf.line(_MARGIN, band_top, _PAGE_W - _MARGIN, band_top)
        return band_top

    def code(self, code: str, left: float, y: float, width: float) -> float:
        """Draw the code large and spaced on a light chip, right-aligned; return baseline."""
        size = 21.0
        spacing = 1.4  # fpdf2 writes it as is into the Tc operator: in points
        while True:
            self.font(size, True, _INK)
            self.pdf.set_char_spacing(spacing)
            self.shape_for(code)
            # get_string_width counts the spacing after the last glyph too
            text_width = self.pdf.get_string_width(code) - spacing / self.pdf.k
            if text_width <= width - 8 or size <= 10:
                break
            size -= 1
        chip_h = size * 0.3528 * 1.55
        chip_w = text_width + 8
        self.pdf.set_fill_color(*_TINT)
        self.pdf.rect(
            left + width - chip_w,
            y + 1.0,
            chip_w,
            chip_h,
            style="F",
            round_corners=True,
            corner_radius=1.5,
        )
        baseline = y + 1.0 + chip_h / 2 + size * 0.3528 * 0.36
        self.pdf.text(left + width - 4 - text_width, baseline, code)
        self.pdf.set_char_spacing(0)
        return y + 1.0 + chip_h

    def qr(self, qr: segno.QRCode, left: float, top: float, module: float) -> None:
        """Draw the QR symbol as filled squares, one rectangle per horizontal run."""
        pdf = self.pdf
        pdf.set_fill_color(*_INK)
        overlap = module * 0.04  # hides hairline seams between rows in some viewers
        for row, modules in enumerate(qr.matrix_iter(scale=1, border=0)):
            column = 0
            cells = list(modules)
            while column < len(cells):
                if not cells[column]:
                    column += 1
                    continue
                start = column
                while column < len(cells) and cells[column]:
                    column += 1
                pdf.rect(
                    left + start * module,
                    top + row * module,
                    (column - start) * module + overlap,
                    module + overlap,
                    style="F",
                )
