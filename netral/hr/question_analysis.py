"""Analisis Soal's service: one quiz's item analysis over the actor's scope."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import Session

from db.queries.analysis import item_histograms, item_labels, item_sums
from netral.hr.item_analysis import ItemStats, ItemSums, item_stats, with_verdict, worst_first
from netral.people.authority import Actor, acting_scope


def analysis_of(session: Session, *, actor: Actor, quiz_id: int) -> list[ItemStats]:
    """`analyse_quiz` over the first attempts of the people in the actor's scope."""
    return analyse_quiz(session, quiz_id, unit_ids=acting_scope(session, actor).unit_ids)


def analyse_quiz(session: Session, quiz_id: int, *, unit_ids: Collection[int] | None = None) -> list[ItemStats]:
    """Statistics of every question version drawn in the quiz's submitted first attempts, worst first."""
    sums = item_sums(session, quiz_id, unit_ids=unit_ids)
    x_hists, rest_hists = item_histograms(session, quiz_id, unit_ids=unit_ids)
    labels = {label.version_id: label for label in item_labels(session, [row.version_id for row in sums])}
    stats = []
    for row in sums:
        numbers = item_stats(
            ItemSums(row.n, row.sum_x, row.sum_x2, row.sum_t, row.sum_t2, row.sum_xt),
            x_hists[row.version_id],
            rest_hists[row.version_id],
        )
        label = labels[row.version_id]
        stats.append(with_verdict(numbers, label.question_key, label.version, str(label.content.get("text", "")), label.category))
    return worst_first(stats)
