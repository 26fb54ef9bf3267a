"""Adverse-impact ratio of approval rates between groups, against the four-fifths rule.

For each group ``g`` (an age band, or a feature that can stand in for a protected attribute,
such as region): ``rate_g = approved_g / n_g``, and its ratio to the most favoured group::

    AIR_g = rate_g / max_h rate_h

A group is flagged when ``AIR_g < 0.8`` (the four-fifths rule of the US Uniform Guidelines on
Employee Selection Procedures, 29 CFR 1607.4(D), also the usual first screen in fair-lending
reviews). The ratio of a small group moves a lot with one decision, so every row carries
its ``n``. This is a report: nothing here changes a score or a decision.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .outcomes import MetricsError

FOUR_FIFTHS = 0.8


@dataclass(frozen=True)
class GroupImpact:
    """One group's approval rate and its ratio to the most favoured group's.

    ``ratio`` is ``None`` (and nothing is flagged) when no group had an approval;
    ``mean_score`` is ``None`` when no scores were given.
    """

    group: str
    n: int
    approved: int
    approval_rate: float
    ratio: float | None
    flagged: bool
    mean_score: float | None


def _scores(score: ArrayLike, n: int) -> np.ndarray:
    scores = np.asarray(score, dtype=np.float64)
    if scores.shape != (n,) or not np.isfinite(scores).all():
        raise MetricsError("give one score, a finite number, for each applicant")
    return scores


def adverse_impact(group: ArrayLike, approved: ArrayLike, score: ArrayLike | None = None) -> list[GroupImpact]:
    """Approval rate per group, its adverse-impact ratio, and the four-fifths flag.

    Parameters
    ----------
    group : array-like of shape (n,)
        Each applicant's group name.
    approved : array-like of shape (n,)
        True (or 1) for an approved application.
    score : array-like of shape (n,), optional
        Each applicant's score, to report the group's mean score beside its approval rate.

    Returns
    -------
    list of GroupImpact
        One row per group present, sorted by group name.

    Raises
    ------
    MetricsError
        When the lengths differ, there is no applicant, or ``approved`` is not 0/1.
    """
    groups = np.asarray(group, dtype=str)
    decisions = np.asarray(approved)
    if groups.ndim != 1 or decisions.shape != groups.shape or not groups.size:
        raise MetricsError("give one approval decision for each applicant's group")
    if not np.isin(decisions, (0, 1)).all():
        raise MetricsError("an approval decision must be true or false")
    names, index = np.unique(groups, return_inverse=True)
    n = np.bincount(index)
    yes = np.bincount(index, weights=decisions.astype(np.float64))
    rate = yes / n
    best = rate.max()
    means = None if score is None else np.bincount(index, weights=_scores(score, groups.size)) / n
    return [GroupImpact(group=str(name), n=int(n[i]), approved=int(yes[i]), approval_rate=float(rate[i]),
                        ratio=float(rate[i] / best) if best > 0 else None,
                        flagged=bool(best > 0 and rate[i] / best < FOUR_FIFTHS),
                        mean_score=float(means[i]) if means is not None else None)
            for i, name in enumerate(names)]
