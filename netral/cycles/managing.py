"""Creating, changing and closing a cycle: super admins only, audited, refused in Indonesian when it does not hold.

The rules: a name; a deadline on or after the open date; a cohort (the whole agency or at least one perangkat
daerah); refresher modules that exist; and one cycle open at a time per cohort, meaning no two unclosed cycles
whose dates overlap may share a perangkat daerah (a whole-agency cycle shares every one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import Cycle
from db.queries import cycles as cycle_queries
from netral.core.audit import record
from netral.core.cycle_enums import CycleKind, CyclePath
from netral.core.dates import format_date
from netral.core.enums import AuditAction, UnitLevel
from netral.core.errors import NotFound, Refusal
from netral.cycles.current import CycleView
from netral.people.authority import Actor, acting_scope, actor_account_id


class CycleRefused(Refusal):
    """A cycle that breaks one of the rules above."""


@dataclass(frozen=True)
class CycleDraft:
    """What a super admin fills in for a cycle."""

    name: str
    kind: CycleKind
    opens_on: date
    deadline: date
    voting_day: date | None = None
    path: CyclePath = CyclePath.FULL
    refresher_modules: tuple[str, ...] = ()
    office_ids: tuple[int, ...] = ()  # empty: the whole agency
    valid_months_after_vote: int | None = None
    reminders: dict[str, Any] = field(default_factory=dict)


def create_cycle(session: Session, *, actor: Actor, draft: CycleDraft, now: datetime) -> CycleView:
    """Create a cycle (super admins, audited)."""
    acting_scope(session, actor, whole_agency=True)
    _check(session, draft, cycle_id=None)
    cycle = Cycle(created_at=now, closed_at=None)
    _apply(session, cycle, draft)
    record(session, actor_account_id(actor), AuditAction.CYCLE_CREATE, draft.name, now=now, details=_details(draft))
    return CycleView.of(cycle)


def change_cycle(session: Session, *, actor: Actor, cycle_id: int, draft: CycleDraft, now: datetime) -> CycleView:
    """Change a cycle not yet closed: set the voting day once known, move the deadline, ... (super admins, audited)."""
    acting_scope(session, actor, whole_agency=True)
    cycle = _unclosed(session, cycle_id)
    _check(session, draft, cycle_id=cycle.id)
    _apply(session, cycle, draft)
    record(session, actor_account_id(actor), AuditAction.CYCLE_CHANGE, draft.name, now=now, details=_details(draft))
    return CycleView.of(cycle)


def close_cycle(session: Session, *, actor: Actor, cycle_id: int, now: datetime) -> CycleView:
    """Close a cycle: it stays readable as history, and its cohort may open the next one (super admins, audited)."""
    acting_scope(session, actor, whole_agency=True)
    cycle = _unclosed(session, cycle_id)
    cycle.closed_at = now
    record(session, actor_account_id(actor), AuditAction.CYCLE_CLOSE, cycle.name, now=now, details={"id": cycle.id})
    return CycleView.of(cycle)


def list_cycles(session: Session, *, actor: Actor) -> list[CycleView]:
    """Every cycle, newest first (administrators)."""
    acting_scope(session, actor)
    return [CycleView.of(cycle) for cycle in cycle_queries.all_cycles(session)]


def office_choices(session: Session, *, actor: Actor) -> dict[int, str]:
    """The perangkat daerah a cohort may name, by id (super admins)."""
    acting_scope(session, actor, whole_agency=True)
    offices = [unit for unit in queries.all_units(session) if unit.level == UnitLevel.OFFICE]
    return {unit.id: unit.name for unit in sorted(offices, key=lambda unit: unit.name.casefold())}


def module_choices(session: Session, *, actor: Actor) -> dict[str, str]:
    """The modules a refresher may ask again, key → title (super admins)."""
    acting_scope(session, actor, whole_agency=True)
    return {module.key: module.title for module in queries.active_modules(session)}


def _unclosed(session: Session, cycle_id: int) -> Cycle:
    cycle = cycle_queries.cycle_for_update(session, cycle_id)
    if cycle is None:
        raise NotFound("Siklus tidak ditemukan.")
    if cycle.closed_at is not None:
        raise CycleRefused(f"Siklus «{cycle.name}» sudah ditutup dan tidak dapat diubah lagi.")
    return cycle


def _check(session: Session, draft: CycleDraft, *, cycle_id: int | None) -> None:
    if not draft.name.strip():
        raise CycleRefused("Nama siklus wajib diisi, misalnya «Pemilu 2029».")
    if len(draft.name.strip()) > 120:
        raise CycleRefused("Nama siklus paling panjang 120 karakter.")
    if draft.deadline < draft.opens_on:
        raise CycleRefused(
            f"Tenggat penyelesaian ({format_date(draft.deadline)}) tidak boleh sebelum tanggal siklus dibuka "
            f"({format_date(draft.opens_on)})."
        )
    if draft.valid_months_after_vote is not None and not 0 <= draft.valid_months_after_vote <= 120:
        raise CycleRefused("Masa berlaku sertifikat setelah hari pemungutan suara harus antara 0 dan 120 bulan.")
    _check_offices(session, draft.office_ids)
    _check_modules(session, draft)
    _check_overlap(session, draft, cycle_id)


def _check_offices(session: Session, office_ids: tuple[int, ...]) -> None:
    for office_id in office_ids:
        unit = queries.unit_by_id(session, office_id)
        if unit is None or unit.level != UnitLevel.OFFICE:
            raise CycleRefused("Kelompok peserta hanya dapat berisi perangkat daerah yang terdaftar.")


def _check_modules(session: Session, draft: CycleDraft) -> None:
    if draft.path is not CyclePath.REFRESHER:
        return
    known = {module.key for module in queries.active_modules(session)}
    unknown = sorted(set(draft.refresher_modules) - known)
    if unknown:
        raise CycleRefused(f"Modul penyegaran tidak dikenal: {', '.join(unknown)}.")


def _check_overlap(session: Session, draft: CycleDraft, cycle_id: int | None) -> None:
    others = [cycle for cycle in cycle_queries.unclosed_cycles(session) if cycle.id != cycle_id]
    cohorts = cycle_queries.cohort_units(session, [cycle.id for cycle in others])
    mine = set(draft.office_ids)
    for other in others:
        dates_overlap = other.opens_on <= draft.deadline and draft.opens_on <= other.deadline
        shared = not mine or other.whole_agency or bool(mine & cohorts[other.id])
        if dates_overlap and shared:
            raise CycleRefused(
                f"Siklus «{other.name}» ({format_date(other.opens_on)} – {format_date(other.deadline)}) masih terbuka "
                "untuk kelompok peserta yang sama: hanya satu siklus terbuka pada satu waktu untuk setiap kelompok. "
                "Tutup siklus itu dulu atau pilih tanggal yang tidak bertumpuk."
            )


def _apply(session: Session, cycle: Cycle, draft: CycleDraft) -> None:
    cycle.name = draft.name.strip()
    cycle.kind = draft.kind.value
    cycle.voting_day = draft.voting_day
    cycle.opens_on = draft.opens_on
    cycle.deadline = draft.deadline
    cycle.path = draft.path.value
    cycle.refresher_modules = list(draft.refresher_modules) if draft.path is CyclePath.REFRESHER else []
    cycle.whole_agency = not draft.office_ids
    cycle.valid_months_after_vote = draft.valid_months_after_vote
    cycle.reminders = draft.reminders or cycle.reminders or {}
    session.add(cycle)
    session.flush()
    cycle_queries.replace_cohort(session, cycle.id, draft.office_ids)


def _details(draft: CycleDraft) -> dict[str, Any]:
    return {
        "jenis": draft.kind.value,
        "dibuka": draft.opens_on.isoformat(),
        "tenggat": draft.deadline.isoformat(),
        "pemungutan_suara": draft.voting_day.isoformat() if draft.voting_day else None,
        "jalur": draft.path.value,
        "modul_penyegaran": list(draft.refresher_modules),
        "perangkat_daerah": sorted(draft.office_ids),
        "berlaku_bulan_setelah_pemungutan": draft.valid_months_after_vote,
    }
