"""Certificate page parts: the holder's downloads; HR's filters, table, ZIP, one certificate's downloads, revocation, re-issue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

import pandas as pd
import streamlit as st

from netral.certificates.credentials import credential_for_hr, own_credential
from netral.certificates.issuing import signing_key
from netral.certificates.listing import CertificateRow, certificate_pdf_for_hr, own_certificate_pdf, zip_certificates
from netral.certificates.managing import reissue, revoke
from netral.core.dates import format_date, format_score, utcnow
from netral.core.enums import CertificateStatus
from netral.identity.auth import CurrentUser
from pages.ui import runtime
from pages.ui.person import open_person
from pages.ui.service import act, read, show_progress
from pages.ui.tables import show_table
from pages.ui.text import plain

STATUSES = {"": "Semua status", **{status.value: status.value.capitalize() for status in CertificateStatus}}
COLUMNS = ["Nomor", "NIP", "Nama", "Status", "Terbit", "Berlaku sampai", "Nilai", "Keterangan"]


def own_downloads(number: str, employee_id: int) -> None:
    """The holder's PDF as issued and the same certificate as an Open Badges credential for a digital wallet."""
    settings = runtime.settings()
    pdf, badge = st.columns(2)
    pdf.download_button(
        "Unduh PDF",
        # Read with the page, not when pressed: a holder has one to three certificates, and a deferred download
        # whose run was replaced by a later one answered "file not found" (seen in tests/e2e/test_certificate_checks).
        # A PDF still pending after a crash renders (and is stored) here.
        data=read(own_certificate_pdf, employee_id=employee_id, number=number, key_path=settings.signing_key_path),
        file_name=f"{number}.pdf",
        mime="application/pdf",
        key=f"unduh_{number}",
        icon=":material/download:",
        width="stretch",
    )
    badge.download_button(
        "Unduh Open Badge (dompet digital)",
        data=read(
            own_credential,
            employee_id=employee_id,
            number=number,
            key=signing_key(settings.signing_key_path),
            base_url=settings.base_url,
            did_web=settings.did_web,
        ),
        file_name=f"{number}.json",
        mime="application/vc+ld+json",
        key=f"lencana_{number}",
        icon=":material/badge:",
        width="stretch",
    )


def date_range() -> tuple[datetime | None, datetime | None]:
    """The issue dates to filter by, as the agency's local days (from the start of one to the end of the other)."""
    zone = runtime.settings().zone
    since, until = st.columns(2)
    date_from = since.date_input("Terbit sejak", value=None, format="DD/MM/YYYY")
    date_to = until.date_input("Terbit sampai", value=None, format="DD/MM/YYYY")
    return (
        datetime.combine(date_from, time.min, tzinfo=zone) if date_from else None,
        datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone) if date_to else None,
    )


def certificate_table(rows: Sequence[CertificateRow], *, filtered: bool) -> None:
    """The certificates found, or what to do when there are none."""
    zone = runtime.settings().zone
    st.caption(f"{len(rows)} sertifikat")
    if rows:
        table = [
            (
                r.number, r.nip, r.name, r.status, format_date(r.issued_at, zone),
                format_date(r.valid_until, zone) if r.valid_until else "", format_score(r.score), r.reason,
            )
            for r in rows
        ]  # fmt: skip
        st.caption("Klik baris untuk membuka profil pemegangnya.")
        row = show_table(pd.DataFrame(table, columns=COLUMNS), key="sertifikat_hr", key_columns=COLUMNS[:4], selectable=True)
        open_person(rows[row].employee_id if row is not None and row < len(rows) else None)
    elif filtered:
        st.info("Tidak ada sertifikat yang cocok dengan pencarian dan filter ini. Ubah atau kosongkan filternya.")
    else:
        st.info(
            "Belum ada sertifikat yang terbit di cakupan Anda. Sertifikat terbit otomatis saat pegawai menyelesaikan semua "
            "langkah; lihat siapa yang belum selesai di Dasbor."
        )
        st.page_link("pages/dasbor.py", label="Buka Dasbor", icon=":material/monitoring:")


