import math
import random
import statistics
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest

from db import queries, reading, transaction
from db.models import OrgUnit
from db.queries.analysis import HISTOGRAM_DECIMALS, item_histograms, item_sums
from netral.hr.item_analysis import (
    CSV_HEADER,
    FAIR,
    FEW_DATA,
    GOOD,
    LOW,
    NEGATIVE,
    TOO_EASY,
    TOO_HARD,
    ItemNumbers,
    ItemStats,
    ItemSums,
    facility_by_question_csv_rows,
    item_stats,
    verdict_for,
    worst_first,
)
from netral.hr.question_analysis import analyse_quiz
from netral.quizzes import attempts
from tests.conftest import ROOT, T0
from tests.factories import add_person, module_quiz_id

# --- pure: the sufficient-statistics path against plain Python on raw vectors ---


def sufficient(xs, totals):
    """What SQL aggregates: sums, and histograms of x and of the rest of the test."""
    sums = ItemSums(
        n=len(xs),
        sum_x=sum(xs),
        sum_x2=sum(x * x for x in xs),
        sum_t=sum(totals),
        sum_t2=sum(t * t for t in totals),
        sum_xt=sum(x * t for x, t in zip(xs, totals, strict=True)),
    )
    x_hist = sorted(Counter(round(x, HISTOGRAM_DECIMALS) for x in xs).items())
    rest_hist = sorted(Counter(round(t - x, HISTOGRAM_DECIMALS) for x, t in zip(xs, totals, strict=True)).items())
    return sums, x_hist, rest_hist


def raw_numbers(xs, totals):
    """Moodle's formulas straight from the vectors, with the statistics module."""
    rests = [t - x for x, t in zip(xs, totals, strict=True)]
    varies = len(set(xs)) > 1 and len(set(rests)) > 1
    cov = statistics.covariance(xs, rests) if varies else None
    return ItemNumbers(
        n=len(xs),
        facility=100 * statistics.fmean(xs),
        sd=100 * statistics.stdev(xs),
        discrimination=100 * statistics.correlation(xs, rests) if varies else None,
        efficiency=100 * cov / statistics.covariance(sorted(xs), sorted(rests)) if cov is not None else None,
    )


def numbers_of(matrix, item):
    """Item `item`'s statistics of a marks matrix (one row per attempt), computed from sums and histograms."""
    xs = [row[item] for row in matrix]
    totals = [sum(row) for row in matrix]
    return item_stats(*sufficient(xs, totals)), raw_numbers(xs, totals)


def assert_same(got, expected):
    assert got.n == expected.n
    for field in ("facility", "sd", "discrimination", "efficiency"):
        value, want = getattr(got, field), getattr(expected, field)
        assert (value is None) == (want is None), field
        if want is not None:
            # Efficiency pairs histogram values rounded to HISTOGRAM_DECIMALS, hence its looser tolerance.
            tolerance = 1e-6 if field == "efficiency" else 1e-9
            assert value == pytest.approx(want, rel=tolerance, abs=tolerance), field


SMALL = [
    [1, 1, 1],
    [1, 1, 0],
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
]


def test_a_small_quiz_by_hand():
    # Item 1: x = 1 1 1 0 0, rest X = 2 1 0 1 0; Var x = 0.3, Var X = 0.7, Cov = 0.15, Cov(sorted) = 0.4.
    got, _ = numbers_of(SMALL, 0)
    assert got.n == 5
    assert got.facility == pytest.approx(60)
    assert got.sd == pytest.approx(100 * math.sqrt(0.3))
    assert got.discrimination == pytest.approx(100 * 0.15 / math.sqrt(0.3 * 0.7))
    assert got.efficiency == pytest.approx(37.5)


@pytest.mark.parametrize("item", range(3))
def test_sums_and_histograms_agree_with_the_raw_vectors(item):
    got, expected = numbers_of(SMALL, item)
    assert_same(got, expected)


@pytest.mark.parametrize("seed", range(8))
def test_partial_marks_and_many_attempts_agree_with_the_raw_vectors(seed):
    rng = random.Random(seed)
    marks = (0.0, 1 / 3, 0.5, 2 / 3, 1.0)
    matrix = [[rng.choice(marks) for _ in range(6)] for _ in range(rng.randint(4, 60))]
    for item in range(6):
        got, expected = numbers_of(matrix, item)
        assert_same(got, expected)
        if expected.efficiency is not None:
            assert got.efficiency <= 100 + 1e-6


def test_an_item_everyone_gets_right_has_no_discrimination():
    matrix = [[1, 1, 0], [1, 0, 0], [1, 1, 1], [1, 0, 1]]
    got, _ = numbers_of(matrix, 0)
    assert (got.facility, got.sd, got.discrimination, got.efficiency) == (100, 0, None, None)


def test_a_constant_rest_of_test_gives_no_discrimination():
    got, _ = numbers_of([[1], [0], [1], [0]], 0)
    assert got.facility == 50 and got.discrimination is None and got.efficiency is None


