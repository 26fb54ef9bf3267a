"""Fuzzy comprehensive evaluation over the AHP hierarchy (seed 001, section 4.2).

- Five grades, very good ... very poor, quantified by the parameter vector L = [90 70 50 30 10]
  (Table 4).
- Each leaf index score x in [0, 100] becomes a row of memberships (f1(x) ... f5(x)) by the
  trapezoids of Eqs. (4)-(8). The rows are used as the paper uses them, not normalized: a score
  of 80 belongs to "very good" with 0.5 and to "good" with 0.67.
- Layer by layer, E = W . R: a parent's vector is its children's weights times the matrix whose
  rows are the children's vectors (Eqs. 10-13), up to E0 for the root "0".
- The grade is the one of maximum membership in E0; on a tie the worse grade is reported,
  since a credit rating should not round up on ambiguous evidence.
- The score is S = E0' . L with E0' = E0 / sum(E0) (Eqs. 14-15).
- The grades are spelt as the bands of ``scoring.bands``. The paper's grade is kept as a
  detail: the band a person is shown is the band of S, so the band and the score never
  disagree (S = 73 is "good" even when "very good" has the largest membership).

Missing indices (no source could inform them) are left out and their weight is shared among
their present siblings in proportion to the siblings' own weights; a parent whose children are
all missing is itself missing, and so on up. Weights are used exactly as given when nothing
under a parent is missing, so the paper's example is computed with its own printed weights.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from .. import bands
from .hierarchy import ROOT, Hierarchy, code_key

GRADES: tuple[str, ...] = bands.KEYS
PARAMETERS: tuple[float, ...] = (90.0, 70.0, 50.0, 30.0, 10.0)
# Weight vectors may carry the rounding of a printed table (Table 3's W_B sums to 1.0001).
WEIGHT_SUM_TOLERANCE = 0.005


class FuzzyError(ValueError):
    """Input the evaluation cannot use; ``str()`` is one line."""


class NothingToEvaluate(FuzzyError):
    """Every index is missing: there is no evidence to grade."""


def _ramp_up(x: float, lo: float, hi: float) -> float:
    return (x - lo) / (hi - lo)


def memberships(x: float) -> tuple[float, float, float, float, float]:
    """(f1(x), ..., f5(x)) of Eqs. (4)-(8).

    Eq. (4) as printed carries a fourth line "0, x <= 50" that contradicts its first line
    (0 for x <= 70); it is a typesetting slip and is ignored.
    """
    if not 0 <= x <= 100:
        raise FuzzyError(f"index score {x:g} is outside 0-100.")
    f1 = 0.0 if x <= 70 else _ramp_up(x, 70, 90) if x <= 90 else 1.0
    f2 = 0.0 if x <= 50 else _ramp_up(x, 50, 65) if x <= 65 else 1.0 if x <= 75 else (90 - x) / 15 if x <= 90 else 0.0
    f3 = 0.0 if x <= 30 else _ramp_up(x, 30, 45) if x <= 45 else 1.0 if x <= 55 else (70 - x) / 15 if x <= 70 else 0.0
    f4 = 0.0 if x <= 10 else _ramp_up(x, 10, 25) if x <= 25 else 1.0 if x <= 35 else (50 - x) / 15 if x <= 50 else 0.0
    f5 = 1.0 if x <= 10 else (30 - x) / 20 if x <= 30 else 0.0
    return (f1, f2, f3, f4, f5)


def grade_of(vector: Sequence[float]) -> str:
    """The grade of maximum membership; ties go to the worse grade."""
    values = list(vector)
    best = max(values)
    return GRADES[max(k for k, v in enumerate(values) if v == best)]


@dataclass(frozen=True)
class FuzzyResult:
    memberships: dict[str, tuple[float, ...]]
    layers: dict[str, tuple[float, ...]]
    weights: dict[str, tuple[float, ...]]
    missing: tuple[str, ...]
    redistributed: dict[str, tuple[str, ...]]

    @property
    def e0(self) -> tuple[float, ...]:
        return self.layers[ROOT]

    @property
    def e0_normalized(self) -> tuple[float, ...]:
        total = sum(self.e0)
        return tuple(v / total for v in self.e0)

    @property
    def score(self) -> float:
        return float(np.dot(self.e0_normalized, PARAMETERS))

    @property
    def grade(self) -> str:
        return grade_of(self.e0)

    def command_output(self) -> dict:
        """The JSON ``manage.py fuzzy_evaluate`` prints."""
        return {
            "E0": list(self.e0),
            "E0_normalized": list(self.e0_normalized),
            "score": self.score,
            "grade": self.grade,
            "layers": {code: list(self.layers[code]) for code in sorted(self.layers, key=code_key) if code != ROOT},
        }


def check_weights(hierarchy: Hierarchy, weights: Mapping[str, Sequence[float]]) -> None:
    for code in hierarchy.inner():
        size = len(hierarchy.children(code))
        vector = weights.get(code)
        if vector is None:
            raise FuzzyError(f"no weights for {hierarchy.label(code)}.")
        if len(vector) != size:
            raise FuzzyError(f"{hierarchy.label(code)} has {size} sub-indices but {len(vector)} weights.")
        if any(not isinstance(w, (int, float)) or isinstance(w, bool) or w < 0 for w in vector):
            raise FuzzyError(f"the weights of {hierarchy.label(code)} must be numbers of at least 0.")
        if abs(sum(vector) - 1) > WEIGHT_SUM_TOLERANCE:
            raise FuzzyError(f"the weights of {hierarchy.label(code)} add up to {sum(vector):.4f}, not 1.")


def evaluate(
    hierarchy: Hierarchy,
    weights: Mapping[str, Sequence[float]],
    scores: Mapping[str, float | None],
) -> FuzzyResult:
    """Evaluate every layer from the leaf index scores (None or absent = missing)."""
    check_weights(hierarchy, weights)
    unknown = sorted(set(scores) - set(hierarchy.leaves()))
    if unknown:
        raise FuzzyError(f"not leaf indices of the hierarchy: {', '.join(unknown)}.")
    vectors: dict[str, np.ndarray] = {}
    leaf_rows: dict[str, tuple[float, ...]] = {}
    for code in hierarchy.leaves():
        value = scores.get(code)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FuzzyError(f"the score of {code} must be a number, not {value!r}.")
        leaf_rows[code] = memberships(float(value))
        vectors[code] = np.array(leaf_rows[code])
    layers: dict[str, tuple[float, ...]] = {}
    used: dict[str, tuple[float, ...]] = {}
    redistributed: dict[str, tuple[str, ...]] = {}
    for code in hierarchy.inner():
        children = hierarchy.children(code)
        given = np.asarray(weights[code], dtype=float)
        present = [k for k, child in enumerate(children) if child in vectors]
        if len(present) < len(children):
            redistributed[code] = tuple(c for k, c in enumerate(children) if k not in present)
        if not present or given[present].sum() <= 0:
            continue
        effective = given.copy()
        if len(present) < len(children):
            effective = np.zeros_like(given)
            effective[present] = given[present] / given[present].sum()
        relation = np.array([vectors[children[k]] for k in present])
        vectors[code] = effective[present] @ relation
        layers[code] = tuple(float(v) for v in vectors[code])
        used[code] = tuple(float(w) for w in effective)
    if ROOT not in vectors:
        raise NothingToEvaluate("no index could be scored: there is nothing to evaluate.")
    missing = tuple(c for c in (*hierarchy.leaves(), *hierarchy.inner()) if c not in vectors)
    return FuzzyResult(leaf_rows, layers, used, missing, redistributed)
