"""The issuer's decentralised identifier: `did:key` of the agency's Ed25519 key by default, `did:web` in production.

`did:key` needs nothing online: the key is in the identifier itself. An agency that serves Netral on
its own domain sets `NETRAL_DID_WEB` (for example `netral.bojonegorokab.go.id`) and its credentials
name `did:web:netral.bojonegorokab.go.id` as issuer; verifiers fetch the DID document from
`https://netral.bojonegorokab.go.id/.well-known/did.json`, which Netral serves itself (web.py) and
`python -m netral certificates did-web` writes for nginx. The key is the same Ed25519 key either way, and
its verification method keeps the key's multibase as fragment (`did:web:…#z6Mk…`), so a credential
says which key signed it and an offline check with the agency's public key needs no network.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from netral.certificates.badges import did_key
from netral.core.errors import Refusal

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]


class DidWebRefused(Refusal):
    """A `NETRAL_DID_WEB` value that is not a domain (with optional port and path)."""


def did_web(setting: str) -> str:
    """The `did:web` for a configured domain (`host[:port][/path]`, or a `did:web:` itself); "" when not configured."""
    value = setting.strip().removeprefix("https://").rstrip("/")
    if not value:
        return ""
    if value.startswith("did:web:"):
        return value
    host, _, path = value.partition("/")
    if not host or any(c in host for c in "@?#% ") or host.startswith(":"):
        raise DidWebRefused(f"NETRAL_DID_WEB harus berupa nama domain, misalnya netral.contohkab.go.id (bukan {setting!r})")
    segments = [quote(segment, safe="") for segment in path.split("/") if segment]
    return ":".join(["did:web", quote(host, safe=""), *segments])


def issuer_did(public: Ed25519PublicKey, did_web_setting: str = "") -> str:
    """The issuer id of the agency's credentials: its `did:web` when configured, else the key's `did:key`."""
    return did_web(did_web_setting) or did_key(public)


def verification_method(did: str, public: Ed25519PublicKey) -> str:
    """The id of the key inside the issuer's DID document: the key's multibase as fragment."""
    return f"{did}#{did_key(public).removeprefix('did:key:')}"


def document_url(did: str) -> str:
    """Where a `did:web` document is fetched from (the did:web method's rule)."""
    host, *path = did.removeprefix("did:web:").split(":")
    tail = "/".join(unquote(segment) for segment in path) + "/did.json" if path else ".well-known/did.json"
    return f"https://{unquote(host)}/{tail}"


def did_document(did: str, public: Ed25519PublicKey) -> dict[str, Any]:
    """The DID document that names the agency's Ed25519 key (a Multikey) for issuing credentials."""
    method = verification_method(did, public)
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": did_key(public).removeprefix("did:key:"),
            }
        ],
        "assertionMethod": [method],
        "authentication": [method],
    }
