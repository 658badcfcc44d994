"""Named queries. Pages and services never build a statement inline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import (
    Account,
    Answer,
    Attempt,
    Certificate,
    Counter,
    Employee,
    LoginSession,
    LoginThrottle,
    Module,
    OrgUnit,
    Pledge,
    Question,
    QuestionVersion,
    Quiz,
    QuizOverride,
)


def account_by_nip(session: Session, nip: str, *, for_update: bool = False) -> Account | None:
    """Find the account of the employee with this NIP (optionally locking it)."""
    stmt = select(Account).join(Employee).where(Employee.nip == nip)
    if for_update:
        stmt = stmt.with_for_update(of=Account)
    return session.scalars(stmt).one_or_none()


def employee_by_nip(session: Session, nip: str) -> Employee | None:
    """Find an employee by NIP."""
    return session.scalars(select(Employee).where(Employee.nip == nip)).one_or_none()


def throttle_for(session: Session, nip: str) -> LoginThrottle | None:
    """Return the failed-login counter of a NIP that has no account."""
    return session.get(LoginThrottle, nip)


def login_session_by_ticket(session: Session, ticket_hash: str) -> LoginSession | None:
    """Find a login session by the hash of its one-time ticket."""
    stmt = select(LoginSession).where(LoginSession.ticket_hash == ticket_hash)
    return session.scalars(stmt).one_or_none()


def login_session_by_token(session: Session, token_hash: str) -> LoginSession | None:
    """Find a login session by the hash of its cookie token."""
    stmt = select(LoginSession).where(LoginSession.token_hash == token_hash)
    return session.scalars(stmt).one_or_none()


def revoke_sessions_of(session: Session, account_id: int, now: datetime, *, except_id: int | None = None) -> None:
    """End every live login session of an account (after a password change, say)."""
    stmt = (
        update(LoginSession)
        .where(LoginSession.account_id == account_id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if except_id is not None:
        stmt = stmt.where(LoginSession.id != except_id)
    session.execute(stmt)


def active_modules(session: Session) -> Sequence[Module]:
    """List the modules peserta can take, in curriculum order."""
    return session.scalars(select(Module).where(Module.active).order_by(Module.position)).all()


def module_by_key(session: Session, key: str) -> Module | None:
    """Find a module by its key."""
    return session.scalars(select(Module).where(Module.key == key)).one_or_none()


def quiz_for_module(session: Session, module_id: int) -> Quiz | None:
    """Return the practice quiz of a module."""
    stmt = select(Quiz).where(Quiz.module_id == module_id, Quiz.kind == "modul")
    return session.scalars(stmt).one_or_none()


def quiz_by_key(session: Session, key: str) -> Quiz | None:
    """Find a quiz by its key."""
    return session.scalars(select(Quiz).where(Quiz.key == key)).one_or_none()


def latest_question_versions(session: Session, module_id: int) -> Sequence[QuestionVersion]:
    """Return the newest version of every active question of a module, in key order."""
    return [version for version, _module in _latest_versions(session, [module_id])]


def question_pool(session: Session, quiz: Quiz) -> Sequence[Row[QuestionVersion, str]]:
    """The questions a quiz draws from (newest versions) with their module key.

    A module quiz draws from its module; the exam from its listed modules, or every active module.
    """
    if quiz.module_id is not None:
        module_ids = [quiz.module_id]
    else:
        stmt = select(Module.id).where(Module.active)
        if quiz.source_modules:
            stmt = stmt.where(Module.key.in_(quiz.source_modules))
        module_ids = list(session.scalars(stmt))
    return _latest_versions(session, module_ids)


def _latest_versions(session: Session, module_ids: list[int]) -> Sequence[Row[QuestionVersion, str]]:
    newest = (
        select(QuestionVersion.question_id, func.max(QuestionVersion.version).label("version"))
        .group_by(QuestionVersion.question_id)
        .subquery()
    )
    stmt = (
        select(QuestionVersion, Module.key)
        .join(newest, (newest.c.question_id == QuestionVersion.question_id) & (newest.c.version == QuestionVersion.version))
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Module, Module.id == Question.module_id)
        .where(Question.module_id.in_(module_ids), Question.active)
        .order_by(Module.position, Question.position, Question.key)
    )
    return session.execute(stmt).all()


def questions_by_key(session: Session) -> dict[str, Question]:
    """Map every question key to its row."""
    return {q.key: q for q in session.scalars(select(Question))}


def newest_version_of(session: Session, question_id: int, *, source: str | None = None) -> QuestionVersion | None:
    """Return the newest version of one question (optionally the newest from one source)."""
    stmt = select(QuestionVersion).where(QuestionVersion.question_id == question_id)
    if source is not None:
        stmt = stmt.where(QuestionVersion.source == source)
    return session.scalars(stmt.order_by(QuestionVersion.version.desc()).limit(1)).first()


def open_attempt(session: Session, employee_id: int, quiz_id: int) -> Attempt | None:
    """Return the unsubmitted attempt of an employee at a quiz, if any."""
    stmt = select(Attempt).where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id, Attempt.submitted_at.is_(None))
    return session.scalars(stmt).first()


def attempt_count(session: Session, employee_id: int, quiz_id: int) -> int:
    """Count the attempts an employee has started at a quiz."""
    stmt = select(func.count()).select_from(Attempt).where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id)
    return session.scalar(stmt) or 0


def attempt_for_update(session: Session, attempt_id: int) -> Attempt | None:
    """Load an attempt and lock its row until the transaction ends (PostgreSQL; SQLite locks the file)."""
    return session.scalars(select(Attempt).where(Attempt.id == attempt_id).with_for_update()).one_or_none()


def answers_of(session: Session, attempt_id: int) -> Sequence[Answer]:
    """Return the drawn questions of an attempt in their order."""
    return session.scalars(select(Answer).where(Answer.attempt_id == attempt_id).order_by(Answer.position)).all()


def answers_with_versions(session: Session, attempt_id: int) -> Sequence[Row[Answer, QuestionVersion, str, str]]:
    """Each drawn question of an attempt with the version it was drawn at, its stable key and its module key."""
    stmt = (
        select(Answer, QuestionVersion, Question.key, Module.key)
        .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Module, Module.id == Question.module_id)
        .where(Answer.attempt_id == attempt_id)
        .order_by(Answer.position)
    )
    return session.execute(stmt).all()


def question_version(session: Session, version_id: int) -> QuestionVersion:
    """One question version by id (it always exists: versions are never deleted)."""
    version = session.get(QuestionVersion, version_id)
    assert version is not None
    return version


def answer_at(session: Session, attempt_id: int, position: int) -> Answer | None:
    """Return the drawn question at one position of an attempt."""
    stmt = select(Answer).where(Answer.attempt_id == attempt_id, Answer.position == position)
    return session.scalars(stmt).one_or_none()


def attempts_of(session: Session, employee_id: int, quiz_id: int) -> Sequence[Attempt]:
    """Return an employee's attempts at a quiz, newest first."""
    stmt = select(Attempt).where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id).order_by(Attempt.number.desc())
    return session.scalars(stmt).all()


