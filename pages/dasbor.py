"""Dasbor (HR): completion per perangkat daerah and unit kerja against the deadline, who has not finished, misconceptions."""

from datetime import datetime

import pandas as pd
import streamlit as st

from db import reading, transaction
from netral.core.dates import format_count, format_score, utcnow
from netral.hr import dashboard
from netral.hr.misconceptions import misconception_map
from pages.ui import runtime
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin

user, scope = require_admin()
engine, settings = runtime.engine(), runtime.settings()
today = datetime.now(settings.zone).date()

st.title("Dasbor Netralitas")
st.caption(f"Cakupan: {scope.label}. Angka dihitung dari pegawai aktif.")
with reading(engine) as session:
    units = dashboard.completion_by_unit(session, scope, agency_name=settings.agency_name)
    offices = dashboard.completion_by_office(units)
    total = dashboard.completion_total(units, scope.label)
    deadline = dashboard.deadline(session)
    trend = dashboard.completion_trend(session, scope, zone=settings.zone, today=today)

left = dashboard.days_left(deadline, today)
if deadline is None:
    st.info(
        "Tenggat penyelesaian belum ditetapkan."
        + (" Atur di bagian bawah halaman ini." if scope.is_whole_agency else " Tenggat ditetapkan oleh super admin.")
    )
elif left is not None and left >= 0:
    st.warning(f"Tenggat: **{deadline:%d-%m-%Y}**, {left} hari lagi. {total.total - total.completed} pegawai belum selesai.")
else:
    st.error(f"Tenggat **{deadline:%d-%m-%Y}** sudah lewat. {total.total - total.completed} pegawai belum selesai.")

cols = st.columns(4)
cols[0].metric("Pegawai aktif", format_count(total.total))
cols[1].metric("Selesai", f"{format_count(total.completed)} ({format_score(total.percent)}%)")
cols[2].metric("Sedang berjalan", format_count(total.in_progress))
cols[3].metric("Belum mulai", format_count(total.not_started))

summary, unfinished, risks = st.tabs(["Penyelesaian", "Belum selesai", "Peta kerawanan"])
with summary:
    if not units and scope.is_whole_agency:
        st.info("Belum ada pegawai aktif. Impor data pegawai terlebih dahulu; dasbor terisi setelah itu.")
        st.page_link("pages/impor_pegawai.py", label="Impor Data Pegawai", icon=":material/upload_file:")
    elif not units:
        st.info("Belum ada pegawai aktif di cakupan Anda. Minta super admin mengimpor data pegawai perangkat daerah Anda.")
    else:
        chart = pd.DataFrame(
            {"Selesai": [o.completed for o in offices], "Sedang berjalan": [o.in_progress for o in offices],
             "Belum mulai": [o.not_started for o in offices]},
            index=[o.office for o in offices],
        )  # fmt: skip
        st.bar_chart(chart, horizontal=True, color=["#2e7d32", "#f9a825", "#9e9e9e"], height=max(240, 34 * len(offices)))
        if trend:
            st.subheader("Perkembangan penyelesaian")
            line = pd.DataFrame({"Pegawai selesai": [n for _d, n in trend]}, index=pd.to_datetime([d for d, _n in trend]))
            st.line_chart(line, height=220)
        st.subheader("Per perangkat daerah")
        header, rows = dashboard.completion_table(offices, with_unit=False)
        st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch")
        office = st.selectbox(
            "Lihat unit kerja di perangkat daerah", [o.office for o in offices], index=None, placeholder="Pilih..."
        )
        if office:
            inside = [u for u in units if u.office == office]
            header, rows = dashboard.completion_table(inside, with_unit=True)
            st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch")
            names = {u.unit_id: u.unit or u.office for u in inside if u.unit_id is not None}
            unit_id = st.selectbox(
                "Lihat pegawai di unit", list(names), format_func=names.__getitem__, index=None, placeholder="Pilih..."
            )
            if unit_id is not None:
                with reading(engine) as session:
                    header, rows = dashboard.people_table(
                        session, scope, agency_name=settings.agency_name, only_unfinished=False, unit_id=unit_id
                    )
                st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch")
        header, rows = dashboard.completion_table(units, with_unit=True)
        export_buttons(header, rows, "penyelesaian-per-unit")

with unfinished:
    st.write("Pegawai aktif yang belum memegang sertifikat sah: belum mulai atau sedang berjalan.")
    unit_choices = {u.unit_id: u.label for u in units if u.unit_id is not None}
    picked = st.selectbox("Unit", list(unit_choices), format_func=unit_choices.__getitem__, index=None, placeholder="Semua unit")
    search = st.text_input("Cari nama atau NIP", key="cari_belum_selesai")
    with reading(engine) as session:
        header, rows = dashboard.people_table(
            session, scope, agency_name=settings.agency_name, only_unfinished=True, unit_id=picked, search=search
        )
    st.caption(f"{len(rows)} pegawai belum selesai")
    if rows:
        st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch")
        export_buttons(header, rows, "pegawai-belum-selesai")
    elif picked is not None or search:
        st.info("Tidak ada pegawai belum selesai yang cocok. Ubah pencarian atau pilih unit lain.")
    elif total.total:
        st.success("Semua pegawai aktif di cakupan Anda sudah selesai. Tidak ada yang perlu diingatkan.")
    else:
        st.info("Belum ada pegawai aktif di cakupan Anda.")

with risks:
    st.write(
        "Persentase jawaban **salah pada percobaan pertama** per kategori pelanggaran. Makin tinggi, makin perlu "
        "sosialisasi ulang tentang aturan itu di unit tersebut. Sel kosong: jawaban kurang dari 20."
    )
    by_unit = st.toggle("Per unit kerja", value=False)
    labels = {c.id: c.label for c in runtime.registry().categories.values()}
    with reading(engine) as session:
        risk = misconception_map(session, scope, agency_name=settings.agency_name, labels=labels, by_unit=by_unit)
    if not risk.rows:
        st.info(
            "Belum ada percobaan pertama yang dikirim. Peta ini terisi setelah peserta mengirim kuis pertamanya; "
            "ingatkan yang belum mulai lewat tab Belum selesai."
        )
    else:
        for category, share in risk.worst():
            st.markdown(f"- **{labels.get(category, category)}**: {share}% jawaban pertama salah")
        table = pd.DataFrame(
            [[name] + [cells[c].share if c in cells else None for c in risk.categories] for name, cells in risk.rows],
            columns=["Unit"] + [labels.get(c, c) for c in risk.categories],
        )
        bars = {c: st.column_config.ProgressColumn(c, min_value=0, max_value=100, format="%.1f%%") for c in table.columns[1:]}
        st.dataframe(table, hide_index=True, width="stretch", column_config=bars)
        export_buttons(list(table.columns), table.astype(object).where(table.notna(), "").values.tolist(), "peta-kerawanan")

if scope.is_whole_agency:
    st.divider()
    with st.form("tenggat"):
        day = st.date_input("Tenggat penyelesaian seluruh pegawai", value=deadline, format="DD/MM/YYYY")
        if st.form_submit_button("Simpan tenggat"):
            with transaction(engine) as session:
                dashboard.set_deadline(
                    session, day=day if isinstance(day, type(today)) else None, actor_account_id=user.account_id, now=utcnow()
                )
            st.rerun()
