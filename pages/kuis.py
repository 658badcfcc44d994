"""Kuis: one question per screen; every answer is saved the moment it is given; the server keeps time."""

from datetime import timedelta

import streamlit as st

from netral.core.dates import utcnow
from netral.quizzes.attempts import close_if_expired
from netral.quizzes.view import quiz_screen
from pages.ui import state
from pages.ui.attempt import show_attempt
from pages.ui.guard import LEARNERS, require_role
from pages.ui.params import text_param
from pages.ui.service import act, read

user = require_role(LEARNERS)
screen = read(quiz_screen, employee_id=user.employee_id, quiz_key=text_param("q"))
if screen is None or screen.view is None:
    state.show_notice()  # why the quiz just closed under the peserta's finger (submitted on another device)
    st.info("Tidak ada kuis yang sedang Anda kerjakan di sini. Mulai kuis dari halaman modul atau ujian.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

view = screen.view
if view.deadline_at is not None and utcnow() >= view.deadline_at:  # the server's clock decides
    act(close_if_expired, attempt_id=view.attempt_id, now=utcnow(), grace=timedelta(0))
    state.push_notice("Waktu mengerjakan habis. Kuis dikirim otomatis dengan jawaban yang sudah tersimpan.", error=True)
    st.switch_page("pages/hasil.py", query_params={"percobaan": str(view.attempt_id)})
show_attempt(screen.context, view, employee_id=user.employee_id)
