"""Profil pegawai (HR): one person opened from a table row: identity, progress, attempts, certificates and actions."""

import streamlit as st

from netral.core.dates import utcnow
from netral.hr.person import person_view
from pages.ui.guard import require_admin
from pages.ui.params import id_param
from pages.ui.person import actions, attempts, certificates, events, identity, progress
from pages.ui.service import read_or_show

user, scope = require_admin()
st.page_link("pages/pegawai.py", label="Kembali ke Data Pegawai", icon=":material/arrow_back:")
employee_id = id_param("id")
if employee_id is None:
    st.info("Pilih pegawai dari tabel Data Pegawai, Belum selesai, atau Sertifikat Pegawai untuk membuka profilnya.")
    st.stop()
found = read_or_show(person_view, actor=user, employee_id=employee_id, now=utcnow())
if found.value is None:
    st.stop()
person = found.value
identity(person)
left, right = st.columns([3, 2])
with left:
    progress(person)
    attempts(person)
with right:
    actions(person, user, whole_agency=scope.is_whole_agency)
    certificates(person)
    events(person)
