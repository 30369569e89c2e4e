"""The layout of one certificate page: frame, centred main column, bottom band, QR code.

Where each text goes and how large it may be is decided here; how a text is shrunk,
wrapped or shortened to fit its box is :class:`app.credentials.fitting.TextFitter`'s.
The QR code is drawn as vector squares from :mod:`segno`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import segno
from fpdf import FPDF

from .fitting import TextFitter

if TYPE_CHECKING:
    from .pdf import CertificateData

__all__ = ["MARGIN", "Page"]

PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, millimetres
MARGIN = 26.0  # left and right edge of the content
_CONTENT_W = PAGE_W - 2 * MARGIN

_INK = (27, 36, 54)  # deep navy: names and titles
_MUTED = (88, 97, 112)  # slate: captions and running text
_ACCENT = (38, 92, 105)  # deep teal: frame, rules, small caps
_TINT = (238, 243, 244)  # very light teal: background of the code

_QR_SYMBOL_MM = 32.0  # the symbol itself, without its quiet zone
_QR_QUIET_MODULES = 4

Color = tuple[int, int, int]


@dataclass
class _Block:
    """A piece of the centred main column: its height and how to draw it at ``y``."""

    height: float
    draw: Callable[[float], None]
    gap_after: float = 0.0


def _aligned(x: float, width: float, text_width: float, align: str) -> float:
    """The left edge of a text ``text_width`` wide, aligned ``"L"``, ``"C"`` or ``"R"``
    in the box from ``x``, ``width`` wide."""
    if align == "C":
        return x + (width - text_width) / 2
    if align == "R":
        return x + width - text_width
    return x


class Page:
    """Lays out and draws one certificate on a new page of ``pdf``."""

    def __init__(self, pdf: FPDF, data: CertificateData) -> None:
        """Remember the document and the data; nothing is drawn yet."""
        self.pdf = pdf
        self.data = data
        self.labels = data.labels
        self.fit = TextFitter(pdf, data.language)

    # ----------------------------------------------------------------- primitives

    def font(self, size: float, bold: bool = False, color: Color = _INK) -> None:
        """Select the font, size (pt) and text colour."""
        self.fit.select(size, bold)
        self.pdf.set_text_color(*color)

    def lines_at(
        self,
        lines: Sequence[str],
        x: float,
        y: float,
        width: float,
        size: float,
        leading: float,
        bold: bool = False,
        color: Color = _INK,
        align: str = "C",
    ) -> None:
        """Draw ``lines`` with their first baseline at ``y`` (mm), ``leading`` apart."""
        self.font(size, bold, color)
        for index, line in enumerate(lines):
            self.fit.shape_for(line)
            left = _aligned(x, width, self.pdf.get_string_width(line), align)
            self.pdf.text(left, y + index * leading, line)

    def small_caps(
        self, text: str, x: float, y: float, width: float, align: str = "C", size: float = 8.0
    ) -> None:
        """Draw a caption in spaced capitals in the accent colour, baseline at ``y``."""
        self.font(size, True, _ACCENT)
        self.pdf.set_char_spacing(0.6)
        upper = text.upper()
        self.fit.shape_for(upper)
        # the spacing is in points and also counted after the last letter
        text_width = self.pdf.get_string_width(upper) - 0.6 / self.pdf.k
        if text_width > width:  # very long translations: drop the spacing, then shrink
            self.pdf.set_char_spacing(0)
            text_width = self.pdf.get_string_width(upper)
            if text_width > width:
                self.font(size * width / text_width, True, _ACCENT)
                text_width = self.pdf.get_string_width(upper)
        self.pdf.text(_aligned(x, width, text_width, align), y, upper)
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
        pdf.rect(9, 9, PAGE_W - 18, PAGE_H - 18)
        pdf.set_line_width(0.25)
        pdf.rect(12.5, 12.5, PAGE_W - 25, PAGE_H - 25)
        pdf.set_fill_color(*_ACCENT)
        for cx in (12.5, PAGE_W - 12.5):
            for cy in (12.5, PAGE_H - 12.5):
                pdf.rect(cx - 1.6, cy - 1.6, 3.2, 3.2, style="F")

    def main_column(self, top: float, bottom: float) -> None:
        """Draw title, name, course and modules, centred vertically in [top, bottom]."""
        blocks = self.header_blocks() + self.body_blocks()
        total = sum(block.height + block.gap_after for block in blocks) - blocks[-1].gap_after
        y = top + max(0.0, (bottom - top - total) / 2)
        for block in blocks:
            block.draw(y)
            y += block.height + block.gap_after

    def header_blocks(self) -> list[_Block]:
        """The word mark, the document title and its ornament, those that are labelled."""
        labels, width = self.labels, _CONTENT_W
        blocks: list[_Block] = []
        if labels.get("platform"):
            platform = labels["platform"]
            blocks.append(
                _Block(
                    4.0,
                    lambda y: self.small_caps(platform, MARGIN, y + 3.0, width, size=7.5),
                    gap_after=4.0,
                )
            )
        if labels.get("title"):
            size, lines = self.fit.fit_lines(labels["title"].upper(), width - 40, 17, 11, 1, True)
            blocks.append(
                _Block(
                    size * 0.3528 * 1.1, lambda y: self.title_line(lines[0], y, size), gap_after=4.0
                )
            )
            blocks.append(_Block(2.0, self.ornament, gap_after=7.0))
        return blocks

    def body_blocks(self) -> list[_Block]:
        """Heading, name, course title and the modules."""
        data, labels, width = self.data, self.labels, _CONTENT_W
        blocks = [
            self.text_block(labels["heading"], width, 13, 10, 2, False, _MUTED, 5.0),
            self.text_block(data.name, width - 20, 36, 18, 2, True, _INK, 3.0, 24),
            _Block(1.0, self.name_rule, gap_after=6.0),
            self.text_block(labels["completed"], width, 13, 10, 2, False, _MUTED, 4.0),
            self.text_block(data.course_title, width - 20, 21, 12, 2, True, _INK, 6.0, 16),
        ]
        if data.module_titles:
            blocks.append(
                _Block(
                    3.2,
                    lambda y: self.small_caps(labels["modules"], MARGIN, y + 2.8, width),
                    gap_after=3.0,
                )
            )
            modules = "  ·  ".join(title.strip() for title in data.module_titles)
            blocks.append(self.text_block(modules, width - 30, 10.5, 7.0, 4, False, _MUTED, 0.0))
        return blocks

    def text_block(
        self,
        text: str,
        width: float,
        max_size: float,
        min_size: float,
        max_lines: int,
        bold: bool,
        color: Color,
        gap_after: float,
        single_line_min: float | None = None,
    ) -> _Block:
        """Fit ``text`` in ``width`` and return a centred block that draws it."""
        size, lines = self.fit.fit_lines(
            text, width, max_size, min_size, max_lines, bold, single_line_min=single_line_min
        )
        size_mm = size * 25.4 / 72
        leading = size_mm * 1.3
        ascent = size_mm * 0.78
        height = ascent + leading * (len(lines) - 1) + size_mm * 0.25
        left = (PAGE_W - width) / 2

        def draw(y: float) -> None:
            self.lines_at(lines, left, y + ascent, width, size, leading, bold, color)

        return _Block(height, draw, gap_after)

    def title_line(self, text: str, y: float, size: float) -> None:
        """Draw the document title in spaced capitals, baseline near ``y + size``."""
        self.font(size, True, _ACCENT)
        self.pdf.set_char_spacing(1.2)
        self.fit.shape_for(text)
        text_width = self.pdf.get_string_width(text) - 1.2 / self.pdf.k
        if text_width > _CONTENT_W - 20:
            self.pdf.set_char_spacing(0)
            text_width = self.pdf.get_string_width(text)
        self.pdf.text((PAGE_W - text_width) / 2, y + size * 0.3528 * 0.8, text)
        self.pdf.set_char_spacing(0)

    def ornament(self, y: float) -> None:
        """Draw a short rule with a diamond in its middle, centred at height ``y + 1``."""
        pdf = self.pdf
        cx, cy = PAGE_W / 2, y + 1.0
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
        self.pdf.line(PAGE_W / 2 - 45, y + 0.5, PAGE_W / 2 + 45, y + 0.5)

    # ----------------------------------------------------------------- the bottom band

    def bottom_block(self) -> float:
        """Draw date, issuer, code, URL and QR code along the bottom; return its top."""
        qr = segno.make(self.data.verify_url, error="m", micro=False)
        symbol_modules = qr.symbol_size(scale=1, border=0)[0]
        module = _QR_SYMBOL_MM / symbol_modules
        qr_box = _QR_SYMBOL_MM + 2 * _QR_QUIET_MODULES * module
        qr_left = PAGE_W - MARGIN - qr_box + _QR_QUIET_MODULES * module
        bottom = PAGE_H - 22.0  # bottom edge of the QR symbol
        qr_top = bottom - _QR_SYMBOL_MM
        self.qr(qr, qr_left, qr_top, module)

        column_w = 112.0
        column_left = PAGE_W - MARGIN - qr_box - column_w
        self.verification_column(column_left, qr_top + 3.0, column_w)
        self.date_and_issuer(qr_top + 3.0, column_left - MARGIN - 8.0)

        # A hairline separating the bottom band from the main column.
        band_top = qr_top - _QR_QUIET_MODULES * module - 3.0
        self.pdf.set_draw_color(*_ACCENT)
        self.pdf.set_line_width(0.2)
        self.pdf.line(MARGIN, band_top, PAGE_W - MARGIN, band_top)
        return band_top

    def verification_column(self, left: float, y: float, width: float) -> None:
        """Code and verification URL, right-aligned against the QR code's quiet zone."""
        labels = self.labels
        if labels.get("code"):
            self.small_caps(labels["code"], left, y, width, align="R", size=7.5)
            y += 3.0
        y = self.code(self.data.code, left, y, width)
        self.small_caps(labels["verify"], left, y + 7.0, width, align="R", size=7.0)
        size, lines = self.fit.fit_lines(self.data.verify_url, width, 9.5, 6.5, 2, url=True)
        self.lines_at(lines, left, y + 11.5, width, size, size * 0.45, False, _INK, "R")

    def date_and_issuer(self, y: float, width: float) -> None:
        """Date of issue and, if any, the issuer, on the left of the bottom band."""
        data, labels = self.data, self.labels
        self.small_caps(labels["date"], MARGIN, y, width, align="L", size=7.5)
        size, lines = self.fit.fit_lines(data.issued_on_text, width, 12, 8, 1)
        self.lines_at(lines, MARGIN, y + 6.5, width, size, 0, False, _INK, "L")
        if data.issuer:
            y += 15.0
            self.small_caps(labels["issuer"], MARGIN, y, width, align="L", size=7.5)
            size, lines = self.fit.fit_lines(data.issuer, width, 12, 7.5, 2)
            self.lines_at(lines, MARGIN, y + 6.5, width, size, size * 0.47, False, _INK, "L")

    def code(self, code: str, left: float, y: float, width: float) -> float:
        """Draw the code large and spaced on a light chip, right-aligned; return its bottom."""
        size = 21.0
        spacing = 1.4  # fpdf2 writes it as is into the Tc operator: in points
        while True:
            self.font(size, True, _INK)
            self.pdf.set_char_spacing(spacing)
            self.fit.shape_for(code)
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
