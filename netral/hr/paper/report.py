"""The cycle report for the PPK: completion per perangkat daerah with a chart, the trend, the three most misunderstood
categories and the exam pass rate, on A4."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fpdf import FPDF
from sqlalchemy.orm import Session

from netral.certificates.fonts import FAMILY, printable
from netral.core.dates import format_count, format_date, format_datetime
from netral.hr.cycles import CycleFigures, cycle_figures
from netral.hr.paper.base import output, portrait, text
from netral.people.authority import Actor

BAR_WIDTH = 95


def cycle_report_pdf(
    session: Session, *, actor: Actor, cycle_id: int, agency_name: str, now: datetime, zone: ZoneInfo
) -> tuple[str, bytes]:
    """The report's file name and bytes, for the admin's scope (a super admin: the whole agency)."""
    figures = cycle_figures(session, actor=actor, cycle_id=cycle_id, agency_name=agency_name, now=now)
    return f"laporan-{figures.cycle.name.lower().replace(' ', '-')}.pdf", render_report(figures, agency_name, now, zone)


def render_report(figures: CycleFigures, agency: str, now: datetime, zone: ZoneInfo) -> bytes:
    """Draw the report."""
    cycle = figures.cycle
    pdf = portrait(f"Laporan {cycle.name}", agency, now)
    pdf.add_page()
    text(pdf, agency.upper(), size=11, bold=True, align="C")
    text(pdf, f"Laporan Pembelajaran Netralitas ASN · {cycle.name}", size=14, bold=True, align="C")
    text(pdf, f"Kepada Yth. Pejabat Pembina Kepegawaian · keadaan {format_datetime(now, zone)}", size=9, align="C")
    pdf.ln(4)
    total = figures.total
    text(
        pdf,
        f"Hari pemungutan suara: {cycle.voting_day_text}. Siklus dibuka {format_date(cycle.opens_on)}, tenggat "
        f"{format_date(cycle.deadline)}. Dari {format_count(total.total)} pegawai aktif, {format_count(total.completed)} "
        f"({total.percent:.1f}%) telah selesai, {format_count(total.in_progress)} sedang berjalan dan "
        f"{format_count(total.not_started)} belum mulai. Tingkat kelulusan ujian sertifikasi: {figures.pass_rate:.1f}% "
        f"({format_count(figures.exam_passed)} dari {format_count(figures.exam_takers)} peserta ujian).",
    )
    pdf.ln(3)
    text(pdf, "Penyelesaian per perangkat daerah", size=11, bold=True)
    _bars(pdf, figures)
    pdf.ln(3)
    text(pdf, "Tiga kategori yang paling sering keliru dipahami", size=11, bold=True)
    worst = figures.most_misunderstood()
    for rank, category in enumerate(worst, start=1):
        text(
            pdf,
            f"{rank}. {category.category}: {category.percent_wrong:.1f}% jawaban keliru dari {format_count(category.answered)}",
        )
    if not worst:
        text(pdf, "Belum ada jawaban pada siklus ini.")
    pdf.ln(3)
    text(pdf, "Perkembangan (kumulatif pegawai selesai)", size=11, bold=True)
    _trend(pdf, figures)
    return output(pdf)


def _bars(pdf: FPDF, figures: CycleFigures) -> None:
    for office in figures.offices:
        if pdf.get_y() > 270:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_font(FAMILY, "", 8.5)
        pdf.set_xy(20, y)
        pdf.cell(60, 5, printable(office.office)[:40])
        pdf.set_fill_color(225, 229, 235)
        pdf.rect(82, y + 0.8, BAR_WIDTH, 3.6, style="F")
        pdf.set_fill_color(30, 110, 80)
        pdf.rect(82, y + 0.8, BAR_WIDTH * office.percent / 100, 3.6, style="F")
        pdf.set_xy(180, y)
        pdf.cell(0, 5, f"{office.percent:.1f}% ({office.completed}/{office.total})", new_x="LMARGIN", new_y="NEXT")


def _trend(pdf: FPDF, figures: CycleFigures) -> None:
    if not figures.trend:
        text(pdf, "Belum ada pegawai yang selesai pada siklus ini.")
        return
    shown = figures.trend[-12:]
    peak = max(count for _day, count in shown) or 1
    top = pdf.get_y() + 2
    width = 170 / len(shown)
    pdf.set_font(FAMILY, "", 7)
    for index, (day, count) in enumerate(shown):
        height = 30 * count / peak
        pdf.set_fill_color(30, 110, 80)
        pdf.rect(20 + index * width + 1, top + 30 - height, width - 2, height, style="F")
        pdf.set_xy(20 + index * width, top + 31)
        pdf.cell(width, 4, f"{day.day}/{day.month}: {count}", align="C")
    pdf.set_y(top + 37)
