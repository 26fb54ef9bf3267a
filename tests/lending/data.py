"""Scored applications generated for the lending tests: a score (higher = lower risk) and an
outcome drawn from a logistic in it (1 = bad), so the score predicts the outcome by construction."""
from __future__ import annotations

import numpy as np


def scored(n: int, seed: int, decimals: int | None = None, strength: float = 8.0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` scores on 0-100 (rounded to ``decimals`` to make ties) and their outcomes, about 18 % bad."""
    rng = np.random.default_rng(seed)
    score = np.clip(rng.normal(60, 15, n), 0, 100)
    if decimals is not None:
        score = np.round(score, decimals)
    outcome = (rng.random(n) < 1 / (1 + np.exp((score - 40) / strength))).astype(np.int8)
    return score, outcome
