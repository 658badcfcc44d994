"""What a person sees when something unexpected happens: an Indonesian message and a code the log also holds."""

from __future__ import annotations

import logging
import secrets

import streamlit as st

LOGGER = logging.getLogger("netral.pages")


def error_message(code: str) -> str:
    """The sentence shown for an unexpected error with this code."""
    return (
        "Maaf, terjadi kesalahan yang tidak terduga. Muat ulang halaman ini; bila terulang, "
        f"sampaikan kode {code} kepada admin kepegawaian."
    )


def log_unexpected(error: BaseException) -> str:
    """Log an unexpected error with its traceback under a short code, and return the code."""
    code = secrets.token_hex(4).upper()
    LOGGER.error("unexpected error %s", code, exc_info=error)
    return code


def show_unexpected(error: BaseException) -> None:
    """Log the error and show the Indonesian message (never Streamlit's English error page)."""
    st.error(error_message(log_unexpected(error)), icon=":material/error:")
