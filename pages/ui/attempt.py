"""The quiz page's body: progress, clock, one question, its actions, moving on, and submitting.

Every action is one service call in its own transaction, made from a widget callback, so the
answer is stored before the page draws again; a refusal (time up, already submitted) is shown once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from netral.core.dates import format_datetime, utcnow
from netral.core.enums import FeedbackMode
from netral.core.errors import NotSaved
from netral.quizzes.attempts import check_answer, move_to, record_answer, set_flag, submit_attempt
from netral.quizzes.view import AttemptView, QuestionView, QuizContext
from pages.ui import runtime, state
from pages.ui.quiz import answer_widget, checked_feedback, question_navigator, submission_overview
from pages.ui.service import act, act_in_callback
from pages.ui.timer import countdown


def show_attempt(context: QuizContext, view: AttemptView, *, employee_id: int) -> None:
    """Draw the open attempt with its question and controls."""

    def attempt_action(service: Callable[..., object], **arguments: Any) -> None:
        act_in_callback(service, attempt_id=view.attempt_id, employee_id=employee_id, now=utcnow(), **arguments)

    def save(position: int, selected: list[str]) -> None:
        saved = act_in_callback(
            record_answer, attempt_id=view.attempt_id, employee_id=employee_id, now=utcnow(), position=position, selected=selected
        )
        # Not stored because the database stayed busy: the choice stays on screen, marked unsaved, to send again.
        state.set_unsaved_answer(view.attempt_id, position, selected if isinstance(saved.refusal, NotSaved) else None)

    def go_to(position: int) -> None:
        attempt_action(move_to, position=position)

    _back_link(context)
    st.subheader(view.quiz_title)
    state.show_notice()
    total = len(view.questions)
    st.progress(view.answered / total if total else 0.0, text=f"{view.answered} dari {total} soal terjawab")
    _clock(view)
    question = view.questions[min(view.current_position, total - 1)]
    with st.container(border=True):
        st.markdown(f"**Soal {question.position + 1} dari {total}**")
        st.markdown(question.text)
        unsaved = state.unsaved_answer(view.attempt_id, question.position)
        answer_widget(view.attempt_id, question, on_answer=save, unsaved=unsaved)
        if unsaved is not None:
            st.warning("Jawaban soal ini BELUM TERSIMPAN karena server sedang sibuk.", icon=":material/sync_problem:")
            st.button("Simpan ulang jawaban", type="primary", on_click=save, args=(question.position, unsaved))
        if view.feedback_mode is FeedbackMode.IMMEDIATE:
            _check(question, attempt_action)
        flag_key = f"tanda_{view.attempt_id}_{question.position}"
        state.show_stored(flag_key, question.flagged)
        st.checkbox(
            "Tandai untuk ditinjau",
            key=flag_key,
            on_change=lambda: attempt_action(set_flag, position=question.position, flagged=bool(state.widget_value(flag_key))),
        )
    _previous_next(question, total, go_to)
    question_navigator(view, on_select=go_to)
    st.divider()
    _submit(view, employee_id)


def _back_link(context: QuizContext) -> None:
    if context.module_key:
        st.page_link(
            "pages/modul.py", label="Kembali ke modul", icon=":material/arrow_back:", query_params={"m": context.module_key}
        )
    else:
        st.page_link("pages/ujian.py", label="Kembali ke ujian", icon=":material/arrow_back:")


def _clock(view: AttemptView) -> None:
    seconds_left = view.seconds_left(utcnow())
    if seconds_left is None or view.deadline_at is None:
        return
    countdown(seconds_left, on_expired=lambda: None, key=f"waktu_{view.attempt_id}")
    deadline = format_datetime(view.deadline_at, runtime.settings().zone)
    st.caption(f"Batas waktu {deadline}. Waktu dihitung oleh server, juga bila halaman ditutup.")


def _check(question: QuestionView, attempt_action: Callable[..., None]) -> None:
    if question.checked is not None:
        checked_feedback(question.checked)
        return
    st.button(
        "Periksa jawaban",
        disabled=not question.selected,
        on_click=lambda: attempt_action(check_answer, position=question.position),
        help="Setelah diperiksa, jawaban soal ini tidak dapat diubah.",
    )


def _previous_next(question: QuestionView, total: int, go_to: Callable[[int], None]) -> None:
    with st.container(horizontal=True):  # side by side on a phone too: Berikutnya under the right thumb
        st.button(
            "Sebelumnya",
            icon=":material/arrow_back:",
            disabled=question.position == 0,
            on_click=go_to,
            args=(question.position - 1,),
            width="stretch",
        )
        st.button(
            "Berikutnya",
            icon=":material/arrow_forward:",
            icon_position="right",
            disabled=question.position >= total - 1,
            on_click=go_to,
            args=(question.position + 1,),
            width="stretch",
        )


def _submit(view: AttemptView, employee_id: int) -> None:
    if not state.confirming_submit(view.attempt_id):
        st.button(
            "Selesai, kirim jawaban",
            type="primary",
            width="stretch",
            on_click=state.set_confirming_submit,
            args=(view.attempt_id,),
        )
        return
    submission_overview(view)
    st.write("Setelah dikirim, jawaban tidak dapat diubah lagi. Kirim sekarang?")
    confirm, cancel = st.columns(2)
    sending = confirm.button("Ya, kirim sekarang", type="primary", width="stretch")
    if sending and act(submit_attempt, attempt_id=view.attempt_id, employee_id=employee_id, now=utcnow()).ok:
        state.set_confirming_submit(None)
        st.switch_page("pages/hasil.py", query_params={"percobaan": str(view.attempt_id)})
    cancel.button("Batal", width="stretch", on_click=state.set_confirming_submit, args=(None,))
