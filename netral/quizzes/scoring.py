"""Scoring: marks per question and for a whole attempt, computed only on the server."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# Option shares are percentages with five decimals (Moodle writes a third as 33.33333), so
# choosing all three keys of a "pilih semua" question sums to 99.99999 %: that is the full mark.
FULL_MARK_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Score:
    """An attempt's result: points earned, points possible and the percentage."""

    points: float
    max_points: float

    @property
    def percent(self) -> float:
        """The score as a percentage, rounded to two decimals for display and storage."""
        return round(100 * self.points / self.max_points, 2) if self.max_points else 0.0

    def is_passed(self, pass_mark: int) -> bool:
        """Tell whether the score reaches the pass mark (in percent), without rounding errors."""
        return self.points * 100 >= pass_mark * self.max_points - FULL_MARK_TOLERANCE


def question_mark(kind: str, weights: Mapping[str, float], selected: Iterable[str] | None) -> float:
    """Return the mark (0 to 1) for the options selected on one question.

    `weights` maps option ids to their share of the mark in percent; negative
    shares penalise wrong choices in multiple response, never below zero.
    """
    chosen = set(selected or ())
    if not chosen or not chosen <= set(weights):
        return 0.0
    if kind in ("single", "truefalse") and len(chosen) != 1:
        return 0.0
    total = sum(weights[option_id] for option_id in chosen) / 100
    return 1.0 if total >= 1.0 - FULL_MARK_TOLERANCE else max(0.0, total)


def is_fully_correct(mark: float) -> bool:
    """A question counts as right only with the full mark."""
    return mark >= 1.0 - FULL_MARK_TOLERANCE


def total_score(marks: Sequence[float]) -> Score:
    """Add the marks of an attempt's questions (each worth one point)."""
    return Score(points=sum(marks), max_points=float(len(marks)))
