"""Query parameters a page accepts, validated before any use: a link someone edited changes nothing but the answer."""

from __future__ import annotations

import streamlit as st

MAX_ID = 2**31 - 1  # ids are 32-bit integers on both databases: a longer number is simply not a record


def id_param(name: str) -> int | None:
    """A positive record id from the query string, or None when it is missing or not one."""
    raw = st.query_params.get(name, "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10 or not 0 < int(raw) <= MAX_ID:
        return None
    return int(raw)


def text_param(name: str, *, max_length: int = 120) -> str:
    """A short printable text from the query string ("" when missing, too long or holding control characters)."""
    raw = st.query_params.get(name, "")
    return raw if len(raw) <= max_length and raw.isprintable() else ""
