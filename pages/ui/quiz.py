"""Quiz widgets: the answer control bound to the stored answer, flags, navigator, feedback and the overview."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netral.core.enums import QuestionKind
from netral.quizzes.review import ReviewItem
from netral.quizzes.view import AttemptView, QuestionView
from pages.ui import state


def answer_widget(
    attempt_id: int, question: QuestionView, *, on_answer: Callable[[int, list[str]], None], unsaved: list[str] | None = None
) -> None:
    """Show the options of one question, preselected from the database (or the choice not yet saved), saving each change."""
    shown = tuple(unsaved) if unsaved is not None else question.selected
    texts = dict(question.options)
    ids = [option_id for option_id, _ in question.options]
    base = f"jawab_{attempt_id}_{question.position}"
    locked = question.checked is not None
    if question.kind == QuestionKind.MULTIPLE:  # "Pilih semua jawaban yang benar." is under the question (attempt.py)
        keys = {option_id: f"{base}_{option_id}" for option_id in ids}
        for option_id in ids:
            state.show_stored(keys[option_id], option_id in shown)
            st.checkbox(
                texts[option_id],
                key=keys[option_id],
                disabled=locked,
                on_change=_save_checked,
                args=(question.position, keys, on_answer),
            )
        return
    state.show_stored(base, shown[0] if shown else None)
    st.radio(
        "Pilih satu jawaban:",
        ids,
        format_func=texts.__getitem__,
        key=base,
        disabled=locked,
        on_change=_save_choice,
        args=(question.position, base, on_answer),
        label_visibility="collapsed",  # read by screen readers; on a phone the options need the room
    )


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


def _save_choice(position: int, key: str, on_answer: Callable[[int, list[str]], None]) -> None:
    value = state.widget_value(key)
    on_answer(position, [str(value)] if value else [])


def _save_checked(position: int, keys: dict[str, str], on_answer: Callable[[int, list[str]], None]) -> None:
    on_answer(position, [option_id for option_id, key in keys.items() if state.widget_value(key)])


def _numbers(positions: list[int]) -> str:
    return ", ".join(str(p + 1) for p in positions)
