"""Reminders in one step, for the minute sweep of every server process and for cron: plan what is due, then send."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db import transaction
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.cycles.mail import SmtpSettings
from netral.cycles.outbox import SendReport, send_due
from netral.cycles.planning import PlanReport, plan_reminders

PLAN_EVERY_SECONDS = 600
_last_planned = 0.0
_lock = threading.Lock()


@dataclass(frozen=True)
class RemindersRun:
    """What one run planned and sent."""

    plan: PlanReport
    sent: SendReport


def plan_now(session: Session, settings: Settings) -> PlanReport:
    """Queue the reminders due now, with this process's settings."""
    return plan_reminders(session, now=utcnow(), zone=settings.zone, base_url=settings.base_url, agency_name=settings.agency_name)


def plan_and_send(engine: Engine, settings: Settings, *, smtp: SmtpSettings | None = None) -> RemindersRun:
    """Queue what is due today (once per person, rule and period), then send what is due in the outbox."""
    with transaction(engine) as session:
        plan = plan_reminders(
            session, now=utcnow(), zone=settings.zone, base_url=settings.base_url, agency_name=settings.agency_name
        )
    smtp = smtp if smtp is not None else SmtpSettings.from_env()
    return RemindersRun(plan, send_due(engine, smtp))


def sweep_reminders(engine: Engine, settings: Settings) -> SendReport | None:
    """The server's share: plan at most every ten minutes per process, send whenever a server is configured."""
    global _last_planned
    smtp = SmtpSettings.from_env()
    with _lock:
        due = time.monotonic() - _last_planned >= PLAN_EVERY_SECONDS
        if due:
            _last_planned = time.monotonic()
    if due:
        with transaction(engine) as session:
            plan_reminders(
                session, now=utcnow(), zone=settings.zone, base_url=settings.base_url, agency_name=settings.agency_name
            )
    return send_due(engine, smtp) if smtp is not None else None
