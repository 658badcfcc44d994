"""The parts of Siklus Pemilu: the list of cycles, the form for a new one, and choosing one to close."""

from __future__ import annotations

from datetime import date

import streamlit as st

from netral.core.cycle_enums import CycleKind, CyclePath
from netral.core.dates import agency_day, format_date, utcnow
from netral.cycles.current import CycleView
from netral.cycles.managing import CycleDraft

PATHS = {CyclePath.FULL: "Penuh (semua modul dan ujian)", CyclePath.REFRESHER: "Penyegaran bagi yang lulus siklus sebelumnya"}


def cycle_table(cycles: list[CycleView]) -> None:
    """Every cycle, newest first, with its dates and whether it is still open."""
    if not cycles:
        st.info("Belum ada siklus. Super admin dapat membuat siklus pertama di bawah.")
        return
    rows = [
        {
            "Siklus": cycle.name,
            "Jenis": cycle.kind.label,
            "Pemungutan suara": cycle.voting_day_text,
            "Dibuka": format_date(cycle.opens_on),
            "Tenggat": format_date(cycle.deadline),
            "Jalur": PATHS[cycle.path],
            "Peserta": "Seluruh instansi" if cycle.whole_agency else "Perangkat daerah terpilih",
            "Status": "Ditutup" if cycle.closed else "Terbuka",
        }
        for cycle in cycles
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


def cycle_form(offices: dict[int, str], modules: dict[str, str]) -> CycleDraft | None:
    """A new cycle's fields; the draft once submitted (the service checks it)."""
    with st.form("form_siklus", clear_on_submit=False):
        name = st.text_input("Nama siklus", placeholder="Pemilu 2029", max_chars=120)
        kinds = list(CycleKind)
        kind = st.selectbox("Jenis", kinds, format_func=_kind_label)
        opens_on = st.date_input("Tanggal dibuka", agency_day(utcnow()), format="DD/MM/YYYY")  # the agency's today
        deadline = st.date_input("Tenggat penyelesaian", None, format="DD/MM/YYYY")
        voting = st.date_input("Hari pemungutan suara (kosongkan bila belum ditetapkan)", None, format="DD/MM/YYYY")
        chosen = st.multiselect(
            "Perangkat daerah (kosongkan untuk seluruh instansi)", list(offices), format_func=lambda key: offices[key]
        )
        path = st.radio("Jalur", list(PATHS), format_func=lambda key: PATHS[key])
        refresher = st.multiselect("Modul yang diulang pada penyegaran", list(modules), format_func=lambda key: modules[key])
        months = st.number_input(
            "Sertifikat berlaku sampai … bulan setelah pemungutan suara (0: pengaturan sertifikat)", 0, 120, 0
        )
        saved = st.form_submit_button("Buat siklus", type="primary")
    if not saved:
        return None
    if not isinstance(opens_on, date) or not isinstance(deadline, date):
        st.error("Isi tanggal dibuka dan tenggat penyelesaian.")
        return None
    return CycleDraft(
        name=name,
        kind=CycleKind(kind),
        opens_on=opens_on,
        deadline=deadline,
        voting_day=voting if isinstance(voting, date) else None,
        path=CyclePath(path),
        refresher_modules=tuple(refresher),
        office_ids=tuple(chosen),
        valid_months_after_vote=int(months) or None,
    )


def close_form(cycles: list[CycleView]) -> int | None:
    """The open cycle chosen to close, once confirmed."""
    open_ones = {cycle.id: cycle.name for cycle in cycles if not cycle.closed}
    if not open_ones:
        return None
    with st.form("form_tutup_siklus"):
        keys: list[int] = list(open_ones)
        chosen = st.selectbox("Siklus yang ditutup", keys, format_func=lambda key: open_ones[key])
        sure = st.checkbox("Saya mengerti: siklus yang ditutup tetap terbaca sebagai riwayat dan tidak dapat dibuka lagi.")
        closed = st.form_submit_button("Tutup siklus")
    return int(chosen) if closed and sure and chosen is not None else None


def _kind_label(kind: CycleKind) -> str:
    return kind.label
