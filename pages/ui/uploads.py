"""Uploads that are read once and let go: the file leaves the server's memory as soon as the page has used it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

import streamlit as st

from netral.core.errors import Refusal
from netral.core.isolation import run_isolated
from pages.ui import state

T = TypeVar("T")


class Upload(Protocol):
    """What a page uses of the file `st.file_uploader` returns."""

    file_id: str
    name: str

    def getvalue(self) -> bytes: ...


def take_upload(label: str, *, types: list[str], max_mb: int, name: str) -> tuple[str, bytes] | None:
    """The file just uploaded (name, bytes), or None. The file is taken from the uploader the browser used, and a
    fresh, empty uploader is drawn in its place in the same run: Streamlit then drops the file at the end of this
    run instead of keeping it for the whole session (an anonymous visitor must not park megabytes in the server),
    and the next file the person drops is read like the first."""
    upload = state.sent_upload(f"{name}_{state.upload_generation(name)}")
    if upload is not None:
        state.next_upload_generation(name)
    st.file_uploader(label, type=types, key=f"{name}_{state.upload_generation(name)}", max_upload_size=max_mb)
    if upload is None:
        return None
    if upload.size > max_mb * 2**20:  # the widget's own limit is checked by the browser; check again here
        st.error(f"Berkas terlalu besar; batasnya {max_mb} MB.")
        return None
    return upload.name, upload.getvalue()


def parsed_once(upload: Upload, reader: Callable[..., T], *, name_arg: str, spinner: str) -> T | None:
    """`reader(data=..., <name_arg>=file name)` for this upload, computed once in a separate process (netral/core/isolation.py)
    and kept for the upload's life in this session: reruns while HR ticks options do not read the file again.
    None after showing why when the file could not be read within the limits."""
    key = (reader.__module__, reader.__qualname__, upload.file_id)
    known, kept = state.parsed_upload(key)
    if known:
        return cast(T, kept)
    with st.spinner(spinner):
        try:
            named: dict[str, Any] = {name_arg: upload.name}
            value = run_isolated(reader, data=upload.getvalue(), **named)
        except Refusal as refusal:
            st.error(refusal.message)
            return None
    state.keep_parsed_upload(key, value)
    return value
