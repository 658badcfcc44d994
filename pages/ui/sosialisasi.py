"""Parts of HR's Sosialisasi page: the list of events, the form that makes one, and one event's panel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

import pandas as pd
import streamlit as st

from netral.content.bank.model import KEY_CERTAINTIES
from netral.core.dates import format_datetime, format_score, utcnow
from netral.identity.auth import CurrentUser
from netral.people.authority import units_to_choose
from netral.sosialisasi import papers
from netral.sosialisasi.attendance import check_in_manually, set_attendance_open
from netral.sosialisasi.events import EventDraft, OwnQuestion, Speaker, create_event
from netral.sosialisasi.projector import EventRow, live_question_choices
from netral.sosialisasi.report import event_report
from pages.ui import runtime
from pages.ui.service import act, read, read_or_show
from pages.ui.text import plain

PDF_MIME = "application/pdf"


def event_table(rows: Sequence[EventRow]) -> int | None:
    """The events as a table; the chosen row's event id."""
    if not rows:
        st.info("Belum ada sosialisasi. Buat yang pertama di bawah.")
        return None
    zone = runtime.settings().zone
    table = pd.DataFrame(
        [(r.title, format_datetime(r.starts_at, zone), r.place, r.cycle or "di luar siklus", r.jp, r.present) for r in rows],
        columns=["Judul", "Waktu", "Tempat", "Siklus", "JP", "Hadir"],
    )
    st.caption("Klik satu baris untuk membuka sosialisasinya.")
    picked = st.dataframe(table, hide_index=True, on_select="rerun", selection_mode="single-row", key="acara")
    chosen = picked.selection.rows if picked is not None else []
    return rows[chosen[0]].event_id if chosen else None


def create_form(user: CurrentUser) -> None:
    """Make an event: when, where, who speaks, who is invited, JP, and the live quiz's questions."""
    units = read(units_to_choose, actor=user)
    questions = read(live_question_choices)
    with st.form("buat_sosialisasi", clear_on_submit=False):
        title = st.text_input("Judul", max_chars=200, placeholder="Sosialisasi Netralitas ASN pada Pemilu")
        day, hour = st.columns(2)
        date = day.date_input("Tanggal", format="DD/MM/YYYY")
        at = hour.time_input("Pukul", value=time(9, 0), step=900)
        place = st.text_input("Tempat", max_chars=200, placeholder="Pendopo Kabupaten")
        speakers = st.text_area("Narasumber (satu per baris: Nama — Instansi)", placeholder="Ketua Bawaslu — Bawaslu Kabupaten")
        audience = st.multiselect(
            "Diundang (kosong: seluruh lingkup Anda)", list(units), format_func=units.__getitem__, placeholder="Pilih unit"
        )
        jp = st.number_input("JP (jam pelajaran)", min_value=0, max_value=40, value=2)
        keys = st.multiselect(
            "Soal kuis langsung (ditanyakan sebelum dan sesudah materi)",
            list(questions),
            format_func=questions.__getitem__,
            max_selections=20,
            placeholder="Pilih soal dari bank soal",
        )
        written = _own_question_fields()
        if not st.form_submit_button("Simpan sosialisasi", type="primary"):
            return
    starts = datetime.combine(date, at, tzinfo=runtime.settings().zone)
    draft = EventDraft(title, starts, place, _speakers(speakers), tuple(audience), int(jp), tuple(keys), written)
    if act(create_event, actor=user, draft=draft, now=utcnow(), registry=runtime.registry()).ok:
        st.success("Sosialisasi tersimpan. Pilih di daftar untuk membuka presensi dan layar proyektor.")


def event_panel(user: CurrentUser, event_id: int) -> None:
    """One event: open attendance, the projector, check in by hand, the papers and the report."""
    settings = runtime.settings()
    labels = {c.id: c.label for c in runtime.registry().categories.values()}
    found = read_or_show(event_report, actor=user, event_id=event_id, agency_name=settings.agency_name, category_labels=labels)
    if not found.ok or found.value is None:
        return
    report = found.value
    st.subheader(plain(report.title))
    st.caption(
        plain(f"{report.jp} JP sosialisasi ini dihitung di siklus {report.cycle}.")
        if report.cycle
        else "Di luar siklus: pada hari acara tidak ada siklus terbuka yang mencakup semua undangannya."
    )
    st.page_link(
        "pages/layar_sosialisasi.py",
        label="Buka layar proyektor",
        icon=":material/present_to_all:",
        query_params={"acara": str(event_id)},
    )
    left, right = st.columns(2)
    for column, label, is_open in ((left, "Buka presensi", True), (right, "Tutup presensi", False)):
        if (
            column.button(label, key=f"presensi_{is_open}")
            and act(set_attendance_open, actor=user, event_id=event_id, is_open=is_open).ok
        ):
            st.success("Presensi dibuka: tampilkan layar proyektor." if is_open else "Presensi ditutup.")
    with st.form("hadir_manual", clear_on_submit=True):
        nip = st.text_input("Catat hadir dengan NIP (untuk peserta tanpa ponsel)", max_chars=24)
        if st.form_submit_button("Catat hadir"):
            done = act(check_in_manually, actor=user, event_id=event_id, nip=nip, now=utcnow())
            if done.ok and done.value is not None:
                st.success(done.value.message(settings.zone))
    _papers(user, event_id, report)
    _report(report)


