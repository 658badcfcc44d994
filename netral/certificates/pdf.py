"""Render a certificate: A4 landscape, its signed facts inside, then a PAdES signature that every PDF reader checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF

from netral.certificates import layout
from netral.certificates.fonts import close_fonts, new_document
from netral.certificates.pades import sign_pdf
from netral.certificates.signer import AgencySigner
from netral.certificates.signing import b64

DEFAULT_HEADING = "Sertifikat Netralitas ASN"
# Certificates issued before PAdES also carried an Ed25519 signature over the whole file here; their
# stored bytes are kept and checked that way (verification.py). New ones carry only the signed facts.
FILE_SIGNATURE_PLACEHOLDER = "0" * 86
MARKERS = {"payload": "netral-payload:", "payload_signature": "netral-payload-sig:", "file_signature": "netral-file-sig:"}
FILE_SIGNATURE = re.compile(rb"netral-file-sig:([A-Za-z0-9_-]{86})")


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on a certificate, its signed payload, its verification link, and how it is signed."""

    number: str
    name: str
    nip: str
    position: str
    completed: str
    score_text: str
    jp: int
    issued_at: datetime
    issued_date_text: str
    valid_until_text: str | None
    place: str
    issuer: str
    signatory_name: str
    signatory_nip: str
    signatory_title: str
    verify_url: str
    payload: bytes
    payload_signature: str
    logo: bytes | None = None
    heading: str = DEFAULT_HEADING
    rank: str = ""
    cycle: str = ""
    code: str = ""
    visible_signature: bool = True
    tsa_url: str = ""


def render_certificate(document: CertificateDocument, signer: AgencySigner, *, blank: Callable[[], FPDF] = new_document) -> bytes:
    """Return the PAdES-signed PDF; the signing time is the issue time."""
    box = layout.signature_box_points() if document.visible_signature else None
    return sign_pdf(
        render_unsigned(document, blank=blank), signer, signed_at=document.issued_at, box=box, tsa_url=document.tsa_url
    )


def render_unsigned(document: CertificateDocument, *, blank: Callable[[], FPDF] = new_document) -> bytes:
    """The PDF before its signature (the same facts give the same bytes); `blank` makes the empty document."""
    pdf = blank()
    pdf.set_creation_date(document.issued_at)
    pdf.set_title(f"Sertifikat {document.number}")
    pdf.set_author(document.issuer)
    pdf.set_subject(f"{document.heading} atas nama {document.name}")
    pdf.set_lang("id-ID")
    pdf.set_creator("Netral")
    pdf.set_producer("Netral")
    pdf.set_keywords(
        "sertifikat netralitas-asn "
        f"{MARKERS['payload']}{b64(document.payload)} {MARKERS['payload_signature']}{document.payload_signature}"
    )
    pdf.set_auto_page_break(False)
    pdf.add_page()
    layout.draw(pdf, document)
    try:
        return bytes(pdf.output())
    finally:
        close_fonts(pdf)
