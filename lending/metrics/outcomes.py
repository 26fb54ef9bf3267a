"""The outcome convention, the checks every metric runs on its input, and the minimum of outcomes.

Conventions
-----------
``outcome``
    1 = bad (a default, or 60 or more days late), 0 = good.
``score``
    Higher means lower risk, as every CredSly method scores (0-100, higher is better). Every
    discrimination figure is computed for the score ranking goods above bads.

Minimum of outcomes
-------------------
No metric is given from fewer than ``MIN_OUTCOMES`` = 200 outcomes with at least
``MIN_BAD`` = 20 bad and ``MIN_GOOD`` = 20 good; below it every metric is "not enough outcomes".

- The number of the rarer class governs the uncertainty of AUC. By Hanley and McNeil (1982),
  ``SE(A)^2 = [A(1 - A) + (n_b - 1)(Q1 - A^2) + (n_g - 1)(Q2 - A^2)] / (n_b n_g)`` with
  ``Q1 = A / (2 - A)`` and ``Q2 = 2A^2 / (1 + A)``. For a modest score (A = 0.70) among 200 loans,
  20 bads give SE = 0.068, a 95 % interval of about [0.57, 0.83] that excludes a coin toss
  (0.5); 10 bads give SE = 0.095 and an interval down to 0.51, indistinguishable from chance.
  The same floor holds for goods when nearly everyone defaults.
- 200 outcomes put 20 loans in each score decile, so no decile bad rate comes from a handful.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

MIN_OUTCOMES = 200
MIN_BAD = 20
MIN_GOOD = 20
NOT_ENOUGH = "not enough outcomes"


class MetricsError(ValueError):
    """Input no metric can be computed from; ``str()`` is one sentence a person understands."""


def as_outcomes(outcome: ArrayLike) -> np.ndarray:
    """``outcome`` as a 1-D int8 array of 0 (good) and 1 (bad).

    Raises
    ------
    MetricsError
        When the array is not one-dimensional or holds anything but 0 and 1.
    """
    values = np.asarray(outcome)
    if values.ndim != 1:
        raise MetricsError("outcomes must be a flat list of 0 (good) and 1 (bad)")
    if values.size and not np.isin(values, (0, 1)).all():
        raise MetricsError("an outcome must be 1 (bad) or 0 (good)")
    return values.astype(np.int8)


def as_scored(score: ArrayLike, outcome: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """``score`` as float64 and ``outcome`` as int8, checked to be of one length and usable.

    Raises
    ------
    MetricsError
        When the lengths differ, a score is missing or infinite, or an outcome is not 0 or 1.
    """
    outcomes = as_outcomes(outcome)
    scores = np.asarray(score, dtype=np.float64)
    if scores.shape != outcomes.shape:
        raise MetricsError(f"there are {scores.size} scores for {outcomes.size} outcomes")
    if not np.isfinite(scores).all():
        raise MetricsError("every outcome needs a score: a score is missing or not a finite number")
    return scores, outcomes


def shortfall(outcome: ArrayLike) -> str | None:
    """Why these outcomes are too few for any metric, or ``None`` when they are enough.

    Enough means at least ``MIN_OUTCOMES`` outcomes, ``MIN_BAD`` of them bad and ``MIN_GOOD``
    good (see the module docstring for why).
    """
    outcomes = as_outcomes(outcome)
    bad = int(outcomes.sum())
    good = outcomes.size - bad
    if outcomes.size >= MIN_OUTCOMES and bad >= MIN_BAD and good >= MIN_GOOD:
        return None
    return (f"{NOT_ENOUGH}: {outcomes.size} recorded ({bad} bad, {good} good); a back-test needs at least "
            f"{MIN_OUTCOMES} with {MIN_BAD} bad and {MIN_GOOD} good")
