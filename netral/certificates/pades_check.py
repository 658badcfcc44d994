"""Checking a PDF's PAdES signature the way a PDF reader does, with pyHanko's validator, offline."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, replace
from datetime import datetime

from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from netral.certificates.pades import asn1_certificate, outside_event_loop


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
        ValidationContext(
            trust_roots=[asn1_certificate(root) for root in roots], allow_fetching=False, revocation_mode="soft-fail"
        )
        for roots in (anchors, tsa_anchors)
    )
    try:
        signed_at = embedded.self_reported_timestamp
        # No diff analysis: any update after the signature is refused below whatever it changes, and pyHanko's
        # analysis of such an update logs its SuspiciousModification as a warning with a stack trace.
        status = outside_event_loop(
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


class _UntrustedTsaPath(logging.Filter):
    """pyHanko logs a TSA it cannot chain to a trusted root as a warning with a stack trace; the check reports it
    in words (`SignatureCheck.timestamp_trusted`), so that record is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to build path for")


logging.getLogger("pyhanko.sign.validation.generic_cms").addFilter(_UntrustedTsaPath())
