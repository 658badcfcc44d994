"""The public lookup: a number alone reveals nobody; number and code, or the QR link, show the record.

What anyone may see of a record: the status, the holder's name, a NIP with no birth-date digits, what
was completed and the dates. A revocation shows as *dicabut* with its date; the reason stays with HR.
A failed lookup still writes (the client's failure count) and must commit, like a failed login.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import queries
from db.models import Certificate
from netral.certificates import codes, throttle
from netral.certificates.issuing import payload_facts
from netral.certificates.numbering import is_well_formed, normalise_number
from netral.core.dates import format_date
from netral.core.enums import CertificateStatus

STATUS_TEXT = {
    CertificateStatus.VALID: "SAH — sertifikat ini diterbitkan dan masih berlaku.",
    CertificateStatus.EXPIRED: "KEDALUWARSA — sertifikat ini asli, tetapi masa berlakunya telah lewat.",
    CertificateStatus.REVOKED: "DICABUT — sertifikat ini tidak berlaku lagi.",
    CertificateStatus.SUPERSEDED: "DIGANTIKAN — sertifikat ini telah diganti dengan sertifikat yang lebih baru.",
}
ASK_FOR_CODE = (
    "Masukkan juga kode verifikasi yang tercetak di sertifikat (di bawah tulisan *Kode verifikasi*, 16 karakter). "
    "Demi melindungi data pegawai, nomor saja tidak menampilkan data pemegang sertifikat."
)
NO_MATCH = "Nomor dan kode verifikasi tidak cocok dengan sertifikat mana pun. Periksa lagi pengetikannya."
FORGED_LINK = "Tautan ini tidak cocok dengan sertifikat mana pun: kode QR mungkin dipalsukan atau tautannya terpotong."


@dataclass(frozen=True)
class Holder:
    """The facts about the holder shown once the code (or the QR link, or the PDF) proves possession."""

    name: str
    masked_nip: str
    completed: str
    issued: str
    valid_until: str | None
    issuer: str


@dataclass(frozen=True)
class PublicRecord:
    """A certificate's status, and its holder's facts when the lookup may show them."""

    number: str
    status: CertificateStatus
    status_text: str
    revoked_on: str | None
    replaced_by: str | None
    holder: Holder | None


@dataclass(frozen=True)
class Lookup:
    """The answer to a lookup: a record, or why there is none, and how long to hold the answer back."""

    record: PublicRecord | None = None
    problem: str | None = None
    delay: float = 0.0


def look_up(
    session: Session,
    *,
    number: str,
    code: str = "",
    link_signature: str | None = None,
    client: str,
    now: datetime,
    zone: ZoneInfo,
) -> Lookup:
    """Find a certificate for the public page: by number and code, by QR link, or (older certificates) by number alone."""
    throttle.refuse_if_blocked(session, client=client, now=now, zone=zone)
    number = normalise_number(number)
    if not is_well_formed(number):
        return Lookup(
            problem="Nomor sertifikat tidak valid; periksa lagi pengetikannya (huruf terakhir adalah karakter pemeriksa)."
        )
    code = codes.normalise_code(code)
    if code and not codes.is_well_formed(code):
        return Lookup(problem="Kode verifikasi tidak valid; periksa lagi pengetikannya (16 karakter, huruf terakhir pemeriksa).")
    certificate = queries.certificate_by_number(session, number)
    if code or link_signature is not None:
        if certificate is None or not _proves(certificate, code, link_signature):
            delay = throttle.record_failure(session, client=client, now=now)
            return Lookup(problem=FORGED_LINK if link_signature is not None else NO_MATCH, delay=delay)
        return Lookup(record=public_record(session, certificate, now=now, zone=zone, with_holder=True))
    if certificate is not None and certificate.verification_code is None:
        # Issued before codes existed: the number alone still tells the status, and nothing about the holder.
        return Lookup(record=public_record(session, certificate, now=now, zone=zone, with_holder=False))
    delay = throttle.record_failure(session, client=client, now=now) if certificate is None else 0.0
    return Lookup(problem=ASK_FOR_CODE, delay=delay)


def public_record(
    session: Session, certificate: Certificate, *, now: datetime, zone: ZoneInfo, with_holder: bool
) -> PublicRecord:
    """What the public page shows about a certificate (the holder's facts only when `with_holder`)."""
    status = certificate.status_at(now)
    replaced_by = None
    if certificate.superseded_by_id is not None:
        newer = session.get(Certificate, certificate.superseded_by_id)
        replaced_by = newer.number if newer else None
    revoked_on = (
        format_date(certificate.revoked_at, zone) if status is CertificateStatus.REVOKED and certificate.revoked_at else None
    )
    holder = None
    if with_holder:
        facts = payload_facts(certificate)
        holder = Holder(
            name=str(facts["name"]),
            masked_nip=mask_nip(str(facts["nip"])),
            completed=str(facts["completed"]),
            issued=format_date(certificate.issued_at, zone),
            valid_until=format_date(date.fromisoformat(facts["valid_until"])) if facts.get("valid_until") else None,
            issuer=str(facts.get("issuer", "")),
        )
    return PublicRecord(certificate.number, status, STATUS_TEXT[status], revoked_on, replaced_by, holder)


def mask_nip(nip: str) -> str:
    """Hide the birth date, appointment date and sex digit of a NIP: only the serial's last three digits show."""
    return "*" * (len(nip) - 3) + nip[-3:] if len(nip) > 3 else "*" * len(nip)


def _proves(certificate: Certificate, code: str, link_signature: str | None) -> bool:
    if code:
        return certificate.verification_code is not None and hmac.compare_digest(
            certificate.verification_code.encode(), code.encode()
        )
    # The QR links of certificates issued before codes carry the payload's signature instead.
    expected = certificate.payload_signature or ""
    return bool(expected) and link_signature is not None and hmac.compare_digest(expected.encode(), link_signature.encode())
