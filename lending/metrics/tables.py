"""Bad rates by score decile (the calibration table) and by band, each with a Wilson interval.

Deciles are equal-frequency groups of the score numbered 1 (the lowest scores: the riskiest) to
10. The row at 0-based position ``p`` of the ascending order falls in decile
``floor(10 p / n) + 1``, so with distinct scores every decile holds ``n / 10`` rows (give or take
one). Rows with one score stay together: a run of ties is placed by its middle row, so a heavy
tie can make a neighbouring decile smaller, or empty (``n`` 0, rates ``None``).

Wilson score interval of a bad rate ``p = k / n`` at confidence ``c``, with ``z`` the standard
normal quantile at ``(1 + c) / 2`` (it stays inside [0, 1] and is honest at small ``n``)::

    centre = (p + z^2 / 2n) / (1 + z^2 / n)
    half   = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2)
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import norm

from .outcomes import MetricsError, as_outcomes
from .ranking import Ranked, rank

DECILES = 10
CONFIDENCE = 0.95


@dataclass(frozen=True)
class RateRow:
    """The bad rate of one group of outcomes (a decile or a band) with its Wilson interval.

    ``score_min``, ``score_max`` and ``mean_score`` are set for deciles; every rate is ``None``
    for an empty group.
    """

    group: str
    n: int
    bad: int
    bad_rate: float | None
    low: float | None
    high: float | None
    score_min: float | None = None
    score_max: float | None = None
    mean_score: float | None = None


def wilson_interval(bad: ArrayLike, n: ArrayLike, confidence: float = CONFIDENCE) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of ``bad / n`` (see the module docstring); NaN where ``n`` is 0."""
    bad = np.asarray(bad, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    z = norm.ppf(0.5 + confidence / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = bad / n
        shrink = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / shrink
        half = z / shrink * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _rows(names: Sequence[str], n: np.ndarray, bad: np.ndarray, confidence: float) -> list[RateRow]:
    low, high = wilson_interval(bad, n, confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = bad / n
    return [RateRow(group=name, n=int(n[i]), bad=int(bad[i]), bad_rate=_optional(rate[i]),
                    low=_optional(low[i]), high=_optional(high[i])) for i, name in enumerate(names)]


def decile_of_values(ranked: Ranked) -> np.ndarray:
    """The decile (0-based) of each distinct score: its middle row's position ``p`` gives ``floor(10 p / n)``."""
    middle = ranked.starts + (ranked.sizes - 1) / 2
    return np.minimum((DECILES * middle / ranked.n).astype(np.int64), DECILES - 1)


def calibration_of(ranked: Ranked, confidence: float = CONFIDENCE) -> list[RateRow]:
    """The calibration table of an already ranked score (see ``calibration_table``)."""
    decile = decile_of_values(ranked)
    n = np.bincount(decile, weights=ranked.sizes, minlength=DECILES)
    bad = np.bincount(decile, weights=ranked.bad, minlength=DECILES)
    total = np.bincount(decile, weights=ranked.values * ranked.sizes, minlength=DECILES)
    rows = _rows([str(d + 1) for d in range(DECILES)], n, bad, confidence)
    table = []
    for d, row in enumerate(rows):
        values = ranked.values[decile == d]
        if values.size:
            row = replace(row, score_min=float(values[0]), score_max=float(values[-1]),
                          mean_score=float(total[d] / n[d]))
        table.append(row)
    return table


def calibration_table(score: ArrayLike, outcome: ArrayLike, confidence: float = CONFIDENCE) -> list[RateRow]:
    """Observed bad rate per score decile, with its Wilson interval and the decile's score range.

    Parameters
    ----------
    score : array-like of shape (n,)
        Higher means lower risk.
    outcome : array-like of shape (n,)
        1 = bad, 0 = good.
    confidence : float, default 0.95
        Of the Wilson interval.

    Returns
    -------
    list of RateRow
        Ten rows, decile "1" (lowest scores) to "10"; a score that ranks risk well shows bad
        rates falling from the first decile to the last.
    """
    return calibration_of(rank(score, outcome), confidence)


def bad_rate_by_decile(score: ArrayLike, outcome: ArrayLike) -> list[float | None]:
    """The ten bad rates of ``calibration_table``, decile 1 (lowest scores) first; ``None`` for an empty decile."""
    return [row.bad_rate for row in calibration_table(score, outcome)]


def bad_rate_by_band(band: ArrayLike, outcome: ArrayLike, order: Sequence[str] | None = None,
                     confidence: float = CONFIDENCE) -> list[RateRow]:
    """Observed bad rate per band with its Wilson interval.

    Parameters
    ----------
    band : array-like of shape (n,)
        Each outcome's band name (from the scoring method's band scale).
    outcome : array-like of shape (n,)
        1 = bad, 0 = good.
    order : sequence of str, optional
        The bands to report, in this order (a band without outcomes gets ``n`` 0); by default
        every band present, sorted by name.
    confidence : float, default 0.95
        Of the Wilson interval.

    Raises
    ------
    MetricsError
        When the lengths differ, or a band is not in ``order``.
    """
    outcomes = as_outcomes(outcome)
    bands = np.asarray(band, dtype=str)
    if bands.shape != outcomes.shape:
        raise MetricsError(f"there are {bands.size} bands for {outcomes.size} outcomes")
    names = list(order) if order is not None else sorted(set(bands.tolist()))
    place = {name: i for i, name in enumerate(names)}
    present, inverse = np.unique(bands, return_inverse=True)
    unknown = [name for name in present.tolist() if name not in place]
    if unknown:
        raise MetricsError(f"band {unknown[0]!r} is not one of {', '.join(names)}")
    group = np.array([place[name] for name in present.tolist()], dtype=np.int64)[inverse]
    n = np.bincount(group, minlength=len(names))
    bad = np.bincount(group, weights=outcomes, minlength=len(names))
    return _rows(names, n, bad, confidence)
