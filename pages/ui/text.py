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
_LINKISH = re.compile(r"(?i):|@|www")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Show text typed by people (names, units, reasons) exactly as typed: no Markdown, no links, no icons.

    Escaping Markdown is not enough: Streamlit's renderer turns bare addresses (http://, www., a@b.c) into links
    and ":material/home:" into an icon even when escaped (measured in Chromium). An invisible word joiner
    (U+2060) after each ":" and "www" and before each "@" breaks those patterns; the text reads the same.
    """
    return _LINKISH.sub(_join, _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _join(match: re.Match[str]) -> str:
    found = match.group(0)
    return WORD_JOINER + found if found == "@" else found + WORD_JOINER


def status_badge(status: QuizStatus) -> None:
    """Show a module status as a coloured badge."""
    st.badge(status.capitalize(), color=STATUS_COLORS[status])
