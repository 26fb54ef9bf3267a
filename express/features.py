"""A user's region features (claims 6, 10): first features for an individual, second features
for an enterprise, as plain JSON-ready data.

* Individual: the set of regions with parcel counts; addresses that recur at least
  ``min_frequency`` times (after normalising case, spaces and punctuation) are merged into one
  "frequent address" each (the patent's "high-frequency addresses are merged").
* Enterprise: per region and per period, parcels sent, received and in total. Periods are
  ``period_days`` long (default 30: "monthly") and counted back from ``as_of`` so that every
  period has the same length -- calendar months would make the first, partial month look like
  growth. The per-period series of parcels and of distinct active addresses, and the relative
  slope of each (``relative_slope``), are what the trend is read from (``express.scores``).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .characteristics import CharacteristicModel
from .identity import ENTERPRISE, INDIVIDUAL
from .traffic import Traffic


def relative_slope(series: Sequence[float]) -> float | None:
    """Least-squares slope of ``series`` against 0, 1, 2, ... divided by the series' mean: the
    relative change per period. None for fewer than two points or a zero mean."""
    n = len(series)
    if n < 2:
        return None
    mean = sum(series) / n
    if mean == 0:
        return None
    x_mean = (n - 1) / 2
    num = sum((i - x_mean) * (y - mean) for i, y in enumerate(series))
    den = sum((i - x_mean) ** 2 for i in range(n))
    return (num / den) / mean


@lru_cache(maxsize=64)
def _period_labels(window_start: date, periods: int, period_days: int) -> tuple[str, ...]:
    """``"start..end"`` of every period; the same for every user of one scoring run, hence cached."""
    return tuple(
        f"{window_start + timedelta(days=i * period_days + 1)}..{window_start + timedelta(days=(i + 1) * period_days)}"
        for i in range(periods)
    )


def _regions(traffic: Traffic, labels: Sequence[str]) -> list[dict[str, Any]]:
    return [
        {
            "region": region,
            "sent": entry[0],
            "received": entry[1],
            "parcels": entry[0] + entry[1],
            "first": entry[2].isoformat(),
            "last": entry[3].isoformat(),
            "periods": [label for i, label in enumerate(labels) if entry[4] >> i & 1],
        }
        for region, entry in sorted(traffic.regions.items())
    ]


def _frequent_addresses(traffic: Traffic, model: CharacteristicModel) -> list[dict[str, Any]]:
    book = traffic.address_book
    return sorted(
        (
            {"address": book[normalised][0], "region": book[normalised][1], "parcels": count}
            for normalised, count in traffic.addresses.items()
            if count >= model.min_frequency
        ),
        key=lambda item: (-item["parcels"], item["address"]),
    )


def _period_series(traffic: Traffic, labels: Sequence[str], model: CharacteristicModel) -> dict[str, Any]:
    empty = [0, 0, set()]
    parcels = [sum(traffic.periods.get(i, empty)[:2]) for i in range(model.periods)]
    addresses = [len(traffic.periods.get(i, empty)[2]) for i in range(model.periods)]
    return {
        "periods": list(labels),
        "parcels_per_period": parcels,
        "addresses_per_period": addresses,
        "parcel_slope": relative_slope(parcels),
        "address_slope": relative_slope(addresses),
        "region_periods": {
            region: {
                labels[i]: {"sent": counts[0], "received": counts[1], "total": counts[0] + counts[1]}
                for i, counts in sorted(per_period.items())
            }
            for region, per_period in sorted(traffic.region_periods.items())
        },
    }


def features(traffic: Traffic, *, as_of: date, model: CharacteristicModel) -> dict[str, Any]:
    """The user's region features as plain JSON-ready data."""
    window_start = as_of - timedelta(days=model.periods * model.period_days)
    labels = _period_labels(window_start, model.periods, model.period_days)
    result: dict[str, Any] = {
        "user": traffic.key,
        "name": traffic.name,
        "user_type": traffic.user_type.kind,
        "type_reason": traffic.user_type.reason,
        "as_of": as_of.isoformat(),
        "window": [window_start.isoformat(), as_of.isoformat()],
        "parcels": traffic.sent + traffic.received,
        "sent": traffic.sent,
        "received": traffic.received,
        "regions": _regions(traffic, labels),
    }
    if traffic.user_type.kind == INDIVIDUAL:
        result["frequent_addresses"] = _frequent_addresses(traffic, model)
    elif traffic.user_type.kind == ENTERPRISE:
        result.update(_period_series(traffic, labels, model))
    return result
