"""The patent's "express receiving and sending region characteristic model" as plain data: the
preset indexes' values, weights and score intervals, and the thresholds the features use
(claims 8, 9, 11; see ``express.scores`` for how they combine). The Django shell stores one
version per row (``ExpressModel``)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

VALUE_NAMES = ("first", "second", "third", "fourth", "fifth", "sixth")
# The patent fixes the sign of four values: first, fifth and sixth deduct, second adds; third
# and fourth "add appropriately". Calibration keeps these signs.
VALUE_SIGNS = {"first": -1, "second": 1, "third": 1, "fourth": 1, "fifth": -1, "sixth": -1}
DEFAULT_BANDS = ((0.0, "high risk"), (40.0, "watch"), (60.0, "good"), (80.0, "excellent"))

_WHOLE_NUMBERS = ("window_days", "period_days", "min_frequency", "min_trend_parcels",
                  "sensitive_min_parcels_individual", "sensitive_min_parcels_enterprise")
_NUMBERS = ("trend_tolerance", "base", "bad_below")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class CharacteristicModel:
    """The values, weights, score intervals and thresholds of express scoring.

    Build it with ``from_dict`` (which validates and names the bad field in its message);
    ``to_dict`` gives the JSON stored per version.
    """

    window_days: int = 180
    period_days: int = 30
    min_frequency: int = 3
    trend_tolerance: float = 0.05
    min_trend_parcels: int = 6
    sensitive_min_parcels_individual: int = 1
    sensitive_min_parcels_enterprise: int = 3
    base: float = 60.0
    values: Mapping[str, float] = field(
        default_factory=lambda: {"first": -30.0, "second": 10.0, "third": 10.0, "fourth": 20.0, "fifth": -20.0, "sixth": -40.0}
    )
    weights: Mapping[str, float] = field(default_factory=lambda: {name: 1.0 for name in VALUE_NAMES})
    bands: Sequence[tuple[float, str]] = DEFAULT_BANDS
    bad_below: float = 50.0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CharacteristicModel":
        defaults = asdict(cls())
        unknown = set(data) - set(defaults)
        if unknown:
            raise ValueError(f"unknown model field(s): {', '.join(sorted(unknown))}")
        merged = {**defaults, **data}
        _check_thresholds(merged)
        _check_value_tables(merged)
        return cls(
            **{name: merged[name] for name in _WHOLE_NUMBERS},
            **{name: float(merged[name]) for name in _NUMBERS},
            values={name: float(merged["values"][name]) for name in VALUE_NAMES},
            weights={name: float(merged["weights"][name]) for name in VALUE_NAMES},
            bands=_bands(merged["bands"]),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["values"] = dict(self.values)
        data["weights"] = dict(self.weights)
        data["bands"] = [[lower, label] for lower, label in self.bands]
        return data

    def band(self, score: float) -> str:
        label = self.bands[0][1]
        for lower, name in self.bands:
            if score >= lower:
                label = name
        return label

    @property
    def periods(self) -> int:
        return self.window_days // self.period_days


def _check_thresholds(merged: Mapping[str, Any]) -> None:
    for name in _WHOLE_NUMBERS:
        value = merged[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    if merged["period_days"] > merged["window_days"]:
        raise ValueError("period_days must not be longer than window_days")
    for name in _NUMBERS:
        if not _is_number(merged[name]):
            raise ValueError(f"{name} must be a number, not {merged[name]!r}")
    if merged["trend_tolerance"] < 0:
        raise ValueError("trend_tolerance must not be negative")


def _check_value_tables(merged: Mapping[str, Any]) -> None:
    for table in ("values", "weights"):
        entries = merged[table]
        if not isinstance(entries, Mapping) or set(entries) != set(VALUE_NAMES):
            raise ValueError(f"{table} must give exactly {', '.join(VALUE_NAMES)}")
        if not all(_is_number(v) for v in entries.values()):
            raise ValueError(f"every entry of {table} must be a number")
    for name, sign in VALUE_SIGNS.items():
        if merged["values"][name] * sign < 0:
            raise ValueError(f"the {name} value must be {'negative' if sign < 0 else 'positive'} or zero "
                             "(the patent fixes its sign)")


def _bands(bands: Any) -> tuple[tuple[float, str], ...]:
    try:
        bands = tuple((float(lower), str(label)) for lower, label in bands)
    except (TypeError, ValueError):
        raise ValueError("bands must be a list of [lower bound, label] pairs") from None
    if not bands or bands[0][0] != 0 or any(a[0] >= b[0] for a, b in zip(bands, bands[1:])):
        raise ValueError("bands must start at 0 and have increasing lower bounds")
    return bands
