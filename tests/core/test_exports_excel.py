"""Exports read back as Excel would: 18-digit NIPs stay text, numbers keep a decimal comma, formulas stay inert."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from netral.core.exports import to_csv, to_xlsx
from netral.core.nip import normalise_nip

NIP = "197806152005011002"


def test_a_csv_nip_is_written_as_a_text_formula_excel_keeps_whole():
    data = to_csv(["NIP", "Nama", "Progres modul (%)"], [[NIP, "Budi", 66.7], ["0012", "=1+1", 0.0]])
    assert f'"=""{NIP}"""'.encode() in data  # the bytes Excel reads: ="197806152005011002", shown as 18 digits
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == [f'="{NIP}"', "Budi", "66,7"]
    assert rows[2] == ['="0012"', "'=1+1", "0"]
    assert normalise_nip(rows[1][0]) == NIP  # our own export imports again


def test_only_digits_get_the_formula_form_anything_else_in_a_nip_column_is_neutralised():
    data = to_csv(["NIP"], [['1"&cmd|"/c calc"!A0'], ["=HYPERLINK(1)"]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1:] == [['1"&cmd|"/c calc"!A0'], ["'=HYPERLINK(1)"]]


def test_an_xlsx_nip_is_a_text_cell_with_the_text_format():
    data = to_xlsx(["NIP", "Nama", "Nilai"], [[NIP, "Budi", 87.5], [198503152010012005, "Ani", 90]])
    cells = list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2))
    assert [(c[0].value, c[0].data_type, c[0].number_format) for c in cells] == [
        (NIP, "s", "@"),
        ("198503152010012005", "s", "@"),
    ]
    assert [c[2].value for c in cells] == [87.5, 90]  # numbers stay numbers
