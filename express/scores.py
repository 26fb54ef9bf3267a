"""The express score of a user from their features (claims 8, 9, 11).

``score = clamp(base + sum(weight_k * value_k), 0, 100)`` over the values that apply.

* Individual: the *first* value (negative) when at least ``sensitive_min_parcels_individual``
  parcels went to or came from a sensitive area in the window, else the *second* (positive).
* Enterprise: the *third* (stable), *fourth* (growing) or *fifth* (shrinking, negative) value
  by trend, plus the *sixth* (negative) when at least ``sensitive_min_parcels_enterprise``
  parcels ("frequent traffic") touch a sensitive area.

The **trend**: the relative slopes of the per-period series (``express.features``) for the
number of distinct active addresses and for the number of parcels. ``|slope| <=
trend_tolerance`` is stable, above is growing, below is shrinking. The claim speaks of the
*number of addresses*, so the address trend decides; when it is stable, the parcel trend
decides, because the description names "existing addresses whose parcels sharply reduce" as
shrinking. Fewer than ``min_trend_parcels`` parcels or fewer than 3 periods in the window: no
trend.

The band comes from the score intervals; a score below ``bad_below`` predicts a bad credit
outcome (used by calibration). A user of unknown type, or with no parcels in the window, is
not scored (score None, with the reason).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from .characteristics import CharacteristicModel
from .features import features
from .identity import INDIVIDUAL, UNKNOWN
from .regions import region_contains
from .traffic import Traffic

TREND_VALUES = {"stable": "third", "growing": "fourth", "shrinking": "fifth"}


def trend_of(feature: Mapping[str, Any], model: CharacteristicModel) -> str | None:
    """stable / growing / shrinking from the relative slopes (see the module docstring)."""
    if feature["parcels"] < model.min_trend_parcels or model.periods < 3:
        return None

    def direction(slope: float | None) -> str:
        if slope is None or abs(slope) <= model.trend_tolerance:
            return "stable"
        return "growing" if slope > 0 else "shrinking"

    by_addresses = direction(feature["address_slope"])
    return by_addresses if by_addresses != "stable" else direction(feature["parcel_slope"])


def sensitive_hits(feature: Mapping[str, Any], areas: Iterable[str]) -> list[dict[str, Any]]:
    """The regions of the window that lie in a sensitive area, with their parcels and periods."""
    areas = list(areas)
    hits = []
    for entry in feature["regions"]:
        region = entry["region"]
        area = next((a for a in areas if region_contains(a, region)), None)
        if area is not None:
            hits.append({"region": region, "area": area, "parcels": entry["parcels"],
                         "first": entry["first"], "last": entry["last"], "periods": entry["periods"]})
    return hits


def applied_values(feature: Mapping[str, Any], hit_parcels: int,
                   model: CharacteristicModel) -> tuple[dict[str, float], str | None]:
    """The weighted values that apply to a scorable user (claims 9 and 11), and for an
    enterprise its trend. ``hit_parcels``: parcels with sensitive areas in the window."""
    if feature["user_type"] == INDIVIDUAL:
        name = "first" if hit_parcels >= model.sensitive_min_parcels_individual else "second"
        return {name: model.values[name] * model.weights[name]}, None
    applied: dict[str, float] = {}
    trend = trend_of(feature, model)
    if trend is not None:
        name = TREND_VALUES[trend]
        applied[name] = model.values[name] * model.weights[name]
    if hit_parcels >= model.sensitive_min_parcels_enterprise:
        applied["sixth"] = model.values["sixth"] * model.weights["sixth"]
    return applied, trend


def total(applied: Mapping[str, float], model: CharacteristicModel) -> float:
    """``clamp(base + sum of the applied values, 0, 100)``, to one decimal."""
    return round(max(0.0, min(100.0, model.base + sum(applied.values()))), 1)


def _hits_text(hits: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(
        f"{hit['region']} (in sensitive area {hit['area']}): {hit['parcels']} parcels, {hit['first']} to {hit['last']}"
        for hit in hits
    )


def _individual_reason(applied: Mapping[str, float], hits: list[dict[str, Any]], model: CharacteristicModel) -> str:
    if "first" in applied:
        return f"first value {applied['first']:+g}: traffic with sensitive areas in the window: {_hits_text(hits)}"
    extra = f" (below the {model.sensitive_min_parcels_individual}-parcel threshold: {_hits_text(hits)})" if hits else ""
    return f"second value {applied['second']:+g}: no traffic with a sensitive area in the window{extra}"


def _trend_reason(feature: Mapping[str, Any], applied: Mapping[str, float], trend: str | None,
                  model: CharacteristicModel) -> str:
    series = (f"parcels per period {feature['parcels_per_period']}, "
              f"active addresses per period {feature['addresses_per_period']}")
    if trend is None:
        return f"no trend value: fewer than {model.min_trend_parcels} parcels in the window ({series})"
    name = TREND_VALUES[trend]
    slopes = ", ".join(
        f"{label} slope {feature[key]:+.1%} per period" if feature[key] is not None else f"{label} slope n/a"
        for label, key in (("address", "address_slope"), ("parcel", "parcel_slope"))
    )
    return f"{name} value {applied[name]:+g}: {trend} ({slopes}; tolerance ±{model.trend_tolerance:.0%}; {series})"


def _enterprise_reasons(feature: Mapping[str, Any], applied: Mapping[str, float], trend: str | None,
                        hits: list[dict[str, Any]], model: CharacteristicModel) -> list[str]:
    reasons = [_trend_reason(feature, applied, trend, model)]
    if "sixth" in applied:
        reasons.append(f"sixth value {applied['sixth']:+g}: frequent traffic with sensitive areas: {_hits_text(hits)}")
    elif hits:
        hit_parcels = sum(hit["parcels"] for hit in hits)
        reasons.append(f"no sixth value: {hit_parcels} sensitive-area parcels, below the "
                       f"{model.sensitive_min_parcels_enterprise}-parcel threshold ({_hits_text(hits)})")
    return reasons


def _unscored_reason(feature: Mapping[str, Any]) -> str | None:
    if feature["user_type"] == UNKNOWN:
        return "not scored: the user type cannot be decided from the identity"
    if feature["parcels"] == 0:
        return f"not scored: no parcels between {feature['window'][0]} and {feature['window'][1]}"
    return None


def score(feature: Mapping[str, Any], areas: Iterable[str], model: CharacteristicModel) -> dict[str, Any]:
    """The express score of one user: ``{"user", "user_type", "score", "band", "values",
    "regions", "trend", "sensitive_hits", "reasons"}``. ``score`` is None (with the reason) for
    an unknown user type or a user with no parcels in the window."""
    kind = feature["user_type"]
    hits = sensitive_hits(feature, areas)
    result: dict[str, Any] = {
        "user": feature["user"], "user_type": kind, "score": None, "band": "", "values": {},
        "regions": [entry["region"] for entry in feature["regions"]], "trend": None, "sensitive_hits": hits,
        "reasons": [f"user type {kind}: {feature['type_reason']}"],
    }
    unscored = _unscored_reason(feature)
    if unscored is not None:
        result["reasons"].append(unscored)
        return result
    applied, trend = applied_values(feature, sum(hit["parcels"] for hit in hits), model)
    if kind == INDIVIDUAL:
        result["reasons"].append(_individual_reason(applied, hits, model))
    else:
        result["reasons"].extend(_enterprise_reasons(feature, applied, trend, hits, model))
    result["score"] = total(applied, model)
    result.update(band=model.band(result["score"]), values=applied, trend=trend)
    return result


def iter_scores(traffic: Mapping[str, Traffic], areas: Iterable[str], *, as_of: date,
                model: CharacteristicModel) -> Iterator[dict[str, Any]]:
    """Score every user of an aggregation, in user-key order, one at a time (a million-row file
    has tens of thousands of users: their results are stored or printed as they come, not
    held together). Each result carries its features under ``"features"``."""
    areas = list(areas)
    for key in sorted(traffic):
        feature = features(traffic[key], as_of=as_of, model=model)
        result = score(feature, areas, model)
        result["features"] = feature
        yield result
