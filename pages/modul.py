"""Modul: the material in sections (saved position on every device), checks, then the module's quiz."""

import streamlit as st

from netral.core.dates import utcnow
from netral.learning.reading import module_page
from netral.learning.starting import start_quiz
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.history import attempt_history
from pages.ui.module import section_nav, section_view
from pages.ui.params import text_param
from pages.ui.service import act, read

user = require_role(LEARNERS)
page = read(module_page, employee_id=user.employee_id, module_key=text_param("m"))
if page is None:
    st.warning("Modul tidak ditemukan. Pilih modul dari Beranda.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

overview, standing = page.overview, page.overview.standing
state.show_notice()
st.page_link("pages/beranda.py", label="Beranda", icon=":material/arrow_back:")
section_view(page, user.employee_id)
section_nav(page, user.employee_id)

if page.read_through or page.current == len(page.sections) - 1:
    st.divider()
    st.subheader(standing.title)
    st.write(f"Batas lulus {standing.pass_mark}. Setiap jawaban langsung tersimpan; Anda dapat melanjutkan kapan saja.")
    label = "Lanjutkan kuis" if standing.open_attempt_id else ("Ulangi kuis" if overview.past_attempts else "Mulai kuis")
    if st.button(label, type="primary", width="stretch"):
        started = act(start_quiz, employee_id=user.employee_id, quiz_id=standing.quiz_id, now=utcnow(), settings=runtime.settings())
        if started.ok:
            st.switch_page("pages/kuis.py", query_params={"q": standing.quiz_key})
    attempt_history(overview.past_attempts, "Riwayat percobaan")
