"""The per-question review of a submitted attempt, showing only what the quiz's review options allow.

Missed questions come first, each with a link to the section that teaches it; right answers are collapsed.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import streamlit as st

from netral.core.dates import format_datetime
from netral.learning.next_step import StudyLink
from netral.quizzes.review import AttemptReview, ReviewItem
from pages.ui.result import study_button


def review_items(review: AttemptReview, zone: ZoneInfo, study: dict[int, StudyLink], employee_id: int) -> None:
    """Each question with the answer given, the key, feedback, explanation and legal basis where allowed."""
    if not review.visibility.shows_anything:
        when = review.visibility.available_from
        st.info(
            f"Pembahasan soal tersedia setelah kuis ditutup pada {format_datetime(when, zone)}."
            if when
            else "Pembahasan per soal tidak ditampilkan untuk kuis ini."
        )
        return
    missed = [item for item in review.items if item.right is not True]
    right = [item for item in review.items if item.right is True]
    if missed and right:
        st.subheader(f"Soal yang perlu dipelajari lagi ({len(missed)})")
    for item in missed:
        _item(item, study.get(item.position) if item.right is False else None, employee_id)
    if right:
        with st.expander(f"Soal yang Anda jawab benar ({len(right)})", expanded=not missed):
            for item in right:
                _item(item, None, employee_id)


def _item(item: ReviewItem, link: StudyLink | None, employee_id: int) -> None:
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
        if link is not None:
            study_button(link, employee_id, key=f"baca_{item.position}")
