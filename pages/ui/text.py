"""Words and small renderers shared by pages: the glossary, status badges, safe text."""

from __future__ import annotations

import re

import streamlit as st

from netral.learning import path as completion

# Glossary: one word for one thing, everywhere in the interface.
PESERTA = "peserta"
MODUL = "modul"
KUIS = "kuis"
SERTIFIKAT = "sertifikat"

STATUS_COLORS = {
    completion.NOT_STARTED: "gray",
    completion.IN_PROGRESS: "orange",
    completion.PASSED: "green",
    completion.FAILED: "red",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """Escape Markdown so text typed by people (names, units) is shown exactly as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def status_badge(status: str) -> None:
    """Show a module status as a coloured badge."""
    st.badge(status.capitalize(), color=STATUS_COLORS.get(status, "gray"))  # type: ignore[arg-type]
