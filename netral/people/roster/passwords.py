"""The one-time list of initial passwords HR prints or shares after an import."""

from __future__ import annotations

from collections.abc import Sequence

from netral.core.exports import to_xlsx
from netral.people.roster.importing import InitialPassword

HEADER = ["NIP", "Nama", "Perangkat Daerah / Unit Kerja", "Kata Sandi Awal"]


def initial_passwords_xlsx(passwords: Sequence[InitialPassword]) -> bytes:
    """An XLSX of new accounts and their initial passwords (each must be changed at first login)."""
    return to_xlsx(HEADER, [[p.nip, p.name, p.unit, p.password] for p in passwords], sheet="Kata sandi awal")
