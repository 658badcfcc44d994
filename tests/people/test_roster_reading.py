"""Reading HR's roster exports: formats, headers, NIPs Excel mangled, duplicates, row numbers as HR sees them."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from netral.people.roster.reading import MAX_ROSTER_BYTES, RosterFile, RosterProblem, RosterRow, read_roster
from tests.conftest import ROOT

TODAY = date(2026, 11, 23)
HEADER = ["NIP", "Nama", "Jabatan", "Unit Kerja", "Perangkat Daerah", "Email"]
SRI, AYU, ANDI = "198503152010012005", "199310102022212003", "198001152005031001"


def nip(serial: int) -> str:
    """A valid NIP (born 1980-01-15, appointed 2005-03) with its own serial."""
    return f"198001152005031{serial:03d}"


def csv_bytes(*rows: str, header: str = ";".join(HEADER), bom: bool = True, encoding: str = "utf-8") -> bytes:
    """A CSV as Indonesian Excel saves it: semicolons, CRLF, and (for "CSV UTF-8") a BOM."""
    return (("\ufeff" if bom else "") + "\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def read(data: bytes, filename: str = "pegawai.csv") -> RosterFile:
    return read_roster(data, filename, today=TODAY)


def read_csv(*rows: str, **options) -> RosterFile:
    return read(csv_bytes(*rows, **options))


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # as Excel stores typed text: "=HYPERLINK(" stays a name, not a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite_sheet(data: bytes, change) -> bytes:
    """The workbook with its first sheet's XML changed, as another program might have written it."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item)
            out.writestr(item, change(content) if item.filename == "xl/worksheets/sheet1.xml" else content)
    return target.getvalue()


def problems(roster: RosterFile) -> list[tuple[int | None, str]]:
    return [(p.row, p.column) for p in roster.problems]


def only_problem(roster: RosterFile) -> RosterProblem:
    assert roster.rows == ()
    (problem,) = roster.problems
    return problem


