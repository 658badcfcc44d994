"""The one primary button of a page: the step a peserta should take now."""

from __future__ import annotations

import streamlit as st

from netral.learning.next_step import CERTIFICATE, EXAM, MODULE, PAKTA, NextStep

PAGES = {MODULE: "pages/modul.py", EXAM: "pages/ujian.py", PAKTA: "pages/pakta.py", CERTIFICATE: "pages/sertifikat.py"}
ICONS = {
    MODULE: ":material/menu_book:",
    EXAM: ":material/quiz:",
    PAKTA: ":material/draw:",
    CERTIFICATE: ":material/workspace_premium:",
}


def step_button(step: NextStep, *, key: str = "langkah") -> None:
    """A full-width primary button that opens the step's page (a module at its saved section)."""
    if st.button(step.label, key=key, type="primary", icon=ICONS[step.target], width="stretch"):
        if step.target == MODULE and step.module_key:
            st.switch_page(PAGES[MODULE], query_params={"m": step.module_key})
        st.switch_page(PAGES[step.target] if step.target != MODULE else "pages/beranda.py")
