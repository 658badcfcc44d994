"""Beranda: the one next step, where the peserta stands on the path, and the modules."""

import streamlit as st

from netral.learning.next_step import beranda
from pages.ui import state
from pages.ui.attended import attended_section
from pages.ui.cycle_banner import cycle_banner
from pages.ui.guard import LEARNERS, require_role
from pages.ui.next_step import step_button
from pages.ui.path import path_summary
from pages.ui.service import read
from pages.ui.text import plain, status_badge

user = require_role(LEARNERS)
overview = read(beranda, employee_id=user.employee_id)

state.show_notice()
st.title("Beranda")
if overview.next.finished:
    st.success(
        f"Selamat, **{plain(user.name)}**! Anda telah menyelesaikan pembelajaran netralitas ASN dan sertifikat Anda "
        f"sudah terbit ({overview.home.path.certificate_number}).",
        icon=":material/celebration:",
    )
    step_button(overview.next)
else:
    st.markdown(f"Selamat datang, **{plain(user.name)}**")
    cycle_banner(user.employee_id)
    step_button(overview.next)
    path_summary(overview.home.path)

st.subheader("Modul")
if not overview.home.modules:
    st.info("Belum ada modul yang tersedia. Hubungi admin kepegawaian.")
for module in overview.home.modules:
    with st.container(border=True):
        st.markdown(f"**{module.title}**")
        status_badge(module.standing.status)
        st.write(module.summary)
        st.caption(f"{module.jp} JP · batas lulus {module.standing.pass_mark} · {module.standing.attempts} kali mencoba")
        if st.button("Buka modul", key=f"buka_{module.key}", width="stretch"):
            st.switch_page("pages/modul.py", query_params={"m": module.key})
attended_section(user.employee_id)