def attempt_scores(session: Session) -> Sequence[Row[int, int, float | None]]:
    """Every attempt's employee, quiz and score (None while open), in the order taken."""
    stmt = select(Attempt.employee_id, Attempt.quiz_id, Attempt.score).order_by(
        Attempt.employee_id, Attempt.quiz_id, Attempt.number
    )
    return session.execute(stmt).all()


def certificates_of(session: Session, employee_id: int) -> Sequence[Row[Certificate, str]]:
    """List an employee's certificates with the quiz title, newest first."""
    stmt = (
        select(Certificate, Quiz.title)
        .join(Quiz, Quiz.id == Certificate.quiz_id)
        .where(Certificate.employee_id == employee_id)
        .order_by(Certificate.issued_at.desc())
    )
    return session.execute(stmt).all()


def certificate_by_number(session: Session, number: str) -> Certificate | None:
    """Find a certificate by its number."""
    return session.scalars(select(Certificate).where(Certificate.number == number)).one_or_none()


def employees_with_units(session: Session) -> Sequence[Row[Employee, str | None]]:
    """List all employees with the name of their unit, by name."""
    stmt = select(Employee, OrgUnit.name).outerjoin(OrgUnit, OrgUnit.id == Employee.unit_id).order_by(Employee.name)
    return session.execute(stmt).all()


def module_quizzes(session: Session) -> Sequence[Row[Quiz, Module]]:
    """List each active module with its quiz, in curriculum order."""
    stmt = (
        select(Quiz, Module)
        .join(Module, Module.id == Quiz.module_id)
        .where(Module.active, Quiz.kind == "modul")
        .order_by(Module.position)
    )
    return session.execute(stmt).all()


