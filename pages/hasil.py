"""Hasil kuis: the score first, then the one next step (or the retake), the questions to study again, the rest collapsed."""

import streamlit as st

from netral.core.dates import format_datetime, format_score, utcnow
from netral.core.errors import Refusal
from netral.learning.next_step import quiz_result
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.params import id_param
from pages.ui.result import result_actions
from pages.ui.review import review_items
from pages.ui.service import read

user = require_role(LEARNERS)
settings = runtime.settings()
attempt_id = id_param("percobaan")
try:
    if attempt_id is None:
        raise Refusal("Hasil kuis tidak ditemukan.")
    result = read(quiz_result, attempt_id=attempt_id, employee_id=user.employee_id, now=utcnow(), settings=settings)
except Refusal:
    st.warning("Hasil kuis tidak ditemukan.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

review = result.review
state.show_notice()
st.title("Hasil kuis")
st.caption(f"{review.quiz_title} · percobaan ke-{review.number} · dikirim {format_datetime(review.submitted_at, settings.zone)}")
counted = f" ({review.right_count} dari {review.total} soal benar)" if review.visibility.correctness else ""
summary = f"Nilai Anda **{format_score(review.score)}**{counted}; batas lulus {review.pass_mark}."
if review.passed:
    st.success(f"Selamat, Anda **lulus**. {summary}")
else:
    st.error(f"Anda **belum lulus**. {summary}")
result_actions(result, user.employee_id)
if review.certificate_number:
    label = f"Unduh sertifikat {review.certificate_number}"
    st.page_link("pages/sertifikat.py", label=label, icon=":material/workspace_premium:")
for line in review.feedback:
    st.markdown(f"- {line}")
review_items(review, settings.zone, result.study, user.employee_id)
if review.module_key:
    st.page_link("pages/modul.py", label="Kembali ke modul", icon=":material/arrow_back:", query_params={"m": review.module_key})
else:
    st.page_link("pages/ujian.py", label="Kembali ke ujian", icon=":material/arrow_back:")
