"""The back-test of one score against its outcomes, or "not enough outcomes".

Everything comes from one sort of the score (``ranking.rank``): n, bad rate, AUC, Gini, KS, the
calibration table (bad rate per decile) and, when asked, bootstrap intervals. Below the minimum
of ``outcomes`` every metric is ``None`` and ``note`` says why.
"""
from __future__ import annotations

from dataclasses import dataclass

from numpy.typing import ArrayLike

from .bootstrap import Interval, bootstrap_of
from .outcomes import as_scored, shortfall
from .ranking import auc_of, ks_of, rank
from .tables import RateRow, calibration_of


@dataclass(frozen=True)
class Summary:
    """A back-test; every metric is ``None`` when ``note`` says there are not enough outcomes."""

    n: int
    bad: int
    good: int
    note: str | None = None
    bad_rate: float | None = None
    auc: float | None = None
    gini: float | None = None
    ks: float | None = None
    deciles: tuple[RateRow, ...] | None = None
    intervals: dict[str, Interval] | None = None

    @property
    def enough(self) -> bool:
        return self.note is None

    @property
    def bad_rate_by_decile(self) -> list[float | None] | None:
        return None if self.deciles is None else [row.bad_rate for row in self.deciles]


def summarise(score: ArrayLike, outcome: ArrayLike, *, resamples: int = 0, seed: int = 0) -> Summary:
    """Back-test ``score`` against ``outcome``.

    Parameters
    ----------
    score : array-like of shape (n,)
        Higher means lower risk.
    outcome : array-like of shape (n,)
        1 = bad, 0 = good.
    resamples : int, default 0
        Bootstrap resamples for the intervals of AUC, Gini, KS and the bad rate; 0 for none.
    seed : int, default 0
        Of the bootstrap.

    Raises
    ------
    MetricsError
        On unusable input (see ``outcomes.as_scored``); too few outcomes is not an error.
    """
    scores, outcomes = as_scored(score, outcome)
    bad = int(outcomes.sum())
    counts = {"n": int(outcomes.size), "bad": bad, "good": int(outcomes.size) - bad}
    note = shortfall(outcomes)
    if note:
        return Summary(**counts, note=note)
    ranked = rank(scores, outcomes)
    area = auc_of(ranked)
    return Summary(**counts, bad_rate=bad / outcomes.size, auc=area, gini=2 * area - 1, ks=ks_of(ranked),
                   deciles=tuple(calibration_of(ranked)),
                   intervals=bootstrap_of(ranked, resamples=resamples, seed=seed) if resamples else None)
