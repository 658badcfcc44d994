"""Dasbor (HR): completion per perangkat daerah and unit kerja against the deadline, who has not finished, misconceptions."""

import streamlit as st

from netral.core.dates import utcnow
from netral.hr.dashboard import overview
from pages.ui import runtime
from pages.ui.dashboard import completion_tab, deadline_banner, deadline_form, headline_figures, risk_tab, unfinished_tab
from pages.ui.guard import require_admin
from pages.ui.service import read

user, scope = require_admin()
settings = runtime.settings()
view = read(overview, actor=user, agency_name=settings.agency_name, zone=settings.zone, now=utcnow())

st.title("Dasbor Netralitas")
st.caption(f"Cakupan: {scope.label}. Angka dihitung dari pegawai aktif.")
deadline_banner(view)
headline_figures(view.total)
summary, unfinished, risks = st.tabs(["Penyelesaian", "Belum selesai", "Peta kerawanan"])
with summary:
    completion_tab(view, user)
with unfinished:
    unfinished_tab(view, user)
with risks:
    risk_tab(user)
if scope.is_whole_agency:
    deadline_form(view, user)
