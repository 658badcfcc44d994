"""Signing the Pakta Integritas: the typed full name and a confirmation, stored with the hash of the text signed."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Certificate, Pledge
from netral.core.errors import NotFound, Refusal
from netral.core.settings import Settings
from netral.learning.completion import issue_if_complete
from netral.learning.path import learning_path


class PaktaRefused(Refusal):
    """The pakta cannot be signed yet, or was signed incorrectly; the message says why."""


def sign_pakta(
    session: Session, *, employee_id: int, typed_name: str, agreed: bool, text: str, now: datetime, settings: Settings
) -> Certificate | None:
    """Record the employee's signature of the pakta (typed full name and confirmation), then issue the certificate if due."""
    employee = queries.employee_by_id(session, employee_id)
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    queries.lock_employee(session, employee_id)  # two taps on "Tandatangani" record one signature
    path = learning_path(session, employee_id=employee_id, now=now)
    if not path.learning_done:
        raise PaktaRefused("Pakta integritas dapat ditandatangani setelah Anda menyelesaikan modul dan ujian sertifikasi.")
    if path.pakta_signed_at is None:
        if not agreed:
            raise PaktaRefused("Centang pernyataan persetujuan untuk menandatangani pakta integritas.")
        if _signature(typed_name) != _signature(employee.name):
            raise PaktaRefused(f"Nama yang diketik tidak sama dengan nama Anda yang terdaftar: {employee.name}")
        session.add(
            Pledge(
                employee_id=employee_id,
                cycle_id=path.cycle.id if path.cycle else None,
                typed_name=typed_name.strip(),
                text_sha256=hashlib.sha256(text.encode()).hexdigest(),
                signed_at=now,
            )
        )
        session.flush()
    return issue_if_complete(session, employee_id=employee_id, now=now, settings=settings)


def _signature(name: str) -> str:
    # Case, punctuation and spacing do not matter ("S.H." = "SH"); the letters of the name, in order, do.
    return re.sub(r"[\W_]", "", name.casefold())
