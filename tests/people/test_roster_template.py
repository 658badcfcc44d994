"""The roster template HR downloads: the columns Netral reads, an example row, a NIP column Excel keeps as text."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from netral.people.roster.reading import read_roster
from netral.people.roster.template import COLUMNS, roster_template_xlsx


def test_the_template_has_the_columns_an_example_and_a_text_nip_column():
    data = roster_template_xlsx()
    sheet = load_workbook(io.BytesIO(data))["Data pegawai"]
    rows = list(sheet.iter_rows(max_row=2, values_only=True))
    assert list(rows[0]) == COLUMNS[: len(rows[0])] and COLUMNS[:5] == [
        "NIP",
        "Nama",
        "Jabatan",
        "Unit Kerja",
        "Perangkat Daerah",
    ]
    assert rows[1][0] == "197806152005011002"
    assert sheet.cell(2, 1).data_type == "s"
    assert {sheet.cell(r, 1).number_format for r in (2, 3, 500, 5000)} == {"@"}


def test_the_template_as_downloaded_reads_as_one_valid_row():
    roster = read_roster(roster_template_xlsx(), "templat-data-pegawai.xlsx")
    assert [r.nip for r in roster.rows] == ["197806152005011002"]
    assert not roster.problems
