"""Render a certificate: A4 landscape, signed facts inside, the whole file signed, the same facts give the same bytes."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import segno
from fpdf import FPDF

from netral.pdf_fonts import FAMILY, add_fonts
from netral.signing import SigningKey, b64

GREEN = (21, 94, 62)
GOLD = (176, 141, 60)
INK = (33, 37, 41)
GREY = (100, 100, 100)
PAGE_WIDTH, PAGE_HEIGHT = 297.0, 210.0
TEXT_WIDTH = 237.0
NAME_SIZES = (26.0, 11.0)
# Ed25519 signatures are 64 bytes: 86 characters of base64url.
FILE_SIGNATURE_PLACEHOLDER = "0" * 86
MARKERS = {"payload": "netral-payload:", "payload_signature": "netral-payload-sig:", "file_signature": "netral-file-sig:"}
FILE_SIGNATURE = re.compile(rb"netral-file-sig:([A-Za-z0-9_-]{86})")


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on a certificate, plus its signed payload and verification link."""

    number: str
    name: str
    nip: str
    position: str
    completed: str
    score_text: str
    jp: int
    issued_at: datetime
    issued_date_text: str
    valid_until_text: str | None
    place: str
    issuer: str
    signatory_name: str
    signatory_nip: str
    signatory_title: str
    verify_url: str
    payload: bytes
    payload_signature: str
    logo: bytes | None = None


