"""Sertifikat Pegawai (HR): find certificates, download one or a ZIP, revoke, re-issue after a correction."""

from datetime import datetime, time, timedelta

import pandas as pd
import streamlit as st

from db import reading, transaction
from netral.certificates.issuing import CertificateRefused, certificate_pdf, list_certificates, reissue, revoke, zip_certificates
from netral.core.dates import format_date, format_score, utcnow
from netral.people.scope import OutOfScope, ensure_certificate_in_scope, narrow, unit_choices
from pages.ui import runtime
from pages.ui.guard import require_admin
from pages.ui.text import plain

user, scope = require_admin()
engine, settings = runtime.engine(), runtime.settings()
zone = settings.zone

st.title("Sertifikat Pegawai")
search, status = st.columns([3, 2])
query = search.text_input("Cari nama, NIP, atau nomor", max_chars=60)
statuses = {"": "Semua status", "sah": "Sah", "kedaluwarsa": "Kedaluwarsa", "dicabut": "Dicabut", "digantikan": "Digantikan"}
chosen_status = status.selectbox("Status", list(statuses), format_func=statuses.__getitem__)
since, until = st.columns(2)
date_from = since.date_input("Terbit sejak", value=None, format="DD/MM/YYYY")
date_to = until.date_input("Terbit sampai", value=None, format="DD/MM/YYYY")
with reading(engine) as session:
    choices = unit_choices(session, scope)
unit_id = st.selectbox(
    "Perangkat daerah / unit kerja", list(choices), format_func=choices.__getitem__, index=None, placeholder="Semua"
)

with reading(engine) as session:
    shown = narrow(session, scope, unit_id)
    rows = list_certificates(
        session,
        now=utcnow(),
        status=chosen_status or None,
        search=query,
        issued_from=datetime.combine(date_from, time.min, tzinfo=zone) if date_from else None,
        issued_to=datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone) if date_to else None,
        unit_ids=shown.unit_ids,
    )
st.caption(f"{len(rows)} sertifikat")
table = pd.DataFrame(
    [
        (
            r.number,
            r.nip,
            r.name,
            r.status,
            format_date(r.issued_at, zone),
            format_date(r.valid_until, zone) if r.valid_until else "",
            format_score(r.score),
            r.reason,
        )
        for r in rows
    ],
    columns=["Nomor", "NIP", "Nama", "Status", "Terbit", "Berlaku sampai", "Nilai", "Keterangan"],
)
if not rows and (query or chosen_status or date_from or date_to or unit_id is not None):
    st.info("Tidak ada sertifikat yang cocok dengan pencarian dan filter ini. Ubah atau kosongkan filternya.")
elif not rows:
    st.info(
        "Belum ada sertifikat yang terbit di cakupan Anda. Sertifikat terbit otomatis saat pegawai menyelesaikan semua "
        "langkah; lihat siapa yang belum selesai di Dasbor."
    )
    st.page_link("pages/dasbor.py", label="Buka Dasbor", icon=":material/monitoring:")
else:
    st.dataframe(table, hide_index=True, width="stretch")

if rows:
    if st.button(f"Siapkan ZIP {len(rows)} sertifikat", icon=":material/folder_zip:"):
        bar = st.progress(0.0, text="Menyiapkan berkas ZIP...")
        with reading(engine) as session:
            archive = zip_certificates(
                session,
                [r.number for r in rows],
                progress=lambda done, total: bar.progress(done / total, text=f"{done} dari {total} sertifikat"),
            )
        bar.progress(1.0, text="ZIP siap diunduh.")
        st.download_button(
            "Unduh ZIP", data=archive, file_name="sertifikat-netral.zip", mime="application/zip", icon=":material/download:"
        )

    st.subheader("Satu sertifikat")
    number = st.selectbox(
        "Nomor sertifikat", [r.number for r in rows], format_func=lambda n: f"{n} — {next(r.name for r in rows if r.number == n)}"
    )
    with reading(engine) as session:
        pdf = certificate_pdf(session, number=number)
    if pdf:
        st.download_button(
            "Unduh PDF seperti diterbitkan",
            data=pdf,
            file_name=f"{number}.pdf",
            mime="application/pdf",
            icon=":material/download:",
        )
    selected = next(r for r in rows if r.number == number)
    if selected.status in ("sah", "kedaluwarsa"):
        with st.form(f"cabut_{number}", clear_on_submit=True):
            st.markdown(f"**Cabut** sertifikat {number} atas nama {plain(selected.name)}")
            reason = st.text_area("Alasan pencabutan (tampil di halaman verifikasi)", max_chars=500)
            confirmed = st.checkbox("Saya memahami pencabutan tidak dapat dibatalkan.")
            if st.form_submit_button("Cabut sertifikat", type="primary"):
                try:
                    if not confirmed:
                        raise CertificateRefused("Centang pernyataan terlebih dahulu.")
                    with transaction(engine) as session:
                        ensure_certificate_in_scope(session, scope, number)
                        revoke(session, number=number, reason=reason, actor_account_id=user.account_id, now=utcnow())
                except (CertificateRefused, OutOfScope) as exc:
                    st.error(str(exc))
                else:
                    st.success(f"Sertifikat {number} dicabut. Halaman verifikasi kini menampilkannya sebagai dicabut.")
    if selected.status == "sah":
        with st.form(f"terbit_ulang_{number}", clear_on_submit=True):
            st.markdown("**Terbitkan ulang** dengan data pegawai terkini (misalnya setelah koreksi nama di data pegawai)")
            why = st.text_input("Alasan penerbitan ulang", max_chars=300)
            if st.form_submit_button("Terbitkan ulang"):
                try:
                    with transaction(engine) as session:
                        ensure_certificate_in_scope(session, scope, number)
                        new = reissue(
                            session, number=number, reason=why, actor_account_id=user.account_id, now=utcnow(), settings=settings
                        )
                        new_number = new.number
                except (CertificateRefused, OutOfScope) as exc:
                    st.error(str(exc))
                else:
                    st.success(f"Sertifikat baru {new_number} terbit dan menggantikan {number}.")
