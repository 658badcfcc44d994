"""Exports HR opens in Excel: CSV (UTF-8 BOM, semicolons) and XLSX, both safe from formula injection.

An 18-digit NIP must stay 18 digits in Excel, which reads any long digit string as a number (1,97806E+17). In the
XLSX a NIP column is a text cell with the text number format (@). In the CSV a NIP is written as the formula
="197806..." (Excel shows the text, all digits); only a value made of digits alone gets this form, so it is a
constant and never a way in for a formula, and everything else still goes through `neutralise_cell`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-\d+([.,]\d+)?")
_DIGITS = re.compile(r"\d{1,40}")
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise_cell(value: object) -> str:
    """Make a cell safe to open in Excel: text starting like a formula is prefixed with an apostrophe."""
    text = "" if value is None else str(value)
    # A plain negative number ("-71,4") cannot be a formula; it stays a number for Excel.
    return "'" + text if text.startswith(_FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text) else text


def is_text_column(title: object) -> bool:
    """Columns whose digits are an identifier, never a number: NIP (and "NIP ..." variants)."""
    return str(title).strip().upper().split(" ")[0] == "NIP"


def csv_text_cell(value: object) -> str:
    """A digits-only identifier as Excel keeps it as text in a CSV (="0012..."); anything else neutralised."""
    text = "" if value is None else str(value)
    return f'="{text}"' if _DIGITS.fullmatch(text) else neutralise_cell(text)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Write a CSV that Excel in Indonesia opens correctly (UTF-8 BOM, semicolons) and cannot be hijacked."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise_cell(h) for h in header])
    text_columns = {i for i, title in enumerate(header) if is_text_column(title)}
    for row in rows:
        writer.writerow([csv_text_cell(c) if i in text_columns else _csv_value(c) for i, c in enumerate(row)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], *, sheet: str = "Data") -> bytes:
    """Write an XLSX: numbers stay numbers, every text is a text cell (never a formula), header bold and frozen."""
    book = Workbook(write_only=False)
    ws = book.worksheets[0]
    ws.title = sheet[:31]
    ws.append([str(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    text_columns = {i for i, title in enumerate(header, start=1) if is_text_column(title)}
    for row_number, values in enumerate(rows, start=2):
        cells = [_xlsx_value(v) for v in values]
        ws.append(cells)
        # Cells by coordinate: `ws[ws.max_row]` scans every cell written so far, which made a 20,000-row
        # export take minutes (quadratic).
        for column, value in enumerate(cells, start=1):
            if isinstance(value, str) or column in text_columns:
                cell = ws.cell(row_number, column)
                if column in text_columns:
                    cell.value = "" if value is None else str(value)
                    cell.number_format = "@"  # a NIP stays text: 18 digits, never 1,97806E+17
                cell.data_type = "s"  # stored as text: "=HYPERLINK(...)" in a name stays a name
    ws.freeze_panes = "A2"
    for index, title in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(12, min(50, len(str(title)) + 4))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")  # 87,5: Indonesian Excel reads a decimal comma
    return neutralise_cell(value)


def _xlsx_value(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return "" if value is None else ("ya" if value else "tidak")
    if isinstance(value, int | float):
        return value
    return neutralise_cell(value)
