"""Overall feedback after an attempt: a word for the score band, and where the misses cluster."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from netral.quizzes.scoring import is_fully_correct

DEFAULT_BANDS = [
    {"from": 90, "text": "Sangat baik. Anda memahami aturan netralitas dengan mantap; jadilah contoh bagi rekan kerja."},
    {"from": 80, "text": "Baik. Anda memahami sebagian besar aturan; perhatikan pembahasan soal yang belum tepat."},
    {"from": 60, "text": "Cukup, tetapi belum mantap. Baca kembali materi pada bagian yang belum tepat sebelum mencoba lagi."},
    {"from": 0, "text": "Anda perlu mempelajari kembali materinya dengan teliti sebelum mencoba lagi."},
]
# A cluster is worth naming when at least half of its questions (and at least two) were missed.
CLUSTER_SHARE = 0.5
CLUSTER_MINIMUM = 2
MAX_CLUSTERS = 3


def overall_feedback(
    score: float,
    bands: Sequence[dict[str, Any]] | None,
    answers: Sequence[tuple[str, str, float | None]],
    *,
    module_titles: dict[str, str],
    exam: bool,
) -> tuple[str, ...]:
    """Return the band text for `score`, then advice naming the modules (exam) or topics (module quiz) missed most.

    `answers` are (module key, topic, points) of each question of the attempt.
    """
    ordered = sorted(bands or DEFAULT_BANDS, key=lambda band: band["from"], reverse=True)
    band = next((str(b["text"]) for b in ordered if score >= float(b["from"])), "")
    missed: dict[str, list[bool]] = defaultdict(list)
    for module_key, topic, points in answers:
        missed[module_key if exam else topic].append(not (points is not None and is_fully_correct(points)))
    clusters = sorted(
        (
            (name, sum(flags), len(flags))
            for name, flags in missed.items()
            if sum(flags) >= CLUSTER_MINIMUM and sum(flags) / len(flags) >= CLUSTER_SHARE
        ),
        key=lambda cluster: (cluster[1] / cluster[2], cluster[1]),
        reverse=True,
    )[:MAX_CLUSTERS]
    advice = [
        f"Anda perlu mengulang modul {module_titles.get(name, name)}: {wrong} dari {total} soal belum tepat."
        if exam
        else f"Pelajari lagi bagian “{name}”: {wrong} dari {total} soal belum tepat."
        for name, wrong, total in clusters
    ]
    return tuple(text for text in (band, *advice) if text)
