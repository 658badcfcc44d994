"""The parts of Dasbor Siklus: one cycle's figures, two cycles side by side, and the papers to download."""

from __future__ import annotations

import streamlit as st

from netral.cycles.current import CycleView
from netral.hr.completion import completion_table
from netral.hr.cycles import CycleFigures


def choose_two(cycles: list[CycleView]) -> tuple[int, int | None] | None:
    """The cycle to show, and optionally another to compare it with."""
    if not cycles:
        st.info("Belum ada siklus. Buat siklus di halaman Siklus Pemilu.")
        return None
    names = {cycle.id: cycle.name for cycle in cycles}
    first = st.selectbox("Siklus", list(names), format_func=lambda key: names[key])
    others = [key for key in names if key != first]
    second = st.selectbox(
        "Bandingkan dengan (opsional)", [None, *others], format_func=lambda key: "-" if key is None else names[key]
    )
    return (int(first), second) if first is not None else None


def show_figures(figures: CycleFigures) -> None:
    """Headline numbers, completion per perangkat daerah, misconceptions per category and the trend."""
    total = figures.total
    cycle = figures.cycle
    st.caption(f"Hari pemungutan suara: {cycle.voting_day_text} · tenggat {cycle.deadline:%d/%m/%Y}")
    columns = st.columns(4)
    columns[0].metric("Pegawai", total.total)
    columns[1].metric("Selesai", f"{total.percent:.1f}%")
    columns[2].metric("Belum mulai", total.not_started)
    columns[3].metric("Lulus ujian", f"{figures.pass_rate:.1f}%")
    header, rows = completion_table(figures.offices, with_unit=False)
    st.dataframe([dict(zip(header, row, strict=True)) for row in rows], hide_index=True, width="stretch")
    if figures.categories:
        st.markdown("**Jawaban keliru per kategori**")
        st.bar_chart({c.category: c.percent_wrong for c in figures.categories}, horizontal=True, y_label="% keliru")
    if figures.trend:
        st.markdown("**Pegawai selesai (kumulatif)**")
        st.line_chart({day.isoformat(): count for day, count in figures.trend})


def show_comparison(first: CycleFigures, second: CycleFigures) -> None:
    """Completion, pass rate and misconception rates of two cycles side by side."""
    rows = [
        {"Ukuran": "Selesai (%)", first.cycle.name: first.total.percent, second.cycle.name: second.total.percent},
        {"Ukuran": "Lulus ujian (%)", first.cycle.name: first.pass_rate, second.cycle.name: second.pass_rate},
    ]
    rates = {c.category: c.percent_wrong for c in first.categories}, {c.category: c.percent_wrong for c in second.categories}
    for category in sorted(set(rates[0]) | set(rates[1])):
        row: dict[str, object] = {"Ukuran": f"Keliru: {category} (%)"}
        row[first.cycle.name], row[second.cycle.name] = rates[0].get(category, "-"), rates[1].get(category, "-")
        rows.append(row)
    st.dataframe(rows, hide_index=True, width="stretch")


def offer_pdf(label: str, made: tuple[str, bytes] | None) -> None:
    """A download button for a PDF just made."""
    if made is not None:
        name, data = made
        st.download_button(label, data, file_name=name, mime="application/pdf")
