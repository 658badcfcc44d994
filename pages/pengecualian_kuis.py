"""Pengecualian Kuis (HR): more time, more attempts or an own window for one peserta at one quiz, with the reason."""

import streamlit as st

from netral.core.dates import utcnow
from netral.quizzes.overrides import grant_override, overrides_of
from netral.quizzes.settings import quiz_titles
from pages.ui import runtime
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
titles = read(quiz_titles)
quiz_id = st.selectbox("Kuis", list(titles), format_func=titles.__getitem__)
if quiz_id is None:
    st.info("Belum ada kuis di bank soal. Kuis dimuat dari berkas soal saat server dimulai; hubungi pengelola Netral.")
    st.stop()
request = override_form(quiz_id, zone)
if request is not None and act(grant_override, actor=user, quiz_id=quiz_id, now=utcnow(), **request).ok:
    st.success("Pengecualian tersimpan dan tercatat.")
override_table(read(overrides_of, actor=user, quiz_id=quiz_id), zone)
