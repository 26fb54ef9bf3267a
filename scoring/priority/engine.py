"""The priority-weighted scorer of the seed ("Credit Score Generation Algorithm"), pure.

    score      = sum over present, enabled features of  curve(value) * weight[priority]
    max_score  = sum over the same features of          weight[priority]
    normalized = 100 * score / max_score

A missing feature adds to neither sum (so it neither helps nor hurts) and is reported. An
age below the tent (a minor) makes the applicant *ineligible*: no score and a plain reason. Fewer
present features than ``Config.min_features`` makes the applicant *unscorable*, with a flag
per missing feature: never a low score for lack of data.

``score`` works on one applicant; ``scoring.priority.rescore`` computes the same numbers for a
million at once and then calls ``explain`` here for each stored row, so the explanation a
lender reads always comes from this one module.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import bands
from . import curves, reasons
from .features import FEATURE_NAMES

PRIORITIES = (1, 2, 3)


@dataclass(frozen=True)
class Spec:
    """How one feature scores: on or off, its priority level, its curve."""

    priority: int
    kind: str
    params: Mapping
    enabled: bool = True


@dataclass(frozen=True)
class Config:
    """One version of the scoring configuration, as plain data."""

    version: int | None
    weights: Mapping[int, float]
    specs: Mapping[str, Spec]
    min_features: int = 4
    enabled_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "enabled_names", tuple(n for n in FEATURE_NAMES if n in self.specs and self.specs[n].enabled))

    def weight(self, name: str) -> float:
        return float(self.weights[self.specs[name].priority])


def legal_minimum_age(config: Config) -> float | None:
    """The minimum age that still applies when the age feature is switched off.

    Switching age off stops age from scoring (and from any upper limit an old configuration's
    tent may have), but a minor still cannot contract: the tent's lower bound stays a
    condition of eligibility. ``None`` while age is on (the
    tent itself decides) or absent from the configuration.
    """
    spec = config.specs.get("age")
    if spec is None or spec.enabled:
        return None
    return float(spec.params["low"])


def score(features: Mapping[str, Mapping], config: Config) -> dict:
    """Score one applicant's feature vector (``scoring.priority.features.extract_features``)."""
    outputs = {}
    for name in config.enabled_names:
        value = _value(features, name)
        spec = config.specs[name]
        outputs[name] = None if value is None else curves.evaluate(spec.kind, spec.params, value)
    return explain(features, outputs, config)


def explain(features: Mapping[str, Mapping], outputs: Mapping[str, float | None], config: Config) -> dict:
    """The full result from curve ``outputs`` already computed for the enabled features.

    An output of ``None`` for a present value means the tent found the applicant ineligible.
    """
    values = {n: _value(features, n) for n in config.enabled_names}
    result = {
        "score": None, "max_score": None, "normalized": None, "band": "",
        "eligible": True, "unscorable": False, "flags": [], "contributions": {},
        "missing": [n for n, v in values.items() if v is None],
        "reasons": [], "config_version": config.version,
    }
    minimum = legal_minimum_age(config)
    age = _value(features, "age")
    if minimum is not None and age is not None and age < minimum:
        params = config.specs["age"].params
        result["eligible"] = False
        result["flags"] = ["ineligible_age"]
        result["reasons"] = [reasons.ineligible_age(age, params["low"], params.get("high"))]
        return result
    for name, value in values.items():
        if value is not None and outputs[name] is None:
            params = config.specs[name].params
            result["eligible"] = False
            result["flags"] = [f"ineligible_{name}"]
            result["reasons"] = [reasons.ineligible_age(value, params["low"], params.get("high"))]
            return result

    present = [n for n in config.enabled_names if outputs.get(n) is not None]
    weights = {n: config.weight(n) for n in present}
    max_score = sum(weights.values())
    if len(present) < config.min_features or max_score <= 0:
        result["unscorable"] = True
        result["flags"] = ["too_few_features"] + [f"missing_{n}" for n in result["missing"]]
        result["reasons"] = [reasons.unscorable(len(present), max(config.min_features, 1), result["missing"])]
        return result

    contributions = {}
    for name in present:
        spec, weight = config.specs[name], weights[name]
        contributions[name] = {
            "value": values[name],
            **({"of": features[name]["of"]} if "of" in features[name] else {}),
            "sources": list(features[name].get("sources") or []),
            "curve": spec.kind,
            "output": outputs[name],
            "priority": spec.priority,
            "weight": weight,
            "points": outputs[name] * weight,
            "possible": weight,
        }
    total = sum(c["points"] for c in contributions.values())
    normalized = 100.0 * total / max_score
    result.update(
        score=total, max_score=max_score, normalized=round(normalized, 2), band=bands.band_of(normalized),
        contributions=contributions, reasons=reasons.top_reasons(contributions),
    )
    return result


def _value(features: Mapping[str, Mapping], name: str) -> float | None:
    value = (features.get(name) or {}).get("value")
    return None if value is None else float(value)


def describe_changes(old: Config, new: Config) -> list[str]:
    """One line per difference between two configurations, for the version's change log."""
    lines = []
    for priority in PRIORITIES:
        if float(old.weights[priority]) != float(new.weights[priority]):
            lines.append(f"priority {priority} weight {old.weights[priority]:g} -> {new.weights[priority]:g}")
    if old.min_features != new.min_features:
        lines.append(f"minimum features {old.min_features} -> {new.min_features}")
    for name in FEATURE_NAMES:
        before, after = old.specs.get(name), new.specs.get(name)
        if before is None or after is None:
            if before != after:
                lines.append(f"{name} {'added' if before is None else 'removed'}")
            continue
        if before.enabled != after.enabled:
            lines.append(f"{name} switched {'on' if after.enabled else 'off'}")
        if before.priority != after.priority:
            lines.append(f"{name} priority {before.priority} -> {after.priority}")
        if before.kind != after.kind or dict(before.params) != dict(after.params):
            lines.append(f"{name} curve {before.kind} {dict(before.params)} -> {after.kind} {dict(after.params)}")
    return lines
