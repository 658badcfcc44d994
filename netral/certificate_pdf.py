"""Render a certificate as an A4 landscape PDF with an embedded Unicode font."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).parent / "assets" / "fonts"
GREEN = (21, 94, 62)
GOLD = (176, 141, 60)
INK = (33, 37, 41)
PAGE_WIDTH = 297.0
TEXT_WIDTH = 237.0


@dataclass(frozen=True)
class CertificateFacts:
    """What a certificate states, frozen at the moment of issue."""

    number: str
    name: str
    nip: str
    completed: str
    score_text: str
    jp: int
    issued_at: datetime
    issued_date_text: str
    place: str
    agency: str


def render_certificate(facts: CertificateFacts) -> bytes:
    """Return the PDF bytes of one certificate; the same facts give the same bytes."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_creation_date(facts.issued_at)
    pdf.set_title(f"Sertifikat {facts.number}")
    pdf.set_author(facts.agency)
    pdf.set_subject(f"Sertifikat Netralitas ASN: {facts.completed}")
    pdf.set_lang("id-ID")
    pdf.set_creator("Netral")
    pdf.add_font("Noto", "", str(FONT_DIR / "NotoSans-Regular.ttf"))
    pdf.add_font("Noto", "B", str(FONT_DIR / "NotoSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    _draw_border(pdf)
    pdf.set_text_color(*INK)
    _centered(pdf, 24, facts.agency.upper(), size=13, style="B")
    pdf.set_text_color(*GREEN)
    _centered(pdf, 40, "SERTIFIKAT", size=34, style="B")
    pdf.set_text_color(*INK)
    _centered(pdf, 56, f"Nomor: {facts.number}", size=12)
    _centered(pdf, 70, "diberikan kepada", size=13)
    _fitted_name(pdf, 82, facts.name)
    _centered(pdf, 100, f"NIP {facts.nip}", size=13)
    _centered(pdf, 114, "telah menyelesaikan pembelajaran mandiri Netralitas Aparatur Sipil Negara", size=13)
    _centered(pdf, 124, facts.completed, size=15, style="B")
    _centered(pdf, 136, f"dengan nilai {facts.score_text} ({facts.jp} JP)", size=13)
    _centered(pdf, 160, f"{facts.place}, {facts.issued_date_text}", size=12)
    pdf.set_text_color(110, 110, 110)
    _centered(pdf, 186, "Sertifikat ini diterbitkan secara elektronik oleh aplikasi Netral.", size=9)
    return bytes(pdf.output())


def _draw_border(pdf: FPDF) -> None:
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(2.2)
    pdf.rect(8, 8, PAGE_WIDTH - 16, 210 - 16)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.6)
    pdf.rect(13, 13, PAGE_WIDTH - 26, 210 - 26)


def _centered(pdf: FPDF, y: float, text: str, *, size: float, style: str = "") -> None:
    pdf.set_font("Noto", style, size)
    pdf.set_xy((PAGE_WIDTH - TEXT_WIDTH) / 2, y)
    pdf.cell(TEXT_WIDTH, size * 0.5, text, align="C")


def _fitted_name(pdf: FPDF, y: float, name: str) -> None:
    # Long names with titles shrink to stay inside the border instead of being cut.
    size = 26.0
    pdf.set_font("Noto", "B", size)
    while pdf.get_string_width(name) > TEXT_WIDTH and size > 11:
        size -= 0.5
        pdf.set_font("Noto", "B", size)
    _centered(pdf, y, name, size=size, style="B")
