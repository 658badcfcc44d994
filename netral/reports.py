"""HR views: every employee with their status per module, and safe exports."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from db import queries
from netral.completion import status_of
from netral.quiz_rules import graded_score

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def employee_status_table(session: Session) -> tuple[list[str], list[list[str]]]:
    """Return column names and one row per employee: identity, then a status per module (graded as each quiz says)."""
    modules = list(queries.module_quizzes(session))
    scores: dict[tuple[int, int], list[float | None]] = defaultdict(list)
    for employee_id, quiz_id, score in queries.attempt_scores(session):
        scores[(employee_id, quiz_id)].append(score)
    header = ["NIP", "Nama", "Jabatan", "Unit Kerja", "Aktif"] + [module.title for _quiz, module in modules]
    rows = []
    for employee, unit_name in queries.employees_with_units(session):
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


def neutralise_cell(value: object) -> str:
    """Make a cell safe to open in Excel: text starting like a formula is prefixed with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Write a CSV that Excel in Indonesia opens correctly (UTF-8 BOM, semicolons) and cannot be hijacked."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise_cell(h) for h in header])
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
