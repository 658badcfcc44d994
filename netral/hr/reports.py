"""HR views: every employee with their status per module."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy.orm import Session

from db import queries
from netral.learning.path import status_of
from netral.people.authority import Actor, acting_scope
from netral.quizzes.rules import graded_score


def employees_of(session: Session, *, actor: Actor, search: str = "") -> tuple[list[str], list[list[str]]]:
    """`employee_status_table` for the actor's scope, filtered by a part of the name or NIP."""
    header, rows = employee_status_table(session, acting_scope(session, actor).unit_ids)
    needle = search.strip().casefold()
    return header, [row for row in rows if needle in row[1].casefold() or needle in row[0]] if needle else rows


def employee_status_table(session: Session, unit_ids: Collection[int] | None = None) -> tuple[list[str], list[list[str]]]:
    """Return column names and one row per employee (all, or some units'): identity, then a status per module."""
    modules = list(queries.module_quizzes(session))
    scores: dict[tuple[int, int], list[float | None]] = defaultdict(list)
    for employee_id, quiz_id, score in queries.attempt_scores(session, unit_ids):
        scores[(employee_id, quiz_id)].append(score)
    header = ["NIP", "Nama", "Jabatan", "Unit Kerja", "Aktif"] + [module.title for _quiz, module in modules]
    rows = []
    for employee, unit_name in queries.employees_with_units(session, unit_ids):
        statuses = []
        for quiz, _module in modules:
            taken = scores.get((employee.id, quiz.id), [])
            grade = graded_score([s for s in taken if s is not None], quiz.grading)
            statuses.append(status_of(len(taken), taken.count(None), grade is not None and grade >= quiz.pass_mark))
        rows.append(
            [
                employee.nip,
                employee.name,
                employee.jabatan or "",
                unit_name or "",
                "ya" if employee.active else "tidak",
                *statuses,
            ]
        )
    return header, rows
