"""Item analysis per question, from submitted first attempts, with Moodle's quiz statistics and plain verdicts.

With x = a question's mark (0 to 1) and X = the rest of the test (attempt total minus x), over the
attempts that drew the question: facility F = 100·mean(x), SD = 100·sample SD of x, discrimination
D = 100·r(x, X), and discriminative efficiency E = 100·Cov(x, X) / Cov(sorted x, sorted X).
Everything comes from sums and histograms aggregated in SQL, so no answer is loaded one by one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netral.core.dates import format_score

# Thresholds follow Moodle's guidance (docs.moodle.org/en/Quiz_statistics_report): a facility of 90+
# is very easy and 20 or less difficult; a discrimination index of 30+ is adequate, 20–29 weak,
# 0–19 very weak, and below 0 means the question is probably invalid (often a wrong key).
MIN_ATTEMPTS = 10
TOO_EASY_FACILITY = 90.0
TOO_HARD_FACILITY = 20.0
LOW_DISCRIMINATION = 20.0
GOOD_DISCRIMINATION = 30.0

# Sums of floats (partial marks such as 1/3) leave rounding dust where a variance is really zero.
_RELATIVE_ZERO = 1e-10

FEW_DATA = "data belum cukup"
NEGATIVE = "daya beda negatif — kemungkinan kunci jawaban salah, periksa segera"
LOW = "daya beda rendah — periksa kunci jawaban"
TOO_EASY = "terlalu mudah"
TOO_HARD = "terlalu sulit — periksa kunci jawaban dan materi"
GOOD = "baik"
FAIR = "cukup"

ADVICE = {
    NEGATIVE: "Peserta yang nilainya tinggi justru banyak salah di soal ini. Cocokkan kunci jawaban dengan dasar "
    "hukumnya; jika kunci sudah benar, perjelas kalimat soal.",
    LOW: "Soal ini hampir tidak membedakan peserta yang paham dan yang belum. Periksa kunci jawaban, lalu perjelas "
    "kalimat soal atau pilihan jawabannya.",
    TOO_HARD: "Sangat sedikit peserta yang menjawab benar. Pastikan kunci jawaban benar dan materi modul menjelaskan hal ini.",
    TOO_EASY: "Hampir semua peserta menjawab benar. Jika soal ini penting, biarkan; jika tidak, buat pilihan "
    "jawaban salah yang lebih masuk akal.",
    FAIR: "Soal ini cukup membedakan peserta. Boleh dipertahankan; perjelas kalimatnya bila ada waktu.",
    GOOD: "Soal ini sudah bekerja dengan baik. Tidak perlu diubah.",
    FEW_DATA: f"Tunggu sampai sedikitnya {MIN_ATTEMPTS} peserta mengerjakan soal ini sebelum menilainya.",
}
# Worst first: what most likely needs fixing comes first; too little data says nothing yet.
_RANK = {verdict: rank for rank, verdict in enumerate(ADVICE)}

CSV_HEADER = [
    "Kode Soal",
    "Versi",
    "Soal",
    "Kategori",
    "Jumlah Jawaban",
    "Indeks Kemudahan (%)",
    "Simpangan Baku (%)",
    "Indeks Daya Beda (%)",
    "Efisiensi Diskriminasi (%)",
    "Penilaian",
    "Saran",
]

# Sorted (value, count) pairs: how many attempts had each value.
Histogram = Sequence[tuple[float, int]]


@dataclass(frozen=True)
class ItemSums:
    """Sufficient statistics of one question: x = its mark, t = the attempt's total points."""

    n: int
    sum_x: float
    sum_x2: float
    sum_t: float
    sum_t2: float
    sum_xt: float


@dataclass(frozen=True)
class ItemNumbers:
    """Moodle's statistics of one question, in percent; None where they are undefined."""

    n: int
    facility: float
    sd: float | None
    discrimination: float | None
    efficiency: float | None


@dataclass(frozen=True)
class ItemStats:
    """One question version's statistics with a verdict and advice for the admin."""

    question_key: str
    version: int
    text: str
    category: str
    n: int
    facility: float
    sd: float | None
    discrimination: float | None
    efficiency: float | None
    verdict: str
    advice: str


