"""Sosialisasi (HR): make an event, open its attendance and projector, record people by hand, read its report."""

import streamlit as st

from netral.sosialisasi.projector import events_overview
from pages.ui.guard import require_admin
from pages.ui.params import id_param
from pages.ui.service import read
from pages.ui.sosialisasi import create_form, event_panel, event_table

user, scope = require_admin()

st.title("Sosialisasi")
st.caption(f"Cakupan: {scope.label}. Presensi dengan kode QR, kuis langsung sebelum dan sesudah materi, dan laporannya.")
rows = read(events_overview, actor=user)
chosen = event_table(rows) or id_param("acara")  # the projector links back here with ?acara=
if chosen is not None:
    event_panel(user, chosen)
with st.expander("Buat sosialisasi baru", expanded=not rows):
    create_form(user)
