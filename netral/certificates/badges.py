"""Open Badges 3.0: each certificate as an `OpenBadgeCredential` (W3C VC 2.0), signed with the agency's Ed25519 key.

The proof is a Data Integrity proof with the `eddsa-rdfc-2022` cryptosuite rather than a VC-JWT: the
credential stays readable JSON that wallets (the DCC Learner Credential Wallet, for one) and Open Badges
verifiers accept as issued, and the same Ed25519 key that signs the certificate's facts signs it, as a
`did:key`, or the agency's `did:web` when it configures one (did.py). Canonicalisation is RDFC-1.0
(pyld's URDNA2015) over contexts shipped in assets/contexts, so signing and checking never go online.
The credential is built from the facts signed at issue and dated at issue, so every download is the
same bytes; its `credentialStatus` points to the status list Netral serves (`web.py`), which follows
revocation.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from netral.certificates.multibase import base58btc, unbase58btc
from netral.certificates.signing import SigningKey, key_id_of
from netral.core.errors import Refusal

CONTEXT_DIR = Path(__file__).parent / "assets" / "contexts"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXT_FILES = {VC_CONTEXT: "credentials-v2.jsonld", OB_CONTEXT: "ob-v3p0-context-3.0.3.json"}
STATUS_PATH = "/api/sertifikat/status"
_ED25519_PREFIX = b"\xed\x01"  # multicodec ed25519-pub


class CredentialRefused(Refusal):
    """A credential that cannot be checked; the message says why."""


def did_key(public: Ed25519PublicKey) -> str:
    """The `did:key` of an Ed25519 public key."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "did:key:" + base58btc(_ED25519_PREFIX + raw)


def public_key_of(did: str) -> Ed25519PublicKey | None:
    """The Ed25519 key a `did:key` names (None for anything else)."""
    try:
        decoded = unbase58btc(did.removeprefix("did:key:").split("#")[0])
    except ValueError:
        return None
    if not did.startswith("did:key:") or not decoded.startswith(_ED25519_PREFIX) or len(decoded) != 34:
        return None
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


def unsigned_credential(
    facts: dict[str, Any], *, issued_at: datetime, valid_until: datetime | None, base_url: str, did: str
) -> dict[str, Any]:
    """The credential for a certificate's signed facts (what the PDF states), without its proof."""
    number = str(facts["number"])
    salt = hashlib.sha256(f"{did}|{number}".encode()).hexdigest()[:16]
    completed, cycle = str(facts["completed"]), str(facts.get("cycle") or "")
    achievement: dict[str, Any] = {
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{did}#{completed}|{cycle}')}",
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": completed,
        "description": "Pembelajaran mandiri netralitas Aparatur Sipil Negara dalam pemilihan umum dan pemilihan kepala daerah.",
        "criteria": {"narrative": f"Menyelesaikan {completed} sesuai aturan penerbitan {facts.get('issuer', '')}."},
        "creditsAvailable": int(facts["jp"]),
        "inLanguage": "id",
    }
    if cycle:
        achievement["version"] = cycle
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{did}#{number}')}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Sertifikat {number}",
        "issuer": {"id": did, "type": ["Profile"], "name": str(facts.get("issuer", ""))},
        "validFrom": xsd_datetime(issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": str(facts["name"])},
                {
                    "type": "IdentityObject",
                    "identityType": "identifier",
                    "hashed": True,
                    "identityHash": "sha256$" + hashlib.sha256((str(facts["nip"]) + salt).encode()).hexdigest(),
                    "salt": salt,
                },
            ],
            "creditsEarned": int(facts["jp"]),
            "achievement": achievement,
        },
        "credentialStatus": status_entry(base_url, number),
    }
    if valid_until is not None:
        credential["validUntil"] = xsd_datetime(valid_until)
    return credential


def status_entry(base_url: str, number: str) -> dict[str, Any]:
    """A Bitstring Status List entry: the certificate's sequence number in its year's revocation list."""
    year, sequence = number.split("-")[1], int(number.split("-")[2])
    list_url = f"{base_url}{STATUS_PATH}/{year}"
    return {
        "id": f"{list_url}#{sequence}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(sequence),
        "statusListCredential": list_url,
    }


def sign(document: dict[str, Any], key: SigningKey, *, created: datetime, did: str = "") -> dict[str, Any]:
    """Add an `eddsa-rdfc-2022` Data Integrity proof made with the agency's key, named under `did` (default its did:key)."""
    did = did or did_key(key.public)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": xsd_datetime(created),
        "verificationMethod": f"{did}#{did_key(key.public).removeprefix('did:key:')}",
        "proofPurpose": "assertionMethod",
    }
    signature = key.private.sign(_hash_data(document, proof))
    return {**document, "proof": {**proof, "proofValue": base58btc(signature)}}


def credential_bytes(credential: dict[str, Any]) -> bytes:
    """The JSON file a holder downloads."""
    return json.dumps(credential, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def verify_proof(credential: dict[str, Any], public: Ed25519PublicKey) -> str | None:
    """Check the credential's proof with `public`; return what is wrong, or None when it holds.

    The issuer is the key's `did:key`, or a `did:web` whose verification method is this key (its multibase as
    fragment): offline, the agency's public key stands in for the DID document."""
    proof = credential.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != "eddsa-rdfc-2022":
        return "kredensial tidak memuat bukti tanda tangan eddsa-rdfc-2022"
    issuer = credential.get("issuer", {})
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    own = did_key(public)
    method = f"{issuer_id}#{own.removeprefix('did:key:')}"
    if not (issuer_id == own or str(issuer_id).startswith("did:web:")) or proof.get("verificationMethod") != method:
        return "kredensial tidak diterbitkan dengan kunci instansi ini"
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    try:
        signature = unbase58btc(str(proof.get("proofValue", "")))
        public.verify(signature, _hash_data(unsecured, options))
    except Exception:  # noqa: BLE001 - a bad encoding, a JSON-LD error or a wrong signature all mean "changed"
        return "isi kredensial telah diubah setelah ditandatangani (tanda tangan tidak cocok)"
    return None


def key_matches(facts_key: str, public: Ed25519PublicKey) -> bool:
    """Tell whether the key id recorded with the facts is this key's."""
    return facts_key == key_id_of(public)


def _hash_data(document: dict[str, Any], proof_options: dict[str, Any]) -> bytes:
    config = {"@context": document["@context"], **proof_options}
    return hashlib.sha256(_canonical(config)).digest() + hashlib.sha256(_canonical(document)).digest()


def _canonical(document: dict[str, Any]) -> bytes:
    normalized = jsonld.normalize(
        document, {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": _load_context}
    )
    return str(normalized).encode("utf-8")


def _load_context(url: str, _options: dict[str, Any] | None = None) -> dict[str, Any]:
    name = CONTEXT_FILES.get(url)
    if name is None:  # never fetched: an unknown context is refused, not downloaded
        raise CredentialRefused(f"konteks JSON-LD tidak dikenal: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads((CONTEXT_DIR / name).read_text("utf-8"))}


def xsd_datetime(moment: datetime) -> str:
    """An xsd:dateTime in UTC, to the second."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
