"""PAdES signatures on certificate PDFs, through pyHanko's public API: what every PDF reader checks.

PAdES B-B by default (the signer's chain inside the signature, no signing-time attribute, the time in
the signature dictionary); B-T when a timestamp authority is configured. The signing time is the
certificate's issue time, so a PDF rendered late (after a crash, by the sweep) still says when it was
issued. pyHanko gives every incremental update a fresh random file identifier, so a signed PDF is not
byte-for-byte reproducible: it is rendered once and stored, and a pending download stores what it
renders (`issuing.render_pending`, first writer wins).
"""

from __future__ import annotations

import asyncio
import functools
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.signers.cms_embedder import PdfCMSEmbedder
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from netral.certificates.signer import AgencySigner

T = TypeVar("T")
FIELD_NAME = "TandaTanganInstansi"
DIGEST = "sha256"
STAMP = TextStampStyle(
    stamp_text="Ditandatangani secara elektronik\n%(signer)s\n%(ts)s",
    timestamp_format="%d-%m-%Y %H:%M %Z",
    border_width=0,
)


@dataclass(frozen=True)
class SignatureCheck:
    """What a PDF's signature says, in words for anyone."""

    signed: bool
    genuine: bool
    trusted: bool
    reason: str
    signer: str = ""
    signed_at: datetime | None = None


def sign_pdf(
    data: bytes, signer: AgencySigner, *, signed_at: datetime, box: tuple[float, float, float, float] | None, tsa_url: str = ""
) -> bytes:
    """Append a PAdES signature to `data`: visible in `box` (PDF points) or invisible when `box` is None."""
    return _outside_event_loop(lambda: asyncio.run(_sign(data, signer, signed_at=signed_at, box=box, tsa_url=tsa_url)))


async def _sign(
    data: bytes, signer: AgencySigner, *, signed_at: datetime, box: tuple[float, float, float, float] | None, tsa_url: str
) -> bytes:
    cms_signer = _cms_signer(signer)
    timestamper = timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None
    field = fields.SigFieldSpec(FIELD_NAME, on_page=0, box=tuple(int(round(v)) for v in box) if box else None)  # type: ignore[arg-type]
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm=DIGEST, subfilter=fields.SigSeedSubFilter.PADES, location=None
    )
    pdf_signer = signers.PdfSigner(meta, cms_signer, timestamper=timestamper, stamp_style=STAMP, new_field_spec=field)
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    # PdfSigner.sign_pdf takes the signing time from the clock; this is its sequence of public steps
    # with the issue time passed to the session instead.
    cms_writer = PdfCMSEmbedder(new_field_spec=field).write_cms(field_name=FIELD_NAME, writer=writer)
    sig_field = next(cms_writer).get_object()
    pdf_signer.register_extensions(writer, md_algorithm=DIGEST)
    session = PdfSigningSession(
        pdf_signer, writer, cms_writer, sig_field, DIGEST, timestamper, fields.SigSeedSubFilter.PADES, system_time=signed_at
    )
    validation = await session.perform_presign_validation(writer)
    # The estimate signs a dummy CMS (about a third of the signing time); without a timestamp its size
    # depends only on the signer, so it is computed once per signer.
    reserved = _reserved.get(signer) if not tsa_url else None
    if reserved is None:
        reserved = await session.estimate_signature_container_size(validation, tight=False)
        if not tsa_url:
            _reserved[signer] = reserved
    document = session.prepare_tbs_document(validation_info=validation, bytes_reserved=reserved)
    output = io.BytesIO()
    digest, _ = document.digest_tbs_document(output=output)
    signed = await document.perform_signature(
        document_digest=digest.document_digest, pdf_cms_signed_attrs=PdfCMSSignedAttributes(signing_time=signed_at)
    )
    await signed.post_signature_processing(output)
    return output.getvalue()


_reserved: dict[AgencySigner, int] = {}


@functools.lru_cache(maxsize=4)
def _cms_signer(signer: AgencySigner) -> signers.SimpleSigner:
    """pyHanko's signer for an agency signer, built once: parsing the key and chain costs more than signing."""
    chain = [_asn1(certificate) for certificate in signer.chain]
    return signers.SimpleSigner(
        signing_cert=chain[0],
        signing_key=load_private_key_from_pemder_data(signer.key_pem(), passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


def check_signature(data: bytes, anchors: tuple[x509.Certificate, ...]) -> SignatureCheck:
    """Validate the PDF's signature the way a reader does: intact, covering the whole file, chained to a trusted root."""
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - a file pyHanko cannot parse is simply not a signed certificate
        return SignatureCheck(False, False, False, "berkas ini bukan PDF yang dapat dibaca")
    if not signatures:
        return SignatureCheck(False, False, False, "PDF ini tidak bertanda tangan elektronik")
    embedded = signatures[-1]
    # Checked as of now, offline: a B-B signature's time is the signer's own claim, and the agency's own
    # CA publishes no revocation lists (soft-fail, as PDF readers do without network).
    context = ValidationContext(
        trust_roots=[_asn1(anchor) for anchor in anchors], allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        signed_at = embedded.self_reported_timestamp
        status = _outside_event_loop(lambda: validate_pdf_signature(embedded, signer_validation_context=context))
    except Exception as exc:  # noqa: BLE001 - a changed byte can break any structure pyHanko reads: never genuine
        return SignatureCheck(True, False, False, f"tanda tangan PDF tidak dapat diperiksa ({exc})")
    signer = status.signing_cert.subject.native.get("common_name", "") if status.signing_cert else ""
    if len(signatures) > 1 or status.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck(
            True, False, status.trusted, "berkas telah ditambah atau diubah setelah ditandatangani", signer, signed_at
        )
    if not (status.intact and status.valid):
        return SignatureCheck(True, False, False, "isi berkas tidak cocok dengan tanda tangannya: berkas telah diubah", signer)
    if not status.trusted:
        return SignatureCheck(
            True, True, False, "tanda tangan utuh, tetapi penanda tangannya bukan penerbit sertifikat instansi", signer, signed_at
        )
    return SignatureCheck(True, True, True, "tanda tangan PDF sah dan berkas utuh sejak ditandatangani", signer, signed_at)


def _outside_event_loop(work: Callable[[], T]) -> T:
    """Run `work` (pyHanko calls asyncio.run inside) here, or on a short-lived thread when this thread already runs an
    event loop (a caller inside async code, Playwright's sync API in the tests), where asyncio.run is refused."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
