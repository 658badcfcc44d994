"""Hasil kuis: the score, overall feedback, and per question what the quiz's review options allow."""

import streamlit as st

from db import reading
from netral.core.dates import format_datetime, format_score, utcnow
from netral.quizzes.attempts import AttemptError
from netral.quizzes.review import review_attempt
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role

user = require_role(LEARNERS)
zone = runtime.settings().zone

try:
    with reading(runtime.engine()) as session:
        review = review_attempt(
            session, attempt_id=int(st.query_params.get("percobaan", "")), employee_id=user.employee_id, now=utcnow()
        )
except (ValueError, AttemptError):
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

if not review.visibility.shows_anything:
    when = review.visibility.available_from
    st.info(
        f"Pembahasan soal tersedia setelah kuis ditutup pada {format_datetime(when, zone)}."
        if when
        else "Pembahasan per soal tidak ditampilkan untuk kuis ini."
    )
    st.stop()

for item in review.items:
    with st.container(border=True):
        if item.right is None:
            st.markdown(f"**Soal {item.position + 1}**")
        else:
            verdict = "Benar" if item.right else ("Tidak dijawab" if not item.answered else "Kurang tepat")
            icon = ":material/check_circle:" if item.right else ":material/cancel:"
            st.markdown(f"{icon} **Soal {item.position + 1}: {verdict}**")
        st.markdown(item.text)
        for option in item.options:
            tags = (":blue-badge[Jawaban Anda]" if option.selected else "", ":green-badge[Kunci]" if option.correct else "")
            st.markdown(f"- {option.text} {' '.join(t for t in tags if t)}".rstrip())
            if option.feedback:
                st.caption(option.feedback)
        if item.explanation:
            st.info(item.explanation)
        if item.legal_basis:
            st.caption("Dasar hukum: " + "; ".join(citation.label for citation in item.legal_basis))
