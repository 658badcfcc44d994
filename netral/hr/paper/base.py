"""An A4 portrait document with the certificate fonts (Noto Sans, trimmed) and its output."""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF

from netral.certificates.fonts import FAMILY, FILES, close_fonts, printable


def portrait(title: str, author: str, created: datetime) -> FPDF:
    """A new A4 portrait document, 20 mm margins, fonts added, metadata set."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    for style, path in FILES.items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_creation_date(created)
    pdf.set_title(printable(title))
    pdf.set_author(printable(author))
    pdf.set_lang("id-ID")
    pdf.set_creator("Netral")
    pdf.set_producer("Netral")
    return pdf


def text(pdf: FPDF, value: str, *, size: float = 10, bold: bool = False, height: float = 5.5, align: str = "L") -> None:
    """One paragraph, wrapped to the page width."""
    pdf.set_font(FAMILY, "B" if bold else "", size)
    shown = "\n".join(printable(line) for line in value.split("\n"))
    pdf.multi_cell(0, height, shown, align=align, new_x="LMARGIN", new_y="NEXT")


def output(pdf: FPDF) -> bytes:
    """The PDF bytes; the font files closed."""
    try:
        return bytes(pdf.output())
    finally:
        close_fonts(pdf)
