"""Completing the path: the certificate is issued once, the moment the agency's rule is met.

Issuing here reserves the number and signs the facts inside the learner's transaction; the PDF is
rendered after that transaction commits (see netral.certificates.issuing), so no PDF work ever holds
the write lock that every other peserta's answers wait for.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Certificate
from netral.certificates.issuing import issue_completion
from netral.core.enums import CompletionStep
from netral.core.settings import Settings
from netral.learning.path import learning_path


def issue_if_complete(session: Session, *, employee_id: int, now: datetime, settings: Settings) -> Certificate | None:
    """Issue the certificate once the path is complete; an issued certificate is returned, never issued again."""
    # Two tabs finishing at once (the exam in one, the pakta in the other) must not both issue:
    # the employee row is the lock they queue on (BEGIN IMMEDIATE already serialises SQLite).
    queries.lock_employee(session, employee_id)
    path = learning_path(session, employee_id=employee_id, now=now)
    existing = queries.live_certificate_of(session, employee_id, cycle_id=path.cycle_id)
    if existing is not None:
        return existing
    if not path.complete:
        return None
    exam = path.exam if path.rule.requires(CompletionStep.EXAM) else None
    grades = [exam.grade] if exam and exam.grade is not None else [s.grade for s in path.modules if s.grade is not None]
    completed = f"Pembelajaran Mandiri Netralitas ASN ({len(path.modules)} modul" + (" dan ujian sertifikasi)" if exam else ")")
    if path.refresher:
        modules = f"{len(path.modules)} modul dan " if path.modules else ""
        completed = f"Penyegaran Netralitas ASN ({modules}ujian sertifikasi)"
    return issue_completion(
        session,
        employee_id=employee_id,
        quiz_id=exam.quiz_id if exam else None,
        completed=completed,
        score=round(sum(grades) / len(grades), 2) if grades else 0.0,
        jp=path.jp_total,
        now=now,
        settings=settings,
        cycle=(path.cycle.id, path.cycle.name, path.cycle.certificate_valid_until()) if path.cycle else None,
    )
