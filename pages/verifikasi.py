"""Verifikasi Sertifikat (public, no login): by number or QR link, by uploaded PDF, and the public key for offline checks."""

import streamlit as st

from db import reading
from netral.certificates.issuing import signing_key
from netral.certificates.signing import public_pem
from netral.certificates.verification import compare_upload, look_up
from netral.core.dates import utcnow
from pages.ui import runtime
from pages.ui.guard import allow_public
from pages.ui.text import plain

allow_public()
settings = runtime.settings()
zone = settings.zone

st.title("Verifikasi Sertifikat")
st.write("Periksa keaslian dan status sertifikat Netralitas ASN. Halaman ini terbuka untuk siapa saja.")

from_link = st.query_params.get("n", "")
number = st.text_input("Nomor sertifikat", value=from_link, placeholder="NTR-2024-0001234-K", max_chars=40)
if number:
    with reading(runtime.engine()) as session:
        found = look_up(
            session, number=number, now=utcnow(), zone=zone, link_signature=st.query_params.get("s") if from_link else None
        )
    if found.record is None:
        st.error(found.problem or "Sertifikat tidak ditemukan.")
    else:
        record = found.record
        show = {"sah": st.success, "kedaluwarsa": st.warning}.get(record.status, st.error)
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

st.subheader("Periksa berkas PDF")
st.write("Unggah PDF sertifikat untuk memastikan berkasnya sama persis dengan yang diterbitkan (tidak diubah sedikit pun).")
upload = st.file_uploader("Berkas PDF sertifikat", type=["pdf"], key="verifikasi_pdf")
if upload is not None:
    with reading(runtime.engine()) as session:
        same, message = compare_upload(session, data=upload.getvalue(), now=utcnow(), zone=zone)
    (st.success if same else st.error)(message)

st.subheader("Pemeriksaan tanpa internet")
st.write(
    "Setiap sertifikat ditandatangani secara elektronik (Ed25519). Dengan kunci publik instansi, keaslian berkas dapat "
    "diperiksa tanpa menghubungi server ini: `python -m netral certificates verify SERTIFIKAT.pdf --public-key kunci-publik.pem`."
)
key = signing_key(settings.signing_key_path)
st.download_button(
    "Unduh kunci publik instansi", data=public_pem(key.public), file_name="kunci-publik-netral.pem", mime="application/x-pem-file"
)
st.caption(f"Sidik kunci: {key.key_id}")
