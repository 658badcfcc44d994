"""Roster import, second half: write a checked roster, in chunks short enough that nobody else waits long.

A 20,000-row import used to hold SQLite's only write lock for about half a minute (past busy_timeout), so an
answer given meanwhile could not be stored. Now everything slow happens before the first write: the file is
planned and refused as a whole when it has errors (so bad input never leaves a half-import), and the initial
passwords are hashed. The rows are then written `CHUNK_ROWS` at a time, each chunk its own short transaction,
and the leavers and the audit entry last. If the process dies between chunks, the rows written so far stay
(each is a complete employee with their account) and importing the same file again finishes the job: an
import is keyed by NIP, so repeating it changes nothing already right.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db import queries, reading, transaction
from db.engine import is_postgresql
from db.models import Employee, OrgUnit
from netral.core import audit
from netral.core.enums import AuditAction, ImportMode, Role
from netral.core.nip import parse_nip
from netral.identity.passwords import generate_initial_password, hash_initial_password
from netral.people.accounts import open_account_hashed
from netral.people.authority import Actor, acting_scope, actor_account_id
from netral.people.roster.importing import (
    BIRTH_DATE,
    DEACTIVATE,
    VALID_ONLY,
    ImportOutcome,
    InitialPassword,
    RosterPlan,
    RosterRefused,
    first_login_mode,
    plan_import,
)
from netral.people.roster.reading import RosterFile, RosterRow
from netral.people.units import UnitTree

# About 0.3-1.5 s of writing per chunk on SQLite on the 2-core test machine (docs/security.md).
CHUNK_ROWS = 500
# SQLite's lock is not fair: a waiting writer polls (every 100 ms once it has waited a while), and an importer
# that begins its next chunk at once keeps winning; 20,000 rows then starved an answer for 12-24 s. A pause
# longer than one poll between chunks lets whoever waits in. PostgreSQL queues lock waiters, so no pause there.
SQLITE_PAUSE_SECONDS = 0.15
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class _Prepared:
    plan: RosterPlan
    # NIP -> (argon2 hash, password shown to HR or "" for the birth-date mode), for rows that get a new account.
    secrets: dict[str, tuple[str, str]]


def import_roster(
    engine: Engine,
    roster: RosterFile,
    *,
    actor: Actor,
    full_sync: bool,
    mode: ImportMode,
    agency_name: str,
    now: datetime,
    filename: str = "",
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportOutcome:
    """Check the whole roster, then write its rows in short transactions; refuse before writing anything."""
    with reading(engine) as session:
        prepared = _prepare(session, roster, actor=actor, full_sync=full_sync, mode=mode, agency_name=agency_name)
    passwords: list[InitialPassword] = []
    for done, rows in _chunks(roster.rows, chunk_rows):
        with transaction(engine) as session:
            passwords += _write_rows(session, rows, prepared, agency_name=agency_name, now=now)
        if progress is not None:
            progress(done, len(roster.rows))
        if not is_postgresql(engine):
            time.sleep(SQLITE_PAUSE_SECONDS)
    with transaction(engine) as session:
        _finish(session, prepared, actor=actor, filename=filename, now=now)
    return ImportOutcome(prepared.plan, tuple(p for p in passwords if p.password))


def apply_import(
    session: Session,
    roster: RosterFile,
    *,
    actor: Actor,
    full_sync: bool,
    mode: ImportMode,
    agency_name: str,
    now: datetime,
    filename: str = "",
    progress: Progress | None = None,
) -> ImportOutcome:
    """The same import inside the caller's one transaction (all rows or none), for a roster of a few hundred rows."""
    prepared = _prepare(session, roster, actor=actor, full_sync=full_sync, mode=mode, agency_name=agency_name)
    passwords: list[InitialPassword] = []
    for done, rows in _chunks(roster.rows, 200):
        passwords += _write_rows(session, rows, prepared, agency_name=agency_name, now=now)
        if progress is not None:
            progress(done, len(roster.rows))
    _finish(session, prepared, actor=actor, filename=filename, now=now)
    return ImportOutcome(prepared.plan, tuple(p for p in passwords if p.password))


