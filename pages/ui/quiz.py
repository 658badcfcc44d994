"""Quiz widgets: feedback on a checked answer, the navigator and the overview before submitting."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netral.quizzes.review import ReviewItem
from netral.quizzes.view import AttemptView
from pages.ui import state


def checked_feedback(item: ReviewItem) -> None:
    """Show the feedback of a checked answer: right or not, the key, why, and the legal basis."""
    if item.right:
        st.success("Jawaban Anda benar.")
    else:
        st.error("Jawaban Anda belum tepat.")
    keys = [option.text for option in item.options if option.correct]
    st.markdown("**Kunci:** " + "; ".join(keys))
    for option in item.options:
        if option.selected and option.feedback:
            st.caption(option.feedback)
    if item.explanation:
        st.info(item.explanation)
    if item.legal_basis:
        st.caption("Dasar hukum: " + "; ".join(citation.label for citation in item.legal_basis))


def question_navigator(view: AttemptView, *, on_select: Callable[[int], None], expanded: bool = False) -> None:
    """The question numbers (✓ answered, ⚑ flagged) to jump anywhere, in one widget. Drawn when the question
    area is (on a move), not on a tap: the number of the question on screen is the selected one and carries no
    mark, since its answer and flag are on screen, so a tap never leaves a stale mark here."""
    label = "Daftar soal" + (f" ({len(view.flagged_positions)} ditandai)" if view.flagged_positions else "")
    marks = {
        q.position: f"{q.position + 1}"
        + ("" if q.position == view.current_position else (" ✓" if q.selected else "") + (" ⚑" if q.flagged else ""))
        for q in view.questions
    }
    key = f"lompat_{view.attempt_id}"
    state.show_stored(key, view.current_position)
    with st.expander(label, expanded=expanded):
        st.pills(
            "Pilih nomor soal untuk membukanya:",
            list(marks),
            format_func=marks.__getitem__,
            key=key,
            required=True,
            on_change=lambda: on_select(int(str(state.widget_value(key)))),
            width="stretch",
        )


def submission_overview(view: AttemptView) -> None:
    """Before submitting: what is answered, what is not, and what was flagged for review."""
    st.markdown(f"**{view.answered} dari {len(view.questions)} soal sudah dijawab.**")
    if view.unanswered_positions:
        st.warning(f"Belum dijawab: soal {_numbers(view.unanswered_positions)}. Soal yang tidak dijawab bernilai 0.")
    if view.flagged_positions:
        st.info(f"Ditandai untuk ditinjau: soal {_numbers(view.flagged_positions)}.")


def _numbers(positions: list[int]) -> str:
    return ", ".join(str(p + 1) for p in positions)
