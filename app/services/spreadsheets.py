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

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
    and frozen."""
    workbook = Workbook()
    sheet = workbook.active
    # A new workbook opens on one worksheet; the stubs allow for a chartsheet or none.
    assert isinstance(sheet, Worksheet)
    # Sheet names: at most 31 characters, none of []:*?/\
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    for row in table:
        # openpyxl stores a string as text, never as a formula, only if it does not
        # start with "="; _safe covers that and the other formula starts.
        sheet.append([_safe(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for number, values in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max((len(str(value or "")) for value in values), default=8)
        sheet.column_dimensions[get_column_letter(number)].width = min(max(width, 8), 60) + 2
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
