"""Kuis: one question per screen; every answer is saved the moment it is given; the server keeps time."""

from datetime import timedelta

import streamlit as st

from db import reading, transaction
from netral.core.dates import format_datetime, utcnow
from netral.quizzes.attempts import AttemptError, check_answer, close_if_expired, move_to, record_answer, set_flag, submit_attempt
from netral.quizzes.rules import IMMEDIATE
from netral.quizzes.view import quiz_context, view_attempt
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.quiz import answer_widget, checked_feedback, question_navigator, submission_overview
from pages.ui.timer import countdown

user = require_role(LEARNERS)
engine, settings = runtime.engine(), runtime.settings()

with reading(engine) as session:
    context = quiz_context(session, employee_id=user.employee_id, quiz_key=st.query_params.get("q", ""))
    view = (
        view_attempt(session, attempt_id=context.open_attempt_id, employee_id=user.employee_id)
        if context and context.open_attempt_id
        else None
    )
if context is None or view is None:
    st.info("Tidak ada kuis yang sedang Anda kerjakan di sini. Mulai kuis dari halaman modul atau ujian.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

if view.deadline_at is not None and utcnow() >= view.deadline_at:  # the server's clock decides
    with transaction(engine) as session:
        close_if_expired(session, attempt_id=view.attempt_id, now=utcnow(), settings=settings, grace=timedelta(0))
    state.push_notice("Waktu mengerjakan habis. Kuis dikirim otomatis dengan jawaban yang sudah tersimpan.", error=True)
    st.switch_page("pages/hasil.py", query_params={"percobaan": str(view.attempt_id)})


def act(action, **arguments) -> None:
    """Run one attempt action in its own transaction; a refusal becomes a message on the page."""
    try:
        with transaction(engine) as session:
            action(session, attempt_id=view.attempt_id, employee_id=user.employee_id, now=utcnow(), **arguments)
    except AttemptError as exc:
        state.push_notice(str(exc), error=True)


def save(position: int, selected: list[str]) -> None:
    act(record_answer, position=position, selected=selected)


def go_to(position: int) -> None:
    act(move_to, position=position)


if context.module_key:
    st.page_link("pages/modul.py", label="Kembali ke modul", icon=":material/arrow_back:", query_params={"m": context.module_key})
else:
    st.page_link("pages/ujian.py", label="Kembali ke ujian", icon=":material/arrow_back:")
st.subheader(view.quiz_title)
state.show_notice()
total = len(view.questions)
st.progress(view.answered / total if total else 0.0, text=f"{view.answered} dari {total} soal terjawab")
seconds_left = view.seconds_left(utcnow())
if seconds_left is not None:
    countdown(seconds_left, on_expired=lambda: None, key=f"waktu_{view.attempt_id}")
    st.caption(
        f"Batas waktu {format_datetime(view.deadline_at, settings.zone)}. Waktu dihitung oleh server, juga bila halaman ditutup."
    )

question = view.questions[min(view.current_position, total - 1)]
with st.container(border=True):
    st.markdown(f"**Soal {question.position + 1} dari {total}**")
    st.markdown(question.text)
    answer_widget(view.attempt_id, question, on_answer=save)
    if view.feedback_mode == IMMEDIATE:
        if question.checked is not None:
            checked_feedback(question.checked)
        else:
            st.button(
                "Periksa jawaban",
                disabled=not question.selected,
                on_click=act,
                args=(check_answer,),
                kwargs={"position": question.position},
                help="Setelah diperiksa, jawaban soal ini tidak dapat diubah.",
            )
    flag_key = f"tanda_{view.attempt_id}_{question.position}"
    if st.session_state.get(flag_key) != question.flagged:
        st.session_state[flag_key] = question.flagged
    st.checkbox(
        "Tandai untuk ditinjau",
        key=flag_key,
        on_change=lambda: act(set_flag, position=question.position, flagged=st.session_state[flag_key]),
    )

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
question_navigator(view, on_select=go_to)

st.divider()
if not state.confirming_submit(view.attempt_id):
    st.button(
        "Selesai, kirim jawaban", type="primary", width="stretch", on_click=state.set_confirming_submit, args=(view.attempt_id,)
    )
else:
    submission_overview(view)
    st.write("Setelah dikirim, jawaban tidak dapat diubah lagi. Kirim sekarang?")
    confirm, cancel = st.columns(2)
    if confirm.button("Ya, kirim sekarang", type="primary", width="stretch"):
        with transaction(engine) as session:
            submit_attempt(session, attempt_id=view.attempt_id, employee_id=user.employee_id, now=utcnow(), settings=settings)
        state.set_confirming_submit(None)
        st.switch_page("pages/hasil.py", query_params={"percobaan": str(view.attempt_id)})
    cancel.button("Batal", width="stretch", on_click=state.set_confirming_submit, args=(None,))
