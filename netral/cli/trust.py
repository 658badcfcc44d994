"""Certificate commands: list, pdf, verify (offline), revoke, public-key."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from db import engine_for, reading, transaction
from netral.certificates import issuing as certificates
from netral.certificates import listing, managing
from netral.certificates.numbering import normalise_number
from netral.certificates.signing import load_or_create_key, load_public_key, public_pem
from netral.certificates.verification import check_pdf_offline
from netral.cli.common import CliError, group
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
    verify_cmd = certs.add_parser("verify", help="periksa keaslian PDF dengan kunci publik saja (tanpa basis data)")
    verify_cmd.add_argument("file", metavar="FILE.pdf")
    verify_cmd.add_argument("--public-key", metavar="PEM", help="kunci publik instansi (bawaan: dari kunci tanda tangan)")
    verify_cmd.set_defaults(handler=_certificates_verify)
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
    # Deliberately no database: only the file and the agency's public key.
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"berkas tidak ditemukan: {path}")
    if args.public_key:
        key = load_public_key(Path(args.public_key).read_bytes())
    elif settings.signing_key_path.exists():
        key = load_or_create_key(settings.signing_key_path).public
    else:
        raise CliError("kunci publik tidak ada; berikan --public-key FILE (unduh dari halaman verifikasi)")
    result = check_pdf_offline(path.read_bytes(), key)
    if not result.genuine:
        print(f"TIDAK ASLI: {result.reason}")
        return 1
    facts = result.facts or {}
    print(f"ASLI: {result.reason}")
    print(
        f"  nomor {facts.get('number')} · {facts.get('name')} · NIP {facts.get('nip')} · terbit {facts.get('issued')}"
        + (f" · berlaku sampai {facts['valid_until']}" if facts.get("valid_until") else "")
    )
    print("  status terkini (dicabut atau tidak) hanya dapat dipastikan di halaman verifikasi daring")
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
