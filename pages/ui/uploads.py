"""Uploads that are read once and let go: the file leaves the server's memory as soon as the page has used it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from netral.core.errors import Refusal
from netral.core.isolation import run_isolated
from pages.ui import state

T = TypeVar("T")
_PARSED = "netral_parsed_uploads"


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


def parsed_once(upload: UploadedFile, reader: Callable[..., T], *, name_arg: str, spinner: str) -> T | None:
    """`reader(data=..., <name_arg>=file name)` for this upload, computed once in a separate process (netral/core/isolation.py)
    and kept for the upload's life in this session: reruns while HR ticks options do not read the file again.
    None after showing why when the file could not be read within the limits."""
    key = (reader.__module__, reader.__qualname__, upload.file_id)
    kept = st.session_state.get(_PARSED)
    if isinstance(kept, tuple) and kept[0] == key:
        return kept[1]  # type: ignore[no-any-return]
    st.session_state.pop(_PARSED, None)  # one parsed file per session: the previous one goes first
    with st.spinner(spinner):
        try:
            value = run_isolated(reader, data=upload.getvalue(), **{name_arg: upload.name})
        except Refusal as refusal:
            st.error(refusal.message)
            return None
    st.session_state[_PARSED] = (key, value)
    return value
