"""Data Pegawai (HR): employees in the admin's scope with their status per module; reset passwords, unlock, set roles."""

import pandas as pd
import streamlit as st

from netral.core.dates import utcnow
from netral.hr.reports import employees_of
from netral.people.accounts import account_panel
from pages.ui.accounts import account_actions
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin
from pages.ui.service import read_or_show

user, scope = require_admin()

st.title("Data Pegawai")
st.caption(f"Cakupan: {scope.label}.")
search = st.text_input("Cari nama atau NIP", placeholder="mis. Sutrisno atau 1968...")
listed = read_or_show(employees_of, actor=user, search=search)
header, rows = listed.value or ([], [])
st.caption(f"{len(rows)} pegawai")
if rows:
    st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch")
    export_buttons(header, rows, "status-pegawai")
elif search:
    st.info("Tidak ada pegawai dengan nama atau NIP itu di cakupan Anda. Periksa ejaannya atau ketik sebagian nama saja.")
else:
    st.info(
        "Belum ada pegawai di cakupan Anda. Data pegawai masuk lewat Impor Data Pegawai"
        + (" (menu Kepegawaian)." if scope.is_whole_agency else ", yang dilakukan super admin.")
    )

st.subheader("Kelola akun")
nip = st.text_input("NIP pegawai", max_chars=30, placeholder="18 digit")
if nip.strip():
    panel = read_or_show(account_panel, actor=user, nip=nip, now=utcnow())
    if panel.value is not None:
        account_actions(panel.value, user, whole_agency=scope.is_whole_agency)
