"""The quiz page's body: progress, clock, one question, its actions, moving on, and submitting.

Every action is one service call in its own transaction, made from a widget callback, so the
answer is stored before the page draws again; a refusal (time up, already submitted) is shown once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from netral.core.dates import format_datetime, utcnow
from netral.core.enums import FeedbackMode
from netral.core.errors import NotSaved
from netral.quizzes.attempts import check_answer, move_to, record_answer, set_flag, submit_attempt
from netral.quizzes.view import AttemptView, QuestionView, QuizContext, view_attempt
from pages.ui import runtime, state
from pages.ui.guard import current_user
from pages.ui.quiz import answer_widget, checked_feedback, question_navigator, submission_overview
from pages.ui.service import act, act_in_callback, read
from pages.ui.timer import countdown


def show_attempt(context: QuizContext, view: AttemptView, *, employee_id: int) -> None:
    """Draw the open attempt: what stays put (title, clock), the question area, and the way back below it (on a
    phone the question, its options and Berikutnya must fit one screen; the menu » stays at the top)."""
    st.subheader(view.quiz_title)
    _clock(view)
    _question_area({"view": view}, view.attempt_id, employee_id)
    _deadline_note(view)  # below: on a phone the clock, the question and Berikutnya fill the first screen
    _back_link(context)


QUESTION_AREA = "soal"  # the fragment's key: a number picked in the answer area moves the whole question area


@st.fragment(key=QUESTION_AREA)
def _question_area(first: dict[str, AttemptView], attempt_id: int, employee_id: int) -> None:
    """One question with its moves. Moving (Berikutnya, a number, a flag, submitting) reruns only this
    function, not the page and its menu; it reads the attempt again, and the login (the page's guard does
    not run here). The full run hands over the view it has just read."""
    view = first.pop("view", None) or _fresh_view(attempt_id, employee_id)
    if view is None or (view.deadline_at is not None and utcnow() >= view.deadline_at):
        st.rerun()  # logged out, or time is up: the whole page decides (kuis.py closes the attempt)

    def go_to(position: int) -> None:
        _action(move_to, attempt_id, employee_id, position=position)

    state.show_notice()
    total = len(view.questions)
    question = view.questions[min(view.current_position, total - 1)]
    progress, box, moves, navigator = st.container(), st.container(border=True), st.container(), st.container()
    st.divider()
    slots = _Slots(progress, box, moves, st.container())
    with slots.question:
        st.markdown(question.text)
        _answer_area({"view": view}, slots, employee_id)
        if view.feedback_mode is FeedbackMode.IMMEDIATE:  # here, not in the answer area: a tap need not redraw it
            _check(question, lambda: _then_redraw(check_answer, attempt_id, employee_id, position=question.position))
    with slots.moves:
        _previous_next(question, total, go_to)
        flag_key = f"tanda_{attempt_id}_{question.position}"
        state.show_stored(flag_key, question.flagged)
        st.checkbox(
            "Tandai untuk ditinjau",
            key=flag_key,
            on_change=lambda: _action(
                set_flag, attempt_id, employee_id, position=question.position, flagged=bool(state.widget_value(flag_key))
            ),
        )
    with navigator:
        question_navigator(view, on_select=go_to)
    _submit(view, employee_id)


@dataclass(frozen=True)
class _Slots:
    """Where the answer area draws besides its own place: the progress above and the overview below."""

    progress: DeltaGenerator
    question: DeltaGenerator
    moves: DeltaGenerator
    overview: DeltaGenerator


@st.fragment
def _answer_area(current: dict[str, AttemptView], slots: _Slots, employee_id: int) -> None:
    """The options of the question on screen, and everything that counts answers. A tap reruns only this: the
    callback stores the answer in its own transaction and, once committed, puts what was stored into
    `current`, from which this area draws again (no second read, no other widget redrawn). It draws only what a
    tap changes: the progress ("3 dari 17 soal terjawab") and the options (with a warning when not saved)."""
    view = current["view"]
    question = view.questions[min(view.current_position, len(view.questions) - 1)]

    def save(position: int, selected: list[str]) -> None:
        saved = act_in_callback(
            record_answer, attempt_id=view.attempt_id, employee_id=employee_id, now=utcnow(), position=position, selected=selected
        )
        if saved.ok:
            current["view"] = _stored(current["view"], position, selected)
        # Not stored because the database stayed busy: the choice stays on screen, marked unsaved, to send again.
        state.set_unsaved_answer(view.attempt_id, position, selected if isinstance(saved.refusal, NotSaved) else None)

    state.show_notice()  # a refusal of the answer just given (time up, submitted on another device)
    total, answered = len(view.questions), view.answered
    where = f"**Soal {question.position + 1} dari {total}** · {answered} dari {total} soal terjawab"
    slots.progress.progress(answered / total if total else 0.0, text=where)
    unsaved = state.unsaved_answer(view.attempt_id, question.position)
    answer_widget(view.attempt_id, question, on_answer=save, unsaved=unsaved)
    if unsaved is not None:
        st.warning("Jawaban soal ini BELUM TERSIMPAN karena server sedang sibuk.", icon=":material/sync_problem:")
        st.button("Simpan ulang jawaban", type="primary", on_click=save, args=(question.position, unsaved))
    if state.confirming_submit(view.attempt_id):
        with slots.overview:
            submission_overview(view)


def _stored(view: AttemptView, position: int, selected: list[str]) -> AttemptView:
    """The attempt as `record_answer` has just stored it: the choice in the options' order, the question current."""
    questions = tuple(
        replace(q, selected=tuple(option for option, _ in q.options if option in selected)) if q.position == position else q
        for q in view.questions
    )
    return replace(view, questions=questions, current_position=position)


def _then_redraw(service: Callable[..., object], attempt_id: int, employee_id: int, **arguments: Any) -> None:
    _action(service, attempt_id, employee_id, **arguments)
    st.rerun(QUESTION_AREA)  # from a callback: the question area reads again and draws it all, not only this part


def _action(service: Callable[..., object], attempt_id: int, employee_id: int, **arguments: Any) -> None:
    act_in_callback(service, attempt_id=attempt_id, employee_id=employee_id, now=utcnow(), **arguments)


def _fresh_view(attempt_id: int, employee_id: int) -> AttemptView | None:
    user = current_user()  # ended elsewhere or expired since the page's guard ran
    if user is None or user.employee_id != employee_id:
        return None
    return read(view_attempt, attempt_id=attempt_id, employee_id=employee_id)


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


def _deadline_note(view: AttemptView) -> None:
    if view.deadline_at is None:
        return
    deadline = format_datetime(view.deadline_at, runtime.settings().zone)
    st.caption(f"Batas waktu {deadline}. Waktu dihitung oleh server, juga bila halaman ditutup.")


def _check(question: QuestionView, check: Callable[[], None]) -> None:
    if question.checked is not None:
        checked_feedback(question.checked)
        return
    st.button(
        "Periksa jawaban",  # without a stored answer the service says "Pilih jawaban dulu"
        on_click=check,
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
    st.write("Setelah dikirim, jawaban tidak dapat diubah lagi. Kirim sekarang?")
    confirm, cancel = st.columns(2)
    sending = confirm.button("Ya, kirim sekarang", type="primary", width="stretch")
    if sending and act(submit_attempt, attempt_id=view.attempt_id, employee_id=employee_id, now=utcnow()).ok:
        state.set_confirming_submit(None)
        st.switch_page("pages/hasil.py", query_params={"percobaan": str(view.attempt_id)})
    cancel.button("Batal", width="stretch", on_click=state.set_confirming_submit, args=(None,))
