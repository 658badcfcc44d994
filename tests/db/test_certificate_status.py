"""One definition of a valid certificate: Certificate.status_at and is_valid_at agree in Python and in SQL."""

from __future__ import annotations

from datetime import timedelta
from itertools import product

from sqlalchemy import select

from db import reading, transaction
from db.models import Certificate
from netral.core.enums import CertificateStatus
from tests.conftest import T0
from tests.factories import add_person

NOW = T0 + timedelta(days=30)


def test_status_and_validity_agree_in_python_and_sql_for_every_combination(engine):
    combinations = list(
        product([None, NOW - timedelta(days=1)], [False, True], [None, NOW - timedelta(seconds=1), NOW, NOW + timedelta(days=1)])
    )
    with transaction(engine) as session:
        holder = add_person(session).employee_id
        newer = Certificate(number="NTR-X-BARU", employee_id=holder, issued_at=T0, score=90, data={}, pdf=b"%PDF", sha256="0")
        session.add(newer)
        session.flush()
        for index, (revoked_at, superseded, valid_until) in enumerate(combinations):
            session.add(
                Certificate(
                    number=f"NTR-X-{index:03d}", employee_id=holder, issued_at=T0, score=80, data={}, pdf=b"%PDF", sha256="0",
                    revoked_at=revoked_at, superseded_by_id=newer.id if superseded else None, valid_until=valid_until,
                )
            )  # fmt: skip
    with reading(engine) as session:
        rows = session.execute(
            select(Certificate, Certificate.status_at(NOW), Certificate.is_valid_at(NOW)).where(
                Certificate.number != "NTR-X-BARU"
            )
        ).all()
    assert len(rows) == len(combinations)
    for certificate, sql_status, sql_valid in rows:
        assert certificate.status_at(NOW) == sql_status, certificate.number
        assert certificate.is_valid_at(NOW) == bool(sql_valid) == (sql_status == CertificateStatus.VALID), certificate.number
    statuses = {status for _c, status, _v in rows}
    assert statuses == {status.value for status in CertificateStatus}