def org_unit(session: Session, parent_id: int | None, level: str, name: str) -> OrgUnit | None:
    """Find an organisation unit by its parent and name."""
    parent_clause = OrgUnit.parent_id.is_(None) if parent_id is None else OrgUnit.parent_id == parent_id
    stmt = select(OrgUnit).where(parent_clause, OrgUnit.level == level, OrgUnit.name == name)
    return session.scalars(stmt).one_or_none()


def next_counter_value(session: Session, name: str) -> int:
    """Take the next value of a named counter, atomically on both databases."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert(Counter)
        .values(name=name, value=1)
        .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + 1})
        .returning(Counter.value)
    )
    return int(session.execute(stmt).scalar_one())


def question_counts(session: Session) -> Sequence[Row[str, str, int]]:
    """Per active module title and question kind, how many active questions there are."""
    newest = select(QuestionVersion.question_id, func.max(QuestionVersion.version).label("version")).group_by(
        QuestionVersion.question_id
    )
    latest = newest.subquery()
    stmt = (
        select(Module.title, QuestionVersion.kind, func.count())
        .join(Question, Question.module_id == Module.id)
        .join(latest, latest.c.question_id == Question.id)
        .join(
            QuestionVersion, (QuestionVersion.question_id == latest.c.question_id) & (QuestionVersion.version == latest.c.version)
        )
        .where(Module.active, Question.active)
        .group_by(Module.position, Module.title, QuestionVersion.kind)
        .order_by(Module.position)
    )
    return session.execute(stmt).all()


def newest_override(session: Session, quiz_id: int, employee_id: int) -> QuizOverride | None:
    """The exception HR granted most recently to one employee at one quiz."""
    stmt = (
        select(QuizOverride)
        .where(QuizOverride.quiz_id == quiz_id, QuizOverride.employee_id == employee_id)
        .order_by(QuizOverride.created_at.desc(), QuizOverride.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def overrides_of_quiz(session: Session, quiz_id: int) -> Sequence[Row[QuizOverride, str, str]]:
    """Every override of a quiz with the employee's NIP and name, newest first."""
    stmt = (
        select(QuizOverride, Employee.nip, Employee.name)
        .join(Employee, Employee.id == QuizOverride.employee_id)
        .where(QuizOverride.quiz_id == quiz_id)
        .order_by(QuizOverride.created_at.desc(), QuizOverride.id.desc())
    )
    return session.execute(stmt).all()


def expired_attempt_ids(session: Session, before: datetime) -> Sequence[int]:
    """Open attempts whose deadline passed before `before` (the sweep submits them)."""
    stmt = select(Attempt.id).where(
        Attempt.submitted_at.is_(None), Attempt.deadline_at.is_not(None), Attempt.deadline_at < before
    )
    return session.scalars(stmt).all()


def submitted_scores(session: Session, employee_id: int, quiz_id: int) -> Sequence[Row[float | None, bool | None]]:
    """Scores and pass flags of an employee's submitted attempts at a quiz, in the order taken."""
    stmt = (
        select(Attempt.score, Attempt.passed)
        .where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.number)
    )
    return session.execute(stmt).all()


def last_submission(session: Session, employee_id: int, quiz_id: int) -> datetime | None:
    """When the employee last submitted an attempt at this quiz."""
    stmt = select(func.max(Attempt.submitted_at)).where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id)
    return session.scalar(stmt)


def exam_quiz(session: Session) -> Quiz | None:
    """The certification exam."""
    return session.scalars(select(Quiz).where(Quiz.kind == "ujian").order_by(Quiz.id).limit(1)).first()


def pledge_of(session: Session, employee_id: int) -> Pledge | None:
    """The pakta integritas an employee signed, if any."""
    return session.scalars(select(Pledge).where(Pledge.employee_id == employee_id)).one_or_none()


def all_quizzes(session: Session) -> Sequence[Quiz]:
    """Every quiz: module quizzes in curriculum order, then the exam."""
    stmt = select(Quiz).outerjoin(Module, Module.id == Quiz.module_id).order_by(Quiz.kind == "ujian", Module.position, Quiz.id)
    return session.scalars(stmt).all()


def live_certificate_of(session: Session, employee_id: int) -> Certificate | None:
    """The employee's newest certificate that is neither revoked nor superseded."""
    stmt = (
        select(Certificate)
        .where(Certificate.employee_id == employee_id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def next_question_position(session: Session, module_id: int) -> int:
    """The position after the module's last question (imports are appended)."""
    return (session.scalar(select(func.max(Question.position)).where(Question.module_id == module_id)) or 0) + 1