def test_one_attempt_gives_only_a_facility():
    got = item_stats(*sufficient([1.0], [3.0]))
    assert got == ItemNumbers(n=1, facility=100, sd=None, discrimination=None, efficiency=None)


def test_no_attempt_is_refused():
    with pytest.raises(ValueError):
        item_stats(ItemSums(0, 0, 0, 0, 0, 0), [], [])


def reversed_key_matrix():
    """Twelve attempts by ability 0..11: items 0-2 follow ability, item 3's key is reversed (the strong get it wrong)."""
    return [[int(a >= 3), int(a >= 5), int(a >= 7), int(a < 6)] for a in range(12)]


def test_a_reversed_key_shows_as_negative_discrimination():
    got, expected = numbers_of(reversed_key_matrix(), 3)
    assert_same(got, expected)
    assert got.discrimination < 0 and got.efficiency < 0
    assert verdict_for(got) == NEGATIVE
    assert "kunci jawaban salah" in verdict_for(got)


@pytest.mark.parametrize(
    ("n", "facility", "discrimination", "verdict"),
    [
        (9, 50, 45, FEW_DATA),
        (9, 50, -40, FEW_DATA),
        (40, 50, -5, NEGATIVE),
        (40, 10, -5, NEGATIVE),
        (40, 95, -5, NEGATIVE),
        (40, 90, 40, TOO_EASY),
        (40, 100, None, TOO_EASY),
        (40, 20, 40, TOO_HARD),
        (40, 0, None, TOO_HARD),
        (40, 50, 0, LOW),
        (40, 50, 19.9, LOW),
        (40, 50, 20, FAIR),
        (40, 50, 29.9, FAIR),
        (40, 50, None, FAIR),
        (40, 50, 30, GOOD),
        (40, 89.9, 60, GOOD),
        (40, 20.1, 60, GOOD),
    ],
)
def test_verdicts_follow_the_thresholds(n, facility, discrimination, verdict):
    assert verdict_for(ItemNumbers(n, facility, 10.0, discrimination, None)) == verdict


def stat(key, verdict, discrimination, facility=50.0):
    return ItemStats(key, 1, "Soal?", "kampanye", 40, facility, 20.0, discrimination, None, verdict, "Saran.")


def test_worst_questions_come_first():
    items = [
        stat("baik", GOOD, 45),
        stat("sedikit", FEW_DATA, -50),
        stat("mudah", TOO_EASY, 5, 95),
        stat("negatif-ringan", NEGATIVE, -3),
        stat("rendah", LOW, 10),
        stat("negatif-berat", NEGATIVE, -40),
        stat("sulit", TOO_HARD, 5, 10),
        stat("cukup", FAIR, 25),
    ]
    order = [item.question_key for item in worst_first(items)]
    assert order == ["negatif-berat", "negatif-ringan", "rendah", "sulit", "mudah", "cukup", "baik", "sedikit"]


