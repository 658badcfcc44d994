"""Ujian Sertifikasi: the exam's rules for this peserta, start or resume, and past attempts."""

import streamlit as st

from netral.core.dates import utcnow
from netral.learning.progress import exam_overview
from netral.learning.starting import start_quiz
from pages.ui import runtime
from pages.ui.guard import LEARNERS, require_role
from pages.ui.history import attempt_history
from pages.ui.service import act, read
from pages.ui.text import status_badge

user = require_role(LEARNERS)
settings = runtime.settings()
exam = read(exam_overview, employee_id=user.employee_id, now=utcnow(), settings=settings)
if exam is None:
    st.info("Ujian sertifikasi belum disiapkan. Hubungi admin kepegawaian.")
    st.stop()

st.page_link("pages/beranda.py", label="Beranda", icon=":material/arrow_back:")
st.title("Ujian Sertifikasi")
status_badge(exam.standing.status)
rules = exam.rules
facts = [f"{exam.question_count} soal dari semua modul", f"batas lulus {rules.pass_mark}"]
facts.append(f"waktu {rules.time_limit_minutes} menit" if rules.time_limit_minutes else "tanpa batas waktu")
if rules.max_attempts:
    facts.append(f"{rules.max_attempts} kali kesempatan")
if rules.wait_minutes:
    facts.append(f"jeda {rules.wait_minutes} menit antarpercobaan")
st.write("Ketentuan: " + ", ".join(facts) + ". Pembahasan ditampilkan sesuai pengaturan ujian setelah Anda mengirim jawaban.")
if rules.time_limit_minutes:
    st.caption("Waktu dihitung oleh server sejak Anda menekan Mulai, juga bila halaman ditutup atau koneksi terputus.")

if exam.refusal:
    st.info(exam.refusal.message)
else:
    label = "Lanjutkan ujian" if exam.standing.open_attempt_id else "Mulai ujian"
    if st.button(label, type="primary", width="stretch"):
        quiz_id = exam.standing.quiz_id
        if act(start_quiz, employee_id=user.employee_id, quiz_id=quiz_id, now=utcnow(), settings=settings).ok:
            st.switch_page("pages/kuis.py", query_params={"q": exam.standing.quiz_key})
attempt_history(exam.past_attempts, "Riwayat ujian")
