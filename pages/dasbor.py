"""Dasbor (HR): completion per perangkat daerah and unit kerja against the deadline, who has not finished, misconceptions."""

import streamlit as st

from netral.core.dates import utcnow
from netral.hr.dashboard import overview
from pages.ui import runtime, state
from pages.ui.dashboard import dashboard
from pages.ui.guard import require_admin
from pages.ui.service import read

user, scope = require_admin()
settings = runtime.settings()
view = read(overview, actor=user, agency_name=settings.agency_name, zone=settings.zone, now=utcnow())

state.show_notice()
st.title("Dasbor Netralitas")
st.caption(f"Cakupan: {scope.label}. Angka dihitung dari pegawai aktif.")
dashboard(view, user)
