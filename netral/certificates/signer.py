"""The agency's X.509 signer for PAdES: created on first start (a self-signed CA and a signing certificate) or installed.

Files live next to the Ed25519 key, never in the database, in one folder:

    pdf-signer/key.pem       the signing key (0600)
    pdf-signer/chain.pem     the signing certificate, then its issuers up to the root
    pdf-signer/ca-key.pem    the CA key, only while Netral's own CA is in use (0600)
    pdf-signer/anchors/      every root a certificate was ever signed under: verification trusts these
    pdf-signer/retired/      chains replaced by `certificates signer install`, kept on record
    pdf-signer/tsa-anchors/  roots of the timestamp authority (NETRAL_TSA_URL) that checks trust, put there by hand

A certificate signed before its signer was replaced still verifies: its PDF carries its own chain and
that chain's root stays among the anchors.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from netral.core.errors import Refusal

FOLDER_NAME = "pdf-signer"
SigningPrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


class SignerRefused(Refusal):
    """A signing certificate that cannot be installed; the message says why, nothing was replaced."""


@dataclass(frozen=True)
class AgencySigner:
    """The key and certificate chain that sign PDFs, and every root verification trusts."""

    key: SigningPrivateKey
    chain: tuple[x509.Certificate, ...]
    anchors: tuple[x509.Certificate, ...]
    tsa_anchors: tuple[x509.Certificate, ...] = ()

    @property
    def certificate(self) -> x509.Certificate:
        """The signing certificate itself."""
        return self.chain[0]

    @property
    def name(self) -> str:
        """The signer's common name, as PDF readers show it."""
        return _common_name(self.certificate)

    def key_pem(self) -> bytes:
        """The private key as unencrypted PKCS#8 PEM (for pyHanko's loader, in memory only)."""
        return self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def signer_folder(key_path: Path) -> Path:
    """Where the PDF signer lives: beside the agency's Ed25519 key."""
    return key_path.parent / FOLDER_NAME


def load_or_create_signer(folder: Path, *, agency: str, now: datetime | None = None) -> AgencySigner:
    """Load the signer in `folder`, creating Netral's own CA and signing certificate on first start."""
    if not (folder / "chain.pem").exists():
        _create(folder, agency=agency, now=now or datetime.now(UTC))
    return load_signer(folder)


