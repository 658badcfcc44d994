"""Reminders: planned once per (cycle, rule, person, period), sent once through a real SMTP server on loopback."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from db import reading, transaction
from db.models import AuditEvent, OutboxMessage
from netral.core.cycle_enums import OutboxStatus
from netral.core.enums import AuditAction, Role
from netral.cycles.outbox import send_due
from netral.cycles.planning import plan_reminders
from netral.cycles.rules import ReminderRules, preview, set_reminder_rules
from netral.cycles.templates import TemplateRefused
from tests.cycles.helpers import new_cycle, office
from tests.cycles.smtp import loopback_smtp
from tests.factories import add_person, as_actor

NOW = datetime(2024, 9, 2, 1, 0, tzinfo=UTC)
RULES = ReminderRules(at_open=True, days_before=(7, 1), weekly_not_started=True)


@pytest.fixture
def agency(synced, settings):
    with transaction(synced) as session:
        boss = as_actor(add_person(session, name="Siti Super", role=Role.SUPER_ADMIN))
        dinas = office(session, "Dinas Pendidikan")
        people = []
        for index in range(6):
            employee = add_person(session, name=f"Pegawai {index}").employee
            employee.unit_id, employee.email = dinas, (f"pegawai{index}@contoh.go.id" if index < 5 else None)
            people.append(employee.nip)
        cycle = new_cycle(session, boss, opens_on=date(2024, 9, 1), deadline=date(2024, 9, 30), office_ids=(dinas,))
        set_reminder_rules(session, actor=boss, cycle_id=cycle.id, rules=RULES, now=NOW)
    return boss, cycle, people


def plan(engine, settings, now=NOW):
    with transaction(engine) as session:
        return plan_reminders(session, now=now, zone=settings.zone, base_url="https://netral.contoh.go.id")


def outbox(engine):
    with reading(engine) as session:
        return session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_planning_twice_queues_each_message_once_and_lists_people_without_email(synced, settings, agency):
    first, again = plan(synced, settings), plan(synced, settings)
    assert first.queued == 10 and again.queued == 0  # 5 people x (at open + weekly not started); H-7 not yet due
    assert [nip for nip, _name in first.without_email] == [agency[2][5]]
    message = outbox(synced)[0]
    assert message.subject.startswith("Pengingat Pemilu 2029: selesaikan") and "Pegawai 0" in message.body
    assert "https://netral.contoh.go.id" in message.body and "belum ditetapkan" in message.body
    assert plan(synced, settings, now=NOW + timedelta(days=22)).queued == 10  # H-7 and a new week
    assert {m.period for m in outbox(synced)} == {"buka", "2024-W36", "H-7", "2024-W39"}


def test_an_unknown_placeholder_is_refused_and_nothing_is_saved(synced, agency):
    boss, cycle, _people = agency
    bad = ReminderRules(at_open=True, body="Yth. {nama}, {gaji} Anda")
    with transaction(synced) as session, pytest.raises(TemplateRefused, match=r"tidak dikenal: \{gaji\}"):
        set_reminder_rules(session, actor=boss, cycle_id=cycle.id, rules=bad, now=NOW)
    with reading(synced) as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count(AuditAction.REMINDER_RULES) == 1


def test_the_preview_fills_in_a_real_persons_data(synced, settings, agency):
    boss, cycle, people = agency
    with reading(synced) as session:
        subject, body = preview(
            session,
            actor=boss,
            cycle_id=cycle.id,
            nip=people[0],
            rules=RULES,
            base_url="https://netral.contoh.go.id",
            agency_name="",
            now=NOW,
            zone=settings.zone,
        )
    assert "30 September 2024" in subject and f"Yth. Pegawai 0 (NIP {people[0]})" in body and "28 hari lagi" in body


def test_a_refused_recipient_waits_with_its_reason_and_goes_once_the_server_takes_it(synced, settings, agency):
    plan(synced, settings)
    with loopback_smtp() as (server, smtp):
        server.refuse = {"pegawai2@contoh.go.id"}
        report = send_due(synced, smtp, clock=lambda: NOW)
        assert (report.sent, report.retrying) == (8, 2)
        waiting = [m for m in outbox(synced) if m.status == OutboxStatus.PENDING]
        assert {m.to_address for m in waiting} == {"pegawai2@contoh.go.id"}
        assert all("550" in (m.last_error or "") for m in waiting)
        assert send_due(synced, smtp, clock=lambda: NOW + timedelta(minutes=1)).sent == 0  # backoff: not yet
        server.refuse = set()
        assert send_due(synced, smtp, clock=lambda: NOW + timedelta(minutes=6)).sent == 2
    assert all(count == 1 for count in server.ids().values()) and len(server.ids()) == 10
    assert {m.status for m in outbox(synced)} == {OutboxStatus.SENT}


def test_a_connection_dropped_mid_batch_loses_nothing_and_sends_nothing_twice(synced, settings, agency):
    plan(synced, settings)
    with loopback_smtp() as (server, smtp):
        server.drop_at_rcpt = {4}
        report = send_due(synced, smtp, clock=lambda: NOW)
        assert report.sent == 3 and "terputus" in report.waiting_reason or "menutup" in report.waiting_reason
        assert send_due(synced, smtp, clock=lambda: NOW + timedelta(minutes=10)).sent == 7
    assert len(server.ids()) == 10 and set(server.ids().values()) == {1}


def test_an_unreachable_server_keeps_everything_tertunda_with_the_reason(synced, settings, agency):
    plan(synced, settings)
    with loopback_smtp() as (_server, smtp):
        pass  # started and stopped: nothing listens on its port now
    report = send_due(synced, smtp, clock=lambda: NOW)
    assert report.sent == 0 and "tidak dapat dihubungi" in report.waiting_reason
    messages = outbox(synced)
    assert len(messages) == 10 and {m.status for m in messages} == {OutboxStatus.PENDING}
    assert all("tidak dapat dihubungi" in (m.last_error or "") for m in messages)


def test_the_atasan_gets_a_copy_and_each_admin_perangkat_daerah_a_weekly_digest(synced, settings, agency):
    boss, cycle, people = agency
    with transaction(synced) as session:
        from db import queries

        atasan = queries.employee_by_nip(session, people[1])
        first = queries.employee_by_nip(session, people[0])
        first.atasan_nip = atasan.nip
        admin = add_person(session, name="Admin Dinas", role=Role.UNIT_ADMIN)
        admin.scope_unit_id, admin.employee.email = office(session, "Dinas Pendidikan"), "admin@contoh.go.id"
        rules = ReminderRules(at_open=True, weekly_digest=True, copy_atasan=True)
        set_reminder_rules(session, actor=boss, cycle_id=cycle.id, rules=rules, now=NOW)
    plan(synced, settings)
    with loopback_smtp() as (server, smtp):
        assert send_due(synced, smtp, clock=lambda: NOW).sent == 6  # 5 at open + 1 digest
    copied = [to for _id, to, _subject in server.received if len(to) == 2]
    assert copied == [["pegawai0@contoh.go.id", "pegawai1@contoh.go.id"]]
    digest = [m for m in outbox(synced) if m.to_address == "admin@contoh.go.id"]
    assert len(digest) == 1 and "6 pegawai di Dinas Pendidikan belum selesai" in digest[0].body
    assert people[5] in digest[0].body  # the one without an email is listed to the admin all the same
