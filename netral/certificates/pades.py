"""PAdES signatures on certificate PDFs, through pyHanko's public API: what every PDF reader checks.

PAdES B-B by default (the signer's chain inside the signature, no signing-time attribute, the time in
the signature dictionary); B-T when a timestamp authority is configured. The signing time is the
certificate's issue time, so a PDF rendered late (after a crash, by the sweep) still says when it was
issued. pyHanko gives every incremental update a fresh random file identifier, so a signed PDF is not
byte-for-byte reproducible: it is rendered once and stored, and a pending download stores what it
renders (`issuing.render_pending`, first writer wins). Checking a signature: pades_check.py.
"""

from __future__ import annotations

import asyncio
import functools
import io
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import TypeVar

import aiohttp
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import attributes, fields, signers, timestamps
from pyhanko.sign.attributes import CMSAttributeProvider, SignedAttributeProviderSpec
from pyhanko.sign.signers.cms_embedder import PdfCMSEmbedder
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.stamp import TextStampStyle
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
            return outside_event_loop(lambda: asyncio.run(_sign(data, signer, signed_at=signed_at, box=box, tsa_url=tsa_url)))
        except (timestamps.TimestampRequestError, aiohttp.ClientError, OSError) as exc:
            LOGGER.warning("timestamp authority %s unavailable (%s): signing without a timestamp (PAdES B-B)", tsa_url, exc)
    return outside_event_loop(lambda: asyncio.run(_sign(data, signer, signed_at=signed_at, box=box, tsa_url="")))


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
    chain = [asn1_certificate(certificate) for certificate in signer.chain]
    cms_signer = signers.SimpleSigner(
        signing_cert=chain[0],
        signing_key=load_private_key_from_pemder_data(signer.key_pem(), passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )
    cms_signer.signed_attr_prov_spec = _PadesSignedAttributes(chain[0])
    return cms_signer


class _PadesSignedAttributes(SignedAttributeProviderSpec):
    """The signed attributes of a PAdES B-B/B-T signature, which pyHanko would build per signature (its CAdES spec for
    PAdES, with no signing time and no CAdES extras): only signing-certificate-v2, identical for every signature of
    one signer, so built once. asn1crypto rebuilds it in pure Python (a quarter of the signing time)."""

    def __init__(self, certificate: asn1_x509.Certificate) -> None:
        self.provider = _FixedAttribute(attributes.SigningCertificateV2Provider(certificate))

    def signed_attr_providers(self, data_digest: bytes, digest_algorithm: str) -> Iterable[CMSAttributeProvider]:
        yield self.provider


class _FixedAttribute(CMSAttributeProvider):
    """An attribute built on first use and then reused as is (read only, so threads may share it)."""

    def __init__(self, provider: CMSAttributeProvider) -> None:
        self.attribute_type = provider.attribute_type
        self._provider = provider
        self._attribute: cms.CMSAttribute | None = None

    async def get_attribute(self, dry_run: bool = False) -> cms.CMSAttribute | None:
        if self._attribute is None:
            built = await self._provider.get_attribute(dry_run=False)
            # Parsed back from its bytes: an asn1crypto value built from Python values counts as changed for ever
            # and is re-encoded, children first, every time anything around it is encoded.
            self._attribute = cms.CMSAttribute.load(built.dump()) if built is not None else None
        return self._attribute


def outside_event_loop(work: Callable[[], T]) -> T:
    """Run `work` (pyHanko calls asyncio.run inside) here, or on a short-lived thread when this thread already runs an
    event loop (a caller inside async code, Playwright's sync API in the tests), where asyncio.run is refused."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    """A certificate as pyHanko takes it (asn1crypto)."""
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
