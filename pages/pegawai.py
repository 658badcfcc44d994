"""Data Pegawai (HR): employees in the admin's scope with their status per module; a row opens the person."""

import streamlit as st

from netral.hr.reports import employee_listing
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin
from pages.ui.person import open_person
from pages.ui.service import read_or_show
from pages.ui.tables import frame, show_table

user, scope = require_admin()
KEY_COLUMNS = ["NIP", "Nama", "Unit Kerja", "Aktif"]

st.title("Data Pegawai")
st.caption(f"Cakupan: {scope.label}. Klik baris untuk membuka profil pegawai: kemajuan, percobaan, sertifikat, dan akun.")
search = st.text_input("Cari nama atau NIP", placeholder="mis. Sutrisno atau 1968...")
listed = read_or_show(employee_listing, actor=user, search=search)
listing = listed.value
if listing is not None:
    st.caption(f"{len(listing.rows):,} pegawai".replace(",", "."))
if listing is not None and listing.rows:
    row = show_table(frame(*listing.pair()), key="pegawai", key_columns=KEY_COLUMNS, selectable=True)
    open_person(listing.ids[row] if row is not None and row < len(listing.ids) else None)
    export_buttons(*listing.pair(), "status-pegawai")
elif search:
    st.info("Tidak ada pegawai dengan nama atau NIP itu di cakupan Anda. Periksa ejaannya atau ketik sebagian nama saja.")
elif listing is not None:
    st.info(
        "Belum ada pegawai di cakupan Anda. Data pegawai masuk lewat Impor Data Pegawai"
        + (" (menu Pegawai)." if scope.is_whole_agency else ", yang dilakukan super admin.")
    )
