"""The rules of a quiz for one person at one moment: window, attempts, waiting, deadline, grade, review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from netral.core.dates import format_datetime
from netral.core.enums import FeedbackMode, GradingMethod, ReviewTime
from netral.core.errors import Refusal


class StartRefused(Refusal):
    """A new attempt may not start now: the window, the attempts used, or the waiting time."""


@dataclass(frozen=True)
class QuizRules:
    """A quiz's settings with one employee's override applied."""

    pass_mark: int
    time_limit_minutes: int | None = None
    max_attempts: int | None = None
    wait_minutes: int | None = None
    open_at: datetime | None = None
    close_at: datetime | None = None
    feedback_mode: FeedbackMode = FeedbackMode.IMMEDIATE
    review_when: ReviewTime = ReviewTime.AFTER_SUBMIT
    review_correctness: bool = True
    review_key: bool = True
    review_explanation: bool = True
    review_legal_basis: bool = True
    grading: GradingMethod = GradingMethod.HIGHEST

    def with_override(
        self,
        *,
        extra_minutes: int | None = None,
        extra_attempts: int | None = None,
        open_at: datetime | None = None,
        close_at: datetime | None = None,
    ) -> QuizRules:
        """Apply HR's exception for one person: more time, more attempts, or their own window."""
        return replace(
            self,
            time_limit_minutes=_plus(self.time_limit_minutes, extra_minutes),
            max_attempts=_plus(self.max_attempts, extra_attempts),
            open_at=open_at or self.open_at,
            close_at=close_at or self.close_at,
        )


@dataclass(frozen=True)
class Visibility:
    """What the review of a submitted attempt may show now."""

    correctness: bool
    key: bool
    explanation: bool
    legal_basis: bool
    available_from: datetime | None = None

    @property
    def shows_anything(self) -> bool:
        """Whether any per-question detail is visible."""
        return self.correctness or self.key or self.explanation or self.legal_basis


def check_can_start(rules: QuizRules, *, started: int, last_submitted_at: datetime | None, now: datetime, zone: ZoneInfo) -> None:
    """Raise StartRefused saying why a new attempt may not start now; return when it may."""
    if rules.open_at is not None and now < rules.open_at:
        raise StartRefused(f"Kuis ini baru dibuka pada {format_datetime(rules.open_at, zone)}.")
    if rules.close_at is not None and now >= rules.close_at:
        raise StartRefused(f"Kuis ini sudah ditutup pada {format_datetime(rules.close_at, zone)}.")
    if rules.max_attempts is not None and started >= rules.max_attempts:
        raise StartRefused(f"Anda sudah memakai seluruh {rules.max_attempts} kesempatan untuk kuis ini.")
    if rules.wait_minutes and last_submitted_at is not None:
        allowed = last_submitted_at + timedelta(minutes=rules.wait_minutes)
        if now < allowed:
            raise StartRefused(
                f"Anda dapat mencoba lagi mulai {format_datetime(allowed, zone)}. "
                "Gunakan waktu ini untuk membaca ulang materinya."
            )


def deadline_for(rules: QuizRules, started_at: datetime) -> datetime | None:
    """When an attempt started now must be in: its time limit, or the quiz's close, whichever is first."""
    candidates = [started_at + timedelta(minutes=rules.time_limit_minutes)] if rules.time_limit_minutes else []
    if rules.close_at is not None:
        candidates.append(rules.close_at)
    return min(candidates) if candidates else None


def graded_score(scores: Sequence[float], method: str) -> float | None:
    """The quiz grade from submitted attempts' scores in the order taken: highest, last or first."""
    if not scores:
        return None
    if method == GradingMethod.LAST:
        return scores[-1]
    if method == GradingMethod.FIRST:
        return scores[0]
    return max(scores)


def review_visibility(rules: QuizRules, now: datetime) -> Visibility:
    """What a submitted attempt's review shows at `now`, following the quiz's review options."""
    if rules.review_when == ReviewTime.AFTER_CLOSE and (rules.close_at is None or now < rules.close_at):
        return Visibility(False, False, False, False, available_from=rules.close_at)
    return Visibility(rules.review_correctness, rules.review_key, rules.review_explanation, rules.review_legal_basis)


def _plus(limit: int | None, extra: int | None) -> int | None:
    # No limit stays no limit; an extra only lengthens a limit that exists.
    return limit + extra if limit is not None and extra else limit
