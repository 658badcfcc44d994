"""Uploads that are read once and let go: the file leaves the server's memory as soon as the page has used it."""

from __future__ import annotations

import streamlit as st

from pages.ui import state


def take_upload(label: str, *, types: list[str], max_mb: int, name: str) -> tuple[str, bytes] | None:
    """The file just uploaded (name, bytes), or None; the uploader is then replaced by a fresh one, so Streamlit
    drops the file at the end of this run instead of keeping it for the whole session (an anonymous visitor
    must not be able to park megabytes in the server)."""
    key = f"{name}_{state.upload_generation(name)}"
    upload = st.file_uploader(label, type=types, key=key, max_upload_size=max_mb)
    if upload is None:
        return None
    if upload.size > max_mb * 2**20:  # the widget's own limit is checked by the browser; check again here
        state.next_upload_generation(name)
        st.error(f"Berkas terlalu besar; batasnya {max_mb} MB.")
        return None
    taken = upload.name, upload.getvalue()
    state.next_upload_generation(name)
    return taken
