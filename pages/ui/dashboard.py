"""The Dasbor's parts: deadline, headline figures, completion, who has not finished, and the peta kerawanan."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from netral.core.dates import format_count, format_score, utcnow
from netral.core.enums import MisconceptionSource
from netral.hr.completion import Completion, completion_table
from netral.hr.dashboard import Overview, people_listing, set_deadline
from netral.hr.misconceptions import misconceptions_of
from netral.hr.reports import Listing
from netral.identity.auth import CurrentUser
from pages.ui import runtime
from pages.ui.exports import export_buttons
from pages.ui.person import open_person
from pages.ui.service import act, read
from pages.ui.tables import daily_line, frame, show_table, stacked_bars

STATUS_COLOURS = {"Selesai": "#2e7d32", "Sedang berjalan": "#f9a825", "Belum mulai": "#9e9e9e"}
PEOPLE_KEYS = ["NIP", "Nama", "Status", "Modul lulus"]


def dashboard(view: Overview, user: CurrentUser) -> None:
    """The whole Dasbor for one overview; whatever chooses the overview (a scope, a cycle) sits above this call."""
    deadline_banner(view)
    headline_figures(view.total)
    summary, unfinished, risks = st.tabs(["Penyelesaian", "Belum selesai", "Peta kerawanan"])
    with summary:
        completion_tab(view, user)
    with unfinished:
        unfinished_tab(view, user)
    with risks:
        risk_tab(user)
    if view.scope.is_whole_agency:
        deadline_form(view, user)


def deadline_banner(view: Overview) -> None:
    """Where the scope stands against the agency's deadline."""
    left = view.total.total - view.total.completed
    if view.deadline is None:
        st.info(
            "Tenggat penyelesaian belum ditetapkan."
            + (" Atur di bagian bawah halaman ini." if view.scope.is_whole_agency else " Tenggat ditetapkan oleh super admin.")
        )
    elif view.days_left is not None and view.days_left >= 0:
        st.warning(f"Tenggat: **{view.deadline:%d-%m-%Y}**, {view.days_left} hari lagi. {left} pegawai belum selesai.")
    else:
        st.error(f"Tenggat **{view.deadline:%d-%m-%Y}** sudah lewat. {left} pegawai belum selesai.")


def headline_figures(total: Completion) -> None:
    """Four numbers for the whole scope."""
    cols = st.columns(4)
    cols[0].metric("Pegawai aktif", format_count(total.total))
    cols[1].metric("Selesai", f"{format_count(total.completed)} ({format_score(total.percent)}%)")
    cols[2].metric("Sedang berjalan", format_count(total.in_progress))
    cols[3].metric("Belum mulai", format_count(total.not_started))


def completion_tab(view: Overview, user: CurrentUser) -> None:
    """Completion per perangkat daerah (chart and table), drilling down to units and their people."""
    if not view.units:
        if view.scope.is_whole_agency:
            st.info("Belum ada pegawai aktif. Impor data pegawai terlebih dahulu; dasbor terisi setelah itu.")
            st.page_link("pages/impor_pegawai.py", label="Impor Data Pegawai", icon=":material/upload_file:")
        else:
            st.info("Belum ada pegawai aktif di cakupan Anda. Minta super admin mengimpor data pegawai perangkat daerah Anda.")
        return
    offices = view.offices
    chart = pd.DataFrame(
        {"Perangkat daerah": [o.office for o in offices], "Selesai": [o.completed for o in offices],
         "Sedang berjalan": [o.in_progress for o in offices], "Belum mulai": [o.not_started for o in offices]}
    )  # fmt: skip
    st.altair_chart(stacked_bars(chart, label="Perangkat daerah", colors=STATUS_COLOURS), width="stretch")
    if view.trend:
        st.subheader("Perkembangan penyelesaian")
        days, counts = [d for d, _n in view.trend], [n for _d, n in view.trend]
        st.altair_chart(daily_line(days, counts, title="Pegawai selesai"), width="stretch")
    st.subheader("Per perangkat daerah")
    _table(*completion_table(offices, with_unit=False))
    office = st.selectbox("Lihat unit kerja di perangkat daerah", [o.office for o in offices], index=None, placeholder="Pilih...")
    if office:
        inside = view.units_of(office)
        _table(*completion_table(inside, with_unit=True))
        names = {u.unit_id: u.unit or u.office for u in inside if u.unit_id is not None}
        unit_id = st.selectbox(
            "Lihat pegawai di unit", list(names), format_func=names.__getitem__, index=None, placeholder="Pilih..."
        )
        if unit_id is not None:
            st.caption("Klik baris untuk membuka profil pegawai.")
            listing = _people(user, only_unfinished=False, unit_id=unit_id)
            open_person(_picked(listing, "unit_pegawai"))
    export_buttons(*completion_table(view.units, with_unit=True), "penyelesaian-per-unit")


