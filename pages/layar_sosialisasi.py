"""Layar proyektor (HR): the check-in QR and the live quiz for the hall; refresh-safe, it reads the event each time."""

import streamlit as st

from pages.ui.guard import require_admin
from pages.ui.params import id_param
from pages.ui.projector import projector

user, _scope = require_admin()

event_id = id_param("acara")
if event_id is None:
    st.title("Layar proyektor")
    st.info("Buka layar proyektor dari halaman Sosialisasi.")
    st.page_link("pages/sosialisasi.py", label="Ke halaman Sosialisasi", icon=":material/event:")
else:
    projector(user, event_id)
