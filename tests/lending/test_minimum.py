"""The minimum of outcomes: below 200 with 20 bad and 20 good, every metric is "not enough outcomes"."""
import numpy as np
import pytest

from lending.metrics import MIN_BAD, MIN_GOOD, MIN_OUTCOMES, shortfall, summarise
from lending.metrics.outcomes import MetricsError


def outcomes(bad: int, good: int) -> np.ndarray:
    return np.array([1] * bad + [0] * good)


@pytest.mark.parametrize("bad, good, enough", [
    (20, 180, True), (20, 179, False), (19, 181, False), (180, 20, True), (181, 19, False), (5, 5, False),
])
def test_the_rule_at_its_edges(bad, good, enough):
    assert (MIN_OUTCOMES, MIN_BAD, MIN_GOOD) == (200, 20, 20)
    assert (shortfall(outcomes(bad, good)) is None) is enough


def test_a_shortfall_says_what_was_recorded_and_what_is_needed():
    assert shortfall(outcomes(12, 300)) == (
        "not enough outcomes: 312 recorded (12 bad, 300 good); a back-test needs at least 200 with 20 bad and 20 good")


def test_below_the_minimum_no_metric_is_given_even_when_it_could_be_computed():
    outcome = outcomes(3, 7)
    summary = summarise(np.arange(10.0), outcome, resamples=50)  # a perfect ranking, from ten loans
    assert (summary.n, summary.bad, summary.good) == (10, 3, 7)
    assert not summary.enough and summary.note.startswith("not enough outcomes")
    assert [summary.bad_rate, summary.auc, summary.gini, summary.ks, summary.deciles, summary.intervals,
            summary.bad_rate_by_decile] == [None] * 7


def test_at_the_minimum_every_metric_is_given():
    rng = np.random.default_rng(0)
    outcome = rng.permutation(outcomes(20, 180))
    score = rng.normal(50, 10, 200) - 10 * outcome
    summary = summarise(score, outcome, resamples=100)
    assert summary.enough and summary.note is None
    assert summary.bad_rate == 0.1 and summary.gini == pytest.approx(2 * summary.auc - 1)
    assert len(summary.deciles) == 10 and sum(row.n for row in summary.deciles) == 200
    assert summary.intervals["auc"].low < summary.auc < summary.intervals["auc"].high


def test_bad_input_is_still_an_error_not_a_shortfall():
    with pytest.raises(MetricsError):
        summarise([1.0, 2.0], [0, 3])
