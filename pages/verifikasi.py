"""Verifikasi Sertifikat (public, no login): by number or QR link, by uploaded PDF, and the public key for offline checks."""

import streamlit as st

from netral.certificates.issuing import signing_key
from netral.certificates.signing import public_pem
from netral.certificates.verification import compare_upload, look_up
from netral.core.dates import utcnow
from pages.ui import runtime
from pages.ui.guard import allow_public
from pages.ui.params import text_param
from pages.ui.service import read
from pages.ui.uploads import take_upload
from pages.ui.verification import public_record

allow_public()
settings = runtime.settings()

st.title("Verifikasi Sertifikat")
st.write("Periksa keaslian dan status sertifikat Netralitas ASN. Halaman ini terbuka untuk siapa saja.")
from_link = text_param("n", max_length=40)
number = st.text_input("Nomor sertifikat", value=from_link, placeholder="NTR-2024-0001234-K", max_chars=40)
if number:
    signature = text_param("s", max_length=200) or None if from_link else None
    public_record(read(look_up, number=number, now=utcnow(), zone=settings.zone, link_signature=signature))

st.subheader("Periksa berkas PDF")
st.write("Unggah PDF sertifikat untuk memastikan berkasnya sama persis dengan yang diterbitkan (tidak diubah sedikit pun).")
upload = take_upload("Berkas PDF sertifikat", types=["pdf"], max_mb=1, name="verifikasi_pdf")  # a certificate is < 1 MB
if upload is not None:
    same, message = read(compare_upload, data=upload[1], now=utcnow(), zone=settings.zone)
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
