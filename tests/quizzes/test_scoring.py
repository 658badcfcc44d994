import pytest
from hypothesis import given
from hypothesis import strategies as st

from netral.quizzes.scoring import Score, is_fully_correct, question_mark, total_score

SINGLE = {"a": 100.0, "b": 0.0, "c": 0.0}
MULTI = {"a": 50.0, "b": 50.0, "c": -50.0, "d": -50.0}


@pytest.mark.parametrize(
    ("kind", "weights", "selected", "mark"),
    [
        ("single", SINGLE, ["a"], 1.0),
        ("single", SINGLE, ["b"], 0.0),
        ("single", SINGLE, [], 0.0),
        ("single", SINGLE, None, 0.0),
        ("single", SINGLE, ["a", "b"], 0.0),
        ("single", SINGLE, ["z"], 0.0),
        ("truefalse", {"benar": 0.0, "salah": 100.0}, ["salah"], 1.0),
        ("multiple", MULTI, ["a", "b"], 1.0),
        ("multiple", MULTI, ["a"], 0.5),
        ("multiple", MULTI, ["a", "c"], 0.0),
        ("multiple", MULTI, ["a", "b", "c", "d"], 0.0),
        ("multiple", MULTI, ["c"], 0.0),
    ],
)
def test_question_mark(kind, weights, selected, mark):
    assert question_mark(kind, weights, selected) == pytest.approx(mark)


weights_strategy = st.dictionaries(
    st.sampled_from("abcde"), st.floats(min_value=-100, max_value=100, allow_nan=False), min_size=2, max_size=5
)


@given(weights=weights_strategy, data=st.data())
def test_a_question_mark_is_always_between_zero_and_one(weights, data):
    selected = data.draw(st.lists(st.sampled_from(sorted(weights)), unique=True))
    assert 0.0 <= question_mark("multiple", weights, selected) <= 1.0


@given(marks=st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=1, max_size=40))
def test_total_score_percent_stays_between_0_and_100(marks):
    assert 0.0 <= total_score(marks).percent <= 100.0


def test_pass_mark_comparison_has_no_rounding_surprise():
    eight_of_ten = Score(points=8.0, max_points=10.0)
    assert eight_of_ten.is_passed(80)
    assert not Score(points=7.999, max_points=10.0).is_passed(80)
    # 4/5 is exactly 80 % even though 0.8 * 100 is not exact in binary
    assert Score(points=4 * 0.2 * 5, max_points=5.0).is_passed(80)


def test_full_mark_is_right_partial_is_not():
    assert is_fully_correct(1.0) and not is_fully_correct(0.5)


@given(
    correct=st.sampled_from("abcd"),
    chosen=st.lists(st.sampled_from("abcd"), unique=True, max_size=4),
)
def test_single_choice_earns_the_mark_only_for_exactly_the_key(correct, chosen):
    weights = {option: (100.0 if option == correct else 0.0) for option in "abcd"}
    assert question_mark("single", weights, chosen) == (1.0 if chosen == [correct] else 0.0)


@given(truth=st.booleans(), chosen=st.lists(st.sampled_from(["benar", "salah"]), unique=True, max_size=2))
def test_true_false_earns_the_mark_only_for_the_one_right_choice(truth, chosen):
    weights = {"benar": 100.0 if truth else 0.0, "salah": 0.0 if truth else 100.0}
    assert question_mark("truefalse", weights, chosen) == (1.0 if chosen == (["benar"] if truth else ["salah"]) else 0.0)


@given(
    keys=st.sets(st.sampled_from("abcde"), min_size=2, max_size=4),
    chosen=st.sets(st.sampled_from("abcde")),
)
def test_multiple_response_with_default_penalties_is_full_only_for_exactly_the_keys(keys, chosen):
    share = 100 / len(keys)
    weights = {option: (share if option in keys else -share) for option in "abcde"}
    mark = question_mark("multiple", weights, sorted(chosen))
    assert (mark >= 1 - 1e-9) == (chosen == keys)
    expected = max(0.0, min(1.0, (len(chosen & keys) - len(chosen - keys)) / len(keys)))
    assert mark == pytest.approx(expected)


def test_choosing_all_three_keys_weighted_a_third_each_is_the_full_mark_and_counts_as_right():
    weights = {"a": 33.33333, "b": 33.33333, "c": 33.33333, "d": -100.0}
    mark = question_mark("multiple", weights, ["a", "b", "c"])
    assert mark == 1.0 and is_fully_correct(mark)
    assert total_score([mark, 1.0]).percent == 100.0
    assert not is_fully_correct(question_mark("multiple", weights, ["a", "b"]))


def test_the_key_of_every_question_in_the_bank_earns_the_full_mark():
    from netral.content.bank import load_bank
    from tests.conftest import ROOT

    short = [
        q.key
        for q in load_bank(ROOT / "questions").questions
        if not is_fully_correct(question_mark(q.kind, {o.id: o.weight for o in q.options}, q.correct_ids))
    ]
    assert short == []
