"""Synthetic learning activity for benchmarks: attempts, first-attempt answers and certificates, the same for the same seed."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bench.synthetic import SyntheticAgency
from db import queries
from db.models import Answer, Attempt, Certificate, Question, QuestionVersion

CHUNK = 5000
# Certificates here are light rows, never verified by these benchmarks: the HR aggregates only ask whether an
# employee holds one that is not revoked, so a placeholder PDF stands in for a rendered and signed one.
PLACEHOLDER_PDF = b"%PDF-bench"
PLACEHOLDER_SHA256 = hashlib.sha256(PLACEHOLDER_PDF).hexdigest()
REVOKED_SHARE = 0.02  # of the completed: an earlier certificate revoked, then re-issued
OPTIONS = ["a", "b", "c", "d"]


@dataclass(frozen=True)
class Activity:
    """What was generated."""

    attempts: int
    first_attempts: int
    answered_attempts: int
    answers: int
    completed: int
    started: int


def generate_activity(
    session: Session,
    agency: SyntheticAgency,
    *,
    seed: int,
    attempts: int,
    now: datetime,
    completed_share: float = 0.4,
    started_share: float = 0.3,
    answers_per_attempt: int = 5,
    answered_share: float = 1.0,
) -> Activity:
    """Give the agency's employees about `attempts` submitted attempts over the quizzes, with certificates for
    `completed_share` of them, another `started_share` part-way, and answers for `answered_share` of the first attempts.

    Every (employee, quiz) started gets attempts numbered 1..k; the attempts left over are retakes spread at random.
    The question bank must be loaded (the answers reference real question versions).
    """
    rng = random.Random(seed)
    modules = [(quiz.id, module.id) for quiz, module in queries.module_quizzes(session)]
    exam = queries.exam_quiz(session)
    if not modules:
        raise ValueError("load the question bank first: there are no module quizzes")
    everything = [q for q, _ in modules] + ([exam.id] if exam else [])
    status = [rng.random() for _ in agency.employee_ids]
    completed = {e for e, r in zip(agency.employee_ids, status, strict=True) if r < completed_share}
    pairs: list[tuple[int, int]] = []
    for employee_id, draw in zip(agency.employee_ids, status, strict=True):
        if employee_id in completed:
            pairs += [(employee_id, quiz_id) for quiz_id in everything]
        elif draw < completed_share + started_share:
            taken = rng.sample(modules, rng.randint(1, max(1, len(modules) - 1)))
            pairs += sorted((employee_id, quiz_id) for quiz_id, _ in taken)
    counts = [1] * len(pairs)
    for _ in range(max(0, attempts - len(pairs))):
        counts[rng.randrange(len(pairs))] += 1
    before = session.scalar(select(func.coalesce(func.max(Attempt.id), 0))) or 0
    attempt_rows = _attempt_rows(rng, pairs, counts, completed, now)
    total = insert_rows(session, Attempt, attempt_rows)
    firsts = session.execute(
        select(Attempt.id, Attempt.quiz_id)
        .where(Attempt.id > before, Attempt.number == 1)
        .order_by(Attempt.employee_id, Attempt.quiz_id)
    ).all()
    pools = _version_pools(session, dict(modules))
    chosen = [(a, q) for a, q in firsts if rng.random() < answered_share]
    answers = insert_rows(session, Answer, _answer_rows(rng, chosen, pools, answers_per_attempt, now))
    insert_rows(session, Certificate, _certificate_rows(rng, sorted(completed), seed, now))
    return Activity(total, len(firsts), len(chosen), answers, len(completed), len({e for e, _ in pairs}))


def _attempt_rows(
    rng: random.Random, pairs: list[tuple[int, int]], counts: list[int], completed: set[int], now: datetime
) -> Iterator[dict[str, Any]]:
    for (employee_id, quiz_id), count in zip(pairs, counts, strict=True):
        at = now - timedelta(days=rng.randint(1, 120), minutes=rng.randint(0, 1439))
        finally_passed = employee_id in completed or rng.random() < 0.6
        for number in range(1, count + 1):
            passed = finally_passed and number == count
            score = float(rng.randint(80, 100) if passed else rng.randint(20, 79))
            yield {
                "quiz_id": quiz_id,
                "employee_id": employee_id,
                "number": number,
                "started_at": at,
                "deadline_at": at + timedelta(minutes=30),
                "submitted_at": at + timedelta(minutes=rng.randint(3, 29)),
                "submit_reason": "manual",
                "current_position": 0,
                "points": score / 10,
                "max_points": 10.0,
                "score": score,
                "passed": passed,
            }
            at += timedelta(hours=rng.randint(1, 72))


def _version_pools(session: Session, module_of_quiz: dict[int, int]) -> dict[int | None, list[int]]:
    """Question version ids by module, and every one of them under None (for the exam)."""
    pools: dict[int | None, list[int]] = {None: []}
    rows = session.execute(
        select(QuestionVersion.id, Question.module_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .order_by(QuestionVersion.id)
    )
    for version_id, module_id in rows:
        pools.setdefault(module_id, []).append(version_id)
        pools[None].append(version_id)
    return {**{quiz_id: pools.get(module_id, pools[None]) for quiz_id, module_id in module_of_quiz.items()}, None: pools[None]}


def _answer_rows(
    rng: random.Random,
    attempts: list[tuple[int, int]],
    pools: dict[int | None, list[int]],
    per_attempt: int,
    now: datetime,
) -> Iterator[dict[str, Any]]:
    for attempt_id, quiz_id in attempts:
        pool = pools.get(quiz_id) or pools[None]
        ability = rng.random()
        at = now - timedelta(days=rng.randint(1, 120))
        for position, version_id in enumerate(rng.sample(pool, min(per_attempt, len(pool))), start=1):
            right = rng.random() < 0.35 + 0.6 * ability
            order = rng.sample(OPTIONS, len(OPTIONS))
            yield {
                "attempt_id": attempt_id,
                "position": position,
                "question_version_id": version_id,
                "option_order": order,
                "selected": [order[0]],
                "answered_at": at,
                "checked_at": at,
                "flagged": False,
                "points": 1.0 if right else rng.choice((0.0, 0.0, 0.5)),
            }


def _certificate_rows(rng: random.Random, employee_ids: list[int], seed: int, now: datetime) -> Iterator[dict[str, Any]]:
    serial = 0
    for employee_id in employee_ids:
        issued = now - timedelta(days=rng.randint(1, 90), minutes=rng.randint(0, 1439))
        revoked_first = rng.random() < REVOKED_SHARE
        for revoked in (True, False) if revoked_first else (False,):
            serial += 1
            yield {
                "number": f"BENCH-{seed}-{serial:08d}",
                "employee_id": employee_id,
                "issued_at": issued,
                "score": float(rng.randint(80, 100)),
                "data": {},
                "pdf": PLACEHOLDER_PDF,
                "sha256": PLACEHOLDER_SHA256,
                "revoked_at": issued + timedelta(days=1) if revoked else None,
                "revoked_reason": "data jabatan salah" if revoked else None,
            }
            issued += timedelta(days=2)


def insert_rows(session: Session, model: type[Any], rows: Iterable[dict[str, Any]]) -> int:
    """Bulk load in the session's transaction; return how many rows. COPY on PostgreSQL, executemany in chunks on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return _copy(session, model, iter(rows))
    total, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            session.execute(insert(model), chunk)
            total, chunk = total + len(chunk), []
    if chunk:
        session.execute(insert(model), chunk)
        total += len(chunk)
    return total


def _copy(session: Session, model: type[Any], rows: Iterator[dict[str, Any]]) -> int:
    """COPY … FROM STDIN through psycopg, on the session's own connection (so the rows are visible to it at once)."""
    from psycopg.types.json import Jsonb

    first = next(rows, None)
    if first is None:
        return 0
    columns = list(first)
    names = ", ".join(f'"{c}"' for c in columns)
    total = 0
    driver = session.connection().connection.driver_connection
    assert driver is not None, "the session's connection is open"
    with driver.cursor() as cursor, cursor.copy(f'COPY "{model.__tablename__}" ({names}) FROM STDIN') as copy:
        for row in chain([first], rows):
            copy.write_row([Jsonb(v) if isinstance(v, dict | list) else v for v in (row[c] for c in columns)])
            total += 1
    return total
