"""HR views: every employee with their status per module, and how far each person is along the modules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Row
from sqlalchemy.orm import Session

from db import queries
from db.models import Module, Quiz
from netral.core.enums import QuizStatus
from netral.learning.path import status_of
from netral.people.authority import Actor, acting_scope
from netral.quizzes.rules import graded_score


@dataclass(frozen=True)
class Listing:
    """A table of people for the screen and the exports, with the employee id of each row (to open the person)."""

    header: list[str]
    rows: list[list[object]]
    ids: list[int] = field(default_factory=list)

    def pair(self) -> tuple[list[str], list[list[object]]]:
        """Header and rows, as the exports take them."""
        return self.header, self.rows


def employees_of(session: Session, *, actor: Actor, search: str = "") -> tuple[list[str], list[list[str]]]:
    """`employee_status_table` for the actor's scope, filtered by a part of the name or NIP."""
    listing = employee_listing(session, actor=actor, search=search)
    return listing.header, listing.rows  # type: ignore[return-value]


def employee_listing(session: Session, *, actor: Actor, search: str = "") -> Listing:
    """Every employee in the actor's scope (optionally matching a part of the name or NIP) with ids to open them."""
    header, rows, ids = _status_table(session, acting_scope(session, actor).unit_ids)
    needle = search.strip().casefold()
    if needle:
        kept = [i for i, row in enumerate(rows) if needle in str(row[1]).casefold() or needle in str(row[0])]
        rows, ids = [rows[i] for i in kept], [ids[i] for i in kept]
    return Listing(header, rows, ids)


def employee_status_table(session: Session, unit_ids: Collection[int] | None = None) -> tuple[list[str], list[list[str]]]:
    """Return column names and one row per employee (all, or some units'): identity, then a status per module."""
    header, rows, _ids = _status_table(session, unit_ids)
    return header, rows  # type: ignore[return-value]


def modules_passed(session: Session, unit_ids: Collection[int] | None) -> tuple[int, dict[int, int]]:
    """How many modules there are, and how many each employee (in those units) has passed."""
    modules = list(queries.module_quizzes(session))
    statuses = _statuses(session, unit_ids, modules)
    passed: dict[int, int] = defaultdict(int)
    for (employee_id, _quiz_id), status in statuses.items():
        passed[employee_id] += status is QuizStatus.PASSED
    return len(modules), passed


def _statuses(
    session: Session, unit_ids: Collection[int] | None, modules: Sequence[Row[Quiz, Module]]
) -> dict[tuple[int, int], QuizStatus]:
    quizzes = {quiz.id: quiz for quiz, _module in modules}
    scores: dict[tuple[int, int], list[float | None]] = defaultdict(list)
    for employee_id, quiz_id, score in queries.attempt_scores(session, unit_ids):
        if quiz_id in quizzes:
            scores[(employee_id, quiz_id)].append(score)
    statuses = {}
    for (employee_id, quiz_id), taken in scores.items():
        quiz = quizzes[quiz_id]
        grade = graded_score([s for s in taken if s is not None], quiz.grading)
        statuses[(employee_id, quiz_id)] = status_of(len(taken), taken.count(None), grade is not None and grade >= quiz.pass_mark)
    return statuses


def _status_table(session: Session, unit_ids: Collection[int] | None) -> tuple[list[str], list[list[object]], list[int]]:
    modules = list(queries.module_quizzes(session))
    statuses = _statuses(session, unit_ids, modules)
    header = ["NIP", "Nama", "Jabatan", "Unit Kerja", "Aktif"] + [module.title for _quiz, module in modules]
    rows: list[list[object]] = []
    ids = []
    for employee, unit_name in queries.employees_with_units(session, unit_ids):
        per_module = [statuses.get((employee.id, quiz.id), QuizStatus.NOT_STARTED) for quiz, _module in modules]
        rows.append([employee.nip, employee.name, employee.jabatan or "", unit_name or "", "ya" if employee.active else "tidak"])
        rows[-1].extend(per_module)
        ids.append(employee.id)
    return header, rows, ids
