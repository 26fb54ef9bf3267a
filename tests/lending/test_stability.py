"""PSI against a table computed by hand, its bins, labels and minimum of rows."""
from math import log

import numpy as np
import pytest

from lending.metrics import MIN_PSI_ROWS, psi, psi_label, psi_table
from lending.metrics.stability import reference_edges


def test_psi_matches_the_hand_computed_table():
    reference = [1, 2, 3, 4, 5, 6, 7, 8]
    latest = [3, 4, 4, 5, 6, 6, 7, 8, 9, 10]
    # 4 equal-frequency bins on the reference: quantiles 1/4, 2/4, 3/4 are 2, 4, 6, so the bins are
    # x <= 2 | 2 < x <= 4 | 4 < x <= 6 | x > 6 with reference counts 2, 2, 2, 2 (of 8)
    # and latest counts 0 (3, 4, 4 go to the second bin), 3, 3 (5, 6, 6), 4 (7, 8, 9, 10) (of 10).
    # Smoothed shares (c + 0.5) / (n + 0.5 * 4):
    #   reference 2.5/10 = 6/24 each; latest 0.5/12 = 1/24, 3.5/12 = 7/24, 7/24, 4.5/12 = 9/24.
    # PSI = sum (l - r) ln(l / r):
    #   (1/24 - 6/24) ln(1/6) = 5/24 ln 6   = 0.373283
    #   (7/24 - 6/24) ln(7/6) = 1/24 ln 7/6 = 0.006423  (twice)
    #   (9/24 - 6/24) ln(9/6) = 3/24 ln 1.5 = 0.050683
    #   total 0.436812: a major shift, driven by the first bin, empty in the latest window.
    result = psi_table(reference, latest, bins=4)
    assert [b.upper for b in result.bins] == [2.0, 4.0, 6.0, None]
    assert [b.reference_count for b in result.bins] == [2, 2, 2, 2]
    assert [b.latest_count for b in result.bins] == [0, 3, 3, 4]
    assert [b.latest_share for b in result.bins] == pytest.approx([1 / 24, 7 / 24, 7 / 24, 9 / 24])
    assert [b.contribution for b in result.bins] == pytest.approx(
        [5 / 24 * log(6), 1 / 24 * log(7 / 6), 1 / 24 * log(7 / 6), 3 / 24 * log(1.5)])
    assert result.value == pytest.approx(0.436812, abs=1e-6)
    assert result.label == "major shift"


def test_missing_values_get_their_own_bin():
    # Reference 1..4 (2 bins: x <= 2 | x > 2) with no missing value; latest has 2 of 4 missing.
    # Counts: reference 2, 2, 0; latest 1, 1, 2. Shares (c + 0.5) / (4 + 0.5 * 3):
    #   reference 2.5/5.5, 2.5/5.5, 0.5/5.5; latest 1.5/5.5, 1.5/5.5, 2.5/5.5.
    # PSI = 2 * (-1/5.5) ln(1.5/2.5) + (2/5.5) ln(2.5/0.5) = 2 * 0.092877 + 0.585251 = 0.771005
    result = psi_table([1, 2, 3, 4], [1, 3, np.nan, np.nan], bins=2)
    assert [(b.upper, b.missing, b.latest_count) for b in result.bins] == [
        (2.0, False, 1), (None, False, 1), (None, True, 2)]
    assert result.value == pytest.approx(2 * (-1 / 5.5) * log(1.5 / 2.5) + (2 / 5.5) * log(5))
    assert result.value == pytest.approx(0.771005, abs=1e-6)


def test_equal_frequency_bins_come_from_the_reference_and_ties_merge():
    reference = np.random.default_rng(0).normal(size=10000)
    edges = reference_edges(reference)
    counts = np.bincount(np.searchsorted(edges, reference, side="left"))
    assert edges.size == 9 and counts.tolist() == [1000] * 10
    assert reference_edges([0, 0, 0, 0, 1, 1, 1, 2]).tolist() == [0.0, 1.0]


def test_the_same_population_is_stable_and_a_moved_one_is_not():
    # A normal moved by d standard deviations has a PSI of about d^2 (a little less once binned).
    rng = np.random.default_rng(1)
    reference = rng.normal(600, 50, 20000)
    assert psi(reference, rng.normal(600, 50, 20000)).label == "stable"
    assert psi(reference, rng.normal(620, 50, 20000)).label == "moderate shift"
    assert psi(reference, rng.normal(640, 50, 20000)).label == "major shift"


def test_labels_at_the_thresholds():
    assert [psi_label(v) for v in (0.0, 0.0999, 0.1, 0.2499, 0.25, 3.0)] == [
        "stable", "stable", "moderate shift", "moderate shift", "major shift", "major shift"]


def test_below_the_minimum_of_rows_there_is_no_value():
    rng = np.random.default_rng(2)
    short = psi(rng.normal(size=MIN_PSI_ROWS - 1), rng.normal(size=5000))
    assert (short.value, short.label, short.n_reference) == (None, "not enough rows", MIN_PSI_ROWS - 1)
    assert psi(rng.normal(size=MIN_PSI_ROWS), rng.normal(size=MIN_PSI_ROWS)).value is not None


def test_the_minimum_keeps_chance_under_the_first_threshold():
    # The module's justification: two samples of 500 from one population stay under 0.1 about 95 times in 100.
    rng = np.random.default_rng(3)
    values = [psi(rng.normal(size=MIN_PSI_ROWS), rng.normal(size=MIN_PSI_ROWS)).value for _ in range(400)]
    assert np.mean(values) == pytest.approx(0.036, abs=0.008)
    assert np.mean(np.array(values) < 0.1) > 0.95


def test_an_empty_bin_is_finite_not_infinity():
    result = psi(np.arange(1000.0), np.full(1000, 5000.0))
    assert np.isfinite(result.value) and result.label == "major shift"
