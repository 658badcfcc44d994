"""A letter per perangkat daerah for its head: who has not finished the cycle, with their progress."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import queries
from db.models import Cycle
from db.queries import outbox as outbox_queries
from netral.certificates.fonts import FAMILY, printable
from netral.core.dates import format_date
from netral.core.errors import NotFound
from netral.cycles.current import CycleView
from netral.hr.paper.base import output, portrait, text
from netral.people.authority import Actor, acting_scope
from netral.people.scope import descendants
from netral.people.units import UnitTree


def office_letter_pdf(
    session: Session, *, actor: Actor, cycle_id: int, office_id: int, agency_name: str, now: datetime, zone: ZoneInfo
) -> tuple[str, bytes]:
    """The letter's file name and bytes, for one perangkat daerah inside the admin's scope."""
    scope = acting_scope(session, actor)
    cycle, office = session.get(Cycle, cycle_id), queries.unit_by_id(session, office_id)
    if cycle is None or office is None or not scope.allows_unit(office_id):
        raise NotFound("Siklus atau perangkat daerah tidak ditemukan.")
    view, tree = CycleView.of(cycle), UnitTree.load(session, agency_name)
    rows = outbox_queries.cohort_progress(session, cycle_id=cycle_id, unit_ids=descendants(session, [office_id]), now=now)
    unfinished = [row for row in rows if not row.completed]
    pdf = portrait(f"Surat {view.name} - {office.name}", agency_name, now)
    pdf.add_page()
    text(pdf, agency_name.upper(), size=11, bold=True, align="C")
    pdf.ln(4)
    text(pdf, f"{format_date(now, zone)}", align="R")
    text(pdf, f"Kepada Yth.\nKepala {office.name}\ndi tempat")
    pdf.ln(2)
    text(pdf, f"Perihal: Penyelesaian Pembelajaran Netralitas ASN · {view.name}", bold=True)
    pdf.ln(2)
    text(
        pdf,
        f"Menjelang {view.name} (hari pemungutan suara: {view.voting_day_text}), setiap ASN diminta menyelesaikan "
        f"pembelajaran mandiri Netralitas ASN paling lambat {format_date(view.deadline)}. Dari {len(rows)} pegawai di "
        f"{office.name}, {len(unfinished)} belum selesai. Mohon Bapak/Ibu mendorong pegawai berikut menyelesaikannya:",
    )
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", 9)
    for width, title in ((42, "NIP"), (70, "Nama"), (38, "Unit kerja"), (20, "Progres")):
        pdf.cell(width, 6, title, border="B")
    pdf.ln()
    pdf.set_font(FAMILY, "", 8.5)
    for row in unfinished:
        cells = (row.nip, row.name, tree.names_of(row.unit_id)[1] or "-", "berjalan" if row.started else "belum mulai")
        for width, value in zip((42, 70, 38, 20), cells, strict=True):
            pdf.cell(width, 5, printable(value)[: int(width / 1.7)])
        pdf.ln()
    if not unfinished:
        text(pdf, "Semua pegawai telah selesai. Terima kasih.")
    pdf.ln(6)
    text(pdf, "Hormat kami,\nAdmin Kepegawaian")
    return f"surat-{office.name.lower().replace(' ', '-')}.pdf", output(pdf)
