"""Pure rules: window, attempts, waiting, deadline, grading, review visibility; the draw; overall feedback."""

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netral.quizzes.draw import stratified_draw
from netral.quizzes.feedback import overall_feedback
from netral.quizzes.rules import QuizRules, StartRefused, check_can_start, deadline_for, graded_score, review_visibility

NOW = datetime(2024, 11, 20, 3, 0, tzinfo=UTC)
WIB = ZoneInfo("Asia/Jakarta")


def minutes(value: float) -> datetime:
    return NOW + timedelta(minutes=value)


def refusal(rules: QuizRules, *, started=0, last=None, now=NOW):
    """The refusal's message, or None when the attempt may start."""
    try:
        check_can_start(rules, started=started, last_submitted_at=last, now=now, zone=WIB)
    except StartRefused as refused:
        return refused.message
    return None


def test_the_window_the_attempt_limit_and_the_waiting_time_each_refuse_with_a_reason():
    rules = QuizRules(pass_mark=80, open_at=minutes(10), close_at=minutes(100), max_attempts=2, wait_minutes=30)
    assert "baru dibuka pada 20 November 2024 10.10 WIB" in refusal(rules)
    assert "sudah ditutup" in refusal(rules, now=minutes(100))
    assert "seluruh 2 kesempatan" in refusal(rules, started=2, now=minutes(50))
    assert "mulai 20 November 2024 10.50 WIB" in refusal(rules, started=1, last=minutes(20), now=minutes(40))
    assert refusal(rules, started=1, last=minutes(20), now=minutes(50)) is None


def test_overrides_lengthen_limits_but_never_invent_them():
    rules = QuizRules(pass_mark=80, time_limit_minutes=30, max_attempts=None)
    changed = rules.with_override(extra_minutes=15, extra_attempts=2, open_at=minutes(5))
    assert (changed.time_limit_minutes, changed.max_attempts, changed.open_at) == (45, None, minutes(5))
    assert QuizRules(pass_mark=80).with_override(extra_minutes=15).time_limit_minutes is None


@pytest.mark.parametrize(
    ("limit", "close", "expected"),
    [(30, None, 30), (None, 20, 20), (30, 20, 20), (30, 60, 30), (None, None, None)],
)
def test_the_deadline_is_the_time_limit_or_the_close_whichever_comes_first(limit, close, expected):
    rules = QuizRules(pass_mark=80, time_limit_minutes=limit, close_at=minutes(close) if close else None)
    assert deadline_for(rules, NOW) == (minutes(expected) if expected else None)


@pytest.mark.parametrize(("method", "grade"), [("tertinggi", 90.0), ("terakhir", 70.0), ("pertama", 60.0)])
def test_grading_across_attempts(method, grade):
    assert graded_score([60.0, 90.0, 70.0], method) == grade
    assert graded_score([], method) is None


def test_review_visibility_follows_the_options_and_the_close():
    hidden = QuizRules(pass_mark=80, review_when="setelah_tutup", close_at=minutes(60), review_key=False)
    assert not review_visibility(hidden, NOW).shows_anything
    after = review_visibility(hidden, minutes(61))
    assert after.correctness and not after.key and after.explanation


@given(
    sizes=st.lists(st.lists(st.integers(1, 6), min_size=1, max_size=4), min_size=1, max_size=8),
    count=st.integers(1, 60),
    seed=st.integers(0, 10_000),
)
def test_the_draw_has_the_right_size_no_repeats_and_covers_strata_when_it_can(sizes, count, seed):
    pool, strata = [], []
    for module, topics in enumerate(sizes):
        for topic, size in enumerate(topics):
            for _ in range(size):
                pool.append(len(pool))
                strata.append((module, topic))
    drawn = stratified_draw(pool, count, strata, random.Random(seed))
    assert len(drawn) == min(count, len(pool)) and len(set(drawn)) == len(drawn)
    modules = {module for module, _topic in strata}
    if count >= len(modules):
        assert {strata[i][0] for i in drawn} == modules
    if count >= len(set(strata)):
        assert {strata[i] for i in drawn} == set(strata)


def test_the_draw_follows_the_strata_sizes():
    pool = list(range(80))
    strata = [("besar" if i < 60 else "kecil", "t") for i in pool]
    drawn = stratified_draw(pool, 20, strata, random.Random(3))
    assert sum(1 for i in drawn if strata[i][0] == "besar") == 15


def test_overall_feedback_names_the_band_and_the_modules_missed_most():
    answers = (
        [("media-sosial", "t", 0.0)] * 3 + [("media-sosial", "t", 1.0)] + [("kampanye", "t", 1.0)] * 4 + [("sanksi", "t", 0.0)]
    )
    lines = overall_feedback(40.0, None, answers, module_titles={"media-sosial": "Media Sosial"}, exam=True)
    assert lines[0].startswith("Anda perlu mempelajari kembali")
    assert lines[1] == "Anda perlu mengulang modul Media Sosial: 3 dari 4 soal belum tepat."
    assert len(lines) == 2  # one miss in "sanksi" is not a cluster


def test_overall_feedback_in_a_module_quiz_names_topics_and_custom_bands_win():
    answers = [("m", "like dan reaksi", None), ("m", "like dan reaksi", 0.5), ("m", "grup", 1.0)]
    bands = [{"from": 0, "text": "Terus belajar."}]
    assert overall_feedback(50.0, bands, answers, module_titles={}, exam=False) == (
        "Terus belajar.",
        "Pelajari lagi bagian “like dan reaksi”: 2 dari 2 soal belum tepat.",
    )
