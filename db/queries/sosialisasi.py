"""Named queries of the sosialisasi context: events, attendance and live answers (imported as a module)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Row, func, literal, select
from sqlalchemy.orm import Session

from db.models import Attendance, Cycle, Employee, EventItem, LiveAnswer, OrgUnit, Sosialisasi


def event(session: Session, event_id: int, *, lock: bool = False) -> Sosialisasi | None:
    """One event; `lock` holds its row until commit, so a presenter's close waits for answers being stored."""
    stmt = select(Sosialisasi).where(Sosialisasi.id == event_id)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(read=True)
    return session.scalars(stmt).one_or_none()


def events(session: Session, scope_unit_ids: Collection[int] | None) -> Sequence[Sosialisasi]:
    """Events newest first; an admin perangkat daerah sees those made in their scope."""
    stmt = select(Sosialisasi).order_by(Sosialisasi.starts_at.desc(), Sosialisasi.id.desc())
    if scope_unit_ids is not None:
        stmt = stmt.where(Sosialisasi.scope_unit_id.in_(sorted(scope_unit_ids)))
    return session.scalars(stmt).all()


def cycle_names(session: Session, event_ids: Collection[int]) -> dict[int, str]:
    """The cycle name of each event that belongs to one."""
    stmt = select(Sosialisasi.id, Cycle.name).join(Cycle, Cycle.id == Sosialisasi.cycle_id)
    return dict(session.execute(stmt.where(Sosialisasi.id.in_(sorted(event_ids)))).all())


def events_with_attendance_open(session: Session) -> Sequence[Sosialisasi]:
    """Events whose attendance is open now (a 6-character code is looked up among these)."""
    return session.scalars(select(Sosialisasi).where(Sosialisasi.attendance_open.is_(True))).all()


def items(session: Session, event_id: int) -> Sequence[EventItem]:
    """The live quiz's items in order."""
    return session.scalars(select(EventItem).where(EventItem.event_id == event_id).order_by(EventItem.position)).all()


def item_at(session: Session, event_id: int, position: int) -> EventItem | None:
    """The item at a position of the live quiz."""
    stmt = select(EventItem).where(EventItem.event_id == event_id, EventItem.position == position)
    return session.scalars(stmt).one_or_none()


def attendance_of(session: Session, event_id: int, employee_id: int) -> Attendance | None:
    """One person's attendance at one event."""
    stmt = select(Attendance).where(Attendance.event_id == event_id, Attendance.employee_id == employee_id)
    return session.scalars(stmt).one_or_none()


def attendance_list(session: Session, event_id: int) -> Sequence[Row[Attendance, Employee, OrgUnit | None]]:
    """Who attended, in order of arrival, with their unit."""
    stmt = (
        select(Attendance, Employee, OrgUnit)
        .join(Employee, Employee.id == Attendance.employee_id)
        .outerjoin(OrgUnit, OrgUnit.id == Employee.unit_id)
        .where(Attendance.event_id == event_id)
        .order_by(Attendance.checked_in_at, Attendance.id)
    )
    return session.execute(stmt).all()


def attendance_count(session: Session, event_id: int) -> int:
    """How many people are checked in."""
    return session.scalar(select(func.count()).select_from(Attendance).where(Attendance.event_id == event_id)) or 0


def attended_by(session: Session, employee_id: int) -> Sequence[Row[Sosialisasi, Attendance, str | None]]:
    """The events one person attended, newest first, with the name of the cycle each belongs to."""
    stmt = (
        select(Sosialisasi, Attendance, Cycle.name)
        .join(Attendance, Attendance.event_id == Sosialisasi.id)
        .outerjoin(Cycle, Cycle.id == Sosialisasi.cycle_id)
        .where(Attendance.employee_id == employee_id)
        .order_by(Sosialisasi.starts_at.desc())
    )
    return session.execute(stmt).all()


def live_answer(session: Session, item_id: int, round_: str, employee_id: int) -> LiveAnswer | None:
    """One person's answer to one item in one round."""
    stmt = select(LiveAnswer).where(
        LiveAnswer.item_id == item_id, LiveAnswer.round == round_, LiveAnswer.employee_id == employee_id
    )
    return session.scalars(stmt).one_or_none()


def answers_of(session: Session, event_id: int, employee_id: int) -> Sequence[LiveAnswer]:
    """Everything one person answered at one event."""
    stmt = select(LiveAnswer).where(LiveAnswer.event_id == event_id, LiveAnswer.employee_id == employee_id)
    return session.scalars(stmt).all()


def option_counts(session: Session, item_id: int, round_: str) -> Sequence[Row[list[str], int]]:
    """How many chose each selection for one item in one round (the selection as stored)."""
    stmt = (
        select(LiveAnswer.selected, func.count())
        .where(LiveAnswer.item_id == item_id, LiveAnswer.round == round_)
        .group_by(LiveAnswer.selected)
    )
    return session.execute(stmt).all()


def live_unit_tallies(session: Session, unit_ids: Collection[int] | None) -> list[tuple[int, str, int, int]]:
    """(unit id or 0, category, answered, wrong) of live answers, within the units (None: all): the peta kerawanan's
    source of its own (answers in a hall, before and after a talk, are not quiz attempts)."""
    unit = func.coalesce(Employee.unit_id, literal(0)).label("unit_key")
    stmt = (
        select(unit, EventItem.category, func.count(), func.count().filter(LiveAnswer.correct.is_(False)))
        .join(LiveAnswer, LiveAnswer.item_id == EventItem.id)
        .join(Employee, Employee.id == LiveAnswer.employee_id)
        .group_by(unit, EventItem.category)
    )
    if unit_ids is not None:
        stmt = stmt.where(unit.in_(sorted(unit_ids)))
    return [(int(u), str(c), int(a), int(w)) for u, c, a, w in session.execute(stmt).all()]


def invited_by_unit(session: Session, unit_ids: Collection[int] | None) -> Sequence[Row[int | None, int]]:
    """Active employees per unit among the invited units (None: the whole agency)."""
    stmt = select(Employee.unit_id, func.count()).where(Employee.active.is_(True)).group_by(Employee.unit_id)
    if unit_ids is not None:
        stmt = stmt.where(Employee.unit_id.in_(sorted(unit_ids)))
    return session.execute(stmt).all()


def attended_by_unit(session: Session, event_id: int) -> Sequence[Row[int | None, int]]:
    """Checked-in people per unit."""
    stmt = (
        select(Employee.unit_id, func.count())
        .join(Attendance, Attendance.employee_id == Employee.id)
        .where(Attendance.event_id == event_id)
        .group_by(Employee.unit_id)
    )
    return session.execute(stmt).all()


def event_answers(session: Session, event_id: int) -> Sequence[LiveAnswer]:
    """Every live answer given at one event."""
    return session.scalars(select(LiveAnswer).where(LiveAnswer.event_id == event_id)).all()
