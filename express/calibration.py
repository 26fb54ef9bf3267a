"""Training the characteristic model on a labeled sample (claims 2-3): score, measure accuracy,
adjust the model and repeat until accuracy exceeds the target (the patent's "greater than the
preset threshold, preferably 90%") or no further improvement is found.

The search: coordinate ascent over ``GRIDS`` -- the six values (signs kept), the bad-score
threshold, the trend tolerance and the sensitive-parcel thresholds. One *iteration* is a pass
over the parameters in a fixed order; for each, every grid value is tried with the others
fixed, and the best is kept if it beats the current model on (accuracy, margin), where margin
is the mean of tanh(signed distance of the score from the threshold / 20): it moves the search
across plateaus of equal accuracy toward models that separate the classes more widely. A pass
with no change ends that climb. If the target is still not exceeded, up to ``restarts`` climbs
start again from the best model with three parameters redrawn by a ``random.Random(seed)``, so
the same inputs and seed give the same model. The window, period length, base and weights are
not searched (features are computed once; the weights multiply the values, so searching both
would be redundant).
"""
from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .characteristics import VALUE_SIGNS, CharacteristicModel
from .identity import UNKNOWN, normalise_identity
from .scores import applied_values, sensitive_hits, total

_VALUE_GRID = [float(v) for v in range(0, 65, 5)]
GRIDS: dict[str, list] = {
    **{f"values.{name}": [sign * v for v in _VALUE_GRID] for name, sign in VALUE_SIGNS.items()},
    "bad_below": [float(v) for v in range(5, 100, 5)],
    "trend_tolerance": [0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3],
    "sensitive_min_parcels_individual": [1, 2, 3, 5],
    "sensitive_min_parcels_enterprise": [1, 2, 3, 5, 8, 13],
}


@dataclass(frozen=True)
class Metrics:
    accuracy: float
    precision_bad: float | None
    recall_bad: float | None
    margin: float  # tie-breaker on plateaus; see the module docstring

    def objective(self) -> tuple[float, float]:
        return (self.accuracy, self.margin)


@dataclass(frozen=True)
class _Labeled:
    """What scoring needs of one labeled user, computed once for the whole search."""

    feature: Mapping[str, Any]  # user_type, parcels and the two slopes are all that is read
    hit_parcels: int
    bad: bool


def _prepare(features_list: Sequence[Mapping[str, Any]], labels: Mapping[str, bool],
             areas: Sequence[str]) -> list[_Labeled]:
    return [
        _Labeled(feature, sum(hit["parcels"] for hit in sensitive_hits(feature, areas)), labels[feature["user"]])
        for feature in features_list
    ]


def evaluate(sample: Sequence[_Labeled], model: CharacteristicModel) -> Metrics:
    """Accuracy and bad-class precision/recall of ``model`` on a prepared labeled sample. The
    score is ``total(applied_values(...))``, the same arithmetic as ``scores.score`` without
    its reasons, so thousands of candidate models can be tried quickly."""
    tp = fp = fn = correct = 0
    margin = 0.0
    for user in sample:
        value = total(applied_values(user.feature, user.hit_parcels, model)[0], model)
        predicted_bad = value < model.bad_below
        correct += predicted_bad == user.bad
        tp += predicted_bad and user.bad
        fp += predicted_bad and not user.bad
        fn += (not predicted_bad) and user.bad
        margin += math.tanh((model.bad_below - value) / 20 * (1 if user.bad else -1))
    n = len(sample)
    return Metrics(
        accuracy=correct / n if n else 0.0,
        precision_bad=tp / (tp + fp) if tp + fp else None,
        recall_bad=tp / (tp + fn) if tp + fn else None,
        margin=margin / n if n else 0.0,
    )


def _with(model: CharacteristicModel, param: str, value: Any) -> CharacteristicModel:
    if param.startswith("values."):
        return replace(model, values={**model.values, param.split(".", 1)[1]: value})
    return replace(model, **{param: value})


def _get(model: CharacteristicModel, param: str) -> Any:
    if param.startswith("values."):
        return model.values[param.split(".", 1)[1]]
    return getattr(model, param)


