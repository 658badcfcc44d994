"""The hall's site for bench/hall.py: a database of people (some logged in), two Netral processes and nginx."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from bench.nginx import Nginx
from bench.server import ROOT, ServerProcess, free_port
from bench.synthetic import generate_agency
from db import make_engine, reading, transaction
from db.models import Attendance, Employee, LiveAnswer
from db.queries import sosialisasi as live_queries
from netral.core.dates import utcnow
from netral.core.enums import CheckInMethod, LiveRound, Role
from netral.core.settings import Settings
from netral.identity import auth, passwords
from netral.people import accounts
from netral.sosialisasi import live
from netral.sosialisasi.attendance import set_attendance_open
from netral.sosialisasi.events import EventDraft, create_event
from netral.sosialisasi.projector import live_question_choices
from netral.startup import prepare_database

PASSWORD = "Aula#Sosialisasi2029"
PROCESSES = 2


@dataclass
class HallSite:
    """The running site and the people the phones act as."""

    settings: Settings
    url: str
    servers: list[ServerProcess]
    cookies: list[tuple[int, str]]  # employee id and login cookie of people already logged in, used up round by round
    nips: list[str]  # people who will log in on the spot
    question_key: str

    @property
    def secret(self) -> str:
        """The agency's secret (the bench computes the projector's QR tokens with it)."""
        return self.settings.secret()

    @property
    def password(self) -> str:
        """Everybody's password."""
        return PASSWORD

    def rss_mb(self) -> float:
        """Memory of the Netral processes together."""
        return sum(server.rss_mb() for server in self.servers)

    def _event(self, title: str) -> int:
        with transaction(make_engine(self.settings.database_url)) as session:
            draft = EventDraft(title, utcnow(), "Aula", question_keys=(self.question_key,))
            event_id = create_event(session, None, draft, now=utcnow())
            set_attendance_open(session, None, event_id=event_id, is_open=True)
        return event_id

    def new_answer_event(self, phones: int) -> tuple[int, int, list[str]]:
        """A fresh event with `phones` people already checked in: its id, its item's id and their cookies."""
        event_id = self._event(f"Aula {phones} ponsel")
        people, self.cookies = self.cookies[:phones], self.cookies[phones:]
        with transaction(make_engine(self.settings.database_url)) as session:
            session.add_all(
                Attendance(event_id=event_id, employee_id=e, checked_in_at=utcnow(), method=CheckInMethod.MANUAL)
                for e, _c in people
            )
            item_id = live_queries.items(session, event_id)[0].id
        return event_id, item_id, [cookie for _e, cookie in people]

    def open_question(self, event_id: int) -> None:
        """The presenter's "Buka soal"."""
        with transaction(make_engine(self.settings.database_url)) as session:
            live.open_item(session, None, event_id=event_id, round_=LiveRound.PRE, position=1)

    def answered(self, event_id: int) -> int:
        """What the projector counts."""
        with reading(make_engine(self.settings.database_url)) as session:
            return live.tally(session, None, event_id=event_id).answered

    def stored_answers(self, event_id: int) -> int:
        """Answer rows of the event, each person at most once (the unique key) — counted directly."""
        with reading(make_engine(self.settings.database_url)) as session:
            return session.scalar(select(func.count()).select_from(LiveAnswer).where(LiveAnswer.event_id == event_id)) or 0

    def new_checkin_event(self, phones: int, *, logged_in: bool) -> tuple[int, list[str]]:
        """A fresh event with attendance open, and `phones` people: login cookies of people logged in already, or
        the NIPs of people who will log in to check in."""
        if logged_in:
            people, self.cookies = [cookie for _e, cookie in self.cookies[:phones]], self.cookies[phones:]
        else:
            people, self.nips = self.nips[:phones], self.nips[phones:]
        return self._event(f"Presensi {phones} ponsel"), people

    def present(self, event_id: int) -> int:
        """Attendance rows of the event."""
        with reading(make_engine(self.settings.database_url)) as session:
            return session.scalar(select(func.count()).select_from(Attendance).where(Attendance.event_id == event_id)) or 0


@contextmanager
def hall_site(folder: Path, *, logged_in: int, to_log_in: int) -> Iterator[HallSite]:
    """People in a fresh SQLite database, two Netral processes on it and nginx in front, stopped afterwards."""
    proxy_port = free_port()
    settings = Settings(
        database_url=f"sqlite:///{folder}/netral.db",
        data_dir=folder / "data",
        cookie_secret="aula-" + "x" * 32,
        base_url=f"http://127.0.0.1:{proxy_port}",
    )
    engine = make_engine(settings.database_url)
    prepare_database(engine, settings)
    cookies, nips, question = _people(engine, settings, logged_in, to_log_in)
    engine.dispose()
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "NETRAL_DATA_DIR": str(settings.data_dir),
        "NETRAL_COOKIE_SECRET": settings.cookie_secret,
        "NETRAL_BASE_URL": settings.base_url,
    }
    servers = [ServerProcess(ROOT / "app.py", env, folder / f"server-{n}.log").start(wait=False) for n in range(PROCESSES)]
    nginx = Nginx(folder / "nginx", (servers[0].url[7:], servers[1].url[7:]), port=proxy_port, connections=8192)
    try:
        for server in servers:
            server.wait_healthy()
        nginx.start()
        yield HallSite(settings, nginx.url, servers, cookies, nips, question)
    finally:
        nginx.stop()
        for server in servers:
            server.stop()


def _people(engine: Engine, settings: Settings, logged_in: int, to_log_in: int) -> tuple[list[tuple[int, str]], list[str], str]:
    now = utcnow()
    password_hash = passwords.hash_password(PASSWORD)
    with transaction(engine) as session:
        agency = generate_agency(session, seed=15, employees=logged_in + to_log_in, units_per_office=2, now=now)
        cookies, nips = [], []
        for index, employee_id in enumerate(agency.employee_ids):
            employee = session.get(Employee, employee_id)
            assert employee is not None
            account = accounts.open_account_hashed(
                session, employee=employee, role=Role.PESERTA, password_hash=password_hash, now=now
            )
            account.must_change_password = False
            session.flush()  # the account's id, for its login session
            if index < logged_in:  # logged in earlier on this phone: a live session and its cookie
                _login, ticket = auth.open_login_session(session, account, now, settings.secret(), 24)
                token = auth.redeem_ticket(session, ticket=ticket, now=now, secret=settings.secret())
                assert token is not None
                cookies.append((employee_id, token))
            else:
                nips.append(employee.nip)
        question = next(iter(live_question_choices(session)))
    return cookies, nips, question
