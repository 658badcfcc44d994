"""Log Audit (super admin): every administrative action as a sentence, filterable by action, person and date, exportable."""

import datetime as dt

import streamlit as st

from netral.core.audit import action_choices
from netral.hr.audit_log import audit_log
from pages.ui import runtime
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin
from pages.ui.service import read
from pages.ui.tables import frame, show_table

user, _scope = require_admin(whole_agency=True)
settings = runtime.settings()

st.title("Log Audit")
st.write("Semua tindakan admin: impor, atur ulang kata sandi, buka kunci, pengecualian kuis, pencabutan, perubahan pengaturan.")
labels = dict(action_choices())
what, who, since, until = st.columns([3, 3, 2, 2])
action = what.selectbox("Tindakan", [""] + list(labels), format_func=lambda key: labels.get(key, "Semua tindakan"))
person = who.text_input("Orang (nama atau NIP pelaku atau sasaran)", max_chars=60)
day_from = since.date_input("Sejak", value=None, format="DD/MM/YYYY")
day_to = until.date_input("Sampai", value=None, format="DD/MM/YYYY")
header, rows = read(
    audit_log,
    actor=user,
    zone=settings.zone,
    action=action,
    person=person,
    day_from=day_from if isinstance(day_from, dt.date) else None,
    day_to=day_to if isinstance(day_to, dt.date) else None,
)
if not rows and (action or person or day_from or day_to):
    st.info("Tidak ada entri yang cocok dengan filter ini. Ubah atau kosongkan filternya untuk melihat seluruh log.")
elif not rows:
    st.info(
        "Log audit masih kosong. Setiap tindakan admin, misalnya impor data pegawai, akan tercatat di sini "
        "beserta pelaku dan waktunya."
    )
else:
    st.caption(f"{len(rows)} entri")
    show_table(frame(header, rows), key="audit", key_columns=["Waktu", "Keterangan"])
    export_buttons(header, rows, "log-audit")
