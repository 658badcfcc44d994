"""HR views: every employee with their status per module."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy.orm import Session

from db import queries
from netral.learning.path import status_of
from netral.quizzes.rules import graded_score


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
