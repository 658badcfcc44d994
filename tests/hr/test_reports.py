import csv
import io
import random

import pytest

from db import reading, transaction
from netral.core.exports import neutralise_cell, to_csv
from netral.hr.reports import employee_status_table
from netral.quizzes import attempts
from tests.conftest import T0
from tests.factories import add_person, answer_all, module_quiz_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+62", "'+62"),
        ("-1", "-1"),  # a plain negative number stays a number
        ("-71,4", "-71,4"),
        ("-1+1", "'-1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Budi", "Budi"),
        (None, ""),
        (198503152010012005, "198503152010012005"),
    ],
)
def test_cells_that_look_like_formulas_are_neutralised(value, expected):
    assert neutralise_cell(value) == expected


def test_csv_opens_in_indonesian_excel_and_cannot_run_formulas():
    data = to_csv(["NIP", "Nama"], [["198503152010012005", "=cmd|' /C calc'!A0"]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["NIP", "Nama"], ['="198503152010012005"', "'=cmd|' /C calc'!A0"]]


def test_the_hr_table_shows_each_employee_status_per_module(synced, settings):
    with transaction(synced) as session:
        passed = add_person(session, name="Lulus").employee_id
        failed = add_person(session, name="Gagal").employee_id
        ongoing = add_person(session, name="Sedang").employee_id
        add_person(session, name="Belum")
        quiz_id = module_quiz_id(session)
        for employee_id, right, finish in ((passed, True, True), (failed, False, True), (ongoing, True, False)):
            attempt = attempts.start_attempt(
                session, employee_id=employee_id, quiz_id=quiz_id, now=T0, settings=settings, rng=random.Random(1)
            )
            answer_all(session, attempt_id=attempt.id, employee_id=employee_id, right=right)
            if finish:
                attempts.submit_attempt(session, attempt_id=attempt.id, employee_id=employee_id, now=T0)
    with reading(synced) as session:
        header, rows = employee_status_table(session)
    assert header[:5] == ["NIP", "Nama", "Jabatan", "Unit Kerja", "Aktif"] and header[5:] == ["Dasar-dasar", "Lanjutan"]
    status = {row[1]: row[5:] for row in rows}
    assert status == {
        "Belum": ["belum mulai", "belum mulai"],
        "Gagal": ["tidak lulus", "belum mulai"],
        "Lulus": ["lulus", "belum mulai"],
        "Sedang": ["sedang berjalan", "belum mulai"],
    }
