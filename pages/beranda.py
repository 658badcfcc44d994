"""Beranda: where the peserta stands on the path (modules, exam, pakta, certificate) and the modules."""

import streamlit as st

from db import reading
from netral.learning.path import learning_path
from netral.learning.progress import module_statuses
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.path import path_summary
from pages.ui.text import plain, status_badge

user = require_role(LEARNERS)

state.show_notice()
st.title("Beranda")
st.markdown(f"Selamat datang, **{plain(user.name)}**  \nIkuti langkah-langkah di bawah sampai sertifikat Anda terbit.")

with reading(runtime.engine()) as session:
    path = learning_path(session, employee_id=user.employee_id)
    modules = module_statuses(session, employee_id=user.employee_id)

path_summary(path)

st.subheader("Modul")
if not modules:
    st.info("Belum ada modul yang tersedia. Hubungi admin kepegawaian.")
for module in modules:
    with st.container(border=True):
        st.markdown(f"**{module.title}**")
        status_badge(module.standing.status)
        st.write(module.summary)
        st.caption(f"{module.jp} JP · batas lulus {module.standing.pass_mark} · {module.standing.attempts} kali mencoba")
        if st.button("Buka modul", key=f"buka_{module.key}", width="stretch"):
            st.switch_page("pages/modul.py", query_params={"m": module.key})
