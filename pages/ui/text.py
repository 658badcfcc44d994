"""Words and small renderers shared by pages: the glossary, status badges, safe text."""

from __future__ import annotations

import re
from typing import Literal

import streamlit as st

from netral.core.enums import QuizStatus

# Glossary: one word for one thing, everywhere in the interface.
PESERTA = "peserta"
MODUL = "modul"
KUIS = "kuis"
SERTIFIKAT = "sertifikat"

STATUS_COLORS: dict[QuizStatus, Literal["gray", "orange", "green", "red"]] = {
    QuizStatus.NOT_STARTED: "gray",
    QuizStatus.IN_PROGRESS: "orange",
    QuizStatus.PASSED: "green",
    QuizStatus.FAILED: "red",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """Escape Markdown so text typed by people (names, units) is shown exactly as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def status_badge(status: QuizStatus) -> None:
    """Show a module status as a coloured badge."""
    st.badge(status.capitalize(), color=STATUS_COLORS[status])
