"""The glossary: one word for one thing in everything Netral says, and the variants to avoid."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """A term of the interface, what it means, and the variants that say the same thing less well."""

    term: str
    meaning: str
    avoid: tuple[str, ...] = ()
    _patterns: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patterns = tuple(re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", re.IGNORECASE) for variant in self.avoid)
        object.__setattr__(self, "_patterns", patterns)

    def variants_in(self, text: str) -> list[re.Match[str]]:
        """Where the avoided variants of this term occur in `text`."""
        return [found for pattern in self._patterns for found in pattern.finditer(text)]


# Words that are right in context stay allowed: "pakta" or "ujian" alone after the full name was shown,
# "pegawai" for the roster, "materi" for a module's reading, "unit" in short table headings.
GLOSSARY: tuple[Term, ...] = (
    Term(
        "peserta",
        "ASN (PNS atau PPPK) yang mengikuti pembelajaran dan sertifikasi netralitas di Netral.",
        ("user", "pengguna", "partisipan", "participant", "siswa", "murid"),
    ),
    Term(
        "modul",
        "Satu bagian materi belajar mandiri beserta kuisnya; peserta menyelesaikan semua modul sebelum ujian sertifikasi.",
        ("module", "kursus", "course"),
    ),
    Term(
        "kuis",
        "Soal latihan di akhir setiap modul dengan pembahasan. Di halaman HR, pengaturan kuis juga mencakup ujian sertifikasi.",
        ("quiz", "tes", "test", "kuesioner"),
    ),
    Term(
        "ujian sertifikasi",
        "Ujian penentu kelulusan berisi soal dari semua modul; terbuka setelah semua kuis modul lulus.",
        ("ujian akhir", "tes akhir", "post test", "post-test", "posttest", "exam", "sertifikasi ujian", "ujian sertifikat"),
    ),
    Term(
        "pakta integritas",
        "Pernyataan peserta untuk menjaga netralitas ASN, ditandatangani di Netral dengan mengetik nama lengkap.",
        ("fakta integritas", "pakta integritasi", "pact"),
    ),
    Term(
        "sertifikat",
        "Bukti kelulusan berupa PDF bertanda tangan elektronik; terbit sekali dan dapat diverifikasi siapa saja.",
        ("certificate", "sertipikat", "e-sertifikat", "e-certificate", "piagam"),
    ),
    Term(
        "perangkat daerah",
        "Organisasi di lingkungan pemerintah daerah (dinas, badan, sekretariat, kecamatan) tempat unit kerja berada.",
        ("OPD", "SKPD", "organisasi perangkat daerah", "satuan kerja perangkat daerah"),
    ),
    Term(
        "unit kerja",
        "Bagian di dalam perangkat daerah tempat pegawai bertugas (bidang, bagian, seksi, UPT).",
        ("satker", "satuan kerja", "work unit"),
    ),
    Term(
        "kata sandi",
        "Rahasia yang diketik bersama NIP untuk masuk; wajib diganti setelah kata sandi awal.",
        ("password", "passcode", "sandi lewat"),
    ),
)

_CODE_SPAN = re.compile(r"`[^`]*`")


def discouraged_variants(text: str) -> list[tuple[str, str]]:
    """Each avoided variant in a text with the term to use instead; code spans (`...`) are left alone."""
    prose = _CODE_SPAN.sub(" ", text)
    found = sorted(
        ((match.start(), -match.end(), match.group(0), term.term) for term in GLOSSARY for match in term.variants_in(prose)),
    )
    kept: list[tuple[str, str]] = []
    covered_until = -1
    for _start, negative_end, variant, term in found:
        if -negative_end <= covered_until:
            continue  # inside a longer variant already named ("test" in "post test")
        kept.append((variant, term))
        covered_until = -negative_end
    return kept
