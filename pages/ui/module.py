"""A module page's parts: the section being read, its summary and checks, moving between sections, the quiz button."""

from __future__ import annotations

from typing import Any

import streamlit as st

from netral.content.diagrams import diagram_img
from netral.core.dates import utcnow
from netral.learning.reading import CheckResult, ModulePage, answer_check, open_section
from netral.learning.starting import start_quiz
from pages.ui import runtime, state
from pages.ui.history import attempt_history
from pages.ui.scenario import scenario_part
from pages.ui.service import act, act_in_callback
from pages.ui.text import status_badge


def section_view(page: ModulePage, employee_id: int) -> None:
    """Title once, "Bagian i dari n", the section's heading, text, diagram, "Intinya" and knowledge checks."""
    overview, total = page.overview, len(page.sections)
    st.title(overview.title)
    status_badge(overview.standing.status)
    if total > 1:
        st.progress((page.current + 1) / total, text=f"Bagian {page.current + 1} dari {total}")
    section = page.section
    st.header(section.heading)
    st.markdown(section.text)
    if section.figure:
        st.html(diagram_img(section.figure))
    if section.summary:
        st.info(f"**Intinya:** {section.summary}", icon=":material/lightbulb:")
    for check in section.checks:
        _check(page, check, employee_id)
    if section.scenario and page.scenario is not None:
        scenario_part(page.scenario, employee_id)


def section_nav(page: ModulePage, employee_id: int) -> None:
    """Sebelumnya / Berikutnya: each move is saved before the page is drawn again."""
    if len(page.sections) < 2:
        return
    back, forward = st.columns(2)
    key = page.overview.key
    back.button(
        "Sebelumnya",
        icon=":material/arrow_back:",
        width="stretch",
        disabled=page.current == 0,
        on_click=_move,
        args=(employee_id, key, page.current - 1),
    )
    last = page.current == len(page.sections) - 1
    forward.button(
        "Berikutnya",
        icon=":material/arrow_forward:",
        width="stretch",
        type="secondary" if last else "primary",
        disabled=last,
        on_click=_move,
        args=(employee_id, key, page.current + 1),
    )


def quiz_box(page: ModulePage, employee_id: int) -> None:
    """The module's quiz: offered on the last section, and on every section once the material has been read."""
    if not (page.read_through or page.current == len(page.sections) - 1):
        return
    overview, standing = page.overview, page.overview.standing
    st.divider()
    st.subheader(standing.title)
    st.write(f"Batas lulus {standing.pass_mark}. Setiap jawaban langsung tersimpan; Anda dapat melanjutkan kapan saja.")
    label = "Lanjutkan kuis" if standing.open_attempt_id else ("Ulangi kuis" if overview.past_attempts else "Mulai kuis")
    if st.button(label, type="primary", width="stretch"):
        settings = runtime.settings()
        started = act(start_quiz, employee_id=employee_id, quiz_id=standing.quiz_id, now=utcnow(), settings=settings)
        if started.ok:
            st.switch_page("pages/kuis.py", query_params={"q": standing.quiz_key})
    attempt_history(overview.past_attempts, "Riwayat percobaan")


def _move(employee_id: int, module_key: str, section: int) -> None:
    act_in_callback(open_section, employee_id=employee_id, module_key=module_key, section=section, now=utcnow())


def _check(page: ModulePage, check: dict[str, Any], employee_id: int) -> None:
    key = f"cek_{check['key']}"
    answered = page.checks.get(check["key"])
    labels = {o["id"]: o["text"] for o in check["options"]}
    with st.container(border=True):
        st.markdown("**Cek pemahaman** · tidak dinilai")
        if answered is not None:
            state.show_stored(key, answered.selected)
        st.radio(
            check["text"],
            list(labels),
            format_func=labels.__getitem__,
            index=None,
            key=key,
            disabled=answered is not None,
            on_change=_answer,
            args=(employee_id, page.overview.key, check["key"], key),
        )
        if answered is not None:
            _feedback(answered)


def _answer(employee_id: int, module_key: str, check_key: str, widget: str) -> None:
    selected = state.widget_value(widget)
    if isinstance(selected, str):
        act_in_callback(
            answer_check, employee_id=employee_id, module_key=module_key, check_key=check_key, selected=selected, now=utcnow()
        )


def _feedback(result: CheckResult) -> None:
    verdict = (st.success, "Tepat.") if result.correct else (st.warning, "Belum tepat.")
    verdict[0](f"**{verdict[1]}** {result.feedback}".strip())
    if result.explanation:
        st.markdown(result.explanation)
    if result.citations:
        st.caption("Dasar hukum: " + "; ".join(result.citations))
