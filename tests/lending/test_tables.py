"""Bad rate per score decile (the calibration table) and per band, with Wilson intervals."""
import numpy as np
import pytest
from scipy.stats import binomtest

from lending.metrics import MetricsError, bad_rate_by_band, bad_rate_by_decile, calibration_table, wilson_interval
from tests.lending.data import scored


def test_deciles_are_equal_frequency_from_the_lowest_scores_up():
    score, outcome = scored(1000, seed=3)
    order = np.argsort(score)
    expected = [float(part.mean()) for part in np.array_split(outcome[order], 10)]
    table = calibration_table(score, outcome)
    assert [row.n for row in table] == [100] * 10
    assert bad_rate_by_decile(score, outcome) == pytest.approx(expected)
    assert [row.group for row in table] == [str(d) for d in range(1, 11)]
    # Each decile's score range follows the one before it.
    assert all(a.score_max < b.score_min for a, b in zip(table, table[1:]))
    assert table[0].score_min == score.min() and table[-1].score_max == score.max()


def test_a_score_that_predicts_shows_bad_rates_falling_decile_by_decile():
    score, outcome = scored(20000, seed=4, strength=5)
    rates = bad_rate_by_decile(score, outcome)
    assert rates[0] > 0.5 and rates[-1] < 0.01
    assert all(a >= b for a, b in zip(rates, rates[1:]))


def test_rows_with_one_score_stay_in_one_decile():
    score = np.array([10.0] * 50 + list(np.arange(50.0) + 20))  # half the rows tie at the bottom
    outcome = np.array([1, 0] * 50)
    table = calibration_table(score, outcome)
    tied = [row for row in table if row.score_min == 10.0]
    assert len(tied) == 1 and tied[0].n == 50 and tied[0].score_max == 10.0
    assert sum(row.n for row in table) == 100
    empty = [row for row in table if row.n == 0]
    assert empty and all(row.bad_rate is None and row.low is None for row in empty)


def test_the_wilson_interval_matches_scipy():
    for bad, n in [(0, 20), (3, 20), (20, 20), (180, 1000)]:
        low, high = wilson_interval(bad, n)
        expected = binomtest(bad, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert (float(low), float(high)) == pytest.approx((expected.low, expected.high), abs=1e-12)


def test_every_decile_carries_the_wilson_interval_of_its_bad_rate():
    score, outcome = scored(500, seed=5)
    for row in calibration_table(score, outcome):
        expected = binomtest(row.bad, row.n).proportion_ci(method="wilson")
        assert (row.low, row.high) == pytest.approx((expected.low, expected.high))
        assert row.low <= row.bad_rate <= row.high


def test_bad_rate_by_band_in_the_scale_order_including_an_empty_band():
    bands = ["poor", "good", "good", "poor", "very_good", "good"]
    outcome = [1, 0, 1, 1, 0, 0]
    rows = bad_rate_by_band(bands, outcome, order=["poor", "general", "good", "very_good"])
    assert [(r.group, r.n, r.bad) for r in rows] == [
        ("poor", 2, 2), ("general", 0, 0), ("good", 3, 1), ("very_good", 1, 0)]
    assert [r.bad_rate for r in rows] == [1.0, None, pytest.approx(1 / 3), 0.0]


def test_a_band_outside_the_scale_is_refused():
    with pytest.raises(MetricsError, match="band 'platinum' is not one of poor, good"):
        bad_rate_by_band(["poor", "platinum"], [1, 0], order=["poor", "good"])
