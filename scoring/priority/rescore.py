"""Rescoring everyone at once: the engine's arithmetic over a whole feature matrix (numpy).

When an admin publishes a new configuration every applicant's score is recomputed from the
stored feature vectors, without running any model again. Same formula as
``scoring.priority.engine`` (held to it by ``tests/scoring/test_rescore.py``), one column at a time:

1. each feature's column goes through its curve (``curves.evaluate_array``); the outputs are
   cached per (feature, curve kind, parameters), so a change of priority weights alone
   reuses them and costs one matrix product;
2. per priority level the outputs are summed and the present features counted (cached too);
   points = sums x weights and points possible = counts x weights, three multiply-adds each.

Pure: plain arrays in, plain arrays out; the database side is in ``scoring.services``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .. import bands
from . import curves
from .engine import PRIORITIES, Config, legal_minimum_age
from .features import FEATURE_NAMES

#: Band keys by index: 0 is the lowest band, the last the highest (``scoring.bands``).
BAND_NAMES: tuple[str, ...] = tuple(reversed(bands.KEYS))
# A score above a floor climbs one band; the lowest band's floor is where counting starts.
_BOUNDS = np.array(sorted(b.floor for b in bands.BANDS[:-1]))


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

    @classmethod
    def from_normalized(cls, values: Iterable[float | None]) -> "Scores":
        """The scores of any method from its 0-100 results (``None``: no score), so that
        ``compare`` previews an AHP change as it does a priority one."""
        normalized = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        scored = ~np.isnan(normalized)
        return cls(score=normalized, max_score=np.where(scored, 100.0, np.nan), normalized=normalized,
                   band=band_index(normalized, ~scored), eligible=np.ones(normalized.shape, dtype=bool),
                   unscorable=~scored)

    def band_counts(self) -> dict[str, int]:
        counts = np.bincount(self.band[self.band >= 0], minlength=len(BAND_NAMES))
        return {name: int(n) for name, n in zip(BAND_NAMES, counts)}


class Rescorer:
    """A feature matrix and what has been computed over it so far.

    Two caches, so that a change recomputes only what it touches:

    - each column's curve outputs, per (curve kind, parameters);
    - per priority level, the sum of outputs and the count of present features, per
      (curves, priorities, switches): a change of priority *weights* alone then costs three
      multiply-adds per applicant.

    Columns are kept contiguous (one array per feature) because the work goes column by column.
    """

    def __init__(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=np.float64)
        self._n = values.shape[0]
        self._columns = [np.ascontiguousarray(values[:, j]) for j in range(values.shape[1])]
        self._present = [~np.isnan(c) for c in self._columns]
        self._outputs: list[np.ndarray | None] = [None] * len(self._columns)  # 0 where missing or ineligible
        self._ineligible: list[np.ndarray | None] = [None] * len(self._columns)
        self._column_key: list[object] = [None] * len(self._columns)
        self._group_key: object = None
        self._groups: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return self._n

    def outputs(self, config: Config) -> np.ndarray:
        """Curve outputs (n x k) for ``config``'s curves, nan where missing, ineligible or off."""
        self._apply_curves(config)
        out = np.full((self._n, len(FEATURE_NAMES)), np.nan)
        for j, name in enumerate(FEATURE_NAMES):
            if name in config.enabled_names:
                keep = self._present[j] if self._ineligible[j] is None else self._present[j] & ~self._ineligible[j]
                out[keep, j] = self._outputs[j][keep]
        return out

    def score(self, config: Config) -> Scores:
        sums, counts, present, ineligible = self._priority_groups(config)
        weights = np.array([float(config.weights[p]) for p in PRIORITIES])
        points = weights @ sums
        possible = weights @ counts
        eligible = ~ineligible
        unscorable = eligible & ((present < config.min_features) | (possible <= 0))
        scored = eligible & ~unscorable
        with np.errstate(invalid="ignore", divide="ignore"):
            normalized = points * 100.0
            normalized /= possible
        not_scored = ~scored
        for array in (points, possible, normalized):
            np.copyto(array, np.nan, where=not_scored)  # cheaper than boolean-index assignment
        band = band_index(normalized, not_scored)
        return Scores(
            score=points, max_score=possible, normalized=np.round(normalized, 2, out=normalized), band=band,
            eligible=eligible, unscorable=unscorable,
        )

    def _priority_groups(self, config: Config) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per priority level and applicant (3 x n): sum of curve outputs, number of features
        present; per applicant: number of features present, ineligible or not."""
        self._apply_curves(config)
        key = (tuple(self._column_key), tuple((n, config.specs[n].priority) for n in config.enabled_names))
        if key != self._group_key:
            sums = np.zeros((len(PRIORITIES), self._n))
            counts = np.zeros((len(PRIORITIES), self._n))
            ineligible = np.zeros(self._n, dtype=bool)
            for j, name in enumerate(FEATURE_NAMES):
                if name not in config.enabled_names:
                    continue
                g = PRIORITIES.index(config.specs[name].priority)
                sums[g] += self._outputs[j]
                counts[g] += self._present[j]
                if self._ineligible[j] is not None:
                    ineligible |= self._ineligible[j]
            minimum = legal_minimum_age(config)
            if minimum is not None:
                ineligible |= self._columns[FEATURE_NAMES.index("age")] < minimum  # nan (missing) compares False
            self._groups, self._group_key = (sums, counts, counts.sum(axis=0), ineligible), key
        return self._groups

    def _apply_curves(self, config: Config) -> None:
        for j, name in enumerate(FEATURE_NAMES):
            spec = config.specs.get(name)
            if spec is None:
                continue
            key = (spec.kind, tuple(sorted(spec.params.items())))
            if self._column_key[j] == key:
                continue
            out, ineligible = curves.evaluate_array(spec.kind, spec.params, self._columns[j])
            np.nan_to_num(out, copy=False, nan=0.0)
            self._outputs[j] = out
            self._ineligible[j] = ineligible if ineligible.any() else None
            self._column_key[j] = key


def band_index(normalized: np.ndarray, not_scored: np.ndarray) -> np.ndarray:
    """Each score's band as an index into ``BAND_NAMES``; -1 where there is no score."""
    band = np.zeros(normalized.shape, dtype=np.int8)
    for bound in _BOUNDS:
        band += normalized > bound
    np.copyto(band, -1, where=not_scored)
    return band


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
