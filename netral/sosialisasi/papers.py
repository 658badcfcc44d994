"""Papers of an event: the Daftar Hadir (PDF, XLSX) and the event report (PDF with a chart, XLSX)."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from fpdf import FPDF
from sqlalchemy.orm import Session

from db.queries import sosialisasi as live_queries
from netral.certificates.fonts import FAMILY, FILES, close_fonts, printable
from netral.core.dates import format_date, format_datetime, format_score
from netral.core.enums import CheckInMethod
from netral.core.exports import XLSX_MIME, to_xlsx
from netral.people.authority import Actor
from netral.people.units import UnitTree
from netral.sosialisasi.events import managed_event
from netral.sosialisasi.report import EventReport

__all__ = ["XLSX_MIME", "EventReport", "attendance_pdf", "attendance_rows", "attendance_xlsx", "report_pdf", "report_xlsx"]

ATTENDANCE_HEADER = ("No", "Nama", "NIP", "Perangkat Daerah / Unit Kerja", "Waktu hadir", "Cara")
METHOD_LABELS = {CheckInMethod.QR: "Pindai QR", CheckInMethod.CODE: "Kode 6 karakter", CheckInMethod.MANUAL: "Dicatat petugas"}
PRE_COLOUR, POST_COLOUR = (158, 158, 158), (21, 101, 192)


def attendance_rows(
    session: Session, actor: Actor, *, event_id: int, agency_name: str, zone: ZoneInfo
) -> list[tuple[int, str, str, str, str, str]]:
    """The attendance list in order of arrival, as the PDF and the XLSX print it."""
    managed_event(session, actor, event_id)
    tree = UnitTree.load(session, agency_name)
    return [
        (
            number,
            employee.name,
            employee.nip,
            tree.label(employee.unit_id),
            f"{attendance.checked_in_at.astimezone(zone):%H.%M}",
            METHOD_LABELS[CheckInMethod(attendance.method)],
        )
        for number, (attendance, employee, _unit) in enumerate(live_queries.attendance_list(session, event_id), start=1)
    ]


def attendance_xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    """The Daftar Hadir as a spreadsheet (NIP as text: 18 digits, not 1,98E+17)."""
    return to_xlsx(ATTENDANCE_HEADER, rows, sheet="Daftar Hadir")


def attendance_pdf(title: str, subtitle: str, rows: Sequence[Sequence[object]]) -> bytes:
    """The Daftar Hadir as an A4 list with a signature column, as agencies file it."""
    pdf = _document()
    pdf.add_page()
    _heading(pdf, "DAFTAR HADIR", title, subtitle)
    widths = (10, 58, 40, 52, 16, 14)
    header = ("No", "Nama", "NIP", "Unit", "Pukul", "Paraf")
    pdf.set_font(FAMILY, "B", 9)
    for width, text in zip(widths, header, strict=True):
        pdf.cell(width, 7, text, border=1, align="C")
    pdf.ln()
    pdf.set_font(FAMILY, "", 8.5)
    for number, name, nip, unit, when, _method in rows:
        if pdf.get_y() > 275:
            pdf.add_page()
        cells = (str(number), printable(str(name))[:38], str(nip), printable(str(unit))[:36], str(when), "")
        for width, text in zip(widths, cells, strict=True):
            pdf.cell(width, 7, text, border=1)
        pdf.ln()
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 9)
    pdf.cell(0, 6, f"Jumlah hadir: {len(rows)} orang")
    return _output(pdf)


def report_xlsx(report: EventReport) -> bytes:
    """The report's tables in one sheet each would need a workbook per sheet; one sheet reads fine in Excel."""
    header = (
        "Bagian",
        "Baris",
        "Diundang / Menjawab keduanya",
        "Hadir / Benar sebelum materi (%)",
        "Benar sesudah materi (%)",
        "Kenaikan",
    )
    rows: list[tuple[object, ...]] = [("Kehadiran", row.unit, row.invited, row.present, "", "") for row in report.attendance]
    rows += [("Soal", f"{i.position}. {i.text}", i.both, i.pre_share, i.post_share, i.gain) for i in report.items]
    rows += [("Kategori", name, "", pre, post, round(post - pre, 1)) for name, pre, post in report.categories]
    return to_xlsx(header, rows, sheet="Laporan")


