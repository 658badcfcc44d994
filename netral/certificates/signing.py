"""The agency's Ed25519 key: certificates are signed with it and checked with its public half alone."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from netral.core.errors import Refusal
from netral.core.files import private_dir


class KeyProblem(Refusal):
    """The signing or verification key cannot be used; the message says why."""


@dataclass(frozen=True)
class SigningKey:
    """The private key and what is derived from it."""

    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        """The public half, which anyone may hold."""
        return self.private.public_key()

    @property
    def key_id(self) -> str:
        """A short fingerprint of the public key, printed on certificates."""
        return key_id_of(self.public)

    def sign(self, data: bytes) -> str:
        """Sign bytes; return the signature as base64url without padding."""
        return b64(self.private.sign(data))


def load_or_create_key(path: Path) -> SigningKey:
    """Load the PEM private key at `path`, creating one (mode 600) on first start."""
    if not path.exists():
        private_dir(path.parent)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        try:
            os.link(temporary, path)  # another process may have created it a moment ago: theirs wins
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise KeyProblem(f"kunci tanda tangan di {path} tidak dapat dibaca") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"kunci di {path} bukan kunci Ed25519")
    return SigningKey(key)


def public_pem(key: Ed25519PublicKey) -> bytes:
    """The public key as PEM, for the verification page and offline checks."""
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    """Read a public key from PEM, refusing anything that is not Ed25519."""
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise KeyProblem("berkas kunci publik tidak dapat dibaca (harus PEM)") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyProblem("kunci publik bukan kunci Ed25519")
    return key


def key_id_of(key: Ed25519PublicKey) -> str:
    """A short fingerprint of a public key."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def canonical(facts: dict[str, Any]) -> bytes:
    """The one byte form of a certificate's facts that signatures cover."""
    return json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def verify(key: Ed25519PublicKey, data: bytes, signature: str) -> bool:
    """Check a base64url signature over `data`."""
    try:
        key.verify(unb64(signature), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def b64(data: bytes) -> str:
    """Base64url without padding (safe in URLs and PDF strings)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    """Decode base64url with or without padding; raise ValueError on junk."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise ValueError("bukan base64url") from exc
