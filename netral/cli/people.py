"""HR commands: roster import, completion report, misconception recount, audit log export."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from db import engine_for, reading
from netral.cli.common import CliError, group
from netral.core import audit
from netral.core.dates import utcnow
from netral.core.exports import to_csv, to_xlsx
from netral.core.files import write_private
from netral.core.settings import Settings
from netral.hr import completion
from netral.hr.paper.slips import Slip, password_slips_pdf
from netral.learning import tallies
from netral.people.roster.importing import ALL_OR_NOTHING, VALID_ONLY, RosterRefused, plan_import
from netral.people.roster.passwords import initial_passwords_xlsx
from netral.people.roster.reading import read_roster
from netral.people.roster.writing import import_roster
from netral.people.scope import WHOLE_AGENCY
from netral.startup import prepare_database


def register(commands: Any) -> None:
    """Add the roster, report and audit commands."""
    roster = group(commands, "roster", "data pegawai")
    load = roster.add_parser("import", help="impor data pegawai dari CSV atau XLSX")
    load.add_argument("file", metavar="FILE", help="berkas .csv atau .xlsx")
    load.add_argument("--dry-run", action="store_true", help="periksa dan tampilkan rencana saja, tanpa mengubah apa pun")
    load.add_argument("--json", action="store_true", help="keluaran JSON")
    load.add_argument("--full-sync", action="store_true", help="nonaktifkan pegawai yang tidak ada di berkas")
    load.add_argument("--valid-only", action="store_true", help="impor baris yang sah walau berkas memuat kesalahan")
    load.add_argument(
        "--passwords", metavar="FILE.xlsx", help="simpan kata sandi awal akun baru (bawaan: kata-sandi-awal-WAKTU.xlsx)"
    )
    load.add_argument("--slips", metavar="FILE.pdf", help="juga simpan slip kata sandi awal, empat per halaman A4 (PDF)")
    load.set_defaults(handler=_roster_import)
    report = group(commands, "report", "laporan")
    completion = report.add_parser("completion", help="penyelesaian per perangkat daerah dan unit kerja")
    shape = completion.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="keluaran JSON")
    shape.add_argument("--csv", action="store_true", help="keluaran CSV (titik koma, aman dibuka di Excel)")
    completion.set_defaults(handler=_report_completion)
    recount = report.add_parser("recount-misconceptions", help="hitung ulang peta kerawanan dan angka siklus dari jawaban")
    recount.set_defaults(handler=_recount)
    log = group(commands, "audit", "log audit")
    export = log.add_parser("export", help="ekspor log audit")
    export.add_argument("-o", "--output", metavar="FILE", required=True, help="berkas .csv atau .xlsx")
    export.set_defaults(handler=_audit_export)


def _roster_import(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"berkas tidak ditemukan: {path}")
    roster = read_roster(path.read_bytes(), path.name)
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    if args.dry_run:
        with reading(engine) as session:
            plan = plan_import(session, roster, actor=None, full_sync=args.full_sync, agency_name=settings.agency_name)
        return _report_roster(plan.summary(imported=False), args.json, plan.changes)
    mode = VALID_ONLY if args.valid_only else ALL_OR_NOTHING
    try:
        outcome = import_roster(
            engine, roster, actor=None, full_sync=args.full_sync, mode=mode, agency_name=settings.agency_name,
            now=utcnow(), filename=path.name,
        )  # fmt: skip
    except RosterRefused as exc:
        with reading(engine) as session:
            plan = plan_import(session, roster, actor=None, full_sync=args.full_sync, agency_name=settings.agency_name)
        _report_roster(plan.summary(imported=False), args.json, ())
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    if outcome.passwords:
        target = Path(args.passwords or f"kata-sandi-awal-{utcnow():%Y%m%d-%H%M%S}.xlsx")
        write_private(target, initial_passwords_xlsx(outcome.passwords))
        if args.slips:
            slips = [Slip(p.name, p.nip, p.password, p.unit) for p in outcome.passwords]
            pdf = password_slips_pdf(slips, base_url=settings.base_url, agency=settings.agency_name, created=utcnow())
            write_private(Path(args.slips), pdf)
            print(f"slip kata sandi {len(slips)} akun baru disimpan di {args.slips}", file=sys.stderr)
        print(
            f"kata sandi awal {len(outcome.passwords)} akun baru disimpan di {target} (simpan aman, bagikan, lalu hapus)",
            file=sys.stderr,
        )
    _report_roster(outcome.plan.summary(imported=True), args.json, ())
    return 1 if roster.problems else 0


def _report_roster(summary: dict[str, Any], as_json: bool, changes: Any) -> int:
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
        return 1 if summary["errors"] else 0
    verb = "diimpor" if summary["imported"] else "akan diimpor (uji coba)"
    counts = f"tambah {summary['added']}, ubah {summary['updated']}, nonaktifkan {summary['deactivated']}"
    print(f"{summary['valid']} baris sah {verb}: {counts}")
    for change in changes:
        where = f"baris {change.row}" if change.row else "-"
        print(f"  {change.action:<20} {where:<10} {change.nip} {change.name}  {change.details}")
    for error in summary["errors"]:
        where = f"baris {error['row']}" if error["row"] else "berkas"
        column = f", kolom {error['column']}" if error["column"] else ""
        print(f"galat: {where}{column}: {error['reason']}", file=sys.stderr)
    return 1 if summary["errors"] else 0


def _report_completion(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    with reading(engine) as session:
        units = completion.completion_by_unit(session, WHOLE_AGENCY, agency_name=settings.agency_name, now=utcnow())
    header, rows = completion.completion_table(units, with_unit=True)
    if args.json:
        total = completion.completion_total(units, settings.agency_name)
        print(
            json.dumps(
                {"total": _figures(total), "units": [dict(zip(header, row, strict=True)) for row in rows]}, ensure_ascii=False
            )
        )
    elif args.csv:
        sys.stdout.buffer.write(to_csv(header, rows))
    else:
        for row in rows:
            print("  ".join(str(cell) for cell in row))
    return 0


def _figures(row: completion.Completion) -> dict[str, Any]:
    return {
        "employees": row.total,
        "not_started": row.not_started,
        "in_progress": row.in_progress,
        "completed": row.completed,
        "percent": row.percent,
    }


def _recount(_args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    count = tallies.recount_in_steps(engine)
    print(f"peta kerawanan dihitung ulang: {count} sel")
    return 0


def _audit_export(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    with reading(engine) as session:
        header, rows = audit.audit_table(session, zone=settings.zone)
    target = Path(args.output)
    target.write_bytes(to_xlsx(header, rows, sheet="Log audit") if target.suffix.lower() == ".xlsx" else to_csv(header, rows))
    print(f"{len(rows)} entri log audit disimpan di {target}")
    return 0
