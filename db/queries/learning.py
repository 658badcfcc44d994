"""Queries of the learning record: reading positions, knowledge-check answers and scenario runs."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from db.models import CheckAnswer, Employee, ModuleProgress, ScenarioChoice, ScenarioRun
from db.queries.people import SelectT


def module_progress(session: Session, employee_id: int, module_id: int, *, for_update: bool = False) -> ModuleProgress | None:
    """Where the employee stands in one module's sections."""
    stmt = select(ModuleProgress).where(ModuleProgress.employee_id == employee_id, ModuleProgress.module_id == module_id)
    return session.scalars(stmt.with_for_update() if for_update else stmt).one_or_none()


def latest_progress(session: Session, employee_id: int) -> ModuleProgress | None:
    """The module the employee read last."""
    stmt = (
        select(ModuleProgress)
        .where(ModuleProgress.employee_id == employee_id)
        .order_by(ModuleProgress.updated_at.desc(), ModuleProgress.module_id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def progress_of(session: Session, employee_id: int) -> dict[int, ModuleProgress]:
    """Every module's reading position of one employee, by module id."""
    rows = session.scalars(select(ModuleProgress).where(ModuleProgress.employee_id == employee_id))
    return {row.module_id: row for row in rows}


def check_answers_of(session: Session, employee_id: int, module_id: int) -> dict[str, CheckAnswer]:
    """The employee's stored knowledge-check answers in one module, by check key."""
    stmt = select(CheckAnswer).where(CheckAnswer.employee_id == employee_id, CheckAnswer.module_id == module_id)
    return {row.check_key: row for row in session.scalars(stmt)}


def _in_cycle(stmt: SelectT, cycle_id: int | None) -> SelectT:
    # As for attempts: with no cycle open every run counts; within a cycle only that cycle's.
    return stmt if cycle_id is None else stmt.where(ScenarioRun.cycle_id == cycle_id)


def open_run(
    session: Session, employee_id: int, module_id: int, *, cycle_id: int | None = None, for_update: bool = False
) -> ScenarioRun | None:
    """The employee's newest scenario run in a module (finished or not), within a cycle (None: any)."""
    stmt = select(ScenarioRun).where(ScenarioRun.employee_id == employee_id, ScenarioRun.module_id == module_id)
    stmt = _in_cycle(stmt, cycle_id).order_by(ScenarioRun.id.desc()).limit(1)
    return session.scalars(stmt.with_for_update() if for_update else stmt).first()


def finished_scenarios(session: Session, employee_id: int, *, cycle_id: int | None = None) -> set[int]:
    """Ids of the modules whose scenario the employee has played to an ending, within a cycle (None: in any)."""
    stmt = select(ScenarioRun.module_id).where(ScenarioRun.employee_id == employee_id, ScenarioRun.ending.is_not(None))
    return set(session.scalars(_in_cycle(stmt, cycle_id).distinct()))


def live_choices(session: Session, run_id: int) -> list[ScenarioChoice]:
    """The choices of a run not taken back, in order."""
    stmt = select(ScenarioChoice).where(ScenarioChoice.run_id == run_id, ScenarioChoice.undone.is_(False))
    return list(session.scalars(stmt.order_by(ScenarioChoice.step)))


def check_tallies(session: Session, unit_ids: Collection[int] | None) -> list[tuple[int, str, int, int]]:
    """(unit id or 0, category, answered, wrong) of first knowledge-check answers, within the units (None: all)."""
    unit = func.coalesce(Employee.unit_id, literal(0)).label("unit_key")
    stmt = (
        select(unit, CheckAnswer.category, func.count(), func.sum(case((CheckAnswer.correct.is_(False), 1), else_=0)))
        .join(Employee, Employee.id == CheckAnswer.employee_id)
        .group_by(unit, CheckAnswer.category)
    )
    if unit_ids is not None:
        stmt = stmt.where(unit.in_(sorted(unit_ids)))
    return _counted(session.execute(stmt).all())


def scenario_tallies(session: Session, unit_ids: Collection[int] | None) -> list[tuple[int, str, int, int]]:
    """(unit id or 0, category, choices, unsound choices) of scenario choices kept (not taken back)."""
    unit = func.coalesce(Employee.unit_id, literal(0)).label("unit_key")
    stmt = (
        select(unit, ScenarioChoice.category, func.count(), func.sum(case((ScenarioChoice.sound.is_(False), 1), else_=0)))
        .join(ScenarioRun, ScenarioRun.id == ScenarioChoice.run_id)
        .join(Employee, Employee.id == ScenarioRun.employee_id)
        .where(ScenarioChoice.undone.is_(False))
        .group_by(unit, ScenarioChoice.category)
    )
    if unit_ids is not None:
        stmt = stmt.where(unit.in_(sorted(unit_ids)))
    return _counted(session.execute(stmt).all())


def _counted(rows: Sequence[Any]) -> list[tuple[int, str, int, int]]:
    return [(int(u), str(c), int(n), int(w or 0)) for u, c, n, w in rows]
