"""The public verification page's parts: who is asking, the lookup form, what a record shows, the agency's trust files."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time
from pathlib import Path

import streamlit as st

import netral.certificates
from netral.certificates.issuing import agency_signer, signing_key
from netral.certificates.lookup import Lookup, PublicRecord
from netral.certificates.signer import root_pem
from netral.certificates.signing import public_pem
from netral.certificates.verification import UploadCheck
from netral.core.enums import CertificateStatus
from netral.core.settings import Settings
from pages.ui.login import this_client
from pages.ui.params import text_param
from pages.ui.text import plain
from pages.ui.uploads import take_upload

MAX_UPLOAD_BYTES = 2 * 2**20  # a certificate PDF is about 30 KB
# The guide names the readers' own menus, which are English ("Trusted Certificates"): kept as a document, not UI strings.
READER_GUIDE = (Path(netral.certificates.__file__).parent / "assets" / "panduan-pembaca-pdf.md").read_text("utf-8")


def client_key(settings: Settings) -> str:
    """A keyed hash of the visitor's address (as the login limits see it, through trusted proxies); never stored raw."""
    return hmac.new(settings.secret().encode(), f"verifikasi:{this_client()}".encode(), hashlib.sha256).hexdigest()


def link_parameters() -> tuple[str, str, str | None]:
    """The number, code and (older QR links) signature a QR link opened the page with."""
    return text_param("n", max_length=40), text_param("k", max_length=40), text_param("s", max_length=200) or None


def lookup_form() -> tuple[str, str] | None:
    """Number and code as typed, once the form is submitted."""
    with st.form("cari_sertifikat"):
        number = st.text_input("Nomor sertifikat", placeholder="NTR-2026-0001234-K", max_chars=40)
        # A caption rather than a help icon: the icon is a 16 px tap target on a phone.
        code = st.text_input("Kode verifikasi", placeholder="XXXX-XXXX-XXXX-XXXX", max_chars=40)
        st.caption("Kode verifikasi: 16 karakter yang tercetak di sertifikat, di samping kode QR.")
        submitted = st.form_submit_button("Periksa", type="primary")
    return (number.strip(), code.strip()) if submitted and number.strip() else None


def show_lookup(found: Lookup) -> None:
    """The status and facts of a looked-up certificate, or why there are none (held back after repeated failures)."""
    if found.delay:
        time.sleep(min(found.delay, 5.0))  # each further failure from this client waits longer
    if found.record is None:
        st.error(found.problem or "Sertifikat tidak ditemukan.")
        return
    show_record(found.record)


def show_record(record: PublicRecord) -> None:
    """A record as anyone may see it: the revocation date but never its reason, the NIP without birth date."""
    show = {CertificateStatus.VALID: st.success, CertificateStatus.EXPIRED: st.warning}.get(record.status, st.error)
    show(f"**{record.number}**: {record.status_text}")
    if record.revoked_on:
        st.write(f"Dicabut pada {record.revoked_on}.")
    if record.replaced_by:
        st.write(f"Digantikan oleh sertifikat **{record.replaced_by}**.")
    holder = record.holder
    if holder is None:
        st.caption("Data pemegang sertifikat hanya ditampilkan dengan kode verifikasi, tautan QR, atau berkas PDF-nya.")
        return
    st.markdown(
        f"- Nama: **{plain(holder.name)}**\n- NIP: {holder.masked_nip}\n- Pembelajaran: {plain(holder.completed)}\n"
        f"- Terbit: {holder.issued}\n- Berlaku sampai: {holder.valid_until or 'tanpa batas'}\n"
        f"- Penerbit: {plain(holder.issuer)}"
    )


def upload() -> bytes | None:
    """The PDF someone wants checked, refused above 2 MB (a certificate is far smaller); read once, then released."""
    taken = take_upload("Berkas PDF sertifikat", types=["pdf"], max_mb=MAX_UPLOAD_BYTES // 2**20, name="verifikasi_pdf")
    return taken[1] if taken is not None else None


def show_upload(result: UploadCheck) -> None:
    """Whether the file is a certificate as issued, what its PDF signature says, and its record."""
    (st.success if result.same else st.error)(result.message)
    signature = result.signature
    if signature is not None and signature.signed:
        good = signature.genuine and signature.trusted
        (st.caption if good else st.warning)(f"Tanda tangan elektronik PDF: {signature.reason}.")
        if signature.timestamp_text:
            st.caption(f"Waktu penandatanganan dijamin {signature.timestamp_text}.")
    if result.record is not None:
        show_record(result.record)


def trust_downloads(settings: Settings) -> None:
    """The agency's CA certificate (for PDF readers) and Ed25519 public key (for offline checks), with a short guide."""
    signer = agency_signer(settings.signing_key_path, settings.agency_name)
    st.download_button(
        "Unduh sertifikat CA instansi (untuk pembaca PDF)",
        data=root_pem(signer),
        file_name="ca-netral.pem",
        mime="application/x-pem-file",
        icon=":material/verified_user:",
    )
    st.markdown(READER_GUIDE)
    key = signing_key(settings.signing_key_path)
    st.write(
        "Tanpa internet, keaslian berkas juga dapat diperiksa dengan kunci publik instansi: "
        "`python -m netral certificates verify SERTIFIKAT.pdf --public-key kunci-publik.pem --ca ca-netral.pem` "
        "(juga untuk kredensial Open Badges `.json`)."
    )
    st.download_button(
        "Unduh kunci publik instansi",
        data=public_pem(key.public),
        file_name="kunci-publik-netral.pem",
        mime="application/x-pem-file",
    )
    st.caption(f"Sidik kunci: {key.key_id} · Penanda tangan PDF: {signer.name}")


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
