"""Pengecualian Kuis (HR): more time, more attempts or an own window for one peserta at one quiz, with the reason."""

import streamlit as st

from netral.core.dates import utcnow
from netral.quizzes.overrides import grant_override, overrides_of
from pages.ui import runtime
from pages.ui.choose import choose_quiz
from pages.ui.guard import require_admin
from pages.ui.quiz_settings import override_form, override_table
from pages.ui.service import act, read

user, scope = require_admin()
zone = runtime.settings().zone

st.title("Pengecualian Kuis")
st.write(
    "Misalnya tambahan waktu untuk kebutuhan aksesibilitas, tambahan kesempatan, atau jendela waktu sendiri karena tugas dinas."
)
st.caption(f"Cakupan: {scope.label}.")
quiz_id = choose_quiz()
request = override_form(quiz_id, zone)
if request is not None and act(grant_override, actor=user, quiz_id=quiz_id, now=utcnow(), **request).ok:
    st.success("Pengecualian tersimpan dan tercatat.")
override_table(read(overrides_of, actor=user, quiz_id=quiz_id), zone)
