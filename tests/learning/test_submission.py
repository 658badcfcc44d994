"""Submitting stays in its lane: the quiz records, learning reacts, the PDF is rendered after the commit.

A process killed between the learner's commit and the rendering leaves a certificate that is issued
(numbered, signed, counted) with its PDF pending; a download renders it from the stored inputs and stores it
once (the PAdES signature makes each rendering unique), so the sweep finds nothing left and every later
download gives those bytes.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from db import queries, reading, transaction
from db.models import Certificate
from netral.certificates.issuing import agency_signer, render_outstanding, signing_key
from netral.certificates.listing import own_certificate_pdf
from netral.certificates.verification import check_pdf_offline
from netral.core import events
from netral.learning.pledge import sign_pakta
from netral.quizzes import attempts
from netral.startup import wire
from tests.conftest import FIXTURE_BANK, ROOT, T0
from tests.factories import add_person, answer_all, exam_id, module_quiz_id, pass_all_modules, take_quiz

# The child signs the pakta (the step that completes the path) through the real service; the
# after-commit rendering SIGKILLs the process: the learner's transaction has committed, no PDF exists.
SIGN_THEN_DIE = """
import os, signal, sys
from pathlib import Path
from db import make_engine, transaction
from netral.certificates import issuing
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.learning.pledge import sign_pakta
from netral.startup import wire

url, data_dir, bank, employee_id, name = sys.argv[1:6]
settings = Settings(database_url=url, data_dir=Path(data_dir), cookie_secret="x" * 32, questions_dir=Path(bank))
wire(settings)
issuing.render_pending = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
with transaction(make_engine(url)) as session:
    sign_pakta(session, employee_id=int(employee_id), typed_name=name, agreed=True, text="Pakta", now=utcnow(), settings=settings)
print("not killed")
"""


def test_a_crash_between_the_commit_and_the_rendering_loses_no_certificate(synced, settings, db_url):
    with transaction(synced) as session:
        employee_id = add_person(session, name="Sri Rahayu").employee_id
        pass_all_modules(session, employee_id=employee_id, settings=settings)
        take_quiz(session, employee_id=employee_id, quiz_id=exam_id(session), settings=settings)
    signing_key(settings.signing_key_path)  # the child finds the agency's key on disk, as a restarted server would
    child = subprocess.run(
        [sys.executable, "-c", SIGN_THEN_DIE, db_url, str(settings.data_dir), str(FIXTURE_BANK), str(employee_id), "Sri Rahayu"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    synced.dispose()
    with reading(synced) as session:
        certificate = queries.live_certificate_of(session, employee_id)
        assert certificate is not None and certificate.pdf is None and certificate.render_input is not None
        downloaded = own_certificate_pdf(
            session, employee_id=employee_id, number=certificate.number, key_path=settings.signing_key_path
        )
    anchors = agency_signer(settings.signing_key_path, settings.agency_name).anchors
    assert check_pdf_offline(downloaded, signing_key(settings.signing_key_path).public, anchors).genuine
    assert render_outstanding(synced, key_path=settings.signing_key_path) == 0  # the download stored it, once
    with reading(synced) as session:
        stored = queries.certificate_by_number(session, certificate.number)
        assert stored.pdf == downloaded and stored.sha256 == hashlib.sha256(downloaded).hexdigest()
        assert stored.render_input is None
        assert session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_the_pdf_is_rendered_after_the_learners_transaction_commits(synced, settings):
    with transaction(synced) as session:
        employee_id = add_person(session, name="Sutrisno").employee_id
        pass_all_modules(session, employee_id=employee_id, settings=settings)
        take_quiz(session, employee_id=employee_id, quiz_id=exam_id(session), settings=settings)
        certificate = sign_pakta(
            session, employee_id=employee_id, typed_name="Sutrisno", agreed=True, text="Pakta", now=T0, settings=settings
        )
        assert certificate.pdf is None  # inside the transaction: numbered and signed, not rendered
        number = certificate.number
    with reading(synced) as session:
        stored = queries.certificate_by_number(session, number)
    assert stored.pdf is not None and stored.pdf.startswith(b"%PDF") and stored.render_input is None


def test_a_rolled_back_transaction_renders_nothing(synced, settings):
    with transaction(synced) as session:
        employee_id = add_person(session, name="Batal").employee_id
        pass_all_modules(session, employee_id=employee_id, settings=settings)
        take_quiz(session, employee_id=employee_id, quiz_id=exam_id(session), settings=settings)
    with pytest.raises(RuntimeError), transaction(synced) as session:
        sign_pakta(session, employee_id=employee_id, typed_name="Batal", agreed=True, text="Pakta", now=T0, settings=settings)
        raise RuntimeError("the request failed after issuing")
    with reading(synced) as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == 0


def test_submitting_publishes_one_event_and_a_second_submit_publishes_none(synced, settings):
    heard: list[events.AttemptSubmitted] = []
    events.subscribe(events.AttemptSubmitted, "test-listener", lambda _session, event: heard.append(event))
    try:
        with transaction(synced) as session:
            employee_id = add_person(session).employee_id
            attempt = attempts.start_attempt(
                session, employee_id=employee_id, quiz_id=module_quiz_id(session), now=T0, settings=settings
            )
            answer_all(session, attempt_id=attempt.id, employee_id=employee_id, right=True)
            attempts.submit_attempt(session, attempt_id=attempt.id, employee_id=employee_id, now=T0)
            attempts.submit_attempt(session, attempt_id=attempt.id, employee_id=employee_id, now=T0)
    finally:
        events._handlers[events.AttemptSubmitted].pop("test-listener")
    assert [(e.attempt_id, e.employee_id, e.number) for e in heard] == [(attempt.id, employee_id, 1)]


def test_an_unwired_process_fails_loudly_instead_of_skipping_the_certificate(synced, settings):
    saved = events._handlers.pop(events.AttemptSubmitted, {})
    try:
        with pytest.raises(events.NotWired), transaction(synced) as session:
            employee_id = add_person(session).employee_id
            attempt = attempts.start_attempt(
                session, employee_id=employee_id, quiz_id=module_quiz_id(session), now=T0, settings=settings
            )
            attempts.submit_attempt(session, attempt_id=attempt.id, employee_id=employee_id, now=T0)
    finally:
        events._handlers[events.AttemptSubmitted] = saved
    wire(settings)  # wiring again (another page run, another test) never doubles a reaction
    wire(settings)
    assert list(events._handlers[events.AttemptSubmitted]) == ["learning"]
