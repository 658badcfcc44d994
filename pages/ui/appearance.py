"""Text size: the reader's stored choice scales every page, on every device they log in from."""

from __future__ import annotations

import streamlit as st

from netral.identity.auth import CurrentUser
from netral.identity.preferences import TEXT_SIZES, set_text_size, text_scale
from pages.ui import state
from pages.ui.service import act_in_callback

_KEY = "netral_text_size"


def apply_text_size(user: CurrentUser) -> None:
    """Enlarge Netral's text to the user's stored size (nothing to do at normal size)."""
    scale = text_scale(user.text_size)
    if scale == 1.0:
        return
    # Streamlit sizes text, inputs and spacing in rem and pins the root at 16px; raising the
    # root scales them all together. Style-only st.html goes to the event container: no gap.
    st.html(f"<style>html {{ font-size: {16 * scale:g}px !important; }}</style>")


def text_size_control(user: CurrentUser) -> None:
    """The sidebar choice of text size, saved to the account the moment it changes."""
    state.show_stored(_KEY, user.text_size)  # the database is the truth (another device may have changed it)
    st.radio(
        "Ukuran teks",
        list(TEXT_SIZES),
        format_func=lambda size: TEXT_SIZES[size].label,
        key=_KEY,
        on_change=_save,
        args=(user.account_id,),
        help="Tersimpan di akun Anda, jadi berlaku di semua perangkat tempat Anda masuk. "
        "Halaman masuk selalu memakai ukuran normal karena belum tahu siapa Anda.",
    )


def _save(account_id: int) -> None:
    act_in_callback(set_text_size, account_id=account_id, size=str(state.widget_value(_KEY)))