def test_an_indonesian_excel_export_with_title_rows_semicolons_and_bom_reads_as_hr_sees_it():
    data = (ROOT / "tests" / "fixtures" / "roster" / "pegawai_excel_indonesia.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data and b"\r\n" in data
    roster = read(data)
    assert roster.rows == (
        RosterRow(
            4,
            SRI,
            "Dra. Sri Wahyuni, M.Pd.",
            "Kepala Sekolah",
            "Dinas Pendidikan",
            "SD Negeri 1 Kota",
            "sri.wahyuni@contoh.go.id",
        ),
        RosterRow(5, AYU, "Ni Luh Putu Ayu; S.Kom.", "Guru Ahli Pertama", "Dinas Pendidikan", "SD Negeri 2 Kota", ""),
        RosterRow(
            8,
            ANDI,
            "Andi Pratama, S.T.",
            "Analis Kepegawaian",
            "Dinas Pendidikan",
            "Subbagian Umum dan Kepegawaian",
            "andi@contoh.go.id",
        ),
    )
    # Header on line 3, so the mangled NIP is on line 6 and the blank line 7 is skipped but still counted.
    assert problems(roster) == [(6, "NIP Baru")]
    assert roster.data_rows == 4


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_comma_tab_and_semicolon_files_read_alike_with_quoted_cells(delimiter):
    name = "Ni Luh Putu Ayu Sri Wahyuni, S.Kom.; M.T."
    data = csv_bytes(
        f'{SRI}{delimiter}"{name}"{delimiter}Analis{delimiter}{delimiter}Dinas Kesehatan', header=delimiter.join(HEADER[:5])
    )
    roster = read(data)
    assert roster.rows == (RosterRow(2, SRI, name, "Analis", "Dinas Kesehatan", "", ""),)
    assert roster.problems == ()


def test_a_cp1252_file_from_older_excel_keeps_accented_names():
    data = csv_bytes(f"{SRI};José Ramírez Müller;Analis;Bagian Umum;Setda", bom=False, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert [row.name for row in read(data).rows] == ["José Ramírez Müller"]


@pytest.mark.parametrize("bom", [True, False])
def test_a_utf8_file_is_never_read_as_cp1252_mojibake(bom):
    roster = read_csv(f"{SRI};José Ñúñez;Analis;Bagian Umum;Setda", bom=bom)
    assert [row.name for row in roster.rows] == ["José Ñúñez"]  # not "JosÃ©"


def test_excel_unicode_text_utf16_tab_file_is_read():
    data = ("\t".join(HEADER) + "\r\n" + "\t".join([SRI, "Ayu Ṣalawati", "Analis", "", "Setda", ""]) + "\r\n").encode("utf-16")
    assert [row.name for row in read(data, "pegawai.txt").rows] == ["Ayu Ṣalawati"]


def test_an_xlsx_with_text_int_and_float_nip_cells():
    data = xlsx_bytes(
        [
            ["DAFTAR PEGAWAI SEKRETARIAT DAERAH"],
            [],
            ["NIP/NI PPPK", "Nama Lengkap", "Nama Jabatan", "Sub Unit", "OPD", "Keterangan"],
            [SRI, "Sri Wahyuni", "Analis", "Bagian Umum", "Sekretariat Daerah", "aktif"],
            [111, "Andi", "Analis", "", "Sekretariat Daerah", None],
            [float(ANDI), "Float Cell", "Analis", "Bagian Umum", "Sekretariat Daerah", None],
            [222, "Int Rounded", "Analis", "Bagian Umum", "Sekretariat Daerah", None],
            ['=HYPERLINK("http://x","klik")', "Bukan NIP", "Analis", "Bagian Umum", "Sekretariat Daerah", None],
        ]
    )
    # openpyxl writes numbers with 16 digits; other programs write an 18-digit whole number as it is.
    data = rewrite_sheet(
        data,
        lambda xml: xml.replace(b"<v>111</v>", f"<v>{ANDI}</v>".encode()).replace(b"<v>222</v>", b"<v>198503152010012000</v>"),
    )
    roster = read(data, "pegawai.xlsx")
    assert roster.rows == (
        RosterRow(4, SRI, "Sri Wahyuni", "Analis", "Sekretariat Daerah", "Bagian Umum", ""),
        RosterRow(5, ANDI, "Andi", "Analis", "Sekretariat Daerah", "", ""),  # int cell: no ".0"
    )
    assert problems(roster) == [(6, "NIP/NI PPPK"), (7, "NIP/NI PPPK"), (8, "NIP/NI PPPK")]
    assert all("Teks" in p.reason for p in roster.problems[:2])
    assert "(1.98001152005031E+17)" in roster.problems[0].reason  # the float cell, shown as Excel shows it
    assert roster.problems[2].reason == "NIP hanya boleh berisi angka." and roster.data_rows == 5


def test_an_xlsx_named_csv_is_still_read_as_a_workbook():
    data = xlsx_bytes([HEADER, [SRI, "Sri", "Analis", "", "Setda", ""]])
    assert [row.nip for row in read(data, "pegawai.csv").rows] == [SRI]


def test_an_xlsx_whose_stored_sheet_size_is_wrong_is_read_whole():
    data = xlsx_bytes([HEADER, *([nip(serial), "Nama", "Analis", "", "Setda", ""] for serial in range(1, 4))])

    def shrink(xml: bytes) -> bytes:
        # openpyxl writes `<dimension ref="A1:F4"/>` when lxml is installed (pyHanko needs it), with a space otherwise.
        shrunk = re.sub(rb'<dimension ref="A1:F4" ?/>', b'<dimension ref="A1:A1" />', xml)
        assert shrunk != xml
        return shrunk

    data = rewrite_sheet(data, shrink)
    assert [row.row for row in read(data, "pegawai.xlsx").rows] == [2, 3, 4]


@pytest.mark.parametrize(
    ("nip_header", "name_header", "jabatan", "unit", "office", "email"),
    [
        ("nip_baru", "NAMA LENGKAP", "Nama Jabatan", "Satuan Kerja", "SKPD", "E-mail"),
        ("NIP / NI PPPK", "Nama (dengan gelar)", "JABATAN", "Sub Unit", "OPD", "Surel"),
        ("Nomor Induk Pegawai", "Nama Pegawai", "jabatan", "Unit Organisasi", "Unit Induk", "Alamat Email"),
        ("N.I.P.", "nama", "Jabatan", "unit_kerja", "PD", "email"),
    ],
)
def test_headers_are_recognised_loosely_and_unknown_columns_ignored(nip_header, name_header, jabatan, unit, office, email):
    header = ";".join(["No", nip_header, "Golongan", name_header, jabatan, unit, office, email, "Keterangan"])
    roster = read_csv(f"1;{SRI};III/c;Sri;Analis;Bagian Umum;Setda;sri@contoh.go.id;cuti", header=header)
    assert roster.rows == (RosterRow(2, SRI, "Sri", "Analis", "Setda", "Bagian Umum", "sri@contoh.go.id"),)


def test_a_missing_required_column_is_named_with_the_headers_accepted():
    roster = read_csv(f"{SRI};Sri;Analis;Setda", f"{ANDI};Andi;Analis;Setda", header="NIP;Nama;Jabatan;Perangkat Daerah")
    problem = only_problem(roster)
    assert (problem.row, problem.column) == (None, "")
    assert "Unit Kerja" in problem.reason and '"Sub Unit"' in problem.reason and '"Satuan Kerja"' in problem.reason
    assert roster.data_rows == 2


def test_each_missing_column_gets_its_own_problem():
    roster = read_csv(f"Sri;Bagian Umum;Setda;{SRI}", header="Nama;Unit Kerja;OPD;Nomor HP")
    reasons = [p.reason for p in roster.problems]
    assert len(reasons) == 2 and "Kolom NIP" in reasons[0] and "Kolom Jabatan" in reasons[1]
    assert roster.rows == () and all(p.row is None for p in roster.problems)


def test_a_field_given_by_two_columns_is_refused_rather_than_guessed():
    problem = only_problem(read_csv(f"{SRI};Sri;Sri Wahyuni;Analis;;Setda", header="NIP;Nama;Nama Lengkap;Jabatan;Unit Kerja;PD"))
    assert '"Nama" dan "Nama Lengkap"' in problem.reason


def test_a_file_without_a_header_row_in_its_first_ten_rows_says_so():
    problem = only_problem(read_csv(f"{SRI};Sri;Analis;;Setda", header="data;pegawai"))
    assert problem.row is None and "Baris judul kolom tidak ditemukan" in problem.reason


def test_a_header_without_data_rows_says_so():
    assert "Tidak ada data pegawai" in only_problem(read_csv(";;;;", ";;;;")).reason


@pytest.mark.parametrize(
    "mangled",
    [
        "1.98503E+17",
        "1,98503E+17",
        "1.98503152010012E+17",
        "198503152010012000",
        "198503152010012000.0",
        "198.503.152.010.012.000",
    ],
)
def test_a_nip_excel_turned_into_a_number_says_to_format_the_column_as_text(mangled):
    roster = read_csv(f"{mangled};Sri;Analis;Bagian Umum;Setda")
    problem = only_problem(roster)
    assert (problem.row, problem.column) == (2, "NIP")
    assert "Excel" in problem.reason and "Teks" in problem.reason and "Format Cells" in problem.reason


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("198502302010012005", "Tanggal lahir pada 8 digit pertama (19850230) bukan tanggal yang valid."),
        ("198503152010013005", "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."),
        ("198503152000012005", "Tahun pengangkatan (digit 9–14) lebih awal dari usia 18 tahun."),
        ("198503152027012005", "Tahun pengangkatan (digit 9–14) ada di masa depan."),
        ("19850315201001200", "NIP harus 18 digit, bukan 17."),
        ("1985031520100120A5", "NIP hanya boleh berisi angka."),
        ("", "NIP kosong."),
    ],
)
def test_an_invalid_nip_gets_the_reason_from_the_nip_rules(typed, reason):
    problem = only_problem(read_csv(f"{typed};Sri;Analis;Bagian Umum;Setda"))
    assert (problem.row, problem.column, problem.reason) == (2, "NIP", reason)


