"""A hall: Dinas A (invited) with its admin and three peserta, Dinas B (not invited) with one, a super admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from db import transaction
from db.models import OrgUnit
from netral.core.enums import Role
from netral.identity.auth import CurrentUser
from netral.sosialisasi.events import EventDraft, Speaker, create_event
from tests.conftest import T0
from tests.factories import add_person, as_actor

SECRET = "rahasia-uji-" + "x" * 20


@dataclass
class Hall:
    boss: CurrentUser
    admin_a: CurrentUser
    admin_b: CurrentUser
    peserta: list[int]
    nips: list[str]
    outsider: int
    outsider_nip: str
    event_id: int
    office_a: int


@pytest.fixture
def hall(synced) -> Hall:
    with transaction(synced) as session:
        office_a, office_b = OrgUnit(level="perangkat_daerah", name="Dinas A"), OrgUnit(level="perangkat_daerah", name="Dinas B")
        session.add_all([office_a, office_b])
        session.flush()

        def person(name: str, role: Role, office: OrgUnit, manages: OrgUnit | None = None) -> CurrentUser:
            account = add_person(session, name=name, role=role)
            account.employee.unit_id, account.scope_unit_id = office.id, manages.id if manages else None
            session.flush()
            return as_actor(account, scope_unit_id=account.scope_unit_id)

        boss = person("Super Satu", Role.SUPER_ADMIN, office_a)
        admin_a = person("Admin A", Role.UNIT_ADMIN, office_a, office_a)
        admin_b = person("Admin B", Role.UNIT_ADMIN, office_b, office_b)
        peserta = [person(f"Peserta A{i}", Role.PESERTA, office_a) for i in range(3)]
        outsider = person("Peserta B", Role.PESERTA, office_b)
        draft = EventDraft(
            title="Sosialisasi Netralitas ASN",
            starts_at=T0 + timedelta(hours=1),
            place="Pendopo Kabupaten",
            speakers=(Speaker("Ketua Bawaslu", "Bawaslu Kabupaten"),),
            audience_unit_ids=(office_a.id,),
            jp=2,
            question_keys=("dasar-tunggal", "dasar-benar-salah"),
        )
        event_id = create_event(session, boss, draft, now=T0)
        return Hall(
            boss,
            admin_a,
            admin_b,
            [p.employee_id for p in peserta],
            [p.nip for p in peserta],
            outsider.employee_id,
            outsider.nip,
            event_id,
            office_a.id,
        )