def render_certificate(document: CertificateDocument, key: SigningKey, *, naive_fonts: bool = False) -> bytes:
    """Return the signed PDF bytes; `naive_fonts` parses the fonts per document (the benchmark baseline)."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_creation_date(document.issued_at)
    pdf.set_title(f"Sertifikat {document.number}")
    pdf.set_author(document.issuer)
    pdf.set_subject(f"Sertifikat Netralitas ASN atas nama {document.name}")
    pdf.set_lang("id-ID")
    pdf.set_creator("Netral")
    pdf.set_producer("Netral")
    pdf.set_keywords(
        "sertifikat netralitas-asn "
        f"{MARKERS['payload']}{b64(document.payload)} "
        f"{MARKERS['payload_signature']}{document.payload_signature} "
        f"{MARKERS['file_signature']}{FILE_SIGNATURE_PLACEHOLDER}"
    )
    if naive_fonts:
        from netral.pdf_fonts import add_fonts_naively

        add_fonts_naively(pdf)
    else:
        add_fonts(pdf)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    _draw(pdf, document)
    return sign_file(bytes(pdf.output()), key)


def sign_file(data: bytes, key: SigningKey) -> bytes:
    """Sign the whole file (with the placeholder in place) and write the signature into the placeholder."""
    placeholder = (MARKERS["file_signature"] + FILE_SIGNATURE_PLACEHOLDER).encode("ascii")
    if data.count(placeholder) != 1:
        raise ValueError("placeholder tanda tangan berkas tidak ditemukan tepat satu kali")
    signature = key.sign(data).encode("ascii")
    return data.replace(placeholder, MARKERS["file_signature"].encode("ascii") + signature)


def _draw(pdf: FPDF, document: CertificateDocument) -> None:
    _border(pdf)
    top = 22.0
    if document.logo:
        pdf.image(io.BytesIO(document.logo), x=(PAGE_WIDTH - 18) / 2, y=17, h=18)
        top = 38.0
    pdf.set_text_color(*INK)
    _line(pdf, top, document.issuer.upper(), size=12, style="B")
    pdf.set_text_color(*GREEN)
    _line(pdf, top + 11, "SERTIFIKAT", size=32, style="B")
    pdf.set_text_color(*INK)
    _line(pdf, top + 26, f"Nomor: {document.number}", size=11)
    _line(pdf, top + 36, "diberikan kepada", size=12)
    y = _name(pdf, top + 44, document.name)
    _line(pdf, y + 1, f"NIP {document.nip}", size=12)
    if document.position:
        pdf.set_text_color(*GREY)
        _line(pdf, y + 8, document.position, size=10)
        pdf.set_text_color(*INK)
    _line(pdf, y + 17, "telah menyelesaikan", size=12)
    _line(pdf, y + 25, document.completed, size=12, style="B")
    _line(pdf, y + 33, f"dengan nilai {document.score_text} dan bobot {document.jp} jam pelajaran (JP).", size=12)
    if document.valid_until_text:
        _line(pdf, y + 41, f"Sertifikat ini berlaku sampai dengan {document.valid_until_text}.", size=10)
    _signature_block(pdf, document)
    _qr(pdf, document.verify_url)
    pdf.set_text_color(*GREY)
    pdf.set_font(FAMILY, "", 7.5)
    pdf.set_xy(48, 183)
    pdf.multi_cell(
        120,
        3.6,
        f"Keaslian sertifikat dapat diperiksa dengan memindai kode QR atau membuka {document.verify_url.split('?')[0]} "
        f"dan memasukkan nomornya. Dokumen ini diterbitkan dan ditandatangani secara elektronik.",
        align="L",
    )


def _border(pdf: FPDF) -> None:
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(2.2)
    pdf.rect(8, 8, PAGE_WIDTH - 16, PAGE_HEIGHT - 16)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.6)
    pdf.rect(13, 13, PAGE_WIDTH - 26, PAGE_HEIGHT - 26)


def _line(pdf: FPDF, y: float, text: str, *, size: float, style: str = "") -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.set_xy((PAGE_WIDTH - TEXT_WIDTH) / 2, y)
    pdf.cell(TEXT_WIDTH, size * 0.45, text, align="C")


def _name(pdf: FPDF, y: float, name: str) -> float:
    """Print the name as large as fits on one line; a very long name wraps. Return the y below it."""
    largest, smallest = NAME_SIZES
    size = largest
    pdf.set_font(FAMILY, "B", size)
    while pdf.get_string_width(name) > TEXT_WIDTH and size > 16:
        size -= 0.5
        pdf.set_font(FAMILY, "B", size)
    if pdf.get_string_width(name) <= TEXT_WIDTH:
        _line(pdf, y, name, size=size, style="B")
        return y + size * 0.45 + 4
    # Too long even at 16 pt (120-character names with titles): wrap, shrinking until it fits three lines.
    while size > smallest:
        pdf.set_font(FAMILY, "B", size)
        lines = cast(list[str], pdf.multi_cell(TEXT_WIDTH, size * 0.42, name, align="C", dry_run=True, output="LINES"))
        if len(lines) <= 2 or (size <= 13 and len(lines) <= 3):
            break
        size -= 0.5
    pdf.set_xy((PAGE_WIDTH - TEXT_WIDTH) / 2, y)
    pdf.multi_cell(TEXT_WIDTH, size * 0.42, name, align="C")
    return pdf.get_y() + 3


def _signature_block(pdf: FPDF, document: CertificateDocument) -> None:
    x, width = 180.0, 95.0
    pdf.set_text_color(*INK)
    _wrapped(pdf, x, 156, width, f"{document.place}, {document.issued_date_text}", size=10.5, lines=1)
    # Full titles ("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia") take two lines.
    _wrapped(pdf, x, 161.5, width, document.signatory_title, size=10.5, lines=2)
    # Without a configured name the line stays blank for a wet signature, as on paper certificates.
    below = _wrapped(pdf, x, 180, width, document.signatory_name or "(" + "." * 40 + ")", size=10.5, lines=2, style="B")
    if document.signatory_nip:
        _wrapped(pdf, x, below + 0.5, width, f"NIP {document.signatory_nip}", size=10, lines=1)


def _wrapped(pdf: FPDF, x: float, y: float, width: float, text: str, *, size: float, lines: int, style: str = "") -> float:
    """Centred text in at most `lines` lines, its font shrunk (down to 7 pt) until it fits; return the y below it."""
    while True:
        pdf.set_font(FAMILY, style, size)
        needed = cast(list[str], pdf.multi_cell(width, size * 0.43, text, dry_run=True, output="LINES"))
        if len(needed) <= lines or size <= 7:
            break
        size -= 0.5
    pdf.set_xy(x, y)
    pdf.multi_cell(width, size * 0.43, text, align="C")
    return pdf.get_y()


def _qr(pdf: FPDF, url: str) -> None:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=4, border=2)
    pdf.image(buffer, x=20, y=160, w=26, h=26)
