"""Verifikasi Sertifikat (public, no login): number and code, the QR link, an uploaded PDF, and the agency's trust files."""

import streamlit as st

from netral.certificates.issuing import agency_signer
from netral.certificates.lookup import look_up
from netral.certificates.verification import compare_upload
from netral.core.dates import utcnow
from pages.ui import runtime
from pages.ui import verification as ui
from pages.ui.guard import allow_public
from pages.ui.service import act, read

allow_public()
settings = runtime.settings()

st.title("Verifikasi Sertifikat")
st.write("Periksa keaslian dan status sertifikat Netralitas ASN. Halaman ini terbuka untuk siapa saja.")
linked_number, linked_code, linked_signature = ui.link_parameters()
if linked_number:  # opened from a certificate's QR code
    found = act(
        look_up,
        number=linked_number,
        code=linked_code,
        link_signature=None if linked_code else linked_signature,
        client=ui.client_key(settings),
        now=utcnow(),
        zone=settings.zone,
    )
    if found.value is not None:
        ui.show_lookup(found.value)


@st.fragment
def by_number() -> None:
    typed = ui.lookup_form()
    if typed is not None:
        found = act(look_up, number=typed[0], code=typed[1], client=ui.client_key(settings), now=utcnow(), zone=settings.zone)
        if found.value is not None:
            ui.show_lookup(found.value)


@st.fragment
def by_file() -> None:
    data = ui.upload()
    if data is not None:
        signer = agency_signer(settings.signing_key_path, settings.agency_name)
        trust = {"anchors": signer.anchors, "tsa_anchors": signer.tsa_anchors}
        ui.show_upload(read(compare_upload, data=data, now=utcnow(), zone=settings.zone, **trust))


st.subheader("Periksa dengan nomor dan kode verifikasi")
by_number()
st.subheader("Periksa berkas PDF")
st.write("Unggah PDF sertifikat untuk memastikan berkasnya sama persis dengan yang diterbitkan (tidak diubah sedikit pun).")
by_file()
st.subheader("Pemeriksaan di pembaca PDF dan tanpa internet")
ui.trust_downloads(settings)
