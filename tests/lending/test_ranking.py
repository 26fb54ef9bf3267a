"""AUC, Gini, KS and the bad rate against scikit-learn and scipy, and on cases whose answer is known."""
import numpy as np
import pytest
from scipy.stats import ks_2samp
from sklearn.metrics import roc_auc_score

from lending.metrics import MetricsError, auc, bad_rate, gini, ks
from tests.lending.data import scored


@pytest.mark.parametrize("n, decimals", [(50, None), (1000, None), (1000, 0), (20000, 1)])
def test_auc_matches_roc_auc_score_with_goods_as_the_positive_class(n, decimals):
    score, outcome = scored(n, seed=n, decimals=decimals)
    assert auc(score, outcome) == pytest.approx(roc_auc_score(1 - outcome, score), abs=1e-12)
    assert gini(score, outcome) == pytest.approx(2 * roc_auc_score(1 - outcome, score) - 1, abs=1e-12)


@pytest.mark.parametrize("n, decimals", [(50, None), (1000, None), (1000, 0), (20000, 1)])
def test_ks_matches_ks_2samp_between_bads_and_goods(n, decimals):
    score, outcome = scored(n, seed=n + 1, decimals=decimals)
    expected = ks_2samp(score[outcome == 1], score[outcome == 0]).statistic
    assert ks(score, outcome) == pytest.approx(expected, abs=1e-12)


def test_a_score_that_orders_every_outcome_has_auc_1_and_ks_1():
    outcome = np.array([1] * 30 + [0] * 70)
    score = np.arange(100.0)  # every bad below every good
    assert auc(score, outcome) == 1.0
    assert gini(score, outcome) == 1.0
    assert ks(score, outcome) == 1.0


def test_the_reversed_score_has_auc_0():
    outcome = np.array([1] * 30 + [0] * 70)
    assert auc(-np.arange(100.0), outcome) == 0.0
    assert gini(-np.arange(100.0), outcome) == -1.0


def test_a_random_score_is_about_a_coin_toss():
    rng = np.random.default_rng(7)
    outcome = (rng.random(20000) < 0.2).astype(int)
    assert auc(rng.random(20000), outcome) == pytest.approx(0.5, abs=0.015)
    assert ks(rng.random(20000), outcome) < 0.03


def test_one_score_for_everyone_is_exactly_a_coin_toss_and_separates_nothing():
    outcome = np.array([0, 1, 0, 1, 0])
    assert auc(np.full(5, 50.0), outcome) == 0.5
    assert ks(np.full(5, 50.0), outcome) == 0.0


def test_ties_count_one_half():
    # Goods at 2 and 3, bads at 1 and 2: of the 4 good-bad pairs, 3 are won and 1 (2 vs 2) tied.
    assert auc([1, 2, 2, 3], [1, 1, 0, 0]) == pytest.approx(3.5 / 4)


def test_the_bad_rate_is_the_share_of_bad_outcomes():
    assert bad_rate([1, 0, 0, 0, 1, 0, 0, 0]) == 0.25


@pytest.mark.parametrize("score, outcome, message", [
    ([1, 2, 3], [0, 0, 0], "at least one bad and one good"),
    ([1, 2, 3], [0, 1], "3 scores for 2 outcomes"),
    ([1, 2, 3], [0, 1, 2], "must be 1 \\(bad\\) or 0 \\(good\\)"),
    ([1, np.nan, 3], [0, 1, 0], "a score is missing"),
    ([], [], "no outcomes"),
])
def test_unusable_input_is_refused_in_a_sentence(score, outcome, message):
    with pytest.raises(MetricsError, match=message):
        auc(score, outcome)
