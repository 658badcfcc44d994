"""Modul: read the material, then start, resume or retake the module's quiz."""

import streamlit as st

from db import reading, transaction
from netral.core.dates import format_score, utcnow
from netral.learning.progress import module_overview
from netral.quizzes.attempts import AttemptError, start_attempt
from pages.ui import runtime
from pages.ui.guard import LEARNERS, require_role
from pages.ui.text import status_badge

user = require_role(LEARNERS)

with reading(runtime.engine()) as session:
    overview = module_overview(session, employee_id=user.employee_id, module_key=st.query_params.get("m", ""))
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
    try:
        with transaction(runtime.engine()) as session:
            start_attempt(
                session, employee_id=user.employee_id, quiz_id=standing.quiz_id, now=utcnow(), settings=runtime.settings()
            )
    except AttemptError as exc:
        st.error(str(exc))
    else:
        st.switch_page("pages/kuis.py", query_params={"q": standing.quiz_key})

if overview.past_attempts:
    st.markdown("**Riwayat percobaan**")
    for past in overview.past_attempts:
        verdict = "lulus" if past.passed else "tidak lulus"
        st.page_link(
            "pages/hasil.py",
            label=f"Percobaan {past.number}: nilai {format_score(past.score)} ({verdict})",
            query_params={"percobaan": str(past.attempt_id)},
            icon=":material/grading:",
        )
