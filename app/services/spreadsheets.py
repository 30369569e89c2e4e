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
    widths: dict[int, int] = {}
    for row in table:
        for index, cell in enumerate(row):
            widths[index] = max(widths.get(index, 8), len(str(cell or "")))
    out = io.BytesIO()
    # XlsxWriter writes the XML itself, several times faster than openpyxl (which built a
    # cell object per cell). In memory, not in constant-memory mode: that one streams each
    # row to a temporary file as an inline string and took half as long again for a class
    # of 500 as this, which keeps the repeated labels ("passed", "67%") in one shared-strings
    # table; a class's table is a few hundred kilobytes.
    # Imported here: some 2 MiB of modules that only this download needs, which a
    # gunicorn worker that never serves one should not hold (bench/bench_memory.py).
    import xlsxwriter

    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    # Sheet names: at most 31 characters, none of []:*?/\
    sheet = workbook.add_worksheet("".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet")
    for index, width in widths.items():
        sheet.set_column(index, index, min(width, 60) + 2)
    sheet.freeze_panes(1, 0)
    bold = workbook.add_format({"bold": True})
    for number, row in enumerate(table):
        style = bold if number == 0 else None
        for column, cell in enumerate(row):
            _write(sheet, number, column, cell, style)
    workbook.close()
    return out.getvalue()


def _write(sheet: Any, row: int, column: int, value: object, style: object) -> None:
    # Every string through write_string: stored as text, never read as a formula or a
    # link (write() would); _safe also neutralises what a spreadsheet would on paste.
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value, style)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value, style)
    else:
        sheet.write_string(row, column, str(_safe(value)), style)
