"""Two server processes' sweeps and the cron command race over one outbox: every reminder reaches the server once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select

from db import reading, transaction
from db.models import OutboxMessage
from netral.core.cycle_enums import OutboxStatus
from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.cycles.rules import ReminderRules, set_reminder_rules
from tests.conftest import FIXTURE_BANK, ROOT
from tests.cycles.helpers import new_cycle, office
from tests.cycles.smtp import loopback_smtp
from tests.factories import add_person, as_actor

PEOPLE = 120  # more than two batches of 50, so the racers interleave
SERVER_SWEEP = "from netral.core.settings import Settings; from netral.startup import sweep_once; sweep_once(Settings.from_env())"


def test_two_servers_and_cron_racing_send_each_reminder_exactly_once(synced, settings, tmp_path):
    today = utcnow().astimezone(settings.zone).date()
    with transaction(synced) as session:
        boss = as_actor(add_person(session, name="Siti Super", role=Role.SUPER_ADMIN))
        dinas = office(session, "Dinas Pendidikan")
        for index in range(PEOPLE):
            employee = add_person(session, name=f"Pegawai {index}").employee
            employee.unit_id, employee.email = dinas, f"pegawai{index}@contoh.go.id"
        cycle = new_cycle(
            session, boss, office_ids=(dinas,), opens_on=today - timedelta(days=1), deadline=today + timedelta(days=30)
        )
        set_reminder_rules(session, actor=boss, cycle_id=cycle.id, rules=ReminderRules(at_open=True), now=utcnow())
    with loopback_smtp() as (server, smtp):
        env = {
            **os.environ,
            "DATABASE_URL": settings.database_url,
            "NETRAL_QUESTIONS_DIR": str(FIXTURE_BANK),
            "NETRAL_DATA_DIR": str(settings.data_dir),
            "NETRAL_COOKIE_SECRET": settings.cookie_secret,
            "NETRAL_SMTP_HOST": smtp.host,
            "NETRAL_SMTP_PORT": str(smtp.port),
            "NETRAL_SMTP_SECURITY": "none",
            "NETRAL_SMTP_FROM": smtp.sender,
        }
        commands = [[sys.executable, "-c", SERVER_SWEEP]] * 2 + [[sys.executable, "-m", "netral", "reminders", "send"]]
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        racers = [subprocess.Popen(command, cwd=ROOT, env=env, **pipes) for command in commands]
        outputs = [racer.communicate(timeout=180) for racer in racers]
        assert [racer.returncode for racer in racers] == [0, 0, 0], outputs
    counts = server.ids()
    assert len(counts) == PEOPLE and set(counts.values()) == {1}
    with reading(synced) as session:
        statuses = session.scalars(select(OutboxMessage.status)).all()
    assert len(statuses) == PEOPLE and set(statuses) == {OutboxStatus.SENT}