def zip_download(rows: Sequence[CertificateRow], user: CurrentUser) -> None:
    """The listed certificates' PDFs in one ZIP, with progress."""
    if not st.button(f"Siapkan ZIP {len(rows)} sertifikat", icon=":material/folder_zip:"):
        return
    bar = st.progress(0.0, text="Menyiapkan berkas ZIP...")
    archive = read(
        zip_certificates,
        actor=user,
        numbers=[r.number for r in rows],
        key_path=runtime.settings().signing_key_path,
        progress=lambda done, total: show_progress(bar, done, total, "sertifikat"),
    )
    bar.progress(1.0, text="ZIP siap diunduh.")
    st.download_button(
        "Unduh ZIP", data=archive, file_name="sertifikat-netral.zip", mime="application/zip", icon=":material/download:"
    )


def certificate_actions(rows: Sequence[CertificateRow], user: CurrentUser) -> None:
    """One certificate: its PDF as issued, revocation with a reason, re-issue after a correction."""
    st.subheader("Satu sertifikat")
    names = {r.number: r.name for r in rows}
    number = st.selectbox("Nomor sertifikat", list(names), format_func=lambda n: f"{n} — {names[n]}")
    selected = next(r for r in rows if r.number == number)
    settings = runtime.settings()
    key_path = settings.signing_key_path
    pdf, badge = st.columns(2)
    # Read with the page, not when pressed (one stored PDF and one signature): a deferred download whose script run
    # had been replaced answered "Deferred file … not found" (seen on Sertifikat Saya).
    pdf.download_button(
        "Unduh PDF seperti diterbitkan",
        data=read(certificate_pdf_for_hr, actor=user, number=number, key_path=key_path),
        file_name=f"{number}.pdf",
        mime="application/pdf",
        icon=":material/download:",
        on_click="ignore",
    )
    badge.download_button(
        "Unduh Open Badge (JSON)",
        data=read(
            credential_for_hr,
            actor=user,
            number=number,
            key=signing_key(key_path),
            base_url=settings.base_url,
            did_web=settings.did_web,
        ),
        file_name=f"{number}.json",
        mime="application/vc+ld+json",
        icon=":material/badge:",
        on_click="ignore",
    )
    if selected.status in (CertificateStatus.VALID, CertificateStatus.EXPIRED):
        _revoke_form(selected, user)
    if selected.status is CertificateStatus.VALID:
        _reissue_form(selected, user)


def _revoke_form(selected: CertificateRow, user: CurrentUser) -> None:
    number = selected.number
    with st.form(f"cabut_{number}", clear_on_submit=True):
        st.markdown(f"**Cabut** sertifikat {number} atas nama {plain(selected.name)}")
        reason = st.text_area(
            "Alasan pencabutan (hanya untuk kepegawaian; halaman verifikasi menampilkan tanggalnya saja)", max_chars=500
        )
        confirmed = st.checkbox("Saya memahami pencabutan tidak dapat dibatalkan.")
        submitted = st.form_submit_button("Cabut sertifikat", type="primary")
    if submitted and act(revoke, actor=user, number=number, reason=reason, confirmed=confirmed, now=utcnow()).ok:
        st.success(f"Sertifikat {number} dicabut. Halaman verifikasi kini menampilkannya sebagai dicabut (tanpa alasannya).")


def _reissue_form(selected: CertificateRow, user: CurrentUser) -> None:
    number = selected.number
    with st.form(f"terbit_ulang_{number}", clear_on_submit=True):
        st.markdown("**Terbitkan ulang** dengan data pegawai terkini (misalnya setelah koreksi nama di data pegawai)")
        why = st.text_input("Alasan penerbitan ulang", max_chars=300)
        submitted = st.form_submit_button("Terbitkan ulang")
    if submitted:
        new = act(reissue, actor=user, number=number, reason=why, now=utcnow(), settings=runtime.settings())
        if new.value is not None:
            st.success(f"Sertifikat baru {new.value.number} terbit dan menggantikan {number}.")
