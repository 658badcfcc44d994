"""A hostile roster file is refused quickly with a clear message, and never grows without bound (docs/security.md)."""

from __future__ import annotations

import io
import zipfile

from netral.people.roster import reading
from tests.people.test_roster_reading import HEADER, SRI, csv_bytes, nip, read, read_csv, xlsx_bytes


def only_problem(roster) -> str:
    assert not roster.rows and len(roster.problems) == 1 and roster.problems[0].row is None, roster.problems[:3]
    return roster.problems[0].reason


def test_more_rows_than_a_province_has_are_refused_before_they_are_checked(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    rows = [f"{nip(n)};Pegawai {n};Analis;Umum;Setda;" for n in range(1, 90)]
    assert "lebih dari 50 baris data" in only_problem(read_csv(*rows))
    assert len(read_csv(*rows[:50]).rows) == 50


def test_a_row_with_too_many_cells_and_a_giant_cell_are_refused_by_row():
    wide = f"{SRI};Sri;Analis;Umum;Setda;" + ";x" * 80
    assert "Baris 2 memuat lebih dari 60 kolom" in only_problem(read_csv(wide))
    giant = f"{SRI};{'A' * 5000};Analis;Umum;Setda;"
    assert "lebih dari 1000 karakter" in only_problem(read_csv(giant))
    assert "lebih dari 1000 karakter" in only_problem(
        read(xlsx_bytes([HEADER, [SRI, "A" * 5000, "", "", "Setda", ""]]), "p.xlsx")
    )


def test_an_xlsx_that_inflates_far_beyond_its_size_is_refused_from_its_zip_directory():
    source, target = zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADER, [SRI, "Sri", "", "", "Setda", ""]]))), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        out.writestr("xl/bom.bin", b"\0" * (101 * 2**20))  # 101 MB of zeros: about 100 KB compressed
    data = target.getvalue()
    assert len(data) < 1_000_000
    assert "terlalu besar setelah dibuka (101 MB; batasnya 100 MB)" in only_problem(read(data, "pegawai.xlsx"))


def test_a_file_of_junk_lists_the_first_thousand_problems_and_a_count_of_the_rest():
    rows = [f"bukan-nip-{n};;;;;" for n in range(1500)]  # three problems each: NIP, name, perangkat daerah
    roster = read_csv(*rows)
    assert len(roster.problems) == reading.MAX_LISTED_PROBLEMS + 1 and not roster.rows
    assert roster.problems[-1].row is None and "dan 3.500 masalah lain" in roster.problems[-1].reason


def test_a_csv_in_another_encoding_is_refused_with_the_encoding_to_use():
    data = csv_bytes(f"{SRI};山田 花子;Analis;Umum;Setda;", bom=False, encoding="shift_jis")
    assert 'Simpan Sebagai "CSV UTF-8' in only_problem(read(data))


def test_names_with_bidi_controls_or_invisible_characters_are_refused():
    for name in ("Sutrisno \u202eonsirtuS", "Sutrisno\u2067 x", "Sri\u200bwati"):
        roster = read_csv(f"{SRI};{name};Analis;Umum;Setda;")
        assert not roster.rows and "karakter format tak terlihat" in roster.problems[0].reason, name


def test_a_small_xlsx_claiming_a_million_rows_is_refused_by_counting_its_row_tags():
    # 140 KiB on disk, 47 MB inflated (under the size cap), one million rows and no <dimension>: openpyxl alone
    # would scan all of it before the first row.
    from tests.probes.upload import inflating_xlsx

    data = inflating_xlsx(1_000_000)
    assert len(data) < 200 * 1024
    roster = reading.read_roster(data, "pegawai.xlsx")
    assert roster.rows == () and "lebih dari 200.000 baris" in roster.problems[0].reason
    assert reading._sheet_rows(inflating_xlsx(12_345)) == 12_345  # counted across the 1 MiB chunk boundaries
