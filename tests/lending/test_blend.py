"""The blend: what the primary score adds to traditional indicators, cross-validated."""
import numpy as np
import pytest

from lending.blend import compare_blend
from lending.metrics import MetricsError


def applicants(n: int, seed: int, social_weight: float):
    """Outcomes driven by a bureau score and, with ``social_weight``, by what the social score measures."""
    rng = np.random.default_rng(seed)
    bureau, social = rng.normal(size=n), rng.normal(size=n)
    outcome = (rng.random(n) < 1 / (1 + np.exp(1.8 + bureau + social_weight * social))).astype(int)
    debts = rng.normal(size=n)
    debts[rng.random(n) < 0.1] = np.nan  # a lender without every indicator
    return 50 + 10 * social, {"bureau": bureau, "debts": debts}, outcome


def test_a_score_carrying_its_own_signal_adds_auc_beyond_its_interval():
    score, indicators, outcome = applicants(3000, seed=1, social_weight=0.8)
    result = compare_blend(score, indicators, outcome, resamples=200)
    assert result.indicators == ("bureau", "debts") and result.folds == 5
    assert result.auc_blend > result.auc_indicators > 0.6 and result.auc_score > 0.6
    assert result.difference == pytest.approx(result.auc_blend - result.auc_indicators)
    assert 0.02 < result.interval.low < result.difference < result.interval.high


def test_a_score_of_pure_noise_adds_nothing_the_interval_can_tell():
    score, indicators, outcome = applicants(3000, seed=2, social_weight=0.0)
    result = compare_blend(score, indicators, outcome, resamples=200)
    assert result.auc_score == pytest.approx(0.5, abs=0.04)
    assert result.interval.low < 0 < result.interval.high
    assert abs(result.difference) < 0.01


def test_the_comparison_repeats_with_the_seed():
    score, indicators, outcome = applicants(800, seed=3, social_weight=0.5)
    assert compare_blend(score, indicators, outcome, seed=4) == compare_blend(score, indicators, outcome, seed=4)


def test_not_enough_outcomes_gives_no_figure():
    score, indicators, outcome = applicants(150, seed=4, social_weight=0.5)
    result = compare_blend(score, indicators, outcome)
    assert result.note.startswith("not enough outcomes")
    assert [result.auc_blend, result.auc_indicators, result.auc_score, result.difference, result.interval] == [None] * 5


def test_indicators_must_match_the_outcomes():
    with pytest.raises(MetricsError, match="indicator 'bureau' has 2 values for 3 outcomes"):
        compare_blend([1, 2, 3], {"bureau": [1, 2]}, [0, 1, 0])
    with pytest.raises(MetricsError, match="at least one traditional indicator"):
        compare_blend([1, 2, 3], {}, [0, 1, 0])
