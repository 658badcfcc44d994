"""Password slips: one per new account (name, NIP, initial password, the app's address, first-login steps), four to an A4 page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF

from netral.certificates.fonts import FAMILY, printable
from netral.hr.paper.base import output, portrait

SLIP_HEIGHT = 297 / 4
STEPS = (
    "1. Buka alamat di atas di peramban (ponsel atau komputer).",
    "2. Masuk dengan NIP dan kata sandi awal di slip ini.",
    "3. Ganti kata sandi awal dengan kata sandi Anda sendiri, lalu simpan slip ini di tempat aman atau musnahkan.",
    "4. Ikuti modul, ujian sertifikasi dan pakta integritas sampai sertifikat Anda terbit.",
)


@dataclass(frozen=True)
class Slip:
    """One new account."""

    name: str
    nip: str
    password: str
    unit: str = ""


def password_slips_pdf(slips: Sequence[Slip], *, base_url: str, agency: str, created: datetime) -> bytes:
    """Every slip, four to a page, with cutting lines between them."""
    pdf = portrait("Slip kata sandi awal Netral", agency, created)
    pdf.set_auto_page_break(False)
    for index, slip in enumerate(slips):
        if index % 4 == 0:
            pdf.add_page()
        _slip(pdf, slip, top=(index % 4) * SLIP_HEIGHT, base_url=base_url, agency=agency)
    if not slips:
        pdf.add_page()
    return output(pdf)


def _slip(pdf: FPDF, slip: Slip, *, top: float, base_url: str, agency: str) -> None:
    if top > 0:
        pdf.set_draw_color(150, 150, 150)
        pdf.set_dash_pattern(dash=2, gap=2)
        pdf.line(8, top, 202, top)
        pdf.set_dash_pattern()
    pdf.set_xy(15, top + 7)
    pdf.set_font(FAMILY, "B", 11)
    pdf.cell(0, 6, printable(f"{agency} · Akun Netral (Pembelajaran Netralitas ASN)"), new_x="LMARGIN", new_y="NEXT")
    rows = (("Nama", slip.name), ("NIP", slip.nip), ("Unit", slip.unit or "-"), ("Alamat", base_url))
    for label, value in rows:
        pdf.set_x(15)
        pdf.set_font(FAMILY, "", 9.5)
        pdf.cell(22, 5.5, label)
        pdf.set_font(FAMILY, "B", 9.5)
        pdf.cell(0, 5.5, printable(value)[:110], new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(15)
    pdf.set_font(FAMILY, "", 9.5)
    pdf.cell(22, 8, "Kata sandi")
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(0, 8, printable(slip.password), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 8.5)
    for step in STEPS:
        pdf.set_x(15)
        pdf.cell(0, 4.4, step, new_x="LMARGIN", new_y="NEXT")