def unfinished_tab(view: Overview, user: CurrentUser) -> None:
    """Active employees without a valid certificate, searchable and exportable."""
    st.write("Pegawai aktif yang belum memegang sertifikat sah: belum mulai atau sedang berjalan.")
    choices = view.unit_labels
    picked = st.selectbox("Unit", list(choices), format_func=choices.__getitem__, index=None, placeholder="Semua unit")
    search = st.text_input("Cari nama atau NIP", key="cari_belum_selesai")
    listing = _people(user, only_unfinished=True, unit_id=picked, search=search)
    st.caption(f"{format_count(len(listing.rows))} pegawai belum selesai. Klik baris untuk membuka profil pegawai.")
    if listing.rows:
        open_person(_picked(listing, "belum_selesai"))
        export_buttons(*listing.pair(), "pegawai-belum-selesai")
    elif picked is not None or search:
        st.info("Tidak ada pegawai belum selesai yang cocok. Ubah pencarian atau pilih unit lain.")
    elif view.total.total:
        st.success("Semua pegawai aktif di cakupan Anda sudah selesai. Tidak ada yang perlu diingatkan.")
    else:
        st.info("Belum ada pegawai aktif di cakupan Anda.")


SOURCES = {
    MisconceptionSource.QUIZ: "Kuis (percobaan pertama)",
    MisconceptionSource.CHECK: "Cek pemahaman di modul",
    MisconceptionSource.SCENARIO: "Pilihan dalam skenario",
    MisconceptionSource.LIVE: "Kuis langsung sosialisasi",
}


def risk_tab(user: CurrentUser) -> None:
    """The share of wrong first answers per violation category, by perangkat daerah or unit kerja."""
    st.write(
        "Persentase jawaban **salah pada percobaan pertama** per kategori pelanggaran. Makin tinggi, makin perlu "
        "sosialisasi ulang tentang aturan itu di unit tersebut. Sel kosong: jawaban kurang dari 20. Cek pemahaman "
        "(jawaban pertama), pilihan skenario dan jawaban kuis langsung sosialisasi dihitung terpisah."
    )
    source = st.radio("Sumber", list(MisconceptionSource), format_func=SOURCES.__getitem__, horizontal=True)
    by_unit = st.toggle("Per unit kerja", value=False)
    labels = {c.id: c.label for c in runtime.registry().categories.values()}
    agency = runtime.settings().agency_name
    risk = read(misconceptions_of, actor=user, agency_name=agency, labels=labels, by_unit=by_unit, source=source)
    if not risk.rows and source is not MisconceptionSource.QUIZ:
        st.info(f"Belum ada data dari sumber ini ({SOURCES[source].lower()}) di cakupan Anda.")
        return
    if not risk.rows:
        st.info(
            "Belum ada percobaan pertama yang dikirim. Peta ini terisi setelah peserta mengirim kuis pertamanya; "
            "ingatkan yang belum mulai lewat tab Belum selesai."
        )
        return
    for category, share in risk.worst():
        st.markdown(f"- **{labels.get(category, category)}**: {format_score(share)}% jawaban atau pilihan keliru")
    table = pd.DataFrame(
        [[name] + [cells[c].share if c in cells else None for c in risk.categories] for name, cells in risk.rows],
        columns=["Unit"] + [labels.get(c, c) for c in risk.categories],
    )
    show_table(table, key="peta", percent=list(table.columns[1:]))
    export_buttons(list(table.columns), table.astype(object).where(table.notna(), "").values.tolist(), "peta-kerawanan")


def deadline_form(view: Overview, user: CurrentUser) -> None:
    """The super admin sets or clears the agency's deadline."""
    st.divider()
    with st.form("tenggat"):
        day = st.date_input("Tenggat penyelesaian seluruh pegawai", value=view.deadline, format="DD/MM/YYYY")
        saved = st.form_submit_button("Simpan tenggat")
    if saved and act(set_deadline, actor=user, day=day if isinstance(day, date) else None, now=utcnow()).ok:
        st.rerun()


def _people(user: CurrentUser, *, only_unfinished: bool, unit_id: int | None, search: str = "") -> Listing:
    agency = runtime.settings().agency_name
    return read(
        people_listing, actor=user, agency_name=agency, now=utcnow(), only_unfinished=only_unfinished, unit_id=unit_id,
        search=search,
    )  # fmt: skip


def _picked(listing: Listing, key: str) -> int | None:
    row = show_table(frame(*listing.pair()), key=key, key_columns=PEOPLE_KEYS, percent=["Progres modul (%)"], selectable=True)
    return listing.ids[row] if row is not None and row < len(listing.ids) else None


def _table(header: list[str], rows: list[list[object]] | list[list[str]]) -> None:
    show_table(frame(header, rows), key="_".join(header)[:40], percent=[h for h in header if h.endswith("(%)")])
