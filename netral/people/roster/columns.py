"""The roster's columns: which header texts HR's exports use for each, and finding the header row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

NIP, NAME, JABATAN, OFFICE, UNIT, EMAIL = "nip", "name", "jabatan", "perangkat_daerah", "unit_kerja", "email"
PANGKAT = "pangkat"  # optional, like EMAIL: printed on certificates when the roster has it
ATASAN = "atasan_nip"  # optional: the atasan's NIP, for copies of reminders
REQUIRED = (NIP, NAME, JABATAN, UNIT, OFFICE)
TEXT_FIELDS = (NAME, JABATAN, OFFICE, UNIT, EMAIL, PANGKAT, ATASAN)  # in RosterRow's order, after the NIP
HEADER_SEARCH_ROWS = 10
LABELS = {NIP: "NIP", NAME: "Nama", JABATAN: "Jabatan", UNIT: "Unit Kerja", OFFICE: "Perangkat Daerah", EMAIL: "Email"}
LABELS[PANGKAT], LABELS[ATASAN] = "Pangkat/Golongan", "NIP Atasan"
ACCEPTED = {
    NIP: ("NIP", "NIP Baru", "NIP/NI PPPK", "NI PPPK", "NIP PPPK", "NIP Pegawai", "Nomor Induk Pegawai", "No. Induk Pegawai"),
    NAME: (
        "Nama",
        "Nama Lengkap",
        "Nama Pegawai",
        "Nama (dengan gelar)",
        "Nama Lengkap (dengan gelar)",
        "Nama dan Gelar",
        "Nama ASN",
        "Nama PNS",
    ),
    JABATAN: ("Jabatan", "Nama Jabatan", "Jabatan Terakhir", "Jabatan Saat Ini"),
    UNIT: (
        "Unit Kerja",
        "Nama Unit Kerja",
        "Unit Organisasi",
        "Unor",
        "Satuan Kerja",
        "Satker",
        "Sub Unit",
        "Sub Unit Kerja",
        "Bidang/Bagian",
        "Bagian/Bidang",
    ),
    OFFICE: (
        "Perangkat Daerah",
        "Nama Perangkat Daerah",
        "OPD",
        "Nama OPD",
        "SKPD",
        "Nama SKPD",
        "PD",
        "Unit Induk",
        "Unit Kerja Induk",
        "Unor Induk",
        "Organisasi Perangkat Daerah",
        "Satuan Kerja Perangkat Daerah",
    ),
    EMAIL: ("Email", "E-mail", "Surel", "Alamat Email", "Alamat E-mail", "Alamat Surel", "Email Dinas", "Email Kantor"),
    # Only combined headers: a file with separate "Pangkat" and "Golongan" columns must keep importing as before.
    ATASAN: ("NIP Atasan", "NIP Atasan Langsung", "NIP Pejabat Penilai", "NIP Atasan Pejabat Penilai"),
    PANGKAT: ("Pangkat/Golongan", "Pangkat Golongan", "Pangkat/Gol", "Pangkat/Gol. Ruang", "Pangkat/Golongan Ruang"),
}
_NOT_LETTERS = re.compile(r"[\W_]+")
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


def header_key(text: str) -> str:
    """A header text compared loosely: case, spaces, punctuation and underscores do not matter."""
    return _NOT_LETTERS.sub("", text.casefold())


_FIELD_OF = {header_key(name): field for field, names in ACCEPTED.items() for name in names}


def title_text(value: object) -> str:
    """A header cell's text as HR wrote it, whitespace tidied (Excel headers often wrap onto two lines)."""
    return " ".join(str(value).split()) if value is not None else ""


@dataclass(frozen=True)
class Header:
    """The header row: its number and, for each known field, the positions and texts of its columns."""

    row: int
    positions: dict[str, list[int]]
    titles: list[str]

    @property
    def usable(self) -> bool:
        """Whether this row names a NIP and a Nama column, as a real header row does."""
        return NIP in self.positions and NAME in self.positions

    @property
    def missing(self) -> list[str]:
        """The required fields that have no column."""
        return [field for field in REQUIRED if field not in self.positions]

    def column(self, field: str) -> int:
        """The position of a field's (first) column."""
        return self.positions[field][0]


def read_header(number: int, cells: Sequence[object]) -> Header:
    """Recognise the known columns of one row."""
    titles = [title_text(cell) for cell in cells]
    positions: dict[str, list[int]] = {}
    for index, title in enumerate(titles):
        field = _FIELD_OF.get(header_key(title))
        if field is not None:
            positions.setdefault(field, []).append(index)
    return Header(number, positions, titles)


def locate_header(head: Sequence[Sequence[object]]) -> Header | None:
    """The first row naming NIP and Nama; failing that the row naming the most known columns; None if no row names any."""
    headers = [read_header(number, cells) for number, cells in enumerate(head, start=1)]
    usable = next((header for header in headers if header.usable), None)
    closest = max(headers, key=lambda header: len(header.positions), default=None)
    return usable or (closest if closest is not None and closest.positions else None)


def echoes_header(header: Header, cells: Sequence[object]) -> bool:
    """Whether a row repeats the header (a table that spanned pages) or numbers its columns: "1", "(2)" ..."""
    for positions in header.positions.values():
        text = title_text(cells[positions[0]]) if positions[0] < len(cells) else ""
        own_title = header_key(text) == header_key(header.titles[positions[0]])
        if not (own_title or _COLUMN_NUMBER.fullmatch(text)):
            return False
    return True


def header_problems(header: Header) -> list[str]:
    """What is wrong with the header row: missing required columns and fields given twice."""
    reasons = []
    for field in header.missing:
        optional = " (isinya boleh kosong)" if field in (JABATAN, UNIT) else ""
        accepted = ", ".join(f'"{name}"' for name in ACCEPTED[field])
        reasons.append(
            f"Kolom {LABELS[field]} tidak ditemukan di baris judul (baris {header.row}). "
            f"Tambahkan kolom itu{optional} dengan salah satu judul berikut: {accepted}."
        )
    for field, positions in header.positions.items():
        if len(positions) > 1:
            both = " dan ".join(f'"{header.titles[index]}"' for index in positions)
            reasons.append(
                f"Kolom {LABELS[field]} ada lebih dari satu ({both}), sehingga tidak jelas mana yang dipakai. "
                "Hapus atau ganti judul salah satunya."
            )
    return reasons
