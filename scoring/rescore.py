"""Rescoring everyone at once: the engine's arithmetic over a whole feature matrix (numpy).

When an admin publishes a new configuration every applicant's score is recomputed from the
stored feature vectors, without running any model again. Same formula as
``scoring.engine`` (held to it by ``tests/scoring/test_rescore.py``), one column at a time:

1. each feature's column goes through its curve (``curves.evaluate_array``); the outputs are
   cached per (feature, curve kind, parameters), so a change of priority weights alone
   reuses them and costs one matrix product;
2. ``[outputs | present]`` (n x 2k) times a (2k x 3) matrix of weights gives, in one pass,
   every applicant's points, points possible and number of features present.

Pure: plain arrays in, plain arrays out; the database side is in ``scoring.services``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from . import curves
from .engine import BANDS, LOWEST_BAND, Config
from .features import FEATURE_NAMES

#: Band names by index: 0 is the lowest band, len(BANDS) the highest.
BAND_NAMES: tuple[str, ...] = (LOWEST_BAND, *(name for _, name in reversed(BANDS)))
_BOUNDS = np.array(sorted(bound for bound, _ in BANDS))


def to_matrix(vectors: Iterable[Mapping[str, Mapping]]) -> np.ndarray:
    """Stored feature vectors -> float64 matrix (one row each, ``FEATURE_NAMES`` columns, nan = missing)."""
    rows = [[(v.get(name) or {}).get("value") for name in FEATURE_NAMES] for v in vectors]
    if not rows:
        return np.empty((0, len(FEATURE_NAMES)))
    return np.array(rows, dtype=np.float64)  # None becomes nan


@dataclass(frozen=True)
class Scores:
    """Every applicant's result as arrays; ``score``/``normalized`` are nan where there is none."""

    score: np.ndarray
    max_score: np.ndarray
    normalized: np.ndarray
    band: np.ndarray  # index into BAND_NAMES, -1 where there is no score
    eligible: np.ndarray
    unscorable: np.ndarray

    def band_counts(self) -> dict[str, int]:
        counts = np.bincount(self.band[self.band >= 0], minlength=len(BAND_NAMES))
        return {name: int(n) for name, n in zip(BAND_NAMES, counts)}


class Rescorer:
    """A feature matrix and the curve outputs computed over it so far.

    Keep one alive across configurations (the admin preview, the benchmark) and only the
    columns whose curve changed are computed again.
    """

    def __init__(self, values: np.ndarray) -> None:
        self.values = np.asarray(values, dtype=np.float64)
        n, k = self.values.shape
        self._present = ~np.isnan(self.values)
        # [curve outputs (0 where missing or ineligible) | present (1/0)]: one operand for one matmul.
        self._stacked = np.zeros((n, 2 * k))
        self._stacked[:, k:] = self._present
        self._column_key: list[object] = [None] * k
        self._ineligible: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return self.values.shape[0]

    def outputs(self, config: Config) -> np.ndarray:
        """Curve outputs (n x k) for ``config``'s curves, nan where missing, ineligible or off."""
        self._apply_curves(config)
        k = len(FEATURE_NAMES)
        out = np.where(self._present, self._stacked[:, :k], np.nan)
        for j, name in enumerate(FEATURE_NAMES):
            if name not in config.enabled_names:
                out[:, j] = np.nan
            elif j in self._ineligible:
                out[self._ineligible[j], j] = np.nan
        return out

    def score(self, config: Config) -> Scores:
        self._apply_curves(config)
        k = len(FEATURE_NAMES)
        weights = np.zeros((2 * k, 3))
        ineligible = np.zeros(len(self), dtype=bool)
        for j, name in enumerate(FEATURE_NAMES):
            if name not in config.enabled_names:
                continue
            weights[j, 0] = weights[k + j, 1] = config.weight(name)
            weights[k + j, 2] = 1.0
            if j in self._ineligible:
                ineligible |= self._ineligible[j]
        points, possible, present = (self._stacked @ weights).T
        unscorable = ~ineligible & ((present < config.min_features) | (possible <= 0))
        scored = ~ineligible & ~unscorable
        with np.errstate(invalid="ignore", divide="ignore"):
            normalized = np.where(scored, 100.0 * points / possible, np.nan)
        band = np.where(scored, np.searchsorted(_BOUNDS, normalized, side="left"), -1)
        return Scores(
            score=np.where(scored, points, np.nan),
            max_score=np.where(scored, possible, np.nan),
            normalized=np.round(normalized, 2),
            band=band,
            eligible=~ineligible,
            unscorable=unscorable,
        )

    def _apply_curves(self, config: Config) -> None:
        for j, name in enumerate(FEATURE_NAMES):
            spec = config.specs.get(name)
            if spec is None:
                continue
            key = (spec.kind, tuple(sorted(spec.params.items())))
            if self._column_key[j] == key:
                continue
            out, ineligible = curves.evaluate_array(spec.kind, spec.params, self.values[:, j])
            self._stacked[:, j] = np.nan_to_num(out, nan=0.0)
            if ineligible.any():
                self._ineligible[j] = ineligible
            else:
                self._ineligible.pop(j, None)
            self._column_key[j] = key


def histogram(normalized: np.ndarray, bins: int = 10) -> list[int]:
    """Counts of scored applicants in ``bins`` equal bins of 0..100 (nan left out)."""
    values = normalized[~np.isnan(normalized)]
    counts, _ = np.histogram(values, bins=bins, range=(0.0, 100.0))
    return [int(c) for c in counts]


def compare(before: Scores, after: Scores, bins: int = 10) -> dict:
    """What a configuration change does to a population: the admin's preview."""
    status_before = np.where(~before.eligible, -2, np.where(before.unscorable, -1, before.band))
    status_after = np.where(~after.eligible, -2, np.where(after.unscorable, -1, after.band))
    return {
        "applicants": int(len(before.band)),
        "bins": [(100 // bins) * i for i in range(bins)],
        "before": histogram(before.normalized, bins),
        "after": histogram(after.normalized, bins),
        "bands_before": before.band_counts(),
        "bands_after": after.band_counts(),
        "changing_band": int(np.count_nonzero(status_before != status_after)),
        "unscorable_before": int(before.unscorable.sum()),
        "unscorable_after": int(after.unscorable.sum()),
        "ineligible_before": int((~before.eligible).sum()),
        "ineligible_after": int((~after.eligible).sum()),
    }
