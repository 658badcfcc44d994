"""A cycle opens on the agency's calendar day (WIB by default), not on the UTC one."""

from __future__ import annotations

from datetime import UTC, date, datetime

from db import reading, transaction
from netral.core.enums import Role
from netral.cycles.current import current_cycle
from tests.cycles.helpers import new_cycle
from tests.factories import add_person, as_actor


def test_a_cycle_opening_on_1_september_is_open_at_one_in_the_morning_wib(synced, monkeypatch):
    monkeypatch.setenv("NETRAL_TIMEZONE", "Asia/Jakarta")
    with transaction(synced) as session:
        boss = as_actor(add_person(session, name="Siti Super", role=Role.SUPER_ADMIN))
        peserta = add_person(session, name="Ani").employee_id
        new_cycle(session, boss, name="Pemilu 2029", opens_on=date(2024, 9, 1))
    late_evening = datetime(2024, 8, 31, 16, 30, tzinfo=UTC)  # 23.30 WIB on 31 August
    after_midnight = datetime(2024, 8, 31, 18, 0, tzinfo=UTC)  # 01.00 WIB on 1 September, still 31 August in UTC
    with reading(synced) as session:
        assert current_cycle(session, employee_id=peserta, now=late_evening) is None
        assert current_cycle(session, employee_id=peserta, now=after_midnight).name == "Pemilu 2029"
    monkeypatch.setenv("NETRAL_TIMEZONE", "Asia/Jayapura")  # WIT, UTC+9: 1 September began at 15.00 UTC
    with reading(synced) as session:
        assert current_cycle(session, employee_id=peserta, now=late_evening).name == "Pemilu 2029"
