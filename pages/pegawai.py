"""Data Pegawai (HR): every employee with their status per module, filterable, downloadable as CSV."""

import pandas as pd
import streamlit as st

from db import reading
from netral.reports import employee_status_table, to_csv
from pages.ui import runtime
from pages.ui.guard import ADMINS, require_role

require_role(ADMINS)

st.title("Data Pegawai")
with reading(runtime.engine()) as session:
    header, rows = employee_status_table(session)
table = pd.DataFrame(rows, columns=header)

search = st.text_input("Cari nama atau NIP", placeholder="mis. Sutrisno atau 1968...")
if search:
    needle = search.strip().lower()
    table = table[table["Nama"].str.lower().str.contains(needle, regex=False) | table["NIP"].str.contains(needle, regex=False)]
st.caption(f"{len(table)} pegawai")
st.dataframe(table, hide_index=True, width="stretch")
st.download_button(
    "Unduh CSV",
    data=to_csv(list(table.columns), table.itertuples(index=False)),
    file_name="status-pegawai.csv",
    mime="text/csv",
    icon=":material/download:",
)