def test_a_nip_ending_in_000_is_blamed_on_excel_not_on_the_serial_rule():
    reason = only_problem(read_csv("198503152010012000;Sri;Analis;;Setda")).reason
    assert "Teks" in reason and "nomor urut" not in reason


@pytest.mark.parametrize(
    "typed",
    ["'198503152010012005", "1985 0315 2010 01 2 005", '="198503152010012005"', "198503152010012005\u200b", "\u00a0" + SRI],
)
def test_a_nip_as_people_and_systems_write_it_is_normalised(typed):
    quoted = '"' + typed.replace('"', '""') + '"'
    assert [row.nip for row in read_csv(f"{quoted};Sri;Analis;;Setda").rows] == [SRI]


def test_every_occurrence_of_a_duplicated_nip_is_an_error_naming_the_other_rows():
    twice, thrice = nip(7), nip(9)
    roster = read_csv(
        f"{twice};Ani;Analis;;Setda",  # row 2
        f"{thrice};Budi;Analis;;Setda",  # row 3
        f"{SRI};Sri;Analis;;Setda",  # row 4
        f"{twice};Ani Lagi;Analis;;Setda",  # row 5
        f"{thrice};Budi Lagi;;;",  # row 6: also lacks a perangkat daerah
        f"'{thrice};Budi Tiga;Analis;;Setda",  # row 7: the same NIP, written differently
    )
    assert [row.nip for row in roster.rows] == [SRI]
    reasons = {(p.row, p.column): p.reason for p in roster.problems}
    assert reasons[(2, "NIP")] == "NIP ini juga ada di baris 5; satu NIP hanya boleh satu baris."
    assert reasons[(5, "NIP")] == "NIP ini juga ada di baris 2; satu NIP hanya boleh satu baris."
    assert reasons[(3, "NIP")] == "NIP ini juga ada di baris 6 dan 7; satu NIP hanya boleh satu baris."
    assert reasons[(6, "NIP")] == "NIP ini juga ada di baris 3 dan 7; satu NIP hanya boleh satu baris."
    assert problems(roster) == [(2, "NIP"), (3, "NIP"), (5, "NIP"), (6, "NIP"), (6, "Perangkat Daerah"), (7, "NIP")]