@dataclass
class _Search:
    """One calibration's sample and limits, and the passes made so far."""

    sample: Sequence[_Labeled]
    target: float
    max_passes: int
    iterations: int = 0

    def climb(self, start: CharacteristicModel) -> tuple[CharacteristicModel, Metrics]:
        """Coordinate ascent from ``start`` until the target is exceeded or a pass changes nothing."""
        current, metrics = start, evaluate(self.sample, start)
        for _ in range(self.max_passes):
            if metrics.accuracy > self.target:
                break
            self.iterations += 1
            changed = False
            for param, grid in GRIDS.items():
                for candidate in grid:
                    if candidate == _get(current, param):
                        continue
                    trial = _with(current, param, candidate)
                    trial_metrics = evaluate(self.sample, trial)
                    if trial_metrics.objective() > metrics.objective():
                        current, metrics, changed = trial, trial_metrics, True
            if not changed:
                break
        return current, metrics

    def best(self, model: CharacteristicModel, *, seed: int, restarts: int) -> tuple[CharacteristicModel, Metrics]:
        """The best of a climb from ``model`` and up to ``restarts`` climbs from seeded jumps."""
        rng = random.Random(seed)
        params = list(GRIDS)
        best, best_metrics = self.climb(model)
        for _ in range(restarts):
            if best_metrics.accuracy > self.target:
                break
            start = best
            for param in rng.sample(params, 3):
                start = _with(start, param, rng.choice(GRIDS[param]))
            candidate, metrics = self.climb(start)
            if metrics.objective() > best_metrics.objective():
                best, best_metrics = candidate, metrics
        return best, best_metrics


def calibrate(features_list: Sequence[Mapping[str, Any]], labels: Mapping[str, bool], areas: Sequence[str],
              model: CharacteristicModel, *, target: float = 0.9, seed: int = 0, max_passes: int = 20,
              restarts: int = 5) -> dict[str, Any]:
    """Train ``model`` on a labeled sample (see the module docstring).

    ``features_list`` must hold only labeled users; unscorable ones (score None) are left out
    of the measure and counted. Returns JSON-ready data; ``status`` is ``reached_target``,
    ``below_target`` (improved but not enough) or ``no_improvement``.
    """
    scorable = [f for f in features_list if f["user_type"] != UNKNOWN and f["parcels"] > 0]
    search = _Search(_prepare(scorable, labels, areas), target, max_passes)
    before = evaluate(search.sample, model)
    best, best_metrics = search.best(model, seed=seed, restarts=restarts) if scorable else (model, before)
    if best_metrics.accuracy > target:
        status = "reached_target"
    elif best_metrics.accuracy > before.accuracy:
        status = "below_target"
    else:
        status = "no_improvement"
        best, best_metrics = model, before
    return {
        "accuracy_before": round(before.accuracy, 4),
        "accuracy_after": round(best_metrics.accuracy, 4),
        "precision_bad_before": _round(before.precision_bad),
        "recall_bad_before": _round(before.recall_bad),
        "precision_bad_after": _round(best_metrics.precision_bad),
        "recall_bad_after": _round(best_metrics.recall_bad),
        "iterations": search.iterations,
        "target": target,
        "status": status,
        "seed": seed,
        "evaluated_users": len(scorable),
        "unscorable_users": len(features_list) - len(scorable),
        "model": best.to_dict(),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def read_labels(lines: Iterable[str]) -> dict[str, bool]:
    """``user,label`` lines (label good or bad; a header line is allowed) as {user: is_bad}.
    The user is the identity as in the records, or ``name:<name>`` for a party without one."""
    labels: dict[str, bool] = {}
    for number, line in enumerate(lines, start=1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"[,\t]", line)]
        if len(parts) < 2:
            raise ValueError(f"labels line {number}: expected 'user,label', got {line[:60]!r}")
        user, label = parts[0], parts[1].casefold()
        if number == 1 and label == "label":
            continue
        if label not in ("good", "bad"):
            raise ValueError(f"labels line {number}: label must be good or bad, not {parts[1][:20]!r}")
        key = user if user.startswith("name:") else normalise_identity(user)
        labels[key] = label == "bad"
    return labels
