"""Log Audit in plain Indonesian: each entry a sentence, filters by action, person and date, the same in the exports."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from db import make_engine, transaction
from netral.core.dates import utcnow
from netral.core.enums import AuditAction, Role
from netral.core.exports import to_csv, to_xlsx
from netral.hr.audit_log import audit_log
from netral.hr.dashboard import set_deadline
from netral.people import accounts
from tests.factories import add_person, as_actor

ZONE = ZoneInfo("Asia/Jakarta")


def test_entries_read_as_sentences_filter_by_person_and_date_and_export_the_same(db_url):
    engine = make_engine(db_url)
    now = utcnow()
    with transaction(engine) as session:
        boss = add_person(session, name="Rina Admin", role=Role.SUPER_ADMIN)
        budi = add_person(session, name="Budi Santoso")
        add_person(session, name="Ani Lestari")
        actor = as_actor(boss)
        accounts.unlock(session, actor=actor, employee_id=budi.employee_id, now=now)
        accounts.set_role(session, actor=actor, employee_id=budi.employee_id, role=Role.SUPER_ADMIN, unit_id=None, now=now)
        set_deadline(session, actor=actor, day=(now + timedelta(days=30)).date(), now=now - timedelta(days=3))
        header, rows = audit_log(session, actor=actor, zone=ZONE)
        sentences = [row[-1] for row in rows]
        assert header[-1] == "Keterangan"
        assert sentences[0].startswith(f"Rina Admin (NIP {boss.employee.nip}) mengubah peran Budi Santoso (NIP ")
        assert "dari peserta menjadi super admin pada " in sentences[0] and "WIB." in sentences[0]
        assert "membuka kunci akun Budi Santoso" in sentences[1]
        assert "menetapkan tenggat penyelesaian" in sentences[2]
        assert not any("{" in s for s in sentences)  # no raw JSON anywhere

        only_budi = audit_log(session, actor=actor, zone=ZONE, person="budi")[1]
        assert [r[3] for r in only_budi] == ["Mengubah peran akun", "Membuka kunci akun"]
        assert audit_log(session, actor=actor, zone=ZONE, person="ani")[1] == []
        unlocks = audit_log(session, actor=actor, zone=ZONE, action=AuditAction.ACCOUNT_UNLOCK.value)[1]
        assert len(unlocks) == 1
        today = now.astimezone(ZONE).date()
        assert len(audit_log(session, actor=actor, zone=ZONE, day_from=today)[1]) == 2
        assert len(audit_log(session, actor=actor, zone=ZONE, day_to=today - timedelta(days=1))[1]) == 1

    read_back = list(csv.reader(io.StringIO(to_csv(header, rows).decode("utf-8-sig")), delimiter=";"))
    assert [r[-1] for r in read_back[1:]] == sentences
    sheet = load_workbook(io.BytesIO(to_xlsx(header, rows))).active
    assert [r[-1] for r in sheet.iter_rows(min_row=2, values_only=True)] == sentences
    engine.dispose()
