"""Discrimination of a score against outcomes, all from one sort: AUC, Gini, KS and the bad rate.

Let ``u_1 < ... < u_U`` be the score's distinct values, ``b_j`` and ``g_j`` the bads and goods
scored ``u_j``, ``B`` and ``G`` their totals, ``CB_j = b_1 + ... + b_j`` and ``CG_j`` alike. The
formulas below take fractional counts as well, which is how the bootstrap weights rows.

AUC (the score ranking goods above bads; a tie counts one half; Mann-Whitney U over ``B G``)::

    AUC = sum_j g_j (CB_j - b_j / 2) / (B G)

It equals ``sklearn.metrics.roc_auc_score(1 - outcome, score)``: 1 when every good scores above
every bad, about 0.5 for a score that ranks no better than chance, 0 when exactly reversed.

Gini (accuracy ratio, Somers' D)::

    Gini = 2 AUC - 1

KS, the largest distance between the score's distributions among bads and among goods, over
every threshold (the two-sample statistic of ``scipy.stats.ks_2samp(score[bad], score[good])``)::

    KS = max_j |CB_j / B - CG_j / G|

Bad rate::

    bad rate = B / (B + G)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .outcomes import MetricsError, as_outcomes, as_scored


@dataclass(frozen=True)
class Ranked:
    """A score sorted once, with the outcomes in the same order.

    Attributes
    ----------
    values : ndarray of shape (U,)
        The distinct scores, ascending.
    bad, good : ndarray of shape (U,)
        How many bad and good outcomes have each distinct score.
    order : ndarray of shape (n,)
        The rows' order by ascending score; rows of one score may come in any order, since
        every figure sums them.
    starts : ndarray of shape (U,)
        Position, in that order, of the first row of each distinct score.
    sorted_outcome : ndarray of shape (n,)
        The outcomes in that order.
    """

    values: np.ndarray
    bad: np.ndarray
    good: np.ndarray
    order: np.ndarray
    starts: np.ndarray
    sorted_outcome: np.ndarray

    @property
    def n(self) -> int:
        return int(self.order.size)

    @property
    def sizes(self) -> np.ndarray:
        """How many rows have each distinct score."""
        return self.bad + self.good

    def weighted(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Bad and good counts per distinct score when the row at sorted position ``i`` counts
        ``weights[..., i]`` times; the leading axes of ``weights`` are kept (one per resample)."""
        bad = weights * self.sorted_outcome
        good = weights - bad
        if self.values.size < self.n:  # ties: each distinct score sums its rows
            bad = np.add.reduceat(bad, self.starts, axis=-1)
            good = np.add.reduceat(good, self.starts, axis=-1)
        return bad, good


def rank(score: ArrayLike, outcome: ArrayLike) -> Ranked:
    """Sort ``score`` once and count the bads and goods of each distinct value.

    Raises
    ------
    MetricsError
        When there is no outcome, or the input fails ``outcomes.as_scored``.
    """
    scores, outcomes = as_scored(score, outcome)
    if not scores.size:
        raise MetricsError("there are no outcomes")
    order = np.argsort(scores)
    ordered = scores[order]
    first = np.ones(ordered.size, dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    starts = np.flatnonzero(first)
    sorted_outcome = outcomes[order]
    bad = np.add.reduceat(sorted_outcome.astype(np.int64), starts)
    sizes = np.diff(np.append(starts, ordered.size))
    return Ranked(values=ordered[starts], bad=bad, good=sizes - bad, order=order, starts=starts,
                  sorted_outcome=sorted_outcome)


def auc_from_counts(bad: np.ndarray, good: np.ndarray) -> np.ndarray:
    """AUC from counts per distinct score, ascending, over the last axis (NaN without a bad or a good)."""
    cum_bad = np.cumsum(bad, axis=-1)
    wins = (good * (cum_bad - 0.5 * bad)).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return wins / (cum_bad[..., -1] * good.sum(axis=-1))


def ks_from_counts(bad: np.ndarray, good: np.ndarray) -> np.ndarray:
    """KS from counts per distinct score, ascending, over the last axis (NaN without a bad or a good)."""
    cum_bad = np.cumsum(bad, axis=-1)
    cum_good = np.cumsum(good, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = cum_bad / cum_bad[..., -1:] - cum_good / cum_good[..., -1:]
    return np.abs(gap).max(axis=-1)


def _both_classes(ranked: Ranked, metric: str) -> None:
    if not ranked.bad.sum() or not ranked.good.sum():
        raise MetricsError(f"{metric} needs at least one bad and one good outcome")


def auc_of(ranked: Ranked) -> float:
    """AUC of an already ranked score (see the module docstring)."""
    _both_classes(ranked, "AUC")
    return float(auc_from_counts(ranked.bad, ranked.good))


def ks_of(ranked: Ranked) -> float:
    """KS of an already ranked score (see the module docstring)."""
    _both_classes(ranked, "KS")
    return float(ks_from_counts(ranked.bad, ranked.good))


def auc(score: ArrayLike, outcome: ArrayLike) -> float:
    """Probability that a random good outscores a random bad, ties counting one half.

    Parameters
    ----------
    score : array-like of shape (n,)
        Higher means lower risk.
    outcome : array-like of shape (n,)
        1 = bad, 0 = good.

    Returns
    -------
    float
        ``sum_j g_j (CB_j - b_j / 2) / (B G)``, in [0, 1].

    Raises
    ------
    MetricsError
        Without at least one bad and one good outcome, or on unusable input.
    """
    return auc_of(rank(score, outcome))


def gini(score: ArrayLike, outcome: ArrayLike) -> float:
    """``2 AUC - 1``: 1 for a perfect ranking, 0 for chance, -1 for a reversed one. Parameters as ``auc``."""
    return 2.0 * auc(score, outcome) - 1.0


def ks(score: ArrayLike, outcome: ArrayLike) -> float:
    """Kolmogorov-Smirnov distance between the scores of bads and of goods, ``max_j |CB_j / B - CG_j / G|``.

    Parameters and errors as ``auc``; the value is in [0, 1].
    """
    return ks_of(rank(score, outcome))


def bad_rate(outcome: ArrayLike) -> float:
    """Share of bad outcomes, ``B / (B + G)``.

    Raises
    ------
    MetricsError
        When there is no outcome, or an outcome is not 0 or 1.
    """
    outcomes = as_outcomes(outcome)
    if not outcomes.size:
        raise MetricsError("there are no outcomes")
    return float(outcomes.mean())
