"""Bootstrap intervals: resampling runs of the sorted score behaves as resampling rows."""
import numpy as np
import pytest
from scipy.stats import ks_2samp
from sklearn.metrics import roc_auc_score

from lending.metrics import auc, bootstrap, bootstrap_auc_difference, ks, rank
from lending.metrics.bootstrap import runs
from lending.metrics.ranking import auc_from_counts, ks_from_counts
from tests.lending.data import scored


@pytest.mark.parametrize("decimals", [None, 0])
def test_merging_runs_of_one_outcome_changes_neither_auc_nor_ks(decimals):
    score, outcome = scored(5000, seed=11, decimals=decimals)
    bad, good = runs(rank(score, outcome))
    assert bad.size < 5000 and int(bad.sum()) == int(outcome.sum()) and int(good.sum()) == 5000 - int(outcome.sum())
    assert float(auc_from_counts(bad, good)) == pytest.approx(auc(score, outcome), abs=1e-12)
    assert float(ks_from_counts(bad, good)) == pytest.approx(ks(score, outcome), abs=1e-12)


def row_bootstrap(score, outcome, resamples, seed):
    """The textbook bootstrap: resample row indices, call scikit-learn and scipy each time."""
    rng = np.random.default_rng(seed)
    found = []
    for _ in range(resamples):
        rows = rng.integers(0, score.size, score.size)
        s, o = score[rows], outcome[rows]
        found.append((roc_auc_score(1 - o, s), ks_2samp(s[o == 1], s[o == 0]).statistic, o.mean()))
    return np.array(found)


def test_the_intervals_agree_with_the_textbook_row_bootstrap():
    score, outcome = scored(1000, seed=12, decimals=1)
    ours = bootstrap(score, outcome, resamples=600, seed=1)
    textbook = np.quantile(row_bootstrap(score, outcome, 600, seed=2), [0.025, 0.975], axis=0)
    for name, column in [("auc", 0), ("ks", 1), ("bad_rate", 2)]:
        width = textbook[1, column] - textbook[0, column]
        # Two Monte-Carlo estimates of one interval, 600 resamples each: their ends differ with a
        # standard error of about 4 % of the width, so each end agrees within 15 % of it.
        assert ours[name].low == pytest.approx(textbook[0, column], abs=0.15 * width)
        assert ours[name].high == pytest.approx(textbook[1, column], abs=0.15 * width)


def test_intervals_hold_the_estimate_narrow_with_more_outcomes_and_repeat_with_the_seed():
    small = scored(400, seed=13)
    large = scored(40000, seed=13)
    first = bootstrap(*small, resamples=300, seed=5)
    assert first == bootstrap(*small, resamples=300, seed=5)
    assert first != bootstrap(*small, resamples=300, seed=6)
    for name, value in [("auc", auc(*small)), ("ks", ks(*small)), ("bad_rate", small[1].mean())]:
        assert first[name].low < value < first[name].high
    assert first["gini"].low == pytest.approx(2 * first["auc"].low - 1)
    wide = first["auc"].high - first["auc"].low
    narrow = bootstrap(*large, resamples=300, seed=5)["auc"]
    assert narrow.high - narrow.low < wide / 5  # a hundred times the outcomes: a tenth of the width


def test_a_score_compared_with_itself_differs_by_exactly_nothing():
    score, outcome = scored(1000, seed=14)
    interval = bootstrap_auc_difference(score, score, outcome, resamples=200)
    assert (interval.low, interval.high) == (0.0, 0.0)


def test_a_sharper_score_beats_a_blurred_copy_of_itself():
    score, outcome = scored(3000, seed=15)
    blurred = score + np.random.default_rng(0).normal(0, 25, score.size)
    interval = bootstrap_auc_difference(score, blurred, outcome, resamples=300)
    assert 0 < interval.low < auc(score, outcome) - auc(blurred, outcome) < interval.high
