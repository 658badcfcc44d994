"""Beranda: the peserta's modules and where they stand in each."""

import streamlit as st

from db import reading
from netral.progress import module_statuses
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.text import plain, status_badge

user = require_role(LEARNERS)

state.show_notice()
st.title("Beranda")
st.markdown(f"Selamat datang, **{plain(user.name)}**  \nPelajari setiap modul, lalu kerjakan kuisnya.")

with reading(runtime.engine()) as session:
    modules = module_statuses(session, employee_id=user.employee_id)

if not modules:
    st.info("Belum ada modul yang tersedia. Hubungi admin kepegawaian.")
for module in modules:
    with st.container(border=True):
        st.subheader(module.title)
        status_badge(module.status)
        st.write(module.summary)
        st.caption(f"{module.jp} JP · batas lulus {module.pass_mark}% · {module.attempts} kali mencoba")
        if st.button("Buka modul", key=f"buka_{module.key}", width="stretch"):
            st.switch_page("pages/modul.py", query_params={"m": module.key})
