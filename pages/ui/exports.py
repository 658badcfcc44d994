"""Download buttons for a table: CSV and XLSX side by side, both safe to open in Excel."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from netral.core.exports import CSV_MIME, XLSX_MIME, to_csv, to_xlsx


def export_buttons(header: Sequence[str], rows: Sequence[Sequence[object]], stem: str, *, key: str = "") -> None:
    """Offer the table as CSV and XLSX."""
    left, right = st.columns(2)
    left.download_button(
        "Unduh CSV", to_csv(header, rows), f"{stem}.csv", CSV_MIME, key=f"csv_{key or stem}", icon=":material/download:"
    )
    right.download_button(
        "Unduh Excel", to_xlsx(header, rows), f"{stem}.xlsx", XLSX_MIME, key=f"xlsx_{key or stem}", icon=":material/download:"
    )
