"""A sosialisasi belongs to the election cycle open on its day whose cohort holds its audience; its JP count there."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import MetaData, Table, insert, text

from db import reading, transaction
from db.migrate import upgrade
from db.types import UTCDateTime
from netral.core.cycle_enums import CycleKind
from netral.cycles.managing import close_cycle
from netral.sosialisasi import papers
from netral.sosialisasi.attendance import check_in_manually
from netral.sosialisasi.events import EventDraft, create_event
from netral.sosialisasi.projector import events_overview
from netral.sosialisasi.records import attended_events, jp_per_cycle
from netral.sosialisasi.report import event_report
from tests.conftest import T0
from tests.cycles.helpers import new_cycle

DAY = T0 + timedelta(days=3)  # the cycles' helper opens them on 1 September 2024


def _event(engine, actor, title: str, audience: tuple[int, ...] = (), *, at: datetime = DAY, jp: int = 2) -> int:
    with transaction(engine) as session:
        return create_event(session, actor, EventDraft(title, at, "Aula", audience_unit_ids=audience, jp=jp), now=T0)


def _attend(engine, hall, event_id: int, nip: str) -> None:
    with transaction(engine) as session:
        check_in_manually(session, hall.boss, event_id=event_id, nip=nip, now=DAY)


def test_an_event_held_in_an_open_cycle_belongs_to_it_and_hr_sees_the_cycle(synced, hall, tmp_path):
    with transaction(synced) as session:
        new_cycle(session, hall.boss, name="Pemilu 2029")
    event_id = _event(synced, hall.boss, "Sosialisasi Tahap Kampanye", (hall.office_a,))
    with reading(synced) as session:
        rows = {row.event_id: row for row in events_overview(session, hall.boss)}
        report = event_report(session, hall.boss, event_id=event_id, agency_name="Kabupaten Uji", category_labels={})
    assert rows[event_id].cycle == "Pemilu 2029"
    assert report.cycle == "Pemilu 2029"
    # The fixture's event was made before any cycle existed: it stays outside, not moved into the new one.
    assert rows[hall.event_id].cycle is None
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(papers.report_pdf(report, ZoneInfo("Asia/Jakarta")))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Siklus: Pemilu 2029 · 2 JP" in text


def test_jp_count_in_the_cycle_of_each_event_and_apart_outside_cycles(synced, hall):
    _attend(synced, hall, hall.event_id, hall.nips[0])  # 2 JP, before any cycle
    with transaction(synced) as session:
        new_cycle(session, hall.boss, name="Pemilu 2029")
    for title, jp in (("Sosialisasi I", 3), ("Sosialisasi II", 4)):
        _attend(synced, hall, _event(synced, hall.boss, title, (hall.office_a,), jp=jp), hall.nips[0])
    with reading(synced) as session:
        events = attended_events(session, employee_id=hall.peserta[0])
        others = attended_events(session, employee_id=hall.peserta[1])
    assert [(t.cycle, t.jp, t.events) for t in jp_per_cycle(events)] == [("Pemilu 2029", 7, 2), ("di luar siklus", 2, 1)]
    assert {e.title: e.cycle_label for e in events}["Sosialisasi I"] == "Pemilu 2029"
    assert others == []


def test_an_event_before_the_cycle_opens_or_after_it_closed_is_outside_it(synced, hall):
    with transaction(synced) as session:
        cycle = new_cycle(session, hall.boss, name="Pemilu 2029", opens_on=date(2024, 9, 10))
    early = _event(synced, hall.boss, "Terlalu awal", (hall.office_a,))
    on_time = _event(synced, hall.boss, "Tepat", (hall.office_a,), at=datetime(2024, 9, 10, 9, tzinfo=UTC))
    with transaction(synced) as session:
        close_cycle(session, actor=hall.boss, cycle_id=cycle.id, now=T0)
    late = _event(synced, hall.boss, "Sesudah ditutup", (hall.office_a,), at=datetime(2024, 9, 11, 9, tzinfo=UTC))
    with reading(synced) as session:
        rows = {row.event_id: row.cycle for row in events_overview(session, hall.boss)}
    assert (rows[early], rows[on_time], rows[late]) == (None, "Pemilu 2029", None)


def test_an_event_belongs_to_a_cycle_only_when_its_cohort_holds_the_whole_audience(synced, hall):
    with transaction(synced) as session:
        office_b = hall.admin_b.scope_unit_id
        new_cycle(session, hall.boss, name="Pilkada Dinas A", kind=CycleKind.LOCAL, office_ids=(hall.office_a,))
    own = _event(synced, hall.admin_a, "Untuk Dinas A")  # an admin's event invites their own scope
    both = _event(synced, hall.boss, "Untuk A dan B", (hall.office_a, office_b))
    everyone = _event(synced, hall.boss, "Untuk semua")
    with reading(synced) as session:
        rows = {row.event_id: row.cycle for row in events_overview(session, hall.boss)}
    assert (rows[own], rows[both], rows[everyone]) == ("Pilkada Dinas A", None, None)


def test_events_made_before_this_version_join_the_whole_agency_cycle_open_on_their_day(blank_engine):
    upgrade(blank_engine, "0016")
    cycle = {
        "name": "Pemilu 2029",
        "kind": "pemilu_nasional",
        "opens_on": date(2024, 9, 1),
        "deadline": date(2024, 12, 31),
        "path": "penuh",
        "refresher_modules": [],
        "whole_agency": True,
        "reminders": {},
        "created_at": T0,
    }
    event = {"place": "Aula", "speakers": [], "jp": 2, "created_at": T0, "attendance_open": False, "live_state": "diam"}
    with blank_engine.begin() as connection:
        tables = {name: Table(name, MetaData(), autoload_with=connection) for name in ("cycles", "sosialisasi")}
        for table in tables.values():
            for column in table.columns:
                if column.name.endswith("_at"):
                    column.type = UTCDateTime()
        connection.execute(insert(tables["cycles"]), [cycle])
        connection.execute(
            insert(tables["sosialisasi"]),
            [
                {**event, "title": "Dalam siklus", "starts_at": DAY, "live_version": 0},
                {**event, "title": "Sebelum siklus", "starts_at": datetime(2024, 8, 30, 9, tzinfo=UTC), "live_version": 0},
            ],
        )
    upgrade(blank_engine)
    with blank_engine.connect() as connection:
        placed = dict(connection.execute(text("SELECT title, cycle_id FROM sosialisasi")).all())
    assert placed == {"Dalam siklus": 1, "Sebelum siklus": None}
