"""Named queries for item analysis: per-question sums and histograms of submitted first attempts, aggregated in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any, NamedTuple

from sqlalchemy import ColumnExpressionArgument, Float, Numeric, Row, Subquery, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import Answer, Attempt, Employee, Question, QuestionVersion
from db.queries.people import in_units

# Marks such as 1/3 are floats; rounding lets equal values share one histogram bin.
HISTOGRAM_DECIMALS = 9

# Per question version: sorted (value, count) pairs.
Histograms = dict[int, list[tuple[float, int]]]


class ItemSumsRow(NamedTuple):
    """Sufficient statistics of one question version: x = its mark, t = the attempt's total points."""

    version_id: int
    n: int
    sum_x: float
    sum_x2: float
    sum_t: float
    sum_t2: float
    sum_xt: float


class ItemLabelRow(NamedTuple):
    """What identifies a question version to a person."""

    version_id: int
    question_key: str
    version: int
    content: dict[str, Any]
    category: str


def _rounded(value: ColumnExpressionArgument[Any]) -> ColumnElement[float]:
    # PostgreSQL rounds to a number of decimals only for NUMERIC, not for double precision.
    return cast(func.round(cast(value, Numeric), HISTOGRAM_DECIMALS), Float)


def _first_attempt_marks(quiz_id: int, unit_ids: Collection[int] | None) -> Subquery:
    """One row per question of a submitted first attempt: version, mark x, attempt total t, both rounded."""
    x, t = Answer.points, Attempt.points
    stmt = (
        select(
            Answer.question_version_id.label("item"),
            x.label("x"),
            t.label("t"),
            _rounded(x).label("x_bin"),
            _rounded(t - x).label("rest_bin"),
        )
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .where(
            Attempt.quiz_id == quiz_id,
            Attempt.number == 1,
            Attempt.submitted_at.is_not(None),
            Attempt.points.is_not(None),
            Answer.points.is_not(None),
        )
    )
    if unit_ids is not None:
        stmt = in_units(stmt.join(Employee, Employee.id == Attempt.employee_id), unit_ids)
    return stmt.subquery("marks")


def item_sums(session: Session, quiz_id: int, *, unit_ids: Collection[int] | None = None) -> list[ItemSumsRow]:
    """Per question version of a quiz's submitted first attempts: n, Σx, Σx², Σt, Σt², Σxt."""
    m = _first_attempt_marks(quiz_id, unit_ids)
    stmt = (
        select(
            m.c.item,
            func.count(),
            func.sum(m.c.x),
            func.sum(m.c.x * m.c.x),
            func.sum(m.c.t),
            func.sum(m.c.t * m.c.t),
            func.sum(m.c.x * m.c.t),
        )
        .group_by(m.c.item)
        .order_by(m.c.item)
    )
    rows: Sequence[Row[int, int, float, float, float, float, float]] = session.execute(stmt).all()
    return [ItemSumsRow(row[0], row[1], *(float(value) for value in row[2:])) for row in rows]


def item_histograms(session: Session, quiz_id: int, *, unit_ids: Collection[int] | None = None) -> tuple[Histograms, Histograms]:
    """Per question version: how many first attempts got each mark x, and each rest-of-test score t − x."""
    m = _first_attempt_marks(quiz_id, unit_ids)
    return _histogram(session, m.c.item, m.c.x_bin), _histogram(session, m.c.item, m.c.rest_bin)


def _histogram(session: Session, item: ColumnElement[Any], value: ColumnElement[Any]) -> Histograms:
    stmt = select(item, value, func.count()).group_by(item, value).order_by(item, value)
    rows: Sequence[Row[int, float, int]] = session.execute(stmt).all()
    bins: Histograms = defaultdict(list)
    for version_id, bin_value, count in rows:
        bins[version_id].append((float(bin_value), count))
    return dict(bins)


def item_labels(session: Session, version_ids: Collection[int]) -> Sequence[ItemLabelRow]:
    """The question key, version number, content and category of each given question version."""
    stmt = (
        select(QuestionVersion.id, Question.key, QuestionVersion.version, QuestionVersion.content, QuestionVersion.category)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(QuestionVersion.id.in_(sorted(version_ids)))
    )
    rows: Sequence[Row[int, str, int, dict[str, Any], str]] = session.execute(stmt).all()
    return [ItemLabelRow(*row) for row in rows]
