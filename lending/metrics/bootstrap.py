"""Bootstrap intervals of AUC, Gini, KS and the bad rate, and of the difference of two AUCs.

An ordinary bootstrap: each resample draws ``n`` rows with replacement, which is a multinomial
draw of how many times each row is taken (``numpy.random.Generator.multinomial``, vectorised
over a chunk of resamples). The metrics need far less than the rows, so the draw is made over
*runs* of the sorted score instead, with exactly the same distribution of every metric:

- rows with one score form a cell (``b_j`` bads, ``g_j`` goods), and ``ranking``'s formulas only
  read cell counts;
- consecutive cells holding only goods merge into one, and so do consecutive cells holding only
  bads: within such a run ``CB_j`` stays put, so AUC's ``sum g_j (CB_j - b_j / 2)`` only needs the
  run's total, and ``CB / B - CG / G`` moves one way, so KS's maximum is found at the run's ends.

Drawing ``n`` rows and summing them per run is drawing ``n`` counts over the runs with
probabilities ``size / n``. A million scores with a 7 % bad rate make some 100,000 runs.

The paired interval of an AUC difference (two scores, one set of outcomes) draws row counts
directly, since the two scores sort the rows differently.

Interval: the percentile interval, the ``(1 - c) / 2`` and ``(1 + c) / 2`` quantiles of the
resampled statistic; a resample left without a bad or a good (probability about ``e^-20`` at the
minimum of 20 bads) is skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np
from numpy.typing import ArrayLike

from .ranking import Ranked, auc_from_counts, ks_from_counts, rank
from .tables import CONFIDENCE

RESAMPLES = 200
# Resamples per chunk times cells stays under this, bounding memory to some tens of megabytes.
_CHUNK_CELLS = 1 << 22


@dataclass(frozen=True)
class Interval:
    """A bootstrap percentile interval."""

    low: float
    high: float


def runs(ranked: Ranked) -> tuple[np.ndarray, np.ndarray]:
    """Bad and good counts of the score's runs: consecutive distinct scores holding only goods
    merged into one, and those holding only bads (see the module docstring)."""
    kind = np.where(ranked.bad == 0, 0, np.where(ranked.good == 0, 1, 2))
    first = np.ones(kind.size, dtype=bool)
    first[1:] = (kind[1:] != kind[:-1]) | (kind[1:] == 2)
    starts = np.flatnonzero(first)
    return np.add.reduceat(ranked.bad, starts), np.add.reduceat(ranked.good, starts)


def resampled_counts(rng: np.random.Generator, counts: np.ndarray, resamples: int) -> np.ndarray:
    """``(resamples, len(counts))`` bootstrap counts: ``counts.sum()`` rows drawn with replacement,
    tallied by the cell they come from."""
    drawn = np.zeros((resamples, counts.size))
    occupied = np.flatnonzero(counts)
    total = int(counts.sum())
    drawn[:, occupied] = rng.multinomial(total, counts[occupied] / total, size=resamples)
    return drawn


def _chunks(resamples: int, n: int) -> Iterator[int]:
    size = max(1, _CHUNK_CELLS // max(n, 1))
    for start in range(0, resamples, size):
        yield min(size, resamples - start)


def _interval(values: np.ndarray, confidence: float) -> Interval:
    kept = values[np.isfinite(values)]
    low, high = np.quantile(kept, [(1 - confidence) / 2, (1 + confidence) / 2])
    return Interval(float(low), float(high))


def bootstrap_of(ranked: Ranked, *, resamples: int = RESAMPLES, seed: int = 0,
                 confidence: float = CONFIDENCE) -> dict[str, Interval]:
    """The intervals of ``bootstrap`` for an already ranked score."""
    bad, good = runs(ranked)
    rng = np.random.default_rng(seed)
    found = []
    for size in _chunks(resamples, 2 * bad.size):
        drawn = resampled_counts(rng, np.concatenate([bad, good]), size)
        bad_drawn, good_drawn = drawn[:, :bad.size], drawn[:, bad.size:]
        rate = bad_drawn.sum(axis=-1) / ranked.n
        found.append(np.column_stack([auc_from_counts(bad_drawn, good_drawn), ks_from_counts(bad_drawn, good_drawn),
                                      rate]))
    auc, ks, rate = np.concatenate(found).T
    auc_interval = _interval(auc, confidence)
    return {"auc": auc_interval, "gini": Interval(2 * auc_interval.low - 1, 2 * auc_interval.high - 1),
            "ks": _interval(ks, confidence), "bad_rate": _interval(rate, confidence)}


def bootstrap(score: ArrayLike, outcome: ArrayLike, *, resamples: int = RESAMPLES, seed: int = 0,
              confidence: float = CONFIDENCE) -> dict[str, Interval]:
    """Bootstrap percentile intervals of AUC, Gini, KS and the bad rate.

    Parameters
    ----------
    score : array-like of shape (n,)
        Higher means lower risk.
    outcome : array-like of shape (n,)
        1 = bad, 0 = good.
    resamples : int, default 200
        Bootstrap resamples.
    seed : int, default 0
        The same seed gives the same intervals.
    confidence : float, default 0.95

    Returns
    -------
    dict
        ``{"auc", "gini", "ks", "bad_rate"}`` -> ``Interval``. Gini's is AUC's mapped by
        ``2 AUC - 1``, which is monotone, so it is the percentile interval of Gini as well.
    """
    return bootstrap_of(rank(score, outcome), resamples=resamples, seed=seed, confidence=confidence)


def bootstrap_auc_difference(score_a: ArrayLike, score_b: ArrayLike, outcome: ArrayLike, *,
                             resamples: int = RESAMPLES, seed: int = 0, confidence: float = CONFIDENCE) -> Interval:
    """Paired bootstrap interval of ``AUC(score_a) - AUC(score_b)`` on the same outcomes.

    Both AUCs are computed on the same resample each time (one count per row, carried into each
    score's sorted order), so the interval reflects the difference, not two separate
    uncertainties. Parameters as ``bootstrap``; both scores rank goods above bads.
    """
    ranked_a, ranked_b = rank(score_a, outcome), rank(score_b, outcome)
    rng = np.random.default_rng(seed)
    found = []
    for size in _chunks(resamples, ranked_a.n):
        weights = resampled_counts(rng, np.ones(ranked_a.n), size)
        a = auc_from_counts(*ranked_a.weighted(weights[:, ranked_a.order]))
        b = auc_from_counts(*ranked_b.weighted(weights[:, ranked_b.order]))
        found.append(a - b)
    return _interval(np.concatenate(found), confidence)
