"""Log Audit (super admin): every administrative action, filterable and exportable."""

import pandas as pd
import streamlit as st

from netral.core.audit import action_choices
from netral.hr.audit_log import audit_log
from pages.ui import runtime
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin
from pages.ui.service import read

user, _scope = require_admin(whole_agency=True)
settings = runtime.settings()

st.title("Log Audit")
st.write("Semua tindakan admin: impor, atur ulang kata sandi, buka kunci, pengecualian kuis, pencabutan, perubahan pengaturan.")
labels = dict(action_choices())
action = st.selectbox("Tindakan", [""] + list(labels), format_func=lambda key: labels.get(key, "Semua tindakan"))
header, rows = read(audit_log, actor=user, zone=settings.zone, action=action)
if not rows and action:
    st.info('Belum ada tindakan jenis ini yang tercatat. Pilih "Semua tindakan" untuk melihat seluruh log.')
elif not rows:
    st.info(
        "Log audit masih kosong. Setiap tindakan admin, misalnya impor data pegawai, akan tercatat di sini "
        "beserta pelaku dan waktunya."
    )
else:
    st.caption(f"{len(rows)} entri")
    st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch")
    export_buttons(header, rows, "log-audit")
