"""A real RFC 3161 timestamp authority on loopback for tests: HTTP POST of a TimeStampReq, answered by
pyHanko's own `DummyTimeStamper` (public API, RSA-only) with a TSA certificate under its own root."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps import DummyTimeStamper


@dataclass(frozen=True)
class TimestampAuthority:
    """A running TSA: its URL, its root (to trust), and how many requests it answered."""

    url: str
    root: x509.Certificate
    answered: list[int]


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"), x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _tsa_certificates() -> tuple[x509.Certificate, x509.Certificate, rsa.RSAPrivateKey]:
    now = datetime.now(UTC)
    root_key, key = rsa.generate_private_key(65537, 2048), rsa.generate_private_key(65537, 2048)
    root = (
        x509.CertificateBuilder().subject_name(_name("Root TSA Uji")).issuer_name(_name("Root TSA Uji"))
        .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(root_key, hashes.SHA256())
    )  # fmt: skip
    leaf = (
        x509.CertificateBuilder().subject_name(_name("TSA Uji")).issuer_name(root.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(root_key, hashes.SHA256())
    )  # fmt: skip
    return root, leaf, key


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


@contextmanager
def timestamp_authority(*, broken: bool = False) -> Iterator[TimestampAuthority]:
    """Serve RFC 3161 over HTTP on 127.0.0.1 (a free port) for the duration of the block; `broken` answers HTTP 503."""
    root, leaf, key = _tsa_certificates()
    stamper = DummyTimeStamper(
        tsa_cert=_asn1(leaf),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
        certs_to_embed=[_asn1(root)],  # type: ignore[arg-type]
    )
    answered: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            if broken:
                self.send_error(503)
                return
            body = stamper.request_tsa_response(request).dump()
            answered.append(len(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield TimestampAuthority(f"http://127.0.0.1:{server.server_address[1]}/tsa", root, answered)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
