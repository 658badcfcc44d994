"""Named queries about election cycles, their cohorts and the reminder outbox's reads."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import Attempt, Certificate, Cycle, CycleUnit, Employee, OrgUnit


def all_cycles(session: Session) -> Sequence[Cycle]:
    """Every cycle, newest first."""
    return session.scalars(select(Cycle).order_by(Cycle.opens_on.desc(), Cycle.id.desc())).all()


def cycle_for_update(session: Session, cycle_id: int) -> Cycle | None:
    """A cycle, locked until the transaction ends (PostgreSQL; SQLite's writer holds the file)."""
    return session.scalars(select(Cycle).where(Cycle.id == cycle_id).with_for_update()).one_or_none()


def open_cycles(session: Session, today: date) -> Sequence[Cycle]:
    """Cycles opened by `today` and not closed, the most recently opened first."""
    stmt = select(Cycle).where(Cycle.closed_at.is_(None), Cycle.opens_on <= today)
    return session.scalars(stmt.order_by(Cycle.opens_on.desc(), Cycle.id.desc())).all()


def unclosed_cycles(session: Session) -> Sequence[Cycle]:
    """Every cycle not closed yet (opened or still to open)."""
    return session.scalars(select(Cycle).where(Cycle.closed_at.is_(None)).order_by(Cycle.opens_on)).all()


def cohort_units(session: Session, cycle_ids: Collection[int]) -> dict[int, set[int]]:
    """The perangkat daerah of each cycle's cohort (an empty set for a whole-agency cycle)."""
    found: dict[int, set[int]] = {cycle_id: set() for cycle_id in cycle_ids}
    stmt = select(CycleUnit.cycle_id, CycleUnit.unit_id).where(CycleUnit.cycle_id.in_(sorted(cycle_ids)))
    for cycle_id, unit_id in session.execute(stmt):
        found[cycle_id].add(unit_id)
    return found


def office_of_employee(session: Session, employee_id: int) -> int | None:
    """The perangkat daerah an employee sits in (their unit's parent when in a unit kerja)."""
    stmt = select(OrgUnit.id, OrgUnit.level, OrgUnit.parent_id).join(Employee, Employee.unit_id == OrgUnit.id)
    row = session.execute(stmt.where(Employee.id == employee_id)).first()
    if row is None:
        return None
    return row.id if row.level == "perangkat_daerah" else row.parent_id if row.level == "unit_kerja" else None


def offices_of_units(session: Session, unit_ids: Collection[int]) -> set[int | None]:
    """The perangkat daerah each unit belongs to (itself, or a unit kerja's parent; None for a unit above them)."""
    stmt = select(OrgUnit.id, OrgUnit.level, OrgUnit.parent_id).where(OrgUnit.id.in_(sorted(unit_ids)))
    return {
        row.id if row.level == "perangkat_daerah" else row.parent_id if row.level == "unit_kerja" else None
        for row in session.execute(stmt)
    }


def previous_cycle(session: Session, cycle: Cycle) -> Cycle | None:
    """The cycle opened last before this one (whichever its cohort)."""
    stmt = select(Cycle).where(Cycle.opens_on < cycle.opens_on, Cycle.id != cycle.id)
    return session.scalars(stmt.order_by(Cycle.opens_on.desc(), Cycle.id.desc()).limit(1)).first()


def certified_in(session: Session, employee_id: int, cycle_id: int | None) -> bool:
    """Whether the employee earned an unrevoked certificate in this cycle (None: before cycles existed)."""
    wanted = Certificate.cycle_id.is_(None) if cycle_id is None else Certificate.cycle_id == cycle_id
    stmt = select(Certificate.id).where(Certificate.employee_id == employee_id, Certificate.revoked_at.is_(None), wanted)
    return session.scalars(stmt.limit(1)).first() is not None


def cycle_names(session: Session, cycle_ids: Collection[int]) -> dict[int, str]:
    """The names of some cycles by id."""
    return dict(session.execute(select(Cycle.id, Cycle.name).where(Cycle.id.in_(sorted(cycle_ids)))).all())


def replace_cohort(session: Session, cycle_id: int, office_ids: Collection[int]) -> None:
    """Make these perangkat daerah the cycle's cohort (none: the whole agency)."""
    session.execute(delete(CycleUnit).where(CycleUnit.cycle_id == cycle_id))
    session.add_all(CycleUnit(cycle_id=cycle_id, unit_id=office_id) for office_id in sorted(set(office_ids)))
    session.flush()


def started_in(session: Session, employee_id: int, cycle_id: int) -> bool:
    """Whether the employee has started any quiz in this cycle."""
    stmt = select(Attempt.id).where(Attempt.employee_id == employee_id, Attempt.cycle_id == cycle_id)
    return session.scalars(stmt.limit(1)).first() is not None