def test_csv_rows_use_indonesian_headers_and_decimal_commas():
    item = ItemStats("dasar-keempat", 2, "Soal keempat?", "kampanye", 12, 41.666, 51.49, -71.43, None, NEGATIVE, "Periksa.")
    header, rows = facility_by_question_csv_rows([item])
    assert header == CSV_HEADER
    assert header == [
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
    assert rows == [["dasar-keempat", "2", "Soal keempat?", "kampanye", "12", "41,7", "51,5", "-71,4", "", NEGATIVE, "Periksa."]]


def test_the_pure_part_loads_without_sqlalchemy():
    code = "import sys, netral.hr.item_analysis; assert not [m for m in sys.modules if m.startswith(('sqlalchemy', 'db'))]"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# --- database: first attempts through the real attempt services, aggregated in SQL ---

KEYS = ("dasar-tunggal", "dasar-ganda", "dasar-benar-salah", "dasar-keempat", "dasar-kelima")


def designed_marks(ability):
    """The mark each fixture question gets from a peserta of this ability (0..11); dasar-keempat's key looks reversed."""
    return {
        "dasar-tunggal": float(ability >= 3),
        "dasar-ganda": 1.0 if ability >= 8 else 0.5 if ability >= 4 else 0.0,
        "dasar-benar-salah": float(ability >= 6 or ability == 1),
        "dasar-keempat": float(ability < 5),
        "dasar-kelima": 1.0,
    }


def answer_with_marks(session, *, attempt_id, employee_id, marks, now):
    """Answer each drawn question so it earns the wanted mark (0.5: one of the two right options)."""
    for answer, version, key, _module in queries.answers_with_versions(session, attempt_id):
        options = version.content["options"]
        right = [o["id"] for o in options if float(o["weight"]) > 0]
        wrong = [o["id"] for o in options if float(o["weight"]) <= 0]
        selected = {1.0: right, 0.5: right[:1], 0.0: wrong[:1]}[marks[key]]
        attempts.record_answer(
            session, attempt_id=attempt_id, employee_id=employee_id, position=answer.position, selected=selected, now=now
        )


def take(session, settings, *, employee_id, quiz_id, marks, now, submit=True):
    attempt = attempts.start_attempt(
        session, employee_id=employee_id, quiz_id=quiz_id, now=now, settings=settings, rng=random.Random(employee_id)
    )
    answer_with_marks(session, attempt_id=attempt.id, employee_id=employee_id, marks=marks, now=now)
    if submit:
        attempts.submit_attempt(session, attempt_id=attempt.id, employee_id=employee_id, now=now)


@pytest.fixture
def taken(synced, settings):
    """Twelve peserta of abilities 0..11 in units A (even) and B (odd, but 11 has no unit), plus noise to ignore."""
    with transaction(synced) as session:
        unit_a = OrgUnit(parent_id=None, level="unit_kerja", name="Unit A")
        unit_b = OrgUnit(parent_id=None, level="unit_kerja", name="Unit B")
        session.add_all([unit_a, unit_b])
        session.flush()
        quiz_id = module_quiz_id(session)
        for ability in range(12):
            account = add_person(session, name=f"Peserta {ability}")
            account.employee.unit_id = None if ability == 11 else (unit_a.id if ability % 2 == 0 else unit_b.id)
            take(session, settings, employee_id=account.employee_id, quiz_id=quiz_id, marks=designed_marks(ability), now=T0)
            if ability in (0, 1, 2):  # a second try, all right: only first attempts count
                later = T0 + timedelta(hours=2)
                take(session, settings, employee_id=account.employee_id, quiz_id=quiz_id, marks=designed_marks(11), now=later)
        unfinished = add_person(session, name="Belum Kirim")
        unfinished.employee.unit_id = unit_a.id
        take(
            session, settings, employee_id=unfinished.employee_id, quiz_id=quiz_id, marks=designed_marks(0), now=T0, submit=False
        )
        units = {"A": unit_a.id, "B": unit_b.id}
    return synced, quiz_id, units


def expected_by_key(abilities):
    rows = [designed_marks(a) for a in abilities]
    totals = [sum(row.values()) for row in rows]
    return {key: raw_numbers([row[key] for row in rows], totals) for key in KEYS}


def test_analysis_of_first_attempts_matches_the_raw_vectors(taken):
    engine, quiz_id, _units = taken
    with reading(engine) as session:
        stats = analyse_quiz(session, quiz_id)
    expected = expected_by_key(range(12))
    assert sorted(item.question_key for item in stats) == sorted(KEYS)
    for item in stats:
        assert_same(item, expected[item.question_key])
        assert item.version == 1


def test_the_reversed_question_comes_first_with_its_label_and_advice(taken):
    engine, quiz_id, _units = taken
    with reading(engine) as session:
        stats = analyse_quiz(session, quiz_id)
    first = stats[0]
    assert (first.question_key, first.text, first.category, first.n) == ("dasar-keempat", "Soal keempat?", "kampanye", 12)
    assert first.discrimination < 0 and first.verdict == NEGATIVE and "kunci jawaban" in first.advice
    everyone_right = next(item for item in stats if item.question_key == "dasar-kelima")
    assert (everyone_right.facility, everyone_right.discrimination, everyone_right.verdict) == (100, None, TOO_EASY)


@pytest.mark.parametrize(
    ("unit_names", "abilities"), [(["A"], range(0, 11, 2)), (["B"], range(1, 11, 2)), (["A", "B"], range(11))]
)
def test_unit_filter_restricts_to_employees_of_those_units(taken, unit_names, abilities):
    engine, quiz_id, units = taken
    with reading(engine) as session:
        stats = analyse_quiz(session, quiz_id, unit_ids={units[name] for name in unit_names})
    expected = expected_by_key(abilities)
    assert len(stats) == len(KEYS)
    for item in stats:
        assert_same(item, expected[item.question_key])
        assert (item.verdict == FEW_DATA) == (len(abilities) < 10)


def test_no_units_and_no_attempts_give_nothing(taken):
    engine, quiz_id, _units = taken
    with reading(engine) as session:
        assert analyse_quiz(session, quiz_id, unit_ids=set()) == []
        assert analyse_quiz(session, module_quiz_id(session, "lanjut")) == []


def test_sql_sums_and_histograms_count_each_first_attempt_once(taken):
    engine, quiz_id, _units = taken
    with reading(engine) as session:
        sums = item_sums(session, quiz_id)
        x_hists, rest_hists = item_histograms(session, quiz_id)
    assert len(sums) == len(KEYS) and {row.n for row in sums} == {12}
    for row in sums:
        assert sum(count for _, count in x_hists[row.version_id]) == 12
        assert sum(count for _, count in rest_hists[row.version_id]) == 12
    half_marks = [hist for hist in x_hists.values() if any(value == 0.5 for value, _ in hist)]
    assert half_marks == [[(0.0, 4), (0.5, 4), (1.0, 4)]]