def item_stats(sums: ItemSums, x_hist: Histogram, rest_hist: Histogram) -> ItemNumbers:
    """Compute facility, SD, discrimination and efficiency from the sums and the x and X histograms."""
    n = sums.n
    if n < 1:
        raise ValueError("item_stats needs at least one attempt")
    facility = 100 * sums.sum_x / n
    if n < 2:
        return ItemNumbers(n, facility, None, None, None)
    sum_rest = sums.sum_t - sums.sum_x
    sum_rest2 = sums.sum_t2 - 2 * sums.sum_xt + sums.sum_x2
    sum_x_rest = sums.sum_xt - sums.sum_x2
    # Centred sums of squares and products; dividing each by n − 1 gives Moodle's (co)variances.
    sxx = _centred(sums.sum_x2, sums.sum_x * sums.sum_x / n)
    srr = _centred(sum_rest2, sum_rest * sum_rest / n)
    sxr = sum_x_rest - sums.sum_x * sum_rest / n
    sd = 100 * math.sqrt(sxx / (n - 1))
    if sxx == 0 or srr == 0:
        return ItemNumbers(n, facility, sd, None, None)
    discrimination = 100 * sxr / math.sqrt(sxx * srr)
    sxr_max = _sorted_cross_centred(x_hist, rest_hist)
    efficiency = 100 * sxr / sxr_max if sxr_max > _RELATIVE_ZERO * math.sqrt(sxx * srr) else None
    return ItemNumbers(n, facility, sd, discrimination, efficiency)


def _centred(sum_squares: float, square_of_sum_over_n: float) -> float:
    centred = sum_squares - square_of_sum_over_n
    return 0.0 if centred <= _RELATIVE_ZERO * max(sum_squares, 1.0) else centred


def _sorted_cross_centred(x_hist: Histogram, rest_hist: Histogram) -> float:
    """Σ(x₍ᵢ₎ − x̄)(X₍ᵢ₎ − X̄) with both lists sorted ascending, by merging the two histograms."""
    xs, rests = sorted(x_hist), sorted(rest_hist)
    n = sum(count for _, count in xs)
    if n != sum(count for _, count in rests):
        raise ValueError("the two histograms must count the same attempts")
    cross = 0.0
    i = j = 0
    left_x, left_rest = xs[0][1], rests[0][1]
    while i < len(xs) and j < len(rests):
        paired = min(left_x, left_rest)
        cross += paired * xs[i][0] * rests[j][0]
        left_x, left_rest = left_x - paired, left_rest - paired
        if left_x == 0 and (i := i + 1) < len(xs):
            left_x = xs[i][1]
        if left_rest == 0 and (j := j + 1) < len(rests):
            left_rest = rests[j][1]
    sum_x = sum(value * count for value, count in xs)
    sum_rest = sum(value * count for value, count in rests)
    return cross - sum_x * sum_rest / n


def verdict_for(numbers: ItemNumbers) -> str:
    """The plain-Indonesian verdict on one question's numbers."""
    d, f = numbers.discrimination, numbers.facility
    if numbers.n < MIN_ATTEMPTS:
        return FEW_DATA
    # A negative index is the strongest sign of a wrong key, whatever the facility.
    if d is not None and d < 0:
        return NEGATIVE
    if f >= TOO_EASY_FACILITY:
        return TOO_EASY
    if f <= TOO_HARD_FACILITY:
        return TOO_HARD
    if d is not None and d < LOW_DISCRIMINATION:
        return LOW
    if d is not None and d >= GOOD_DISCRIMINATION:
        return GOOD
    return FAIR


def with_verdict(numbers: ItemNumbers, question_key: str, version: int, text: str, category: str) -> ItemStats:
    verdict = verdict_for(numbers)
    return ItemStats(
        question_key=question_key,
        version=version,
        text=text,
        category=category,
        n=numbers.n,
        facility=numbers.facility,
        sd=numbers.sd,
        discrimination=numbers.discrimination,
        efficiency=numbers.efficiency,
        verdict=verdict,
        advice=ADVICE[verdict],
    )


def worst_first(stats: Iterable[ItemStats]) -> list[ItemStats]:
    """Order by how urgently each question needs attention, lowest discrimination first within a verdict."""

    def urgency(item: ItemStats) -> tuple[int, float, float, str, int]:
        d = math.inf if item.discrimination is None else item.discrimination
        return _RANK[item.verdict], d, -abs(item.facility - 50), item.question_key, item.version

    return sorted(stats, key=urgency)


def facility_by_question_csv_rows(stats: Iterable[ItemStats]) -> tuple[list[str], list[list[str]]]:
    """Column names and one row per question for a CSV export (decimal commas, blank where undefined)."""
    rows = [
        [
            item.question_key,
            str(item.version),
            item.text,
            item.category,
            str(item.n),
            _percent(item.facility),
            _percent(item.sd),
            _percent(item.discrimination),
            _percent(item.efficiency),
            item.verdict,
            item.advice,
        ]
        for item in stats
    ]
    return list(CSV_HEADER), rows


def _percent(value: float | None) -> str:
    return "" if value is None else format_score(round(value, 1) + 0.0)  # + 0.0 turns -0.0 into 0.0
