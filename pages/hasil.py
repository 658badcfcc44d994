"""Hasil kuis: the score, and for each question whether it was right, why, and the legal basis."""

import streamlit as st

from db import reading
from netral.attempts import AttemptError
from netral.dates import format_datetime, format_score
from netral.review import review_attempt
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role

user = require_role(LEARNERS)

raw_id = st.query_params.get("percobaan", "")
try:
    with reading(runtime.engine()) as session:
        review = review_attempt(session, attempt_id=int(raw_id), employee_id=user.employee_id)
except (ValueError, AttemptError):
    st.warning("Hasil kuis tidak ditemukan.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

state.show_notice()
if review.module_key:
    st.page_link("pages/modul.py", label="Kembali ke modul", icon=":material/arrow_back:", query_params={"m": review.module_key})
st.title("Hasil kuis")
submitted = format_datetime(review.submitted_at, runtime.settings().zone)
st.caption(f"{review.quiz_title} · percobaan ke-{review.number} · dikirim {submitted}")
summary = (
    f"Nilai Anda **{format_score(review.score)}** ({review.right_count} dari {len(review.items)} soal benar); "
    f"batas lulus {review.pass_mark}."
)
if review.passed:
    st.success(f"Selamat, Anda **lulus**. {summary}")
    if review.certificate_number:
        st.page_link(
            "pages/sertifikat.py", label=f"Unduh sertifikat {review.certificate_number}", icon=":material/workspace_premium:"
        )
else:
    st.error(f"Anda **belum lulus**. {summary} Pelajari kembali penjelasan di bawah, lalu ulangi kuis.")

for item in review.items:
    with st.container(border=True):
        verdict = "Benar" if item.right else ("Tidak dijawab" if not item.answered else "Kurang tepat")
        icon = ":material/check_circle:" if item.right else ":material/cancel:"
        st.markdown(f"{icon} **Soal {item.position + 1}: {verdict}**")
        st.markdown(item.text)
        for option in item.options:
            tags = (":blue-badge[Jawaban Anda]" if option.selected else "", ":green-badge[Kunci]" if option.correct else "")
            st.markdown(f"- {option.text} {' '.join(t for t in tags if t)}".rstrip())
            if option.selected and option.feedback:
                st.caption(option.feedback)
        st.info(item.explanation)
        st.caption("Dasar hukum: " + "; ".join(citation.label for citation in item.legal_basis))
