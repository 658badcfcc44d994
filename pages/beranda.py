"""Beranda: where the peserta stands on the path (modules, exam, pakta, certificate) and the modules."""

import streamlit as st

from netral.learning.progress import home
from pages.ui import state
from pages.ui.attended import attended_section
from pages.ui.guard import LEARNERS, require_role
from pages.ui.path import path_summary
from pages.ui.service import read
from pages.ui.text import plain, status_badge

user = require_role(LEARNERS)
overview = read(home, employee_id=user.employee_id)

state.show_notice()
st.title("Beranda")
st.markdown(f"Selamat datang, **{plain(user.name)}**  \nIkuti langkah-langkah di bawah sampai sertifikat Anda terbit.")
path_summary(overview.path)

st.subheader("Modul")
if not overview.modules:
    st.info("Belum ada modul yang tersedia. Hubungi admin kepegawaian.")
for module in overview.modules:
    with st.container(border=True):
        st.markdown(f"**{module.title}**")
        status_badge(module.standing.status)
        st.write(module.summary)
        st.caption(f"{module.jp} JP · batas lulus {module.standing.pass_mark} · {module.standing.attempts} kali mencoba")
        if st.button("Buka modul", key=f"buka_{module.key}", width="stretch"):
            st.switch_page("pages/modul.py", query_params={"m": module.key})
attended_section(user.employee_id)
