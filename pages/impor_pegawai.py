"""Impor Data Pegawai (super admin): upload a roster, see the dry run, then import nothing or the valid rows."""

import streamlit as st

from netral.people.roster.importing import plan_import
from netral.people.roster.reading import read_roster
from pages.ui import runtime, state
from pages.ui.guard import require_admin
from pages.ui.roster import first_login_form, import_button, offer_passwords, plan_preview, template_download
from pages.ui.service import read_or_show
from pages.ui.uploads import parsed_once

user, _scope = require_admin(whole_agency=True)
settings = runtime.settings()

st.title("Impor Data Pegawai")
st.write(
    "Unggah data pegawai dari Excel (.xlsx) atau CSV (pemisah titik koma, koma atau tab). Kolom wajib: **NIP**, **Nama**, "
    "**Jabatan**, **Unit Kerja**, **Perangkat Daerah**; **Email** boleh ada. Netral memeriksa berkas dulu dan menampilkan "
    "rencananya; tidak ada yang berubah sebelum Anda memilih."
)
if state.initial_passwords() is not None and offer_passwords():
    st.stop()
template_download()
first_login_form(user)

st.subheader("2. Unggah berkas dan impor")
upload = st.file_uploader("Berkas data pegawai", type=["xlsx", "csv", "txt"], key="roster_file")
full_sync = st.checkbox(
    "Sinkron penuh: nonaktifkan pegawai aktif yang tidak ada di berkas (riwayat mereka tetap tersimpan)", key="roster_full"
)
if upload is None:
    st.info("Belum ada berkas. Contoh kepala kolom: `NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah;Email`.")
else:
    roster = parsed_once(upload, read_roster, name_arg="filename", spinner="Memeriksa berkas...")
    planned = roster and read_or_show(plan_import, roster, actor=user, full_sync=full_sync, agency_name=settings.agency_name)
    if planned and planned.value is not None:
        plan_preview(planned.value)
        import_button(planned.value, user, filename=upload.name)
