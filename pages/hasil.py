"""Hasil kuis: the score, overall feedback, and per question what the quiz's review options allow."""

import streamlit as st

from netral.core.dates import format_datetime, format_score, utcnow
from netral.core.errors import Refusal
from netral.quizzes.review import review_attempt
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.params import id_param
from pages.ui.review import review_items
from pages.ui.service import read

user = require_role(LEARNERS)
zone = runtime.settings().zone
attempt_id = id_param("percobaan")
try:
    if attempt_id is None:
        raise Refusal("Hasil kuis tidak ditemukan.")
    review = read(review_attempt, attempt_id=attempt_id, employee_id=user.employee_id, now=utcnow())
except Refusal:
    st.warning("Hasil kuis tidak ditemukan.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

state.show_notice()
if review.module_key:
    st.page_link("pages/modul.py", label="Kembali ke modul", icon=":material/arrow_back:", query_params={"m": review.module_key})
else:
    st.page_link("pages/ujian.py", label="Kembali ke ujian", icon=":material/arrow_back:")
st.title("Hasil kuis")
st.caption(f"{review.quiz_title} · percobaan ke-{review.number} · dikirim {format_datetime(review.submitted_at, zone)}")
counted = f" ({review.right_count} dari {review.total} soal benar)" if review.visibility.correctness else ""
summary = f"Nilai Anda **{format_score(review.score)}**{counted}; batas lulus {review.pass_mark}."
if review.passed:
    st.success(f"Selamat, Anda **lulus**. {summary}")
else:
    st.error(f"Anda **belum lulus**. {summary}")
for line in review.feedback:
    st.markdown(f"- {line}")
if review.certificate_number:
    st.page_link(
        "pages/sertifikat.py", label=f"Unduh sertifikat {review.certificate_number}", icon=":material/workspace_premium:"
    )
review_items(review, zone)
