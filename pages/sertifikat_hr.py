"""Sertifikat Pegawai (HR): find certificates, download one or a ZIP, revoke, re-issue after a correction."""

import streamlit as st

from netral.certificates.listing import list_certificates
from netral.core.dates import utcnow
from netral.people.authority import units_to_choose
from pages.ui.certificates import STATUSES, certificate_actions, certificate_table, date_range, zip_download
from pages.ui.guard import require_admin
from pages.ui.service import read

user, scope = require_admin()

st.title("Sertifikat Pegawai")
search, status = st.columns([3, 2])
query = search.text_input("Cari nama, NIP, atau nomor", max_chars=60)
chosen_status = status.selectbox("Status", list(STATUSES), format_func=STATUSES.__getitem__)
issued_from, issued_to = date_range()
choices = read(units_to_choose, actor=user)
unit_id = st.selectbox(
    "Perangkat daerah / unit kerja", list(choices), format_func=choices.__getitem__, index=None, placeholder="Semua"
)
rows = read(
    list_certificates,
    actor=user,
    now=utcnow(),
    status=chosen_status or None,
    search=query,
    issued_from=issued_from,
    issued_to=issued_to,
    unit_id=unit_id,
)
filtered = bool(query or chosen_status or issued_from or issued_to or unit_id is not None)
certificate_table(rows, filtered=filtered)
if rows:
    zip_download(rows, user)
    certificate_actions(rows, user)
