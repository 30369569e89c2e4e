"""Report files: UTF-8 CSV and xlsx, with formula-like cells kept as text."""

from __future__ import annotations

import csv
import io

import openpyxl

from app.services.spreadsheets import csv_bytes, xlsx_bytes

TABLE = [["Ime", "Rezultat"], ["čćšžđ Ђорђе", "100%"], ['=HYPERLINK("x")', 3]]


def test_csv_is_utf8_with_a_bom_and_formulas_stay_text():
    body = csv_bytes(TABLE)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [["Ime", "Rezultat"], ["čćšžđ Ђорђе", "100%"], ['\'=HYPERLINK("x")', "3"]]


def test_xlsx_keeps_letters_and_never_writes_a_formula():
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(TABLE, "Napredak: II/3"))).active
    assert sheet.title == "Napredak II3"
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Ime", "Rezultat"],
        ["čćšžđ Ђорђе", "100%"],
        ['\'=HYPERLINK("x")', 3],
    ]
    assert sheet["A3"].data_type == "s" and sheet["A1"].font.bold
