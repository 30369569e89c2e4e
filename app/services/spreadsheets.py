"""A report table as a file a teacher opens: ``.xlsx``, or CSV in UTF-8.

``.xlsx`` is what Excel, LibreOffice and Google Sheets all open by double-click with every
letter intact (č, ć, đ, š, ž, Cyrillic). The CSV is RFC 4180 (commas, CRLF) in UTF-8 with a
byte-order mark, which is what makes Excel read it as UTF-8 rather than the Windows code
page. In both, a cell that starts like a formula is neutralised (CSV/formula injection):
titles and prompts come from course files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_bytes(table: Sequence[Sequence[object]]) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark, header row first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table:
        writer.writerow([_safe(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(table: Sequence[Sequence[object]], title: str) -> bytes:
    """The table as an Excel workbook of one sheet called ``title``, header row in bold
    and frozen, columns as wide as their longest cell (within limits)."""
    # Write-only: rows stream to the file instead of a grid of cell objects first (a class
    # of 500 took half the export's time), so the widths are measured before writing.
    workbook = Workbook(write_only=True)
    # Sheet names: at most 31 characters, none of []:*?/\
    sheet = workbook.create_sheet("".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet")
    widths: dict[int, int] = {}
    for row in table:
        for index, cell in enumerate(row, start=1):
            widths[index] = max(widths.get(index, 8), len(str(cell or "")))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(width, 60) + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for number, row in enumerate(table):
        # openpyxl stores a string as text, never as a formula, only if it does not
        # start with "="; _safe covers that and the other formula starts.
        cells = [_safe(cell) for cell in row]
        if number == 0:
            cells = [_bold(sheet, cell, bold) for cell in cells]
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _bold(sheet: Any, value: object, font: Font) -> Cell:
    # Only the header row is bold, and its cells are column names.
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.font = font
    return cell
