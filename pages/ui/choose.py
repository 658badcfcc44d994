"""Choosing what a page is about, with the sentence to show when there is nothing to choose."""

from __future__ import annotations

import streamlit as st

from netral.quizzes.settings import quiz_titles
from pages.ui.service import read


def choose_quiz() -> int:
    """The quiz picked in a select box (module quizzes in order, then the exam); stops the page when there is none."""
    titles = read(quiz_titles)
    quiz_id = st.selectbox("Kuis", list(titles), format_func=titles.__getitem__)
    if quiz_id is None:
        st.info("Belum ada kuis di bank soal. Kuis dimuat dari berkas soal saat server dimulai; hubungi pengelola Netral.")
        st.stop()
    return int(quiz_id)
