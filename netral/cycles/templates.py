"""Reminder templates: Indonesian text with {placeholders}; an unknown placeholder is refused before anything is saved."""

from __future__ import annotations

import functools
from string import Formatter

from netral.core.errors import Refusal

PLACEHOLDERS = {
    "nama": "nama pegawai",
    "nip": "NIP pegawai",
    "siklus": "nama siklus",
    "hari_pemungutan": "hari pemungutan suara (atau «belum ditetapkan»)",
    "tenggat": "tenggat penyelesaian",
    "sisa_hari": "hari tersisa sampai tenggat",
    "progres": "progres pegawai: belum mulai atau sedang berjalan",
    "perangkat_daerah": "perangkat daerah pegawai",
    "tautan": "alamat aplikasi Netral",
}
DEFAULT_SUBJECT = "Pengingat {siklus}: selesaikan pembelajaran Netralitas ASN sebelum {tenggat}"
DEFAULT_BODY = (
    "Yth. {nama} (NIP {nip}),\n\n"
    "Menjelang {siklus} (hari pemungutan suara: {hari_pemungutan}), setiap ASN diminta menyelesaikan pembelajaran "
    "mandiri Netralitas ASN dan menandatangani pakta integritas paling lambat {tenggat} ({sisa_hari} hari lagi).\n\n"
    "Progres Anda saat ini: {progres}.\n\n"
    "Silakan masuk ke {tautan} dengan NIP Anda.\n\n"
    "Terima kasih,\nAdmin Kepegawaian"
)


class TemplateRefused(Refusal):
    """A template that cannot be filled in: an unknown placeholder or a broken brace."""


@functools.lru_cache(maxsize=64)
def _fields(text: str) -> tuple[str, ...]:
    # Planning fills one template for 100,000 people: it is parsed once.
    return tuple(field for _literal, field, _spec, _conversion in Formatter().parse(text) if field is not None)


def check_template(text: str, *, what: str = "Templat") -> None:
    """Refuse a template with an unknown placeholder or unbalanced braces, naming what may be used."""
    try:
        fields = _fields(text)
    except ValueError:
        raise TemplateRefused(
            f"{what} memuat kurung kurawal yang tidak berpasangan. Tulis placeholder sebagai {{nama}}."
        ) from None
    unknown = sorted({field for field in fields if field not in PLACEHOLDERS})
    if unknown:
        allowed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        shown = ", ".join(f"{{{name}}}" for name in unknown)
        raise TemplateRefused(f"{what} memuat placeholder yang tidak dikenal: {shown}. Yang dapat dipakai: {allowed}.")


def fill(text: str, values: dict[str, str]) -> str:
    """The template with every placeholder replaced (checked first, so nothing else can be reached)."""
    check_template(text)
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})
