"""Pengaturan Kuis (HR): one quiz's rules — pass mark, time, attempts, questions, feedback and review, grading."""

import streamlit as st

from netral.core.dates import utcnow
from netral.quizzes.settings import settings_screen, update_quiz_settings
from pages.ui import runtime, state
from pages.ui.choose import choose_quiz
from pages.ui.guard import SUPER_ADMINS, require_role
from pages.ui.quiz_settings import preset_buttons, settings_form
from pages.ui.service import act, read

user = require_role(SUPER_ADMINS)

st.title("Pengaturan Kuis")
state.show_notice()
st.page_link("pages/pengecualian_kuis.py", label="Pengecualian untuk peserta tertentu", icon=":material/person_add:")
quiz_id = choose_quiz()
screen = read(settings_screen, actor=user, quiz_id=quiz_id)
chosen = preset_buttons(screen.settings) or settings_form(screen, runtime.settings().zone)
if chosen is not None and act(update_quiz_settings, actor=user, quiz_id=quiz_id, settings=chosen, now=utcnow()).ok:
    state.push_notice(
        "Pengaturan tersimpan dan tercatat di log audit. Percobaan yang sedang berjalan tetap memakai soal yang sudah diambil."
    )
    st.rerun()  # the form shows what was saved
