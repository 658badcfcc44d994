"""Quiz widgets: an answer control bound to the stored answer, and the question navigator."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netral.attempts import AttemptView, QuestionView


def answer_widget(attempt_id: int, question: QuestionView, *, on_answer: Callable[[int, list[str]], None]) -> None:
    """Show the options of one question, preselected from the database, saving each change."""
    texts = dict(question.options)
    ids = [option_id for option_id, _ in question.options]
    base = f"jawab_{attempt_id}_{question.position}"
    if question.kind == "multiple":
        st.caption("Pilih semua jawaban yang benar.")
        keys = {option_id: f"{base}_{option_id}" for option_id in ids}
        for option_id in ids:
            _show_stored(keys[option_id], option_id in question.selected)
            st.checkbox(texts[option_id], key=keys[option_id], on_change=_save_checked, args=(question.position, keys, on_answer))
        return
    _show_stored(base, question.selected[0] if question.selected else None)
    st.radio(
        "Pilih satu jawaban:",
        ids,
        format_func=texts.__getitem__,
        key=base,
        on_change=_save_choice,
        args=(question.position, base, on_answer),
    )


def _show_stored(key: str, stored: object) -> None:
    # The database is the truth: when another tab (or a refused late answer) left the
    # widget showing something else, show what is stored. Keys stay stable so focus stays.
    if key not in st.session_state or st.session_state[key] != stored:
        st.session_state[key] = stored


def question_navigator(view: AttemptView, *, on_select: Callable[[int], None]) -> None:
    """A grid of question numbers, answered ones ticked, to jump anywhere."""
    with st.expander(f"Daftar soal ({view.answered} dari {len(view.questions)} terjawab)"):
        columns = st.columns(5)
        for question in view.questions:
            mark = " ✓" if question.selected else ""
            columns[question.position % 5].button(
                f"{question.position + 1}{mark}",
                key=f"lompat_{view.attempt_id}_{question.position}",
                type="primary" if question.position == view.current_position else "secondary",
                on_click=on_select,
                args=(question.position,),
                width="stretch",
            )


def _save_choice(position: int, key: str, on_answer: Callable[[int, list[str]], None]) -> None:
    value = st.session_state.get(key)
    on_answer(position, [value] if value else [])


def _save_checked(position: int, keys: dict[str, str], on_answer: Callable[[int, list[str]], None]) -> None:
    on_answer(position, [option_id for option_id, key in keys.items() if st.session_state.get(key)])
