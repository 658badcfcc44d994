"""Tables and charts of the HR pages: key columns first, the rest on request, Indonesian numbers and dates.

Numbers keep their value (the table sorts them as numbers) and are shown with Indonesian separators through a
pandas Styler (1.234,5); charts are Vega-Lite with an Indonesian format locale (Sen 3 Jun, 21,4).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

STYLED_CELLS = 200_000  # above this the Styler would trim its display values; such tables hold text only anyway
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
          "Desember"]  # fmt: skip
LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "time": {
        "dateTime": "%A, %e %B %Y %H.%M", "date": "%d/%m/%Y", "time": "%H.%M.%S", "periods": ["", ""],
        "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
        "months": MONTHS, "shortMonths": [m[:3] if m != "Agustus" else "Agu" for m in MONTHS],
    },
}  # fmt: skip


def frame(header: Sequence[str], rows: Sequence[Sequence[object]], *, numbers: Sequence[str] = ()) -> pd.DataFrame:
    """A table's rows as a DataFrame; `numbers` are numeric columns whose missing values show as empty cells."""
    table = pd.DataFrame(list(rows), columns=list(header))
    for column in numbers:
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64")
    return table


def styled(table: pd.DataFrame, *, percent: Sequence[str] = ()) -> pd.DataFrame | pd.io.formats.style.Styler:
    """Numbers shown the Indonesian way (1.234,5 and 21,4%), sorted by value; text-only tables are left as they are."""
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]
    if not numeric or table.size > STYLED_CELLS:
        return table
    formats = {
        c: ("{:,.1f}%" if c in percent else "{:,.1f}" if pd.api.types.is_float_dtype(table[c]) else "{:,}") for c in numeric
    }
    return table.style.format(formats, decimal=",", thousands=".", na_rep="")


def show_table(
    table: pd.DataFrame,
    *,
    key: str,
    key_columns: Sequence[str] = (),
    percent: Sequence[str] = (),
    selectable: bool = False,
    column_config: dict[str, Any] | None = None,
) -> int | None:
    """Show a sortable, searchable table, key columns first; return the row picked when `selectable`."""
    others = [c for c in table.columns if c not in key_columns]
    shown = list(key_columns) + others
    if key_columns and others:
        hint = "Kolom utama selalu tampil; pilih kolom lain yang ingin dilihat."
        with st.popover("Pilih kolom", icon=":material/view_column:"):
            extra = st.multiselect("Kolom tambahan", others, default=others, key=f"kolom_{key}", help=hint)
        shown = list(key_columns) + [c for c in others if c in extra]
    data = styled(table, percent=percent)
    if not selectable:
        st.dataframe(data, hide_index=True, width="stretch", column_order=shown, column_config=column_config, key=f"tabel_{key}")
        return None
    event = st.dataframe(
        data, hide_index=True, width="stretch", column_order=shown, column_config=column_config, key=f"tabel_{key}",
        on_select="rerun", selection_mode="single-row",
    )  # fmt: skip
    picked = list(event.selection.rows)
    return int(picked[0]) if picked else None


def indonesian(chart: alt.Chart | alt.LayerChart) -> alt.Chart | alt.LayerChart:
    """The chart with Indonesian number and date formats."""
    configured: alt.Chart | alt.LayerChart = chart.configure(locale=LOCALE)
    return configured


def stacked_bars(table: pd.DataFrame, *, label: str, colors: dict[str, str]) -> alt.Chart:
    """Horizontal stacked bars, one per row of `table` (column `label`), one segment per colour."""
    long = table.melt(id_vars=[label], value_vars=list(colors), var_name="Status", value_name="Pegawai")
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(f"{label}:N", title=None, sort=None),
            x=alt.X("Pegawai:Q", title="Pegawai", axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color("Status:N", scale=alt.Scale(domain=list(colors), range=list(colors.values())), title=None),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip("Status:N"), alt.Tooltip("Pegawai:Q", format=",d")],
        )
        .transform_calculate(order=f"indexof({list(colors)!r}, datum.Status)")
        .properties(height=max(240, 34 * len(table)))
    )
    return indonesian(chart)  # type: ignore[return-value]


def daily_line(days: Sequence[object], values: Sequence[int], *, title: str) -> alt.Chart:
    """A line over days, the axis in Indonesian ("3 Jun"), the tooltip a full Indonesian date."""
    data = pd.DataFrame({"Tanggal": pd.to_datetime(list(days)), title: list(values)})
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("Tanggal:T", title=None, axis=alt.Axis(format="%e %b", labelAngle=0)),
            y=alt.Y(f"{title}:Q", axis=alt.Axis(format=",d", tickMinStep=1)),
            tooltip=[alt.Tooltip("Tanggal:T", format="%A, %e %B %Y"), alt.Tooltip(f"{title}:Q", format=",d")],
        )
        .properties(height=220)
    )
    return indonesian(chart)  # type: ignore[return-value]
