"""One roster cell: its value as tidy text, or the reason (in Indonesian) it cannot be imported."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from netral.core.nip import NIP_LENGTH, InvalidNip, normalise_nip, parse_nip
from netral.people.roster.columns import ATASAN, EMAIL, NAME, OFFICE

MAX_TEXT, MAX_EMAIL = 200, 254
# Whitespace controls (tab, line breaks) are tidied away; any other control character is an error.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Zero-width and other format characters ride along when a NIP is copied from a web page or a PDF.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
# Zero-width (non-)joiners shape emoji and some scripts without moving text: the one format characters a name may hold.
_JOINERS = {"\u200c", "\u200d"}
_DASHES = re.compile(r"[-\u2013\u2014]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_SCIENTIFIC = re.compile(r"[+-]?\d+([.,]\d*)?[eE][+-]?\d+")
_DECIMAL = re.compile(r"\d{15,}[.,]0+")
_SPREADSHEET_TEXT = re.compile(r'="(.*)"')

CONTROL = "Berisi karakter kontrol tak terlihat (biasanya terbawa dari sistem lain). Ketik ulang isi sel ini."
# Bidi controls (U+202E reverses what follows: "Sutrisno \u202eonsirtuS" shows as "Sutrisno Sutrisno"), zero-width
# characters and other format characters change how a name looks without being seen: a name never needs them.
FORMAT = (
    "Berisi karakter format tak terlihat (mis. pembalik arah teks atau spasi lebar nol) yang dapat menyamarkan isi sel. "
    "Ketik ulang isi sel ini."
)
BLANK = {
    NAME: "Nama kosong. Isi nama lengkap pegawai.",
    OFFICE: "Perangkat daerah kosong. Isi nama perangkat daerah tempat pegawai bekerja (mis. Dinas Pendidikan).",
}
MANGLED = (
    "NIP sudah diubah Excel menjadi angka ({shown}), sehingga digit terakhirnya hilang. "
    "Di Excel, blok kolom NIP lalu atur Format Cells menjadi Teks (Text), "
    "isi ulang NIP dari sumber aslinya, lalu ekspor lagi."
)


def text_of(value: object) -> str:
    """A cell's value as text ("" for an empty cell)."""
    return "" if value is None else value if isinstance(value, str) else str(value)


def is_blank(value: object) -> bool:
    """Whether a cell holds nothing but whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def check_text(field: str, value: object) -> tuple[str, str | None]:
    """A text cell tidied (whitespace collapsed, a lone dash meaning empty), and the reason it is wrong, if it is."""
    raw = text_of(value)
    if _CONTROL.search(raw):
        return "", CONTROL
    # ASCII holds no format characters: most cells skip the per-character look-up (a 200,000-row roster).
    if not raw.isascii() and any(unicodedata.category(c) == "Cf" and c not in _JOINERS for c in raw):
        return "", FORMAT
    text = " ".join(raw.split())
    if _DASHES.fullmatch(text):
        text = ""  # HR's way of writing "none"
    limit = MAX_EMAIL if field == EMAIL else MAX_TEXT
    if len(text) > limit:
        return text, f"Terlalu panjang ({len(text)} karakter); paling banyak {limit} karakter."
    if not text and field in BLANK:
        return text, BLANK[field]
    if field == EMAIL and text and not _EMAIL.fullmatch(text):
        return text, f'"{text}" bukan alamat email yang benar (contoh: nama@contoh.go.id). Perbaiki atau kosongkan.'
    return text, None


def check_nip(value: object, today: date | None) -> tuple[str, str | None]:
    """The normalised NIP, and the reason it cannot be right, if it cannot."""
    if isinstance(value, float):  # an XLSX number cell keeps only 15 significant digits
        return "", MANGLED.format(shown=f"{value:.15G}")
    raw = text_of(value)
    if _CONTROL.search(raw):
        return "", CONTROL
    raw = _INVISIBLE.sub("", " ".join(raw.split())).lstrip("'")
    quoted = _SPREADSHEET_TEXT.fullmatch(raw)  # ="1985..." is how some systems force text in a CSV
    raw = quoted.group(1) if quoted else raw
    nip = normalise_nip(raw)
    lost_digits = len(nip) == NIP_LENGTH and nip.isdigit() and nip.endswith("000")
    if _SCIENTIFIC.fullmatch(raw) or _DECIMAL.fullmatch(raw) or lost_digits:
        return "", MANGLED.format(shown=raw)
    try:
        parse_nip(nip, today=today)
    except InvalidNip as exc:
        return nip, str(exc)
    return nip, None


def check_atasan(value: object, nip: str, today: date | None) -> tuple[str, str | None]:
    """The atasan's NIP (optional; empty or a dash means none), and the reason it is wrong, if it is."""
    text, reason = check_text(ATASAN, value)
    if reason or not text:
        return text, reason
    atasan, wrong = check_nip(text, today)
    if wrong:
        return atasan, f"NIP atasan tidak benar: {wrong}"
    if atasan == nip:
        return atasan, "NIP atasan sama dengan NIP pegawai ini. Isi NIP atasan langsungnya atau kosongkan."
    return atasan, None