def _papers(user: CurrentUser, event_id: int, report: papers.EventReport) -> None:
    settings = runtime.settings()
    rows = read(papers.attendance_rows, actor=user, event_id=event_id, agency_name=settings.agency_name, zone=settings.zone)
    subtitle = f"{format_datetime(report.starts_at, settings.zone)}, {report.place}"
    one, two, three, four = st.columns(4)
    one.download_button("Daftar Hadir (PDF)", papers.attendance_pdf(report.title, subtitle, rows), "daftar-hadir.pdf", PDF_MIME)
    two.download_button("Daftar Hadir (Excel)", papers.attendance_xlsx(rows), "daftar-hadir.xlsx", papers.XLSX_MIME)
    three.download_button("Laporan (PDF)", papers.report_pdf(report, settings.zone), "laporan-sosialisasi.pdf", PDF_MIME)
    four.download_button("Laporan (Excel)", papers.report_xlsx(report), "laporan-sosialisasi.xlsx", papers.XLSX_MIME)


def _report(report: papers.EventReport) -> None:
    first, second, third = st.columns(3)
    first.metric("Hadir", f"{report.present} dari {report.invited}")
    second.metric("Benar sebelum materi", f"{format_score(report.pre_share)}%")
    third.metric(
        "Benar sesudah materi",
        f"{format_score(report.post_share)}%",
        f"{format_score(round(report.post_share - report.pre_share, 1))} poin",
    )
    if report.items:
        chart = pd.DataFrame(
            {"Sebelum materi": [i.pre_share for i in report.items], "Sesudah materi": [i.post_share for i in report.items]},
            index=[f"Soal {i.position}" for i in report.items],
        )
        st.bar_chart(chart, stack=False, x_label="Soal", y_label="Benar (%)")
    for item in report.still_wrong():
        st.markdown(
            f"- Soal {item.position} ({plain(item.category)}): benar {format_score(item.post_share)}% — {plain(item.text)}"
        )


def _own_question_fields() -> tuple[OwnQuestion, ...]:
    """Up to two questions written for this event, each citing sources that may carry a key."""
    bank = runtime.registry()
    categories = {c.id: c.label for c in bank.categories.values()}
    sources = {s.id: s.label for s in bank.sources.values() if s.certainty in KEY_CERTAINTIES}
    written = []
    for number in (1, 2):
        with st.expander(f"Soal tulisan sendiri {number} (opsional)"):
            text = st.text_area("Teks soal", key=f"soal_{number}", max_chars=600)
            options = st.text_area("Pilihan jawaban (satu per baris)", key=f"pilihan_{number}")
            correct = st.number_input("Nomor pilihan yang benar", min_value=1, max_value=6, value=1, key=f"benar_{number}")
            explanation = st.text_area("Penjelasan (tampil saat dibahas)", key=f"jelas_{number}", max_chars=800)
            category = st.selectbox(
                "Kategori pelanggaran", list(categories), format_func=categories.__getitem__, key=f"kat_{number}"
            )
            cited = st.multiselect("Dasar hukum", list(sources), format_func=sources.__getitem__, key=f"sumber_{number}")
        if text.strip():
            lines = tuple(line for line in options.splitlines() if line.strip())
            written.append(OwnQuestion(text, lines, int(correct) - 1, explanation, str(category), tuple(cited)))
    return tuple(written)


def _speakers(text: str) -> tuple[Speaker, ...]:
    found = []
    for line in text.splitlines():
        name, _sep, institution = line.replace("—", "-").partition(" - ")
        if name.strip():
            found.append(Speaker(name.strip(), institution.strip()))
    return tuple(found)