def load_signer(folder: Path) -> AgencySigner:
    """Read the signer from its folder."""
    key = serialization.load_pem_private_key((folder / "key.pem").read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise SignerRefused(f"kunci penanda tangan PDF di {folder} bukan kunci ECDSA atau RSA")
    chain = tuple(x509.load_pem_x509_certificates((folder / "chain.pem").read_bytes()))
    return AgencySigner(key=key, chain=chain, anchors=trust_anchors(folder), tsa_anchors=trust_anchors(folder, "tsa-anchors"))


def trust_anchors(folder: Path, name: str = "anchors") -> tuple[x509.Certificate, ...]:
    """Every root certificate PDFs were ever signed under (current and replaced signers); with `name="tsa-anchors"`, the
    roots a signature timestamp's authority is trusted under (kept apart: they never make a PDF signer trusted)."""
    return tuple(x509.load_pem_x509_certificate(path.read_bytes()) for path in sorted((folder / name).glob("*.pem")))


def root_pem(signer: AgencySigner) -> bytes:
    """The root of the current chain as PEM: what a PDF reader is told to trust."""
    return signer.chain[-1].public_bytes(serialization.Encoding.PEM)


def install_p12(folder: Path, data: bytes, passphrase: bytes, *, now: datetime) -> AgencySigner:
    """Install an agency's own PKCS#12 (for example from BSrE): checked first, then swapped in; the old chain is kept."""
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, passphrase or None)
    except ValueError as exc:
        raise SignerRefused("berkas PKCS#12 tidak dapat dibuka: frasa sandi salah atau berkas rusak") from exc
    if key is None or certificate is None:
        raise SignerRefused("berkas PKCS#12 tidak berisi kunci privat dan sertifikatnya")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise SignerRefused("kunci di berkas PKCS#12 harus ECDSA atau RSA")
    _check_usable(key, certificate, now)
    chain = (certificate, *_ordered_issuers(certificate, list(extra)))
    staging = Path(tempfile.mkdtemp(prefix=".pdf-signer-", dir=_ensure(folder.parent)))
    try:
        if (folder / "chain.pem").exists():
            for kept in ("anchors", "retired"):
                if (folder / kept).is_dir():
                    shutil.copytree(folder / kept, staging / kept)
            shutil.copy(folder / "chain.pem", _ensure(staging / "retired") / f"{now:%Y%m%dT%H%M%S}-chain.pem")
        _write_signer(staging, key, chain)
        backup = folder.with_name(f".{FOLDER_NAME}-old-{os.getpid()}")
        if folder.exists():
            folder.rename(backup)
        staging.rename(folder)
        shutil.rmtree(backup, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return load_signer(folder)


def _check_usable(key: PrivateKeyTypes, certificate: x509.Certificate, now: datetime) -> None:
    own = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    theirs = certificate.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if own != theirs:
        raise SignerRefused("kunci privat tidak cocok dengan sertifikat di berkas PKCS#12")
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise SignerRefused(
            f"sertifikat hanya berlaku {certificate.not_valid_before_utc:%d-%m-%Y} s.d. "
            f"{certificate.not_valid_after_utc:%d-%m-%Y}: sudah kedaluwarsa atau belum berlaku"
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise SignerRefused("sertifikat ini tidak boleh dipakai untuk tanda tangan (key usage tanpa digitalSignature)")


def _ordered_issuers(leaf: x509.Certificate, others: list[x509.Certificate]) -> list[x509.Certificate]:
    ordered, current = [], leaf
    while current.issuer != current.subject:
        issuer = next((c for c in others if c.subject == current.issuer and c not in ordered), None)
        if issuer is None:
            break
        ordered.append(issuer)
        current = issuer
    return ordered


def _create(folder: Path, *, agency: str, now: datetime) -> None:
    # Built aside and renamed into place, so processes starting together agree on one signer.
    staging = Path(tempfile.mkdtemp(prefix=".pdf-signer-", dir=_ensure(folder.parent)))
    try:
        ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
        ca_name = _name(f"{agency} - CA Sertifikat Netral", agency)
        ca = _certificate(ca_name, ca_name, ca_key.public_key(), ca_key, now, years=20, ca=True)
        leaf = _certificate(_name(f"{agency} - Penerbit Sertifikat", agency), ca_name, key.public_key(), ca_key, now, years=10)
        _write_signer(staging, key, (leaf, ca))
        _write_private(staging / "ca-key.pem", ca_key)
        with contextlib.suppress(OSError):  # another process created it a moment ago: theirs wins
            staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_signer(folder: Path, key: SigningPrivateKey, chain: tuple[x509.Certificate, ...]) -> None:
    _write_private(folder / "key.pem", key)
    (folder / "chain.pem").write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain))
    anchors = _ensure(folder / "anchors")
    root = chain[-1]
    (anchors / f"{root.fingerprint(hashes.SHA256()).hex()[:16]}.pem").write_bytes(root.public_bytes(serialization.Encoding.PEM))


def _write_private(path: Path, key: PrivateKeyTypes) -> None:
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _name(common: str, agency: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, agency[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, common[:64]),
        ]
    )


def _certificate(
    subject: x509.Name,
    issuer: x509.Name,
    public: ec.EllipticCurvePublicKey,
    signing: ec.EllipticCurvePrivateKey,
    now: datetime,
    *,
    years: int,
    ca: bool = False,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
    )
    if not ca:
        # Readers built on NSS (poppler's pdfsig, Okular) check the e-mail signer usage for document signatures.
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")]),
            critical=False,
        )
    return builder.sign(signing, hashes.SHA256())


def _common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()
