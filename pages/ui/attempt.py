"""The quiz page's body: progress, clock, one question, its actions, moving on, and submitting.

A tap on an option is stored by the answer card's own request (pages/ui/answer_card.py), without a rerun. Every
other action is one service call in its own transaction, made from a widget callback, so it is stored before the
page draws again; a refusal (time up, already submitted) is shown once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from netral.core.dates import format_datetime, utcnow
from netral.core.enums import FeedbackMode
from netral.quizzes.attempts import check_answer, move_to, set_flag, submit_attempt
from netral.quizzes.view import AttemptView, QuestionView, QuizContext, view_attempt
from pages.ui import runtime, state
from pages.ui.answer_card import answer_card, refusal_of
from pages.ui.guard import current_user
from pages.ui.quiz import checked_feedback, question_navigator, submission_overview
from pages.ui.service import act, act_in_callback, read
from pages.ui.timer import countdown


def show_attempt(context: QuizContext, view: AttemptView, *, employee_id: int) -> None:
    """Draw the open attempt: what stays put (title, clock), the answer area, the moves, and the way back below
    them (on a phone the question, its options and Berikutnya must fit one screen; the menu » stays at the top)."""
    st.subheader(view.quiz_title)
    _clock(view)
    # The attempt as last read or stored: both areas draw from it, each callback updates it.
    shared: dict[str, AttemptView | None] = {"view": view}
    _answer_area(shared, employee_id)
    _moves_area(shared, employee_id)
    _deadline_note(view)  # below: on a phone the clock, the question and Berikutnya fill the first screen
    _back_link(context)


# Two sibling fragments at the top of the page, not one inside the other: Streamlit copies a fragment's whole
# container stack on every rerun of it and re-sends the containers it writes into from outside, which on a
# nested answer area cost more than drawing its question again (`python -m netral bench load`, CPU per answer).
ANSWER_AREA = "jawab"  # progress, question, options: the answer card
MOVES_AREA = "soal"  # Berikutnya, a number, a flag, checking, submitting
BOTH_AREAS = [ANSWER_AREA, MOVES_AREA]


@st.fragment(key=ANSWER_AREA)
def _answer_area(shared: dict[str, AttemptView | None], employee_id: int) -> None:
    """Progress, the question on screen and its options, as one answer card: a tap is stored by the browser's own
    request (pages/ui/answer_card.py) and reruns nothing. This area is drawn again when the moves area moves or
    checks, from what that stored and read into `shared`; and when the card reports a stored tap while the submit
    overview is open (it counts answers) or a refused one (the whole page then decides: time up, submitted)."""
    view = _current(shared)

    def saved() -> None:
        shared["view"] = _fresh_view(view.attempt_id, employee_id)
        st.rerun(BOTH_AREAS)

    def refused() -> None:
        state.push_notice(refusal_of(view.attempt_id), error=True)
        shared["view"] = None  # _current reruns the page, which reads the attempt as it now is

    state.show_notice()  # a refusal of a move, a check or an answer
    answer_card(view, confirming=state.confirming_submit(view.attempt_id), on_saved=saved, on_refused=refused)


@st.fragment(key=MOVES_AREA)
def _moves_area(shared: dict[str, AttemptView | None], employee_id: int) -> None:
    """What moves: checking the answer, Sebelumnya/Berikutnya, the flag, the numbers, submitting. Each callback
    stores its change, reads the attempt again (and the login) into `shared`, then reruns what the change shows
    in: a move or a check both areas, a flag only this one; never the page and its menu."""
    view = _current(shared)
    attempt_id = view.attempt_id

    def act_then_read(service: Callable[..., object], areas: list[str], **arguments: Any) -> None:
        act_in_callback(service, attempt_id=attempt_id, employee_id=employee_id, now=utcnow(), **arguments)
        shared["view"] = _fresh_view(attempt_id, employee_id)
        st.rerun(areas)

    def go_to(position: int) -> None:
        act_then_read(move_to, BOTH_AREAS, position=position)

    state.show_notice()  # a refusal of a flag (the answer area shows those of moves and answers first)
    question = view.current_question
    if view.feedback_mode is FeedbackMode.IMMEDIATE:
        _check(question, lambda: act_then_read(check_answer, BOTH_AREAS, position=question.position))
    _previous_next(question, len(view.questions), go_to)
    flag_key = f"tanda_{attempt_id}_{question.position}"
    state.show_stored(flag_key, question.flagged)
    st.checkbox(
        "Tandai untuk ditinjau",
        key=flag_key,
        on_change=lambda: act_then_read(
            set_flag, [MOVES_AREA], position=question.position, flagged=bool(state.widget_value(flag_key))
        ),
    )
    question_navigator(view, on_select=go_to)
    st.divider()
    if state.confirming_submit(attempt_id):
        submission_overview(view)
    _submit(view, employee_id)


def _current(shared: dict[str, AttemptView | None]) -> AttemptView:
    view = shared["view"]
    if view is None or (view.deadline_at is not None and utcnow() >= view.deadline_at):
        st.rerun()  # logged out, or time is up: the whole page decides (kuis.py closes the attempt)
    return view


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
    def confirming(attempt_id: int | None) -> None:
        state.set_confirming_submit(attempt_id)
        st.rerun(BOTH_AREAS)  # the card then reports each stored tap, so the overview counts it

    if not state.confirming_submit(view.attempt_id):
        st.button(
            "Selesai, kirim jawaban",
            type="primary",
            width="stretch",
            on_click=confirming,
            args=(view.attempt_id,),
        )
        return
    st.write("Setelah dikirim, jawaban tidak dapat diubah lagi. Kirim sekarang?")
    confirm, cancel = st.columns(2)
    sending = confirm.button("Ya, kirim sekarang", type="primary", width="stretch")
    if sending and act(submit_attempt, attempt_id=view.attempt_id, employee_id=employee_id, now=utcnow()).ok:
        state.set_confirming_submit(None)
        st.switch_page("pages/hasil.py", query_params={"percobaan": str(view.attempt_id)})
    cancel.button("Batal", width="stretch", on_click=confirming, args=(None,))