def test_a_nip_repeated_many_times_names_a_few_rows_and_counts_the_rest():
    roster = read_csv(*[f"{SRI};Sri;Analis;;Setda"] * 9)
    assert (
        roster.problems[0].reason == "NIP ini juga ada di baris 3, 4, 5, 6, 7 dan 3 baris lain; satu NIP hanya boleh satu baris."
    )


def test_blank_name_and_perangkat_daerah_are_errors_but_blank_jabatan_and_unit_are_not():
    roster = read_csv(f"{nip(1)};   ;Analis;;Setda", f"{nip(2)};Budi;Analis;Bagian Umum;", f"{nip(3)};Citra; ;-;Setda;-")
    assert problems(roster) == [(2, "Nama"), (3, "Perangkat Daerah")]
    assert "Nama kosong" in roster.problems[0].reason and "Perangkat daerah kosong" in roster.problems[1].reason
    assert roster.rows == (RosterRow(4, nip(3), "Citra", "", "Setda", "", ""),)  # "-" is HR's "none"


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x","klik")',
        "'; DROP TABLE employees;--",
        "Ni Luh Putu Ayu Sri Wahyuni, S.Kom., M.T.",
        "Dewi 👩‍💻 Lestari",
        "@SUM(1+1)",
    ],
)
def test_a_hostile_looking_name_is_just_a_name(name):
    quoted = '"' + name.replace('"', '""') + '"'
    roster = read_csv(f"{SRI};{quoted};Analis;;Setda")
    assert roster.problems == () and [row.name for row in roster.rows] == [name]
    xlsx = read(xlsx_bytes([HEADER, [SRI, name, "Analis", "", "Setda", ""]]), "pegawai.xlsx")
    assert [row.name for row in xlsx.rows] == [name]


def test_whitespace_is_tidied_but_a_control_character_is_an_error():
    roster = read_csv(f'{nip(1)};"  Budi \t  Santoso\n ";Analis;;Setda', f"{nip(2)};Citra\x07;Analis;;Setda")
    assert [row.name for row in roster.rows] == ["Budi Santoso"]
    assert problems(roster) == [(3, "Nama")] and "karakter kontrol" in roster.problems[0].reason


def test_too_long_values_and_implausible_emails_are_errors():
    long_ok, long_bad = "A" * 200, "A" * 201
    roster = read_csv(
        f"{nip(1)};{long_ok};{long_ok};{long_ok};{long_ok};{'a' * 240}@contoh.go.id",  # email of 253 characters
        f"{nip(2)};{long_bad};Analis;;Setda;{'a' * 242}@contoh.go.id",
        f"{nip(3)};Citra;Analis;;Setda;citra(at)contoh.go.id",
        f"{nip(4)};Dedi;Analis;;Setda;dedi@contoh",
    )
    assert [row.row for row in roster.rows] == [2]
    assert problems(roster) == [(3, "Nama"), (3, "Email"), (4, "Email"), (5, "Email")]
    assert "201 karakter" in roster.problems[0].reason and "paling banyak 254" in roster.problems[1].reason
    assert "citra(at)contoh.go.id" in roster.problems[2].reason


