"""Open Badges credentials as services: the holder's and HR's downloads, the revocation status list, the offline check."""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from db import queries
from db.models import Certificate
from netral.certificates import badges
from netral.certificates.did import issuer_did
from netral.certificates.issuing import payload_facts
from netral.certificates.managing import certificate_to_act_on
from netral.certificates.signing import SigningKey
from netral.core.errors import NotFound
from netral.people.authority import Actor

# At least 131,072 entries (16 KB), as the Bitstring Status List recommends, so a list tells nobody how many were issued.
STATUS_LIST_BITS = 131_072


@dataclass(frozen=True)
class CredentialCheck:
    """The verdict on a credential file checked with the agency's public key alone."""

    genuine: bool
    reason: str
    summary: str = ""


def credential_of(certificate: Certificate, key: SigningKey, base_url: str, did_web: str = "") -> bytes:
    """The signed Open Badges credential of a certificate, the same bytes on every download (for one issuer DID)."""
    did = issuer_did(key.public, did_web)
    credential = badges.unsigned_credential(
        payload_facts(certificate),
        issued_at=certificate.issued_at,
        valid_until=certificate.valid_until,
        base_url=base_url,
        did=did,
    )
    return badges.credential_bytes(badges.sign(credential, key, created=certificate.issued_at, did=did))


def own_credential(
    session: Session, *, employee_id: int, number: str, key: SigningKey, base_url: str, did_web: str = ""
) -> bytes:
    """The holder's own credential."""
    certificate = queries.certificate_by_number(session, number)
    if certificate is None or certificate.employee_id != employee_id:
        raise NotFound(f"Sertifikat {number} tidak ditemukan di akun Anda.")
    return credential_of(certificate, key, base_url, did_web)


def credential_for_hr(session: Session, *, actor: Actor, number: str, key: SigningKey, base_url: str, did_web: str = "") -> bytes:
    """A certificate's credential for an administrator who may act on its holder."""
    return credential_of(certificate_to_act_on(session, actor, number), key, base_url, did_web)


def status_list(
    session: Session, *, year: int, key: SigningKey, base_url: str, now: datetime, did_web: str = ""
) -> dict[str, Any]:
    """The year's revocation list as a signed BitstringStatusListCredential: bit n set when certificate n is revoked."""
    bits = bytearray(STATUS_LIST_BITS // 8)
    for number in queries.revoked_numbers_of_year(session, year):
        index = int(number.split("-")[2])
        if index < STATUS_LIST_BITS:
            bits[index // 8] |= 0x80 >> (index % 8)  # the first index is the left-most bit
    url = f"{base_url}{badges.STATUS_PATH}/{year}"
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).rstrip(b"=").decode("ascii")
    credential = {
        "@context": [badges.VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(key.public, did_web),
        "validFrom": badges.xsd_datetime(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
    }
    return badges.sign(credential, key, created=now, did=issuer_did(key.public, did_web))


def check_credential(data: bytes, public: Ed25519PublicKey, *, now: datetime) -> CredentialCheck:
    """Check a credential file offline: its proof with the agency's key, then its dates."""
    try:
        credential = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return CredentialCheck(False, "berkas bukan JSON yang dapat dibaca")
    if not isinstance(credential, dict) or "OpenBadgeCredential" not in credential.get("type", []):
        return CredentialCheck(False, "berkas bukan kredensial Open Badges (OpenBadgeCredential)")
    problem = badges.verify_proof(credential, public)
    if problem is not None:
        return CredentialCheck(False, problem)
    subject = credential.get("credentialSubject", {})
    names = [i.get("identityHash") for i in subject.get("identifier", []) if i.get("identityType") == "name"]
    summary = (
        f"{credential.get('name')} · {', '.join(names)} · {subject.get('achievement', {}).get('name')} · "
        f"{subject.get('creditsEarned')} JP · terbit {credential.get('validFrom', '')[:10]}"
    )
    valid_until = credential.get("validUntil")
    if valid_until and datetime.fromisoformat(valid_until.replace("Z", "+00:00")) < now:
        return CredentialCheck(True, "asli, tetapi masa berlakunya telah lewat", summary)
    return CredentialCheck(True, "kredensial Open Badges asli dan utuh, ditandatangani kunci instansi", summary)
