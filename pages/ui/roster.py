"""The roster import's parts: the dry run preview, the import button, the one-time passwords, first login."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netral.core.dates import utcnow
from netral.core.enums import FirstLogin, ImportMode
from netral.core.exports import XLSX_MIME
from netral.identity.auth import CurrentUser
from netral.people.roster.importing import RosterPlan, first_login_mode, set_first_login_mode
from netral.people.roster.passwords import initial_passwords_xlsx
from netral.people.roster.template import roster_template_xlsx
from netral.people.roster.writing import import_roster
from pages.ui import runtime, state
from pages.ui.service import act, act_in_steps, read, show_progress

FIRST_LOGIN = {
    FirstLogin.GENERATED: "Kata sandi acak (diunduh HR sekali, lalu dibagikan)",
    FirstLogin.BIRTH_DATE: "Tanggal lahir (DDMMYYYY) sesuai NIP",
}


def offer_passwords() -> bool:
    """After an import: the new accounts' initial passwords, downloadable once; tell whether they still wait."""
    passwords = state.initial_passwords() or []
    if not passwords:
        state.set_initial_passwords(None)
        st.success(
            "Impor selesai. Tidak ada kata sandi awal untuk dibagikan: tidak ada akun baru, atau akun baru masuk pertama kali "
            "dengan tanggal lahir (DDMMYYYY) sesuai pengaturan di bawah. Pantau penyelesaiannya di Dasbor."
        )
        return False
    st.success(f"Impor selesai. {len(passwords)} akun baru dibuat.")
    st.warning("Kata sandi awal hanya dapat diunduh **sekali**. Simpan berkasnya di tempat aman, bagikan, lalu hapus.")
    if st.download_button(
        "Unduh kata sandi awal (Excel)", initial_passwords_xlsx(passwords), "kata-sandi-awal.xlsx", XLSX_MIME,
        icon=":material/key:", on_click="rerun",
    ):  # fmt: skip
        state.set_initial_passwords(None)
        st.rerun()
    return True


def plan_preview(plan: RosterPlan) -> None:
    """The dry run: figures, every problem (row, column, reason) and every planned change."""
    summary = plan.summary(imported=False)
    cols = st.columns(4)
    cols[0].metric("Baris sah", summary["valid"])
    cols[1].metric("Akan ditambah", summary["added"])
    cols[2].metric("Akan diubah", summary["updated"])
    cols[3].metric("Akan dinonaktifkan", summary["deactivated"])
    if plan.problems:
        st.error(f"Berkas memuat {len(plan.problems)} kesalahan. Baris yang salah tidak akan diimpor.")
        problems = [(p.row or "-", p.column or "-", p.reason) for p in plan.problems]
        st.dataframe(pd.DataFrame(problems, columns=["Baris", "Kolom", "Masalah"]), hide_index=True, width="stretch")
    if plan.changes:
        st.subheader("Rencana perubahan")
        changes = [(c.action, c.row or "-", c.nip, c.name, c.details) for c in plan.changes]
        columns = ["Tindakan", "Baris", "NIP", "Nama", "Rincian"]
        st.dataframe(pd.DataFrame(changes, columns=columns), hide_index=True, width="stretch")
    elif plan.roster.rows:
        st.info(f"Semua {plan.unchanged} pegawai di berkas sudah sesuai data. Tidak ada yang perlu diubah.")


def import_button(plan: RosterPlan, user: CurrentUser, *, filename: str) -> None:
    """Import the valid rows (the service plans again, then writes in short chunks), with progress."""
    if not plan.changes:
        return
    if plan.problems:
        st.write("Pilihan Anda: perbaiki berkas lalu unggah lagi (tidak ada yang diimpor), atau impor baris yang sah saja.")
    if not st.button("Impor baris yang sah" if plan.problems else "Impor sekarang", type="primary", icon=":material/upload:"):
        return
    bar = st.progress(0.0, text=f"Mengimpor {len(plan.roster.rows)} baris. Jangan tutup halaman ini...")
    outcome = act_in_steps(
        import_roster, plan.roster, actor=user, full_sync=plan.full_sync, mode=ImportMode.VALID_ONLY,
        agency_name=runtime.settings().agency_name, now=utcnow(), filename=filename,
        progress=lambda done, total: show_progress(bar, done, total, "baris diproses"),
    )  # fmt: skip
    bar.empty()
    if outcome.value is not None:
        state.set_initial_passwords(list(outcome.value.passwords))
        st.rerun()


def template_download() -> None:
    """The roster template: the columns, an example row, and a NIP column already formatted as text."""
    st.download_button(
        "Unduh templat data pegawai (Excel)", roster_template_xlsx(), "templat-data-pegawai.xlsx", XLSX_MIME,
        icon=":material/download:", help="Kolom NIP sudah berformat teks, jadi 18 digitnya tidak diubah Excel.",
    )  # fmt: skip


def first_login_form(user: CurrentUser) -> None:
    """How new accounts log in the first time (chosen before the import, it applies to the accounts it creates)."""
    st.subheader("1. Login pertama akun baru")
    mode = read(first_login_mode)
    with st.form("login_pertama"):
        choices = list(FIRST_LOGIN)
        chosen = st.radio("Cara login pertama", choices, format_func=FIRST_LOGIN.__getitem__, index=choices.index(mode))
        st.caption(
            "Tanggal lahir tertera di 8 digit pertama NIP, jadi siapa pun yang tahu NIP dapat masuk pertama kali. "
            "Pilih ini hanya bila pegawai segera login dan mengganti kata sandinya. Keduanya mewajibkan ganti kata sandi."
        )
        saved = st.form_submit_button("Simpan")
    if saved and act(set_first_login_mode, actor=user, mode=chosen, now=utcnow()).ok:
        st.success("Tersimpan. Berlaku untuk akun yang dibuat pada impor berikutnya.")
