"""The result page's actions: the next step after a pass; after a fail the retake and the sections to read again."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import utcnow
from netral.learning.next_step import QuizResult, StudyLink
from netral.learning.reading import open_section
from netral.learning.starting import start_quiz_by_key
from pages.ui import runtime
from pages.ui.next_step import step_button
from pages.ui.service import act


def result_actions(result: QuizResult, employee_id: int) -> None:
    """After a pass: the one next step. After a fail: "Ulangi kuis" at the top, or when it opens again."""
    review = result.review
    if review.passed:
        if result.next is not None and not review.certificate_number:
            step_button(result.next, key="langkah_hasil")
        return
    if result.retake_refusal:
        st.info(result.retake_refusal, icon=":material/schedule:")
        return
    if st.button("Ulangi kuis", type="primary", icon=":material/replay:", width="stretch"):
        quiz = review.quiz_key
        started = act(start_quiz_by_key, employee_id=employee_id, quiz_key=quiz, now=utcnow(), settings=runtime.settings())
        if started.ok:
            st.switch_page("pages/kuis.py", query_params={"q": quiz})


def study_button(link: StudyLink, employee_id: int, key: str) -> None:
    """\"Baca lagi: Bagian 3 — heading": opens the module at the section that teaches a missed question."""
    label = f"Baca lagi: Bagian {link.section + 1} — {link.heading}"
    if st.button(label, key=key, icon=":material/menu_book:", type="tertiary"):
        moved = act(open_section, employee_id=employee_id, module_key=link.module_key, section=link.section, now=utcnow())
        if moved.ok:
            st.switch_page("pages/modul.py", query_params={"m": link.module_key})
