"""Render a certificate: A4 landscape, signed facts inside, the whole file signed, the same facts give the same bytes."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from netral.certificates.fonts import FAMILY, new_document, printable
from netral.certificates.qr import draw_qr, qr_modules
from netral.certificates.signing import SigningKey, b64

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


def render_certificate(document: CertificateDocument, key: SigningKey, *, blank: Callable[[], FPDF] = new_document) -> bytes:
    """Return the signed PDF bytes; `blank` makes the empty document with its fonts (benchmarks pass a naive baseline)."""
    pdf = blank()
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
    note = (
        f"Keaslian sertifikat dapat diperiksa dengan memindai kode QR atau membuka {document.verify_url.split('?')[0]} "
        "dan memasukkan nomornya. Dokumen ini diterbitkan dan ditandatangani secara elektronik."
    )
    _text(pdf, 48, 183, 120, note, sizes=[7.5], lines=3, align="L")


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
    pdf.cell(TEXT_WIDTH, size * 0.45, printable(text), align="C")


def _name(pdf: FPDF, y: float, name: str) -> float:
    """Print the name as large as fits on one line; a very long name wraps to two, then three lines. Return the y below."""
    largest, smallest = NAME_SIZES
    one_line = _steps(largest, 16)
    return (
        _text(
            pdf,
            (PAGE_WIDTH - TEXT_WIDTH) / 2,
            y,
            TEXT_WIDTH,
            name,
            sizes=one_line,
            lines=1,
            style="B",
            then=[
                (_steps(16, 13), 2),
                (_steps(13, smallest), 3),
            ],
        )
        + 3
    )


def _signature_block(pdf: FPDF, document: CertificateDocument) -> None:
    x, width = 180.0, 95.0
    pdf.set_text_color(*INK)
    _text(pdf, x, 156, width, f"{document.place}, {document.issued_date_text}", sizes=_steps(10.5, 7), lines=1)
    # Full titles ("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia") take two lines.
    _text(pdf, x, 161.5, width, document.signatory_title, sizes=_steps(10.5, 7), lines=2)
    # Without a configured name the line stays blank for a wet signature, as on paper certificates.
    signatory = document.signatory_name or "(" + "." * 40 + ")"
    below = _text(pdf, x, 180, width, signatory, sizes=_steps(10.5, 7), lines=2, style="B")
    if document.signatory_nip:
        _text(pdf, x, below + 0.5, width, f"NIP {document.signatory_nip}", sizes=_steps(10, 7), lines=1)


def _text(
    pdf: FPDF,
    x: float,
    y: float,
    width: float,
    text: str,
    *,
    sizes: list[float],
    lines: int,
    style: str = "",
    align: str = "C",
    then: list[tuple[list[float], int]] | None = None,
) -> float:
    """Print `text` in the largest size whose wrapping fits the line limit (stage by stage); return the y below it."""
    text = printable(text)
    available = width - 2 * pdf.c_margin
    pdf.set_font(FAMILY, style, 10)
    per_point = pdf.get_string_width(text) / 10  # widths grow with the size: measure once, wrap only when needed
    for stage_sizes, limit in [(sizes, lines), *(then or [])]:
        for size in stage_sizes:
            if per_point * size > limit * available:
                continue  # cannot fit in `limit` lines at this size, whatever the line breaks
            pdf.set_font(FAMILY, style, size)
            wrapped = [text] if per_point * size <= available else _wrap(pdf, text, available)
            if len(wrapped) <= limit:
                break
        else:
            continue
        break
    else:  # even the smallest size of the last stage needs more lines: print it wrapped all the same
        pdf.set_font(FAMILY, style, size)
        wrapped = _wrap(pdf, text, available)
    height = size * 0.43 if len(wrapped) > 1 else size * 0.45
    for index, line in enumerate(wrapped):
        pdf.set_xy(x, y + index * height)
        pdf.cell(width, height, line, align=align)
    return y + len(wrapped) * height


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """The lines fpdf2 itself would print `text` in at this width (a word wider than the line is cut)."""
    lines = pdf.multi_cell(width, 5, text, dry_run=True, output=MethodReturnValue.LINES, padding=0)
    return [str(line) for line in lines] if isinstance(lines, list) else [text]


def _steps(high: float, low: float) -> list[float]:
    return [high - 0.5 * n for n in range(int((high - low) / 0.5) + 1)]


def _qr(pdf: FPDF, url: str) -> None:
    draw_qr(pdf, qr_modules(url), x=21, y=161, size=24)
