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
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

import aiohttp
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
LOGGER = logging.getLogger("netral.certificates")
TSA_TIMEOUT_SECONDS = 5
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
    timestamped_at: datetime | None = None
    timestamp_authority: str = ""
    timestamp_trusted: bool = False

    @property
    def timestamp_text(self) -> str:
        """The signature timestamp (PAdES B-T) in words, or "" when the signature has none."""
        if self.timestamped_at is None:
            return ""
        trust = "tepercaya" if self.timestamp_trusted else "penerbit cap waktu belum ditetapkan sebagai tepercaya"
        authority = self.timestamp_authority or "otoritas cap waktu"
        return f"cap waktu dari {authority} pada {self.timestamped_at:%d-%m-%Y %H:%M:%S %Z} ({trust})"


def sign_pdf(
    data: bytes, signer: AgencySigner, *, signed_at: datetime, box: tuple[float, float, float, float] | None, tsa_url: str = ""
) -> bytes:
    """Append a PAdES signature to `data`: visible in `box` (PDF points) or invisible when `box` is None.

    With `tsa_url` the signature gets an RFC 3161 timestamp (PAdES B-T). When the timestamp authority
    cannot be reached or refuses, the PDF is signed B-B and a warning is logged: the certificate is
    already issued and its time is fixed by its signed facts, so the holder is not kept from it by an
    outside server; a PDF is rendered once, so holding it back would mean no download until the TSA returns.
    """
    if tsa_url:
        try:
            return _outside_event_loop(lambda: asyncio.run(_sign(data, signer, signed_at=signed_at, box=box, tsa_url=tsa_url)))
        except (timestamps.TimestampRequestError, aiohttp.ClientError, OSError) as exc:
            LOGGER.warning("timestamp authority %s unavailable (%s): signing without a timestamp (PAdES B-B)", tsa_url, exc)
    return _outside_event_loop(lambda: asyncio.run(_sign(data, signer, signed_at=signed_at, box=box, tsa_url="")))


async def _sign(
    data: bytes, signer: AgencySigner, *, signed_at: datetime, box: tuple[float, float, float, float] | None, tsa_url: str
) -> bytes:
    cms_signer = _cms_signer(signer)
    timestamper = _timestamper(tsa_url) if tsa_url else None
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
    # The estimate signs a dummy CMS (about a third of the signing time); its size depends only on the
    # signer and the TSA's token (the estimate leaves a 50 % margin), so it is computed once per pair.
    reserved = _reserved.get((signer, tsa_url))
    if reserved is None:
        reserved = await session.estimate_signature_container_size(validation, tight=False)
        _reserved[(signer, tsa_url)] = reserved
    document = session.prepare_tbs_document(validation_info=validation, bytes_reserved=reserved)
    output = io.BytesIO()
    digest, _ = document.digest_tbs_document(output=output)
    signed = await document.perform_signature(
        document_digest=digest.document_digest, pdf_cms_signed_attrs=PdfCMSSignedAttributes(signing_time=signed_at)
    )
    await signed.post_signature_processing(output)
    return output.getvalue()


_reserved: dict[tuple[AgencySigner, str], int] = {}


@functools.lru_cache(maxsize=4)
def _timestamper(url: str) -> timestamps.HTTPTimeStamper:
    """One client per TSA URL: it keeps the TSA's dummy answer used for size estimates (one request per process)."""
    return timestamps.HTTPTimeStamper(url, timeout=TSA_TIMEOUT_SECONDS)


@functools.lru_cache(maxsize=4)
def _cms_signer(signer: AgencySigner) -> signers.SimpleSigner:
    """pyHanko's signer for an agency signer, built once: parsing the key and chain costs more than signing."""
    chain = [_asn1(certificate) for certificate in signer.chain]
    return signers.SimpleSigner(
        signing_cert=chain[0],
        signing_key=load_private_key_from_pemder_data(signer.key_pem(), passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


def check_signature(
    data: bytes, anchors: tuple[x509.Certificate, ...], tsa_anchors: tuple[x509.Certificate, ...] = ()
) -> SignatureCheck:
    """Validate the PDF's signature the way a reader does: intact, covering the whole file, chained to a trusted root;
    and its timestamp (B-T) when it has one, trusted when the TSA chains to one of `tsa_anchors`."""
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - a file pyHanko cannot parse is simply not a signed certificate
        return SignatureCheck(False, False, False, "berkas ini bukan PDF yang dapat dibaca")
    if not signatures:
        return SignatureCheck(False, False, False, "PDF ini tidak bertanda tangan elektronik")
    embedded = signatures[-1]
    # Checked as of now, offline: a B-B signature's time is the signer's own claim, and the agency's own
    # CA publishes no revocation lists (soft-fail, as PDF readers do without network). The TSA is
    # trusted on its own roots, never the agency's: a TSA root does not make document signers trusted.
    context, tsa_context = (
        ValidationContext(trust_roots=[_asn1(root) for root in roots], allow_fetching=False, revocation_mode="soft-fail")
        for roots in (anchors, tsa_anchors)
    )
    try:
        signed_at = embedded.self_reported_timestamp
        # No diff analysis: any update after the signature is refused below whatever it changes, and pyHanko's
        # analysis of such an update logs its SuspiciousModification as a warning with a stack trace.
        status = _outside_event_loop(
            lambda: validate_pdf_signature(
                embedded, signer_validation_context=context, ts_validation_context=tsa_context, skip_diff=True
            )
        )
    except Exception as exc:  # noqa: BLE001 - a changed byte can break any structure pyHanko reads: never genuine
        return SignatureCheck(True, False, False, f"tanda tangan PDF tidak dapat diperiksa ({exc})")
    signer = status.signing_cert.subject.native.get("common_name", "") if status.signing_cert else ""
    if len(signatures) > 1 or status.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck(
            True, False, status.trusted, "berkas telah ditambah atau diubah setelah ditandatangani", signer, signed_at
        )
    if not (status.intact and status.valid):
        return SignatureCheck(True, False, False, "isi berkas tidak cocok dengan tanda tangannya: berkas telah diubah", signer)
    stamp = status.timestamp_validity
    if stamp is not None and not (stamp.intact and stamp.valid):
        return SignatureCheck(True, False, False, "cap waktu pada tanda tangan tidak cocok dengan tanda tangannya", signer)
    verdict = (
        SignatureCheck(True, True, True, "tanda tangan PDF sah dan berkas utuh sejak ditandatangani", signer, signed_at)
        if status.trusted
        else SignatureCheck(
            True, True, False, "tanda tangan utuh, tetapi penanda tangannya bukan penerbit sertifikat instansi", signer, signed_at
        )
    )
    if stamp is None:
        return verdict
    authority = stamp.signing_cert.subject.native.get("common_name", "") if stamp.signing_cert else ""
    return replace(verdict, timestamped_at=stamp.timestamp, timestamp_authority=authority, timestamp_trusted=stamp.trusted)


def _outside_event_loop(work: Callable[[], T]) -> T:
    """Run `work` (pyHanko calls asyncio.run inside) here, or on a short-lived thread when this thread already runs an
    event loop (a caller inside async code, Playwright's sync API in the tests), where asyncio.run is refused."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


class _UntrustedTsaPath(logging.Filter):
    """pyHanko logs a TSA it cannot chain to a trusted root as a warning with a stack trace; the check reports it
    in words (`SignatureCheck.timestamp_trusted`), so that record is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to build path for")


logging.getLogger("pyhanko.sign.validation.generic_cms").addFilter(_UntrustedTsaPath())


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