def test_row_numbers_count_blank_lines_and_title_rows_as_a_spreadsheet_shows_them():
    data = "\r\n".join(
        ["DAFTAR PEGAWAI", "", ";".join(HEADER), f"{nip(1)};Ani;Analis;;Setda", "", ";;;;;", f"{nip(2)};;Analis;;Setda", ""]
    ).encode()
    roster = read(data)
    assert [row.row for row in roster.rows] == [4] and problems(roster) == [(7, "Nama")]
    assert roster.data_rows == 2


def test_a_column_number_row_and_a_header_repeated_mid_file_are_not_employees():
    roster = read_csv(
        "(1);(2);(3);(4);(5);(6)",  # Indonesian official tables number their columns under the header
        f"{nip(1)};Ani;Analis;;Setda",
        "NIP;NAMA;Jabatan;Unit  Kerja;Perangkat Daerah;Email",  # the header again, as a table split across pages
        f"{nip(2)};Budi;Analis;;Setda",
        "1;;;;;",  # a running number without data is still reported
    )
    assert [row.row for row in roster.rows] == [3, 5] and roster.data_rows == 3
    assert problems(roster) == [(6, "NIP"), (6, "Nama"), (6, "Perangkat Daerah")]


def test_problems_come_in_row_order_then_left_to_right():
    header = "Surel;NIP;Nama;Jabatan;Unit Kerja;PD"
    roster = read_csv(f"bukan-email;{nip(1)};;Analis;;", "x;1;Budi;Analis;;Setda", header=header)
    assert problems(roster) == [(2, "Surel"), (2, "Nama"), (2, "PD"), (3, "Surel"), (3, "NIP")]


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "pegawai.xls"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "pegawai.csv"),
        (b"NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah\r\n", "pegawai.pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pegawai.csv"),
        (b"PK\x03\x04 not really a zip", "pegawai.xlsx"),
    ],
    ids=["xls", "pdf-renamed-csv", "pdf-extension", "png-renamed-csv", "broken-zip"],
)
def test_a_file_that_is_not_a_csv_or_xlsx_is_refused_with_advice(data, filename):
    problem = only_problem(read(data, filename))
    assert problem.row is None and problem.column == ""
    assert ".xlsx" in problem.reason and ".csv" in problem.reason and "Simpan Sebagai" in problem.reason


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "bukan buku kerja Excel" in only_problem(read(buffer.getvalue(), "pegawai.xlsx")).reason


def test_a_workbook_with_a_broken_sheet_is_refused_not_raised():
    data = xlsx_bytes([HEADER, [SRI, "Sri", "Analis", "", "Setda", ""]])
    data = rewrite_sheet(data, lambda xml: xml[: xml.index(b"</sheetData>") - 20])
    assert "rusak" in only_problem(read(data, "pegawai.xlsx")).reason


def test_a_truncated_workbook_is_refused_not_raised():
    data = xlsx_bytes([HEADER, *([nip(serial), "Nama", "Analis", "", "Setda", ""] for serial in range(1, 50))])
    assert "rusak" in only_problem(read(data[: len(data) // 2], "pegawai.xlsx")).reason


def test_an_oversized_file_is_refused_before_reading():
    data = csv_bytes(f"{SRI};Sri;Analis;;Setda") + b" " * MAX_ROSTER_BYTES
    problem = only_problem(read(data))
    assert "terlalu besar" in problem.reason and "20 MB" in problem.reason


@pytest.mark.parametrize(
    ("data", "filename"),
    [(b"", "pegawai.csv"), (b"\xef\xbb\xbf", "pegawai.csv"), (b"\r\n \r\n", "pegawai.csv"), (b";;;;\r\n;;;;\r\n", "pegawai.csv")],
)
def test_an_empty_file_says_it_is_empty(data, filename):
    assert "Berkas kosong" in only_problem(read(data, filename)).reason


def test_an_empty_workbook_says_it_is_empty():
    assert "Berkas kosong" in only_problem(read(xlsx_bytes([]), "pegawai.xlsx")).reason


def test_an_undecodable_text_file_is_refused():
    data = csv_bytes(f"{SRI};Sri;Analis;;Setda", bom=False) + b"\x81\x8d\x8f"  # not UTF-8, and not cp1252 either
    assert "CSV UTF-8" in only_problem(read(data)).reason