def report_pdf(report: EventReport, zone: ZoneInfo) -> bytes:
    """The event report: attendance per unit, pre/post per item with a bar chart, what is still misunderstood."""
    pdf = _document()
    pdf.add_page()
    _heading(pdf, "LAPORAN SOSIALISASI", report.title, f"{format_datetime(report.starts_at, zone)}, {report.place}")
    pdf.set_font(FAMILY, "", 10)
    if report.speakers:
        pdf.multi_cell(0, 5, printable("Narasumber: " + "; ".join(report.speakers)), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, printable(f"Siklus: {report.cycle or 'di luar siklus'} · {report.jp} JP"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        0,
        5,
        f"Hadir {report.present} dari {report.invited} pegawai yang diundang. "
        f"Benar rata-rata: sebelum materi {format_score(report.pre_share)}%, sesudah materi {format_score(report.post_share)}% "
        f"(kenaikan {format_score(round(report.post_share - report.pre_share, 1))} poin).",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    _table(
        pdf,
        "Kehadiran per perangkat daerah",
        ("Perangkat daerah", "Diundang", "Hadir", "%"),
        (100, 30, 30, 20),
        [(r.unit, str(r.invited), str(r.present), format_score(r.share)) for r in report.attendance],
    )
    _chart(pdf, report)
    _table(
        pdf,
        "Hasil per kategori pelanggaran",
        ("Kategori", "Sebelum %", "Sesudah %", "Kenaikan"),
        (100, 30, 30, 20),
        [
            (name, format_score(pre), format_score(post), format_score(round(post - pre, 1)))
            for name, pre, post in report.categories
        ],
    )
    wrong = report.still_wrong()
    if wrong:
        pdf.set_font(FAMILY, "B", 11)
        pdf.cell(0, 8, "Soal yang masih paling banyak dijawab salah sesudah sosialisasi", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 9.5)
        for item in wrong:
            pdf.multi_cell(
                0,
                5,
                printable(f"Soal {item.position} ({item.category}): benar {format_score(item.post_share)}% — {item.text}"),
                new_x="LMARGIN",
                new_y="NEXT",
            )
    pdf.ln(3)
    pdf.set_font(FAMILY, "", 8)
    pdf.cell(0, 5, f"Dibuat oleh Netral, {format_date(report.starts_at, zone)}.")
    return _output(pdf)


def _chart(pdf: FPDF, report: EventReport) -> None:
    """Bars per item: grey the pre-test, blue the post-test, share right in percent."""
    if not report.items:
        return
    pdf.set_font(FAMILY, "B", 11)
    pdf.cell(0, 8, "Benar per soal: sebelum materi (abu-abu) dan sesudah materi (biru)", new_x="LMARGIN", new_y="NEXT")
    left, top, height = pdf.l_margin + 8, pdf.get_y() + 2, 45
    slot = min(18.0, (pdf.epw - 10) / len(report.items))
    pdf.set_font(FAMILY, "", 7)
    for percent in (0, 50, 100):
        y = top + height * (1 - percent / 100)
        pdf.set_draw_color(220, 220, 220)
        pdf.line(left, y, left + slot * len(report.items), y)
        pdf.text(pdf.l_margin, y + 1, f"{percent}%")
    for index, item in enumerate(report.items):
        x = left + index * slot + slot * 0.15
        for offset, (share, colour) in enumerate(((item.pre_share, PRE_COLOUR), (item.post_share, POST_COLOUR))):
            bar = height * share / 100
            pdf.set_fill_color(*colour)
            pdf.rect(x + offset * slot * 0.35, top + height - bar, slot * 0.33, bar, style="F")
        pdf.text(x + slot * 0.2, top + height + 4, str(item.position))
    pdf.set_y(top + height + 8)


def _table(pdf: FPDF, title: str, header: Sequence[str], widths: Sequence[float], rows: Sequence[Sequence[str]]) -> None:
    if not rows:
        return
    pdf.set_font(FAMILY, "B", 11)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 9)
    for width, text in zip(widths, header, strict=True):
        pdf.cell(width, 6, text, border=1)
    pdf.ln()
    pdf.set_font(FAMILY, "", 9)
    for row in rows:
        for width, text in zip(widths, row, strict=True):
            pdf.cell(width, 6, printable(text)[:60], border=1)
        pdf.ln()
    pdf.ln(3)


def _document() -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    for style, path in FILES.items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def _heading(pdf: FPDF, kind: str, title: str, subtitle: str) -> None:
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(0, 8, kind, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 11)
    pdf.multi_cell(0, 6, printable(title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(0, 6, printable(subtitle), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _output(pdf: FPDF) -> bytes:
    data = bytes(pdf.output())
    close_fonts(pdf)
    return data
