"""What the public verification page shows about one certificate."""

from __future__ import annotations

import streamlit as st

from netral.certificates.verification import Lookup
from netral.core.enums import CertificateStatus
from pages.ui.text import plain


def public_record(found: Lookup) -> None:
    """The status and facts of a looked-up certificate, or why there are none."""
    if found.record is None:
        st.error(found.problem or "Sertifikat tidak ditemukan.")
        return
    record = found.record
    show = {CertificateStatus.VALID: st.success, CertificateStatus.EXPIRED: st.warning}.get(record.status, st.error)
    show(f"**{record.number}**: {record.status_text}")
    if record.reason:
        st.write(f"Alasan pencabutan: {plain(record.reason)}")
    if record.replaced_by:
        st.write(f"Digantikan oleh sertifikat **{record.replaced_by}**.")
    st.markdown(
        f"- Nama: **{plain(record.name)}**\n- NIP: {record.masked_nip}\n- Pembelajaran: {plain(record.completed)}\n"
        f"- Terbit: {record.issued}\n- Berlaku sampai: {record.valid_until or 'tanpa batas'}\n"
        f"- Penerbit: {plain(record.issuer)}"
    )
    if record.link_matches is False:
        st.error("Tanda tangan pada tautan QR tidak cocok dengan sertifikat ini. Kode QR mungkin dipalsukan.")
    elif record.link_matches:
        st.caption("Tanda tangan pada tautan QR cocok dengan sertifikat yang diterbitkan.")
