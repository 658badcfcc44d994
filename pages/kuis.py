"""Kuis: one question per screen; every answer is saved the moment it is given."""

import streamlit as st

from db import reading, transaction
from netral.attempts import AttemptError, close_if_expired, move_to, record_answer, submit_attempt, view_attempt
from netral.dates import format_datetime, utcnow
from netral.progress import module_overview
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.quiz import answer_widget, question_navigator

user = require_role(LEARNERS)
engine, settings = runtime.engine(), runtime.settings()

key = st.query_params.get("m", "")
with reading(engine) as session:
    overview = module_overview(session, employee_id=user.employee_id, module_key=key)
    attempt_id = overview.open_attempt_id if overview else None
    view = view_attempt(session, attempt_id=attempt_id, employee_id=user.employee_id) if attempt_id else None
if overview is None or attempt_id is None or view is None:
    st.info("Tidak ada kuis yang sedang Anda kerjakan di sini. Mulai kuis dari halaman modul.")
    st.page_link("pages/beranda.py", label="Kembali ke Beranda", icon=":material/home:")
    st.stop()

if view.is_expired(utcnow()):  # the server's clock decides; the write happens only when it must
    with transaction(engine) as session:
        close_if_expired(session, attempt_id=attempt_id, now=utcnow(), settings=settings)
    state.push_notice("Waktu mengerjakan habis. Kuis dikirim otomatis dengan jawaban yang sudah tersimpan.", error=True)
    st.switch_page("pages/hasil.py", query_params={"percobaan": str(attempt_id)})


def go_to(position: int) -> None:
    """Open another question and remember it for a resume."""
    try:
        with transaction(engine) as session:
            move_to(session, attempt_id=attempt_id, employee_id=user.employee_id, position=position, now=utcnow())
    except AttemptError as exc:
        state.push_notice(str(exc), error=True)


def save(position: int, selected: list[str]) -> None:
    """Store one answer in the database at once."""
    try:
        with transaction(engine) as session:
            record_answer(
                session, attempt_id=attempt_id, employee_id=user.employee_id, position=position, selected=selected, now=utcnow()
            )
    except AttemptError as exc:
        state.push_notice(str(exc), error=True)


st.page_link("pages/modul.py", label=overview.title, icon=":material/arrow_back:", query_params={"m": overview.key})
st.subheader(view.quiz_title)
state.show_notice()
total = len(view.questions)
st.progress(view.answered / total if total else 0.0, text=f"{view.answered} dari {total} soal terjawab")
if view.deadline_at is not None:
    st.caption(f"Batas waktu: {format_datetime(view.deadline_at, settings.zone)}")

question = view.questions[min(view.current_position, total - 1)]
with st.container(border=True):
    st.markdown(f"**Soal {question.position + 1} dari {total}**")
    st.markdown(question.text)
    answer_widget(view.attempt_id, question, on_answer=save)

back, forward = st.columns(2)
back.button(
    "Sebelumnya",
    icon=":material/arrow_back:",
    disabled=question.position == 0,
    on_click=go_to,
    args=(question.position - 1,),
    width="stretch",
)
forward.button(
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
unanswered = total - view.answered
if not state.confirming_submit(attempt_id):
    st.button("Kirim jawaban", type="primary", width="stretch", on_click=state.set_confirming_submit, args=(attempt_id,))
else:
    if unanswered:
        st.warning(f"Masih ada {unanswered} soal yang belum dijawab. Soal yang tidak dijawab bernilai 0.")
    st.write("Setelah dikirim, jawaban tidak dapat diubah lagi. Kirim sekarang?")
    confirm, cancel = st.columns(2)
    if confirm.button("Ya, kirim sekarang", type="primary", width="stretch"):
        with transaction(engine) as session:
            submit_attempt(session, attempt_id=attempt_id, employee_id=user.employee_id, now=utcnow(), settings=settings)
        state.set_confirming_submit(None)
        st.switch_page("pages/hasil.py", query_params={"percobaan": str(attempt_id)})
    cancel.button("Batal", width="stretch", on_click=state.set_confirming_submit, args=(None,))
