"""Dasbor Siklus (HR): one cycle's figures, a comparison with another cycle, the PPK report and letters as PDF."""

import streamlit as st

from netral.core.dates import utcnow
from netral.cycles.managing import list_cycles
from netral.hr.cycles import compare_cycles, cycle_figures
from netral.hr.paper.letter import office_letter_pdf
from netral.hr.paper.report import cycle_report_pdf
from netral.people.authority import units_to_choose
from pages.ui import runtime
from pages.ui.cycles_dashboard import choose_two, offer_pdf, show_comparison, show_figures
from pages.ui.guard import ADMINS, require_role
from pages.ui.service import read, read_or_show

user = require_role(ADMINS)
settings = runtime.settings()
cycles = read(list_cycles, actor=user)

st.title("Dasbor Siklus")
chosen = choose_two(cycles)
if chosen is not None:
    first, second = chosen
    agency, now, zone = settings.agency_name, utcnow(), settings.zone
    if second is None:
        show_figures(read(cycle_figures, actor=user, cycle_id=first, agency_name=agency, now=now))
    else:
        show_comparison(*read(compare_cycles, actor=user, first_id=first, second_id=int(second), agency_name=agency, now=now))
    st.subheader("Kertas untuk dibagikan")
    if st.button("Buat laporan siklus untuk PPK (PDF)"):
        made = read_or_show(cycle_report_pdf, actor=user, cycle_id=first, agency_name=agency, now=now, zone=zone)
        offer_pdf("Unduh laporan", made.value)
    offices = read(units_to_choose, actor=user)
    office = st.selectbox("Perangkat daerah untuk surat", list(offices), format_func=lambda key: offices[key])
    if office is not None and st.button("Buat surat untuk kepala perangkat daerah (PDF)"):
        letter = read_or_show(
            office_letter_pdf, actor=user, cycle_id=first, office_id=int(office), agency_name=agency, now=now, zone=zone
        )
        offer_pdf("Unduh surat", letter.value)
