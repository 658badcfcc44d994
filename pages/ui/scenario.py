"""A module's branching scenario on the page: the situation, its choices, the consequence, back one step, the ending."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import utcnow
from netral.learning.scenarios import Played, ScenarioView, choose, go_back, play_again
from pages.ui.service import act_in_callback


def scenario_part(view: ScenarioView, employee_id: int) -> None:
    """Draw where the peserta stands; every tap names the step it was made at, so a double tap counts once."""
    if view.last is not None:
        _consequence(view.last)
    if view.ending is not None:
        _ending(view, employee_id)
        return
    node = view.node or {}
    st.markdown(f"**Situasi {len(view.path) + 1}.** {node.get('text', '')}")
    st.caption("Pilih tindakan Anda:")
    for choice in node.get("choices", ()):
        st.button(
            choice["text"],
            key=f"pilih_{view.step}_{choice['id']}",
            width="stretch",
            on_click=_choose,
            args=(employee_id, view.module_key, view.step, choice["id"]),
        )
    if view.can_go_back:
        st.button(
            "Kembali satu langkah",
            key=f"kembali_{view.step}",
            icon=":material/undo:",
            type="tertiary",
            on_click=_back,
            args=(employee_id, view.module_key, view.step),
        )


def _consequence(played: Played) -> None:
    show = st.success if played.sound else st.warning
    show(f"**Anda memilih:** {played.text}\n\n{played.consequence}")
    if played.citations:
        st.caption("Dasar hukum: " + "; ".join(played.citations))


def _ending(view: ScenarioView, employee_id: int) -> None:
    ending = view.ending or {}
    with st.container(border=True):
        st.markdown(f"**Akhir skenario: {ending.get('verdict', '')}** · skor {ending.get('score', 0)}")
        st.markdown(ending.get("text", ""))
    with st.expander(f"Jalan yang Anda tempuh ({len(view.path)} keputusan)"):
        for number, played in enumerate(view.path, start=1):
            mark = ":material/check_circle:" if played.sound else ":material/cancel:"
            st.markdown(f"{mark} {number}. {played.text}")
    st.button(
        "Main lagi dari awal", key="main_lagi", icon=":material/replay:", on_click=_again, args=(employee_id, view.module_key)
    )


def _choose(employee_id: int, module_key: str, step: int, choice_id: str) -> None:
    act_in_callback(choose, employee_id=employee_id, module_key=module_key, step=step, choice_id=choice_id, now=utcnow())


def _back(employee_id: int, module_key: str, step: int) -> None:
    act_in_callback(go_back, employee_id=employee_id, module_key=module_key, step=step, now=utcnow())


def _again(employee_id: int, module_key: str) -> None:
    act_in_callback(play_again, employee_id=employee_id, module_key=module_key, now=utcnow())
