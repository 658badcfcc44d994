"""Modul: read the material, then start, resume or retake the module's quiz."""

import streamlit as st

from netral.core.dates import utcnow
from netral.learning.progress import module_overview
from netral.learning.starting import start_quiz
from pages.ui import runtime
from pages.ui.guard import LEARNERS, require_role
from pages.ui.history import attempt_history
from pages.ui.params import text_param
from pages.ui.service import act, read
from pages.ui.text import status_badge

user = require_role(LEARNERS)
overview = read(module_overview, employee_id=user.employee_id, module_key=text_param("m"))
if overview is None:
    st.warning("Modul tidak ditemukan. Pilih modul dari Beranda.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

standing = overview.standing
st.page_link("pages/beranda.py", label="Beranda", icon=":material/arrow_back:")
st.title(overview.title)
status_badge(standing.status)
st.markdown(overview.material)

st.divider()
st.subheader(standing.title)
st.write(f"Batas lulus {standing.pass_mark}. Setiap jawaban langsung tersimpan; Anda dapat melanjutkan kapan saja.")
label = "Lanjutkan kuis" if standing.open_attempt_id else ("Ulangi kuis" if overview.past_attempts else "Mulai kuis")
if st.button(label, type="primary", width="stretch"):
    started = act(start_quiz, employee_id=user.employee_id, quiz_id=standing.quiz_id, now=utcnow(), settings=runtime.settings())
    if started.ok:
        st.switch_page("pages/kuis.py", query_params={"q": standing.quiz_key})
attempt_history(overview.past_attempts, "Riwayat percobaan")
