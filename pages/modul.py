"""Modul: the material in sections (saved position on every device), checks, then the module's quiz."""

import streamlit as st

from netral.learning.reading import module_page
from pages.ui import state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.module import quiz_box, section_nav, section_view
from pages.ui.params import text_param
from pages.ui.service import read

user = require_role(LEARNERS)
page = read(module_page, employee_id=user.employee_id, module_key=text_param("m"))
if page is None:
    st.warning("Modul tidak ditemukan. Pilih modul dari Beranda.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

state.show_notice()
st.page_link("pages/beranda.py", label="Beranda", icon=":material/arrow_back:")
section_view(page, user.employee_id)
section_nav(page, user.employee_id)

quiz_box(page, user.employee_id)