def _prepare(
    session: Session, roster: RosterFile, *, actor: Actor, full_sync: bool, mode: ImportMode, agency_name: str
) -> _Prepared:
    plan = plan_import(session, roster, actor=actor, full_sync=full_sync, agency_name=agency_name)
    if plan.problems and mode != VALID_ONLY:
        raise RosterRefused(
            f"Tidak ada yang diimpor: berkas masih memuat {len(plan.problems)} kesalahan. Perbaiki berkasnya dulu."
        )
    if not roster.rows:
        raise RosterRefused("Tidak ada baris yang sah untuk diimpor.")
    known = queries.employees_by_nip(session, [row.nip for row in roster.rows])
    with_account = set(queries.accounts_of(session, [e.id for e in known.values()]))
    first_login = first_login_mode(session)
    secrets = {}
    for row in roster.rows:
        employee = known.get(row.nip)
        if employee is None or employee.id not in with_account:
            if first_login == BIRTH_DATE:
                password, shown = parse_nip(row.nip).birth_date.strftime("%d%m%Y"), ""
            else:
                password = shown = generate_initial_password()
            secrets[row.nip] = (hash_initial_password(password), shown)
    return _Prepared(plan, secrets)


def _chunks(rows: Sequence[RosterRow], size: int) -> Iterator[tuple[int, Sequence[RosterRow]]]:
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        yield start + len(chunk), chunk


def _write_rows(
    session: Session, rows: Sequence[RosterRow], prepared: _Prepared, *, agency_name: str, now: datetime
) -> list[InitialPassword]:
    # Employees and accounts are read again inside this transaction: another admin may have changed them.
    tree = UnitTree.load(session, agency_name)
    known = queries.employees_by_nip(session, [row.nip for row in rows])
    accounts = queries.accounts_of(session, [e.id for e in known.values()])
    fresh = []
    for row in rows:
        employee = known.get(row.nip) or _new_employee(session, row, now)
        _copy_row(employee, row, tree.unit_for(session, row.perangkat_daerah, row.unit_kerja), now)
        if employee.id is None or employee.id not in accounts:
            fresh.append((employee, row))
    session.flush()  # new employees get their ids before their accounts
    passwords = []
    for employee, row in fresh:
        password_hash, shown = prepared.secrets.get(row.nip) or (hash_initial_password(generate_initial_password()), "")
        open_account_hashed(session, employee=employee, role=Role.PESERTA, password_hash=password_hash, now=now)
        unit = f"{row.perangkat_daerah} / {row.unit_kerja}" if row.unit_kerja else row.perangkat_daerah
        passwords.append(InitialPassword(row.nip, row.name, unit, shown))
    return passwords


def _finish(session: Session, prepared: _Prepared, *, actor: Actor, filename: str, now: datetime) -> None:
    plan = prepared.plan
    acting_scope(session, actor, whole_agency=True)  # still a super admin at the end of a long import
    leavers = [c.employee_id for c in plan.changes if c.action == DEACTIVATE and c.employee_id is not None]
    queries.deactivate_employees(session, leavers, now)
    details = {"file": filename, **plan.summary(imported=True), "errors": len(plan.problems), "full_sync": plan.full_sync}
    audit.record(session, actor_account_id(actor), AuditAction.ROSTER_IMPORT, filename or "roster", details=details, now=now)


def _new_employee(session: Session, row: RosterRow, now: datetime) -> Employee:
    employee = Employee(nip=row.nip, name=row.name, active=True, created_at=now, updated_at=now)
    session.add(employee)
    return employee


def _copy_row(employee: Employee, row: RosterRow, unit: OrgUnit, now: datetime) -> None:
    values = {"name": row.name, "jabatan": row.jabatan or None, "email": row.email or None, "unit_id": unit.id}
    values["pangkat"], values["atasan_nip"] = row.pangkat or None, row.atasan_nip or None
    if not employee.active or any(getattr(employee, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(employee, key, value)
        employee.active, employee.deactivated_at, employee.updated_at = True, None, now
