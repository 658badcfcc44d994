"""Certificate commands: list, pdf, verify (offline), revoke, public-key, ca, signer install."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509

from db import engine_for, reading, transaction
from netral.certificates import issuing as certificates
from netral.certificates import listing, managing
from netral.certificates.credentials import CredentialCheck, check_credential
from netral.certificates.did import did_document, did_web, document_url
from netral.certificates.numbering import normalise_number
from netral.certificates.signer import install_p12, root_pem, signer_folder, trust_anchors
from netral.certificates.signing import load_or_create_key, load_public_key, public_pem
from netral.certificates.verification import OfflineCheck, check_pdf_offline
from netral.cli.common import CliError, Parser, group
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.startup import prepare_database


def register(commands: Any) -> None:
    """Add the certificates commands."""
    certs = group(commands, "certificates", "sertifikat")
    listing = certs.add_parser("list", help="daftar sertifikat")
    listing.add_argument("--status", choices=("sah", "kedaluwarsa", "dicabut", "digantikan"))
    listing.add_argument("--search", default="", help="nama, NIP atau nomor")
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    listing.set_defaults(handler=_certificates_list)
    pdf_cmd = certs.add_parser("pdf", help="simpan PDF sertifikat seperti diterbitkan")
    pdf_cmd.add_argument("number", metavar="NOMOR")
    pdf_cmd.add_argument("-o", "--output", metavar="FILE", required=True)
    pdf_cmd.set_defaults(handler=_certificates_pdf)
    verify_cmd = certs.add_parser("verify", help="periksa keaslian PDF dengan kunci instansi saja (tanpa basis data)")
    verify_cmd.add_argument("file", metavar="FILE.pdf")
    verify_cmd.add_argument("--public-key", metavar="PEM", help="kunci publik instansi (bawaan: dari kunci tanda tangan)")
    verify_cmd.add_argument("--ca", metavar="PEM", help="sertifikat CA instansi (bawaan: semua CA yang pernah dipakai di sini)")
    verify_cmd.add_argument(
        "--tsa-ca", metavar="PEM", help="root otoritas cap waktu (TSA) yang dipercaya (bawaan: pdf-signer/tsa-anchors/)"
    )
    verify_cmd.set_defaults(handler=_certificates_verify)
    ca_cmd = certs.add_parser("ca", help="tulis sertifikat CA penanda tangan PDF (PEM) untuk pembaca PDF")
    ca_cmd.add_argument("-o", "--output", metavar="FILE", help="berkas tujuan (bawaan: layar)")
    ca_cmd.set_defaults(handler=_certificates_ca)
    did_cmd = certs.add_parser(
        "did-web",
        help="tulis dokumen DID (did.json) penerbit kredensial untuk NETRAL_DID_WEB",
        description="Netral sendiri melayani /.well-known/did.json; perintah ini menulis berkasnya untuk nginx "
        "(wajib bila DID memakai jalur, mis. did:web:contohkab.go.id:netral → /netral/did.json).",
    )
    did_cmd.add_argument("-o", "--output", metavar="FILE", help="berkas tujuan (bawaan: layar)")
    did_cmd.set_defaults(handler=_certificates_did_web)
    signer = certs.add_parser("signer", help="penanda tangan PDF instansi").add_subparsers(
        title="perintah signer", metavar="PERINTAH", parser_class=Parser
    )
    install = signer.add_parser(
        "install",
        help="pasang sertifikat penanda tangan instansi dari berkas PKCS#12 (.p12/.pfx), mis. dari BSrE",
        description="Frasa sandi dibaca dari NETRAL_SIGNER_PASSPHRASE atau baris pertama masukan standar, "
        "tidak pernah dari argumen (argumen terlihat oleh pengguna lain di `ps`).",
    )
    install.add_argument("file", metavar="FILE.p12")
    install.set_defaults(handler=_signer_install)
    revoke_cmd = certs.add_parser("revoke", help="cabut sertifikat")
    revoke_cmd.add_argument("number", metavar="NOMOR")
    revoke_cmd.add_argument("--reason", required=True, help="alasan pencabutan")
    revoke_cmd.set_defaults(handler=_certificates_revoke)
    public_key = certs.add_parser("public-key", help="tulis kunci publik instansi (PEM)")
    public_key.add_argument("-o", "--output", metavar="FILE", help="berkas tujuan (bawaan: layar)")
    public_key.set_defaults(handler=_certificates_public_key)


def _certificates_list(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    with reading(engine) as session:
        rows = listing.list_certificates(session, actor=None, now=utcnow(), status=args.status, search=args.search)
    if args.json:
        listed = [
            {
                "number": r.number,
                "nip": r.nip,
                "name": r.name,
                "status": r.status,
                "issued_at": r.issued_at.isoformat(),
                "valid_until": r.valid_until.isoformat() if r.valid_until else None,
                "completed": r.completed,
                "score": r.score,
            }
            for r in rows
        ]
        print(json.dumps(listed, ensure_ascii=False))
    else:
        for r in rows:
            print(f"{r.number}  {r.status:<11} {r.issued_at.astimezone(settings.zone):%Y-%m-%d}  {r.nip}  {r.name}")
    return 0


def _certificates_pdf(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    with reading(engine) as session:
        pdf = listing.certificate_pdf_for_hr(
            session, actor=None, number=normalise_number(args.number), key_path=settings.signing_key_path
        )
    Path(args.output).write_bytes(pdf)
    print(f"{args.output} ditulis ({len(pdf)} byte)", file=sys.stderr)
    return 0


def _certificates_verify(args: argparse.Namespace, settings: Settings) -> int:
    # Deliberately no database: only the file, the agency's public key and its CA certificates.
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"berkas tidak ditemukan: {path}")
    if args.public_key:
        key = load_public_key(Path(args.public_key).read_bytes())
    elif settings.signing_key_path.exists():
        key = load_or_create_key(settings.signing_key_path).public
    else:
        raise CliError("kunci publik tidak ada; berikan --public-key FILE (unduh dari halaman verifikasi)")
    if args.ca:
        anchors = tuple(x509.load_pem_x509_certificates(Path(args.ca).read_bytes()))
    else:
        anchors = trust_anchors(signer_folder(settings.signing_key_path))
    if args.tsa_ca:
        tsa_anchors = tuple(x509.load_pem_x509_certificates(Path(args.tsa_ca).read_bytes()))
    else:
        tsa_anchors = trust_anchors(signer_folder(settings.signing_key_path), "tsa-anchors")
    data = path.read_bytes()
    if path.suffix.lower() == ".json":
        return _report_credential(check_credential(data, key, now=datetime.now(UTC)))
    if not anchors and b"netral-file-sig:" not in data:
        raise CliError("sertifikat CA instansi tidak ada; berikan --ca FILE (unduh dari halaman verifikasi)")
    return _report_pdf(check_pdf_offline(data, key, anchors, tsa_anchors))


def _report_pdf(result: OfflineCheck) -> int:
    print(f"ASLI: {result.reason}" if result.genuine else f"TIDAK ASLI: {result.reason}")
    if result.signature is not None and result.signature.signed:
        signed_at = f", {result.signature.signed_at:%Y-%m-%d %H:%M %Z}" if result.signature.signed_at else ""
        print(f"  tanda tangan PDF: {result.signature.reason} ({result.signature.signer}{signed_at})")
        if result.signature.timestamp_text:
            print(f"  {result.signature.timestamp_text}")
    if not result.genuine:
        return 1
    facts = result.facts or {}
    print(
        f"  nomor {facts.get('number')} · {facts.get('name')} · NIP {facts.get('nip')} · terbit {facts.get('issued')}"
        + (f" · berlaku sampai {facts['valid_until']}" if facts.get("valid_until") else "")
    )
    print("  status terkini (dicabut atau tidak) hanya dapat dipastikan di halaman verifikasi daring")
    return 0


def _report_credential(result: CredentialCheck) -> int:
    if not result.genuine:
        print(f"TIDAK ASLI: {result.reason}")
        return 1
    print(f"ASLI: {result.reason}")
    print(f"  {result.summary}")
    print("  status terkini (dicabut atau tidak) hanya dapat dipastikan di halaman verifikasi daring")
    return 0


def _certificates_ca(args: argparse.Namespace, settings: Settings) -> int:
    pem = root_pem(certificates.agency_signer(settings.signing_key_path, settings.agency_name))
    if args.output:
        Path(args.output).write_bytes(pem)
        print(f"sertifikat CA ditulis ke {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(pem.decode("ascii"))
    return 0


def _certificates_did_web(args: argparse.Namespace, settings: Settings) -> int:
    did = did_web(settings.did_web)
    if not did:
        raise CliError("NETRAL_DID_WEB belum diisi (nama domain Netral, mis. netral.contohkab.go.id)")
    text = json.dumps(did_document(did, certificates.signing_key(settings.signing_key_path).public), indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"dokumen {did} ditulis ke {args.output}; layani di {document_url(did)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _signer_install(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"berkas tidak ditemukan: {path}")
    passphrase = os.environ.get("NETRAL_SIGNER_PASSPHRASE")
    if passphrase is None:
        passphrase = sys.stdin.readline().rstrip("\r\n")
    signer = install_p12(signer_folder(settings.signing_key_path), path.read_bytes(), passphrase.encode(), now=datetime.now(UTC))
    print(
        f"penanda tangan PDF dipasang: {signer.name} (berlaku s.d. {signer.certificate.not_valid_after_utc:%Y-%m-%d}); "
        "sertifikat lama tetap tercatat dan PDF lama tetap dapat diverifikasi. Mulai ulang proses server."
    )
    return 0


def _certificates_revoke(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    with transaction(engine) as session:
        certificate = managing.revoke(session, actor=None, number=normalise_number(args.number), reason=args.reason, now=utcnow())
        print(f"sertifikat {certificate.number} dicabut")
    return 0


def _certificates_public_key(args: argparse.Namespace, settings: Settings) -> int:
    pem = public_pem(certificates.signing_key(settings.signing_key_path).public)
    if args.output:
        Path(args.output).write_bytes(pem)
        print(f"kunci publik ditulis ke {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(pem.decode("ascii"))
    return 0
