"""The roster's optional NIP Atasan column (for copies of reminders): read like the others, with its own errors."""

from __future__ import annotations

from tests.people.test_roster_reading import ANDI, AYU, SRI, read_csv

HEADER = "NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah;Email;NIP Atasan Langsung"


def test_the_atasan_nip_is_read_and_blank_or_a_dash_means_none():
    roster = read_csv(
        f"{SRI};Sri;Analis;Bagian Umum;Setda;sri@contoh.go.id;{ANDI}",
        f"{AYU};Ayu;Guru;SD 2;Dinas Pendidikan;;-",
        header=HEADER,
    )
    assert [(row.nip, row.email, row.atasan_nip) for row in roster.rows] == [
        (SRI, "sri@contoh.go.id", ANDI),
        (AYU, "", ""),
    ]
    assert roster.problems == ()


def test_a_wrong_atasan_nip_or_junk_email_is_refused_with_its_own_message():
    roster = read_csv(
        f"{SRI};Sri;Analis;Bagian Umum;Setda;sri@contoh.go.id;12345",
        f"{AYU};Ayu;Guru;SD 2;Dinas Pendidikan;ayu@;{ANDI}",
        f"{ANDI};Andi;Analis;Bagian Umum;Setda;;{ANDI}",
        header=HEADER,
    )
    assert roster.rows == ()
    found = {(p.row, p.column): p.reason for p in roster.problems}
    assert found[(2, "NIP Atasan Langsung")].startswith("NIP atasan tidak benar:")
    assert "bukan alamat email yang benar" in found[(3, "Email")]
    assert "sama dengan NIP pegawai ini" in found[(4, "NIP Atasan Langsung")]
