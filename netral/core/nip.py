"""NIP (Nomor Induk Pegawai): normalising and validating the 18-digit civil servant number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from netral.core.errors import Refusal

_SEPARATORS = re.compile(r"[\s.\-]")
NIP_LENGTH = 18
ADULT_AGE = 18


class InvalidNip(Refusal):
    """A NIP that cannot be right; the message says why, in Indonesian."""


@dataclass(frozen=True)
class NipParts:
    """What an 18-digit NIP encodes."""

    birth_date: date
    appointment_year: int
    appointment_month: int | None
    sex_digit: str
    serial: str

    @property
    def is_pppk(self) -> bool:
        """A PPPK's number (NI PPPK) has a contract code, not a month, in digits 13–14."""
        return self.appointment_month is None


def normalise_nip(raw: str) -> str:
    """Strip what people type around a NIP: spaces, dots, dashes, Excel's leading apostrophe, our CSV's ="..." form."""
    text = raw.strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return _SEPARATORS.sub("", text.lstrip("'").strip())


def parse_nip(raw: str, *, today: date | None = None) -> NipParts:
    """Validate a NIP and return its parts, or raise InvalidNip with the reason."""
    nip = normalise_nip(raw)
    if not nip:
        raise InvalidNip("NIP kosong.")
    if not nip.isdigit():
        raise InvalidNip("NIP hanya boleh berisi angka.")
    if len(nip) != NIP_LENGTH:
        raise InvalidNip(f"NIP harus {NIP_LENGTH} digit, bukan {len(nip)}.")
    today = today or date.today()
    birth = _birth_date(nip[:8], today)
    year, code = int(nip[8:12]), int(nip[12:14])
    if code == 0:
        raise InvalidNip("Digit 13–14 NIP (bulan pengangkatan) tidak boleh 00.")
    # NI PPPK puts "jumlah perjanjian kerja" (commonly 21) where a PNS NIP has the month.
    month = code if code <= 12 else None
    if (year, month or 12) < (birth.year + ADULT_AGE, birth.month):
        raise InvalidNip("Tahun pengangkatan (digit 9–14) lebih awal dari usia 18 tahun.")
    if (year, month or 1) > (today.year, today.month):
        raise InvalidNip("Tahun pengangkatan (digit 9–14) ada di masa depan.")
    if nip[14] not in "12":
        raise InvalidNip("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2.")
    if nip[15:] == "000":
        raise InvalidNip("Tiga digit terakhir NIP (nomor urut) tidak boleh 000.")
    return NipParts(birth, year, month, nip[14], nip[15:])


def is_valid_nip(raw: str, *, today: date | None = None) -> bool:
    """Tell whether `raw` is a plausible NIP."""
    try:
        parse_nip(raw, today=today)
    except InvalidNip:
        return False
    return True


def mask_nip(nip: str) -> str:
    """Hide the middle of a NIP for public display: 1985********1005 style."""
    return nip[:4] + "*" * (len(nip) - 8) + nip[-4:] if len(nip) > 8 else "*" * len(nip)


def _birth_date(digits: str, today: date) -> date:
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise InvalidNip(f"Tanggal lahir pada 8 digit pertama ({digits}) bukan tanggal yang valid.") from exc
    if birth.year < 1940 or birth > date(today.year - ADULT_AGE, today.month, min(today.day, 28)):
        raise InvalidNip(f"Tanggal lahir pada 8 digit pertama ({digits}) tidak masuk akal.")
    return birth
