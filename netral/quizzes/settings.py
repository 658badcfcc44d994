"""HR's controls over quizzes: each quiz's settings and per-person overrides (exceptions)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import Quiz
from netral.core import audit
from netral.core.enums import AuditAction, FeedbackMode, GradingMethod, QuizKind, ReviewTime
from netral.core.errors import NotFound, Refusal
from netral.people.authority import Actor, acting_scope, actor_account_id
from netral.quizzes.feedback import DEFAULT_BANDS
from netral.quizzes.rules import QuizRules


class SettingsRefused(Refusal):
    """Settings that cannot be saved; the message says which field and why."""


@dataclass(frozen=True)
class QuizSettings:
    """The editable settings of one quiz, as the HR form submits them."""

    pass_mark: int
    time_limit_minutes: int | None
    max_attempts: int | None
    wait_minutes: int | None
    open_at: datetime | None
    close_at: datetime | None
    question_count: int | None
    shuffle_questions: bool
    shuffle_options: bool
    feedback_mode: str
    review_when: str
    review_correctness: bool
    review_key: bool
    review_explanation: bool
    review_legal_basis: bool
    grading: str
    jp: int = 0
    feedback_bands: list[dict[str, Any]] | None = None

    @classmethod
    def of(cls, quiz: Quiz) -> QuizSettings:
        """The current settings of a quiz."""
        return cls(**{field.name: getattr(quiz, field.name) for field in fields(cls)})


def rules_for(session: Session, quiz: Quiz, employee_id: int) -> QuizRules:
    """The quiz's rules for one employee, with their newest override applied."""
    rules = QuizRules(
        pass_mark=quiz.pass_mark,
        time_limit_minutes=quiz.time_limit_minutes,
        max_attempts=quiz.max_attempts,
        wait_minutes=quiz.wait_minutes,
        open_at=quiz.open_at,
        close_at=quiz.close_at,
        feedback_mode=FeedbackMode(quiz.feedback_mode),
        review_when=ReviewTime(quiz.review_when),
        review_correctness=quiz.review_correctness,
        review_key=quiz.review_key,
        review_explanation=quiz.review_explanation,
        review_legal_basis=quiz.review_legal_basis,
        grading=GradingMethod(quiz.grading),
    )
    override = queries.newest_override(session, quiz.id, employee_id)
    if override is None:
        return rules
    return rules.with_override(
        extra_minutes=override.extra_minutes,
        extra_attempts=override.extra_attempts,
        open_at=override.open_at,
        close_at=override.close_at,
    )


def update_quiz_settings(session: Session, *, actor: Actor, quiz_id: int, settings: QuizSettings, now: datetime) -> None:
    """Save a quiz's settings after checking them (super admins only); the change is audited with before and after."""
    acting_scope(session, actor, whole_agency=True)
    quiz = session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFound("Kuis tidak ditemukan.")
    _check(settings)
    before = QuizSettings.of(quiz)
    changed = {
        f.name: [_plain(getattr(before, f.name)), _plain(getattr(settings, f.name))]
        for f in fields(QuizSettings)
        if getattr(before, f.name) != getattr(settings, f.name)
    }
    for name, value in vars(settings).items():
        setattr(quiz, name, value)
    audit.record(session, actor_account_id(actor), AuditAction.QUIZ_SETTINGS, quiz.key, now=now, details=changed)


def _check(settings: QuizSettings) -> None:
    problems = []
    if not 1 <= settings.pass_mark <= 100:
        problems.append("batas lulus harus 1–100")
    for name, label in (
        ("time_limit_minutes", "batas waktu"),
        ("max_attempts", "jumlah kesempatan"),
        ("wait_minutes", "jeda antarpercobaan"),
    ):
        value = getattr(settings, name)
        if value is not None and value <= 0:
            problems.append(f"{label} harus lebih dari 0 atau dikosongkan")
    if settings.question_count is not None and settings.question_count < 1:
        problems.append("jumlah soal minimal 1, atau 0 untuk semua soal")
    if settings.open_at and settings.close_at and settings.open_at >= settings.close_at:
        problems.append("waktu buka harus sebelum waktu tutup")
    if (
        settings.feedback_mode not in FeedbackMode._value2member_map_
        or settings.review_when not in ReviewTime._value2member_map_
        or settings.grading not in GradingMethod._value2member_map_
    ):
        problems.append("pilihan umpan balik, waktu pembahasan, atau cara penilaian tidak dikenal")
    if not 0 <= settings.jp <= 40:
        problems.append("JP harus 0–40")
    if settings.review_when == ReviewTime.AFTER_CLOSE and settings.close_at is None:
        problems.append("pembahasan 'setelah kuis ditutup' memerlukan waktu tutup")
    if problems:
        raise SettingsRefused("Pengaturan belum dapat disimpan: " + "; ".join(problems) + ".")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def available_questions(session: Session, quiz: Quiz) -> int:
    """How many questions a quiz can draw from (a larger count simply draws them all)."""
    return len(queries.question_pool(session, quiz))


def quiz_titles(session: Session) -> dict[int, str]:
    """Every quiz by id with its title: module quizzes in curriculum order, then the exam."""
    return {quiz.id: quiz.title for quiz in queries.all_quizzes(session)}


@dataclass(frozen=True)
class SettingsScreen:
    """One quiz as its settings form shows it."""

    quiz_id: int
    title: str
    kind: QuizKind
    settings: QuizSettings
    available: int


def settings_screen(session: Session, *, actor: Actor, quiz_id: int) -> SettingsScreen:
    """A quiz's current settings and how many questions it can draw from (super admins)."""
    acting_scope(session, actor, whole_agency=True)
    quiz = session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFound("Kuis tidak ditemukan.")
    return SettingsScreen(quiz.id, quiz.title, QuizKind(quiz.kind), QuizSettings.of(quiz), available_questions(session, quiz))


def parse_bands(text: str) -> list[dict[str, Any]] | None:
    """Read score bands written one per line as "90 | Sangat baik ..."; empty text means the defaults."""
    bands: list[dict[str, Any]] = []
    lows: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        low, separator, message = line.partition("|")
        if not separator or not low.strip().isdigit() or not message.strip():
            raise SettingsRefused(f"Umpan balik per rentang nilai, baris {number}: tulis seperti “80 | Baik, ...”.")
        if not 0 <= int(low) <= 100:
            raise SettingsRefused(f"Umpan balik per rentang nilai, baris {number}: nilai harus 0–100.")
        bands.append({"from": int(low), "text": message.strip()})
        lows.append(int(low))
    if lows and min(lows) != 0:
        raise SettingsRefused("Umpan balik per rentang nilai harus punya baris untuk nilai 0.")
    return sorted(bands, key=lambda band: band["from"], reverse=True) or None


def format_bands(bands: list[dict[str, Any]] | None) -> str:
    """Write score bands back as lines for editing."""
    return "\n".join(f"{band['from']} | {band['text']}" for band in bands or DEFAULT_BANDS)
