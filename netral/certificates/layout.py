"""The certificate's page: A4 landscape, every line wrapped inside the border, the body flowing down to a fixed foot.

Every text goes through `text`, which picks the largest size at which it fits its line limit and
wraps it (fpdf2's own line breaking); no line is drawn with a bare cell, so a 200-character jabatan
or unit wraps instead of running off the page. Characters the fonts lack are mapped by `printable`.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from netral.certificates.fonts import FAMILY, printable
from netral.certificates.qr import draw_qr, qr_modules

if TYPE_CHECKING:
    from netral.certificates.pdf import CertificateDocument

GREEN = (21, 94, 62)
GOLD = (176, 141, 60)
INK = (33, 37, 41)
GREY = (90, 90, 90)
PAGE_WIDTH, PAGE_HEIGHT = 297.0, 210.0
TEXT_WIDTH = 237.0
LEFT = (PAGE_WIDTH - TEXT_WIDTH) / 2
FOOT_TOP = 146.0
SIGNATORY_X, SIGNATORY_WIDTH = 182.0, 93.0
# Where the visible signature appears (mm, from the top left): between the signatory's title and name.
SIGNATURE_BOX_MM = (SIGNATORY_X, 163.0, SIGNATORY_X + SIGNATORY_WIDTH, 176.0)
MM = 72 / 25.4


def signature_box_points() -> tuple[float, float, float, float]:
    """The visible signature field in PDF points (origin bottom left), as pyHanko takes it."""
    x1, top, x2, bottom = SIGNATURE_BOX_MM
    return (x1 * MM, (PAGE_HEIGHT - bottom) * MM, x2 * MM, (PAGE_HEIGHT - top) * MM)


def draw(pdf: FPDF, document: CertificateDocument) -> None:
    """Draw the whole certificate on the current page."""
    _border(pdf)
    y = 19.0
    if document.logo:
        pdf.image(io.BytesIO(document.logo), x=(PAGE_WIDTH - 40) / 2, y=17, w=40, h=20, keep_aspect_ratio=True)
        y = 39.0
    pdf.set_text_color(*INK)
    y = text(pdf, LEFT, y, TEXT_WIDTH, document.issuer.upper(), sizes=steps(12, 9), lines=2, style="B") + 2
    pdf.set_text_color(*GREEN)
    y = text(pdf, LEFT, y, TEXT_WIDTH, document.heading.upper(), sizes=steps(30, 18), lines=2, style="B") + 1.5
    pdf.set_text_color(*INK)
    y = text(pdf, LEFT, y, TEXT_WIDTH, f"Nomor: {document.number}", sizes=[11], lines=1) + 4
    y = text(pdf, LEFT, y, TEXT_WIDTH, "diberikan kepada", sizes=[12], lines=1) + 2
    y = _name(pdf, y, document.name) + 1.5
    identity = f"NIP {document.nip}" + (f" · {document.rank}" if document.rank else "")
    y = text(pdf, LEFT, y, TEXT_WIDTH, identity, sizes=steps(12, 9), lines=2) + 0.5
    if document.position:
        pdf.set_text_color(*GREY)
        y = text(pdf, LEFT, y, TEXT_WIDTH, document.position, sizes=steps(10, 7.5), lines=3) + 0.5
        pdf.set_text_color(*INK)
    y = text(pdf, LEFT, y + 3, TEXT_WIDTH, "telah menyelesaikan", sizes=[12], lines=1) + 1.5
    y = text(pdf, LEFT, y, TEXT_WIDTH, document.completed, sizes=steps(13, 9), lines=2, style="B") + 1.5
    outcome = f"dengan nilai {document.score_text} dan bobot {document.jp} jam pelajaran (JP)"
    outcome += f" pada {document.cycle}." if document.cycle else "."
    y = text(pdf, LEFT, y, TEXT_WIDTH, outcome, sizes=steps(12, 8), lines=2) + 1
    if document.valid_until_text:
        text(pdf, LEFT, y, TEXT_WIDTH, f"Sertifikat ini berlaku sampai dengan {document.valid_until_text}.", sizes=[10], lines=1)
    _signatory(pdf, document)
    _verification(pdf, document)


def _border(pdf: FPDF) -> None:
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(2.2)
    pdf.rect(8, 8, PAGE_WIDTH - 16, PAGE_HEIGHT - 16)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.6)
    pdf.rect(13, 13, PAGE_WIDTH - 26, PAGE_HEIGHT - 26)
    pdf.set_line_width(0.3)
    pdf.line(40, FOOT_TOP - 2, PAGE_WIDTH - 40, FOOT_TOP - 2)


def _name(pdf: FPDF, y: float, name: str) -> float:
    """The name as large as fits one line; a very long name wraps to two, then three lines."""
    stages = [(steps(16, 13), 2), (steps(13, 11), 3)]
    return text(pdf, LEFT, y, TEXT_WIDTH, name, sizes=steps(26, 16), lines=1, style="B", then=stages)


def _signatory(pdf: FPDF, document: CertificateDocument) -> None:
    x, width = SIGNATORY_X, SIGNATORY_WIDTH
    pdf.set_text_color(*INK)
    text(pdf, x, FOOT_TOP + 2, width, f"{document.place}, {document.issued_date_text}", sizes=steps(10.5, 7), lines=1)
    # Full titles ("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia") take two lines.
    text(pdf, x, FOOT_TOP + 7, width, document.signatory_title, sizes=steps(10.5, 7), lines=2)
    # The visible PAdES field sits between title and name; without one the space stays for a wet signature.
    signatory = document.signatory_name or "(" + "." * 40 + ")"
    below = text(pdf, x, SIGNATURE_BOX_MM[3] + 1, width, signatory, sizes=steps(10.5, 7), lines=2, style="B")
    if document.signatory_nip:
        text(pdf, x, below + 0.5, width, f"NIP {document.signatory_nip}", sizes=steps(10, 7), lines=1)


def _verification(pdf: FPDF, document: CertificateDocument) -> None:
    draw_qr(pdf, qr_modules(document.verify_url), x=22, y=FOOT_TOP + 4, size=30)
    x, width = 56.0, 118.0
    y = FOOT_TOP + 4
    if document.code:
        pdf.set_text_color(*INK)
        y = text(pdf, x, y, width, "Kode verifikasi", sizes=[8], lines=1, align="L")
        y = text(pdf, x, y + 0.5, width, document.code, sizes=[14], lines=1, style="B", align="L") + 2
    pdf.set_text_color(*GREY)
    where = document.verify_url.split("?")[0]
    how = (
        f"Periksa keaslian dengan memindai kode QR, atau buka {where} lalu masukkan nomor dan kode verifikasi."
        if document.code
        else f"Periksa keaslian dengan memindai kode QR atau membuka {where} dan memasukkan nomornya."
    )
    note = f"{how} Dokumen ini ditandatangani secara elektronik; pembaca PDF dapat memeriksa tanda tangannya."
    text(pdf, x, y, width, note, sizes=steps(7.5, 6), lines=4, align="L")


def text(
    pdf: FPDF,
    x: float,
    y: float,
    width: float,
    content: str,
    *,
    sizes: list[float],
    lines: int,
    style: str = "",
    align: str = "C",
    then: list[tuple[list[float], int]] | None = None,
) -> float:
    """Print `content` in the largest size whose wrapping fits the line limit (stage by stage); return the y below it."""
    content = printable(content)
    available = width - 2 * pdf.c_margin
    pdf.set_font(FAMILY, style, 10)
    per_point = pdf.get_string_width(content) / 10  # widths grow with the size: measure once, wrap only when needed
    for stage_sizes, limit in [(sizes, lines), *(then or [])]:
        for size in stage_sizes:
            if per_point * size > limit * available:
                continue  # cannot fit in `limit` lines at this size, whatever the line breaks
            pdf.set_font(FAMILY, style, size)
            wrapped = [content] if per_point * size <= available else _wrap(pdf, content, available)
            if len(wrapped) <= limit:
                break
        else:
            continue
        break
    else:  # even the smallest size of the last stage needs more lines: print it wrapped all the same
        pdf.set_font(FAMILY, style, size)
        wrapped = _wrap(pdf, content, available)
    height = size * 0.43 if len(wrapped) > 1 else size * 0.45
    for index, line in enumerate(wrapped):
        pdf.set_xy(x, y + index * height)
        pdf.cell(width, height, line, align=align)
    return y + len(wrapped) * height


def _wrap(pdf: FPDF, content: str, width: float) -> list[str]:
    """The lines fpdf2 itself would print `content` in at this width (a word wider than the line is cut).

    Remembered per process: the verification note, the signatory and the heading are the same on every
    certificate, and fpdf2's line breaking measures a paragraph in pure Python (a fifth of a render)."""
    key = (content, pdf.font_family, pdf.font_style, pdf.font_size_pt, width)
    if (known := _WRAPPED.get(key)) is not None:
        return list(known)
    lines = pdf.multi_cell(width, 5, content, dry_run=True, output=MethodReturnValue.LINES, padding=0)
    wrapped = [str(line) for line in lines] if isinstance(lines, list) else [content]
    if len(_WRAPPED) < WRAP_MEMORY:
        _WRAPPED[key] = tuple(wrapped)
    return wrapped


WRAP_MEMORY = 512  # paragraphs: the constant ones of a few agencies' settings; names mostly fit on one line unwrapped
_WRAPPED: dict[tuple[str, str, str, float, float], tuple[str, ...]] = {}


def steps(high: float, low: float) -> list[float]:
    """Font sizes from `high` down to `low` in half points."""
    return [high - 0.5 * n for n in range(int((high - low) / 0.5) + 1)]
