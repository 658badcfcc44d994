"""Impor Data Pegawai (super admin): upload a roster, see the dry run, then import nothing or the valid rows."""

import pandas as pd
import streamlit as st

from db import reading, transaction
from netral.core.dates import utcnow
from netral.core.exports import XLSX_MIME
from netral.people.roster.importing import (
    BIRTH_DATE,
    GENERATED,
    VALID_ONLY,
    RosterRefused,
    apply_import,
    first_login_mode,
    plan_import,
    set_first_login_mode,
)
from netral.people.roster.passwords import initial_passwords_xlsx
from netral.people.roster.reading import read_roster
from pages.ui import runtime
from pages.ui.guard import require_admin

user, _scope = require_admin(whole_agency=True)
engine, settings = runtime.engine(), runtime.settings()
PASSWORDS = "impor_kata_sandi_awal"

st.title("Impor Data Pegawai")
st.write(
    "Unggah data pegawai dari Excel (.xlsx) atau CSV (pemisah titik koma, koma atau tab). Kolom wajib: **NIP**, **Nama**, "
    "**Jabatan**, **Unit Kerja**, **Perangkat Daerah**; **Email** boleh ada. Netral memeriksa berkas dulu dan menampilkan "
    "rencananya; tidak ada yang berubah sebelum Anda memilih."
)

if st.session_state.get(PASSWORDS) == []:
    del st.session_state[PASSWORDS]
    st.success(
        "Impor selesai. Tidak ada kata sandi awal untuk dibagikan: tidak ada akun baru, atau akun baru masuk pertama kali "
        "dengan tanggal lahir (DDMMYYYY) sesuai pengaturan di bawah. Pantau penyelesaiannya di Dasbor."
    )
if (passwords := st.session_state.get(PASSWORDS)) is not None:
    st.success(f"Impor selesai. {len(passwords)} akun baru dibuat.")
    st.warning("Kata sandi awal hanya dapat diunduh **sekali**. Simpan berkasnya di tempat aman, bagikan, lalu hapus.")
    if st.download_button(
        "Unduh kata sandi awal (Excel)", initial_passwords_xlsx(passwords), "kata-sandi-awal.xlsx", XLSX_MIME,
        icon=":material/key:", on_click="rerun",
    ):  # fmt: skip
        del st.session_state[PASSWORDS]
        st.rerun()
    st.stop()

upload = st.file_uploader("Berkas data pegawai", type=["xlsx", "csv", "txt"], key="roster_file")
full_sync = st.checkbox(
    "Sinkron penuh: nonaktifkan pegawai aktif yang tidak ada di berkas (riwayat mereka tetap tersimpan)", key="roster_full"
)
if upload is None:
    st.info("Belum ada berkas. Contoh kepala kolom: `NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah;Email`.")
else:
    data = upload.getvalue()
    with st.spinner("Memeriksa berkas..."):
        roster = read_roster(data, upload.name)
        with reading(engine) as session:
            plan = plan_import(session, roster, full_sync=full_sync, agency_name=settings.agency_name)
    summary = plan.summary(imported=False)
    cols = st.columns(4)
    cols[0].metric("Baris sah", summary["valid"])
    cols[1].metric("Akan ditambah", summary["added"])
    cols[2].metric("Akan diubah", summary["updated"])
    cols[3].metric("Akan dinonaktifkan", summary["deactivated"])
    if plan.problems:
        st.error(f"Berkas memuat {len(plan.problems)} kesalahan. Baris yang salah tidak akan diimpor.")
        problems = pd.DataFrame(
            [(p.row or "-", p.column or "-", p.reason) for p in plan.problems], columns=["Baris", "Kolom", "Masalah"]
        )
        st.dataframe(problems, hide_index=True, width="stretch")
    if plan.changes:
        st.subheader("Rencana perubahan")
        changes = pd.DataFrame(
            [(c.action, c.row or "-", c.nip, c.name, c.details) for c in plan.changes],
            columns=["Tindakan", "Baris", "NIP", "Nama", "Rincian"],
        )
        st.dataframe(changes, hide_index=True, width="stretch")
    elif roster.rows:
        st.info(f"Semua {plan.unchanged} pegawai di berkas sudah sesuai data. Tidak ada yang perlu diubah.")
    if plan.changes:
        label = "Impor baris yang sah" if plan.problems else "Impor sekarang"
        if plan.problems:
            st.write("Pilihan Anda: perbaiki berkas lalu unggah lagi (tidak ada yang diimpor), atau impor baris yang sah saja.")
        if st.button(label, type="primary", icon=":material/upload:"):
            bar = st.progress(0.0, text=f"Mengimpor {len(roster.rows)} baris. Jangan tutup halaman ini...")
            try:
                with transaction(engine) as session:
                    outcome = apply_import(
                        session, roster, full_sync=full_sync, mode=VALID_ONLY, agency_name=settings.agency_name,
                        actor_account_id=user.account_id, now=utcnow(), filename=upload.name,
                        progress=lambda done, total: bar.progress(done / total, text=f"{done} dari {total} baris diproses"),
                    )  # fmt: skip
                    bar.progress(1.0, text="Menyimpan ke basis data...")
            except RosterRefused as exc:
                bar.empty()
                st.error(str(exc))
            else:
                st.session_state[PASSWORDS] = list(outcome.passwords)
                st.rerun()

st.divider()
st.subheader("Login pertama akun baru")
with reading(engine) as session:
    mode = first_login_mode(session)
choices = {GENERATED: "Kata sandi acak (diunduh HR sekali, lalu dibagikan)", BIRTH_DATE: "Tanggal lahir (DDMMYYYY) sesuai NIP"}
with st.form("login_pertama"):
    chosen = st.radio("Cara login pertama", list(choices), format_func=choices.__getitem__, index=list(choices).index(mode))
    st.caption(
        "Tanggal lahir tertera di 8 digit pertama NIP, jadi siapa pun yang tahu NIP dapat masuk pertama kali. "
        "Pilih ini hanya bila pegawai segera login dan mengganti kata sandinya. Keduanya mewajibkan ganti kata sandi."
    )
    if st.form_submit_button("Simpan"):
        with transaction(engine) as session:
            set_first_login_mode(session, mode=chosen, actor_account_id=user.account_id, now=utcnow())
        st.success("Tersimpan. Berlaku untuk akun yang dibuat pada impor berikutnya.")
