"""The server process itself: its periodic sweep closes attempts whose browser is gone."""

import os
import random
import time
from datetime import timedelta

from sqlalchemy import select

from db import make_engine, reading, transaction
from db.models import Attempt, Quiz
from netral.content.loading import sync_bank
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.quizzes import attempts
from tests.conftest import FIXTURE_BANK
from tests.e2e.conftest import Server
from tests.factories import add_person, module_quiz_id


def test_the_sweep_submits_an_expired_attempt_without_any_browser(db_url, tmp_path, bank):
    engine = make_engine(db_url)
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data", questions_dir=FIXTURE_BANK)
    with transaction(engine) as session:
        sync_bank(session, bank, now=utcnow())
        quiz_id = module_quiz_id(session)
        session.get(Quiz, quiz_id).time_limit_minutes = 1
        employee_id = add_person(session).employee_id
        started = utcnow() - timedelta(minutes=5)
        attempt_id = attempts.start_attempt(
            session, employee_id=employee_id, quiz_id=quiz_id, now=started, settings=settings, rng=random.Random(1)
        ).id
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "NETRAL_QUESTIONS_DIR": str(FIXTURE_BANK),
        "NETRAL_DATA_DIR": str(tmp_path / "data"),
        "NETRAL_SWEEP_SECONDS": "1",
    }
    server = Server(env=env, log_path=tmp_path / "server.log").start()
    try:
        deadline = time.monotonic() + 30
        submitted = None
        while time.monotonic() < deadline and submitted is None:
            time.sleep(0.5)
            with reading(engine) as session:
                submitted = session.scalars(
                    select(Attempt.submit_reason).where(Attempt.id == attempt_id, Attempt.submitted_at.is_not(None))
                ).first()
        assert submitted == "waktu_habis"
    finally:
        server.stop()
        engine.dispose()
