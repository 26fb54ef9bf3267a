"""Credit scoring from express-delivery records: a pure core (plain data in, plain data out).

It follows a bank's patent on credit investigation from express-delivery data (seed
``003_d17c707575a33cf9``); claim numbers below are the patent's.

1. **User type** (claim 5, ``classify_user``). The patent: individuals give an ID card when
   they send a parcel, enterprises need not. The rule, in order:

   * an 18-character resident identity number whose check digit verifies (GB 11643-1999:
     weights 2^(17-i) mod 11, check ``"10X98765432"[sum mod 11]``) and whose birth date is a
     real date -> **individual**;
   * an 18-character unified social credit code whose check character verifies (GB
     32100-2015: 31-character alphabet without I, O, S, V, Z; weights 3^i mod 31; check
     ``31 - sum mod 31``) -> **enterprise**;
   * no identity at all (the party is known by name only) -> **enterprise** ("no personal ID");
   * anything else -- an ID-shaped number whose check digit fails, a 15-digit first-generation
     ID, an unknown format -> **unknown**: neither rule applies, so the user is listed with the
     reason and not scored, rather than scored as something they may not be.

2. **Features** (claims 6, 10). Traffic is every parcel where the user is sender or recipient;
   a parcel counts on the sender's side at its send date and on the recipient's at its receive
   date, inside the window ``(as_of - window_days, as_of]`` (default 180 days, rounded down to
   whole periods). The regions
   are the *counterpart's*: the regions a user sent to and received from.

   * Individual: the set of regions with parcel counts; addresses that recur at least
     ``min_frequency`` times (after normalising case, spaces and punctuation) are merged into
     one "frequent address" each (the patent's "high-frequency addresses are merged").
   * Enterprise: per region and per period, parcels sent, received and in total. Periods are
     ``period_days`` long (default 30: "monthly") and counted back from ``as_of`` so that every
     period has the same length -- calendar months would make the first, partial month look
     like growth. The **trend** statistic: the least-squares slope of the per-period series
     divided by its mean (relative change per period), for the number of distinct active
     addresses and for the number of parcels. ``|slope| <= trend_tolerance`` is stable, above
     is growing, below is shrinking. The claim speaks of the *number of addresses*, so the
     address trend decides; when it is stable, the parcel trend decides, because the
     description names "existing addresses whose parcels sharply reduce" as shrinking. Fewer
     than ``min_trend_parcels`` parcels or fewer than 3 periods in the window: no trend.

3. **Score** (claims 8, 9, 11): ``score = clamp(base + sum(weight_k * value_k), 0, 100)`` over
   the values that apply. Individual: the *first* value (negative) when at least
   ``sensitive_min_parcels_individual`` parcels went to or came from a sensitive area in the
   window, else the *second* (positive). Enterprise: the *third* (stable), *fourth* (growing) or
   *fifth* (shrinking, negative) value by trend, plus the *sixth* (negative) when at least
   ``sensitive_min_parcels_enterprise`` parcels ("frequent traffic") touch a sensitive area. The
   band comes from the score intervals; a score below ``bad_below`` predicts a bad credit
   outcome (used by calibration). A user of unknown type, or with no parcels in the window, is
   not scored (score None, with the reason). All of it is ``CharacteristicModel``: plain data,
   versioned by the Django shell.

4. **Calibration** (claims 2-3, ``calibrate``): score a labeled sample, measure accuracy,
   adjust the model and repeat until accuracy exceeds the target. See ``calibrate``.
"""
from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol

INDIVIDUAL = "individual"
ENTERPRISE = "enterprise"
UNKNOWN = "unknown"

VALUE_NAMES = ("first", "second", "third", "fourth", "fifth", "sixth")
# The patent fixes the sign of four values: first, fifth and sixth deduct, second adds; third
# and fourth "add appropriately". Calibration keeps these signs.
VALUE_SIGNS = {"first": -1, "second": 1, "third": 1, "fourth": 1, "fifth": -1, "sixth": -1}

# --- identities ----------------------------------------------------------------------------

_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {char: index for index, char in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28


def resident_id_check_digit(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits of a resident ID."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters of a credit code."""
    remainder = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS)) % 31
    return _USCC_ALPHABET[(31 - remainder) % 31]


def resident_id_problem(identity: str) -> str | None:
    """None when ``identity`` is a valid 18-character resident ID, else what is wrong."""
    if not _ID_SHAPE.fullmatch(identity):
        return "not 17 digits followed by a digit or X"
    try:
        date(int(identity[6:10]), int(identity[10:12]), int(identity[12:14]))
    except ValueError:
        return f"birth date {identity[6:14]} is not a real date"
    expected = resident_id_check_digit(identity[:17])
    if identity[17] != expected:
        return f"check digit is {identity[17]}, GB 11643 gives {expected}"
    return None


def uscc_problem(identity: str) -> str | None:
    """None when ``identity`` is a valid unified social credit code, else what is wrong."""
    if len(identity) != 18 or any(c not in _USCC_VALUE for c in identity):
        return "not 18 characters of the credit-code alphabet"
    expected = uscc_check_char(identity[:17])
    if identity[17] != expected:
        return f"check character is {identity[17]}, GB 32100 gives {expected}"
    return None


@dataclass(frozen=True)
class UserType:
    kind: str  # INDIVIDUAL | ENTERPRISE | UNKNOWN
    reason: str


def classify_user(identity: str) -> UserType:
    """The user type from an identity (already upper-cased, spaces removed), with the reason."""
    if not identity:
        return UserType(ENTERPRISE, "no personal ID given: enterprises ship without one")
    id_problem = resident_id_problem(identity)
    if id_problem is None:
        return UserType(INDIVIDUAL, "valid 18-character resident ID (GB 11643 check digit verified)")
    uscc = uscc_problem(identity)
    if uscc is None:
        return UserType(ENTERPRISE, "valid unified social credit code (GB 32100 check character verified)")
    if _ID_SHAPE.fullmatch(identity):
        return UserType(UNKNOWN, f"looks like a resident ID but its {id_problem}")
    if len(identity) == 15 and identity.isdigit():
        return UserType(UNKNOWN, "15-digit first-generation ID: no check digit, no longer valid")
    if len(identity) == 18 and all(c in _USCC_VALUE for c in identity):
        return UserType(UNKNOWN, f"looks like a credit code but its {uscc}")
    return UserType(UNKNOWN, "identity is neither a resident ID nor a unified social credit code")


# --- the characteristic model ----------------------------------------------------------------

DEFAULT_BANDS = ((0.0, "high risk"), (40.0, "watch"), (60.0, "good"), (80.0, "excellent"))


@dataclass(frozen=True)
class CharacteristicModel:
    """The patent's "express receiving and sending region characteristic model": the preset
    indexes' values, weights and score intervals, and the thresholds the features use.

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
        defaults = cls()
        unknown = set(data) - set(asdict(defaults))
        if unknown:
            raise ValueError(f"unknown model field(s): {', '.join(sorted(unknown))}")
        merged = {**asdict(defaults), **data}
        for name in ("window_days", "period_days", "min_frequency", "min_trend_parcels",
                     "sensitive_min_parcels_individual", "sensitive_min_parcels_enterprise"):
            value = merged[name]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
        if merged["period_days"] > merged["window_days"]:
            raise ValueError("period_days must not be longer than window_days")
        for name in ("trend_tolerance", "base", "bad_below"):
            if not isinstance(merged[name], (int, float)) or isinstance(merged[name], bool):
                raise ValueError(f"{name} must be a number, not {merged[name]!r}")
        if merged["trend_tolerance"] < 0:
            raise ValueError("trend_tolerance must not be negative")
        for table in ("values", "weights"):
            entries = merged[table]
            if not isinstance(entries, Mapping) or set(entries) != set(VALUE_NAMES):
                raise ValueError(f"{table} must give exactly {', '.join(VALUE_NAMES)}")
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in entries.values()):
                raise ValueError(f"every entry of {table} must be a number")
        for name, sign in VALUE_SIGNS.items():
            if merged["values"][name] * sign < 0:
                raise ValueError(f"the {name} value must be {'negative' if sign < 0 else 'positive'} or zero (the patent fixes its sign)")
        bands = merged["bands"]
        try:
            bands = tuple((float(lower), str(label)) for lower, label in bands)
        except (TypeError, ValueError):
            raise ValueError("bands must be a list of [lower bound, label] pairs") from None
        if not bands or bands[0][0] != 0 or any(a[0] >= b[0] for a, b in zip(bands, bands[1:])):
            raise ValueError("bands must start at 0 and have increasing lower bounds")
        return cls(
            window_days=merged["window_days"],
            period_days=merged["period_days"],
            min_frequency=merged["min_frequency"],
            trend_tolerance=float(merged["trend_tolerance"]),
            min_trend_parcels=merged["min_trend_parcels"],
            sensitive_min_parcels_individual=merged["sensitive_min_parcels_individual"],
            sensitive_min_parcels_enterprise=merged["sensitive_min_parcels_enterprise"],
            base=float(merged["base"]),
            values={name: float(merged["values"][name]) for name in VALUE_NAMES},
            weights={name: float(merged["weights"][name]) for name in VALUE_NAMES},
            bands=bands,
            bad_below=float(merged["bad_below"]),
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


# --- traffic aggregation ---------------------------------------------------------------------


class PartyLike(Protocol):
    key: str
    name: str
    identity: str
    address: str
    region: str | None


class ShipmentLike(Protocol):
    sender: PartyLike
    recipient: PartyLike
    sent_at: date
    received_at: date


_ADDRESS_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
UNMATCHED = "(unmatched address)"


def normalise_address(address: str) -> str:
    """The form under which spellings of one address merge: NFKC (full-width digits become
    ASCII), case-folded, spaces and punctuation removed."""
    return _ADDRESS_NOISE.sub("", unicodedata.normalize("NFKC", address).casefold())


@dataclass(slots=True)
class Traffic:
    """One user's parcels inside the window, reduced to what the features need."""

    key: str
    name: str
    identity: str
    user_type: UserType
    sent: int = 0
    received: int = 0
    # region -> [sent, received, first date, last date, bit mask of the periods with traffic]
    regions: dict[str, list] = field(default_factory=dict)
    # period index (0 = oldest) -> [sent, received, set of normalised addresses]; enterprises only
    periods: dict[int, list] = field(default_factory=dict)
    # region -> period index -> [sent, received]; enterprises only (the per-region table)
    region_periods: dict[str, dict[int, list]] = field(default_factory=dict)
    # normalised address -> parcels; individuals only. The spelling and region of each address
    # live once in ``address_book``, shared by all users of an aggregation.
    addresses: dict[str, int] = field(default_factory=dict)
    address_book: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)


class Aggregator:
    """Streams shipments into per-user ``Traffic``; memory grows with users and regions, not rows."""

    def __init__(self, *, as_of: date, model: CharacteristicModel):
        self.as_of = as_of
        self.model = model
        self.window_start = as_of - timedelta(days=model.periods * model.period_days)
        self.users: dict[str, Traffic] = {}
        self.outside_window = 0
        self._addresses: dict[str, tuple[str, str]] = {}
        self.address_book: dict[str, tuple[str, str | None]] = {}

    def add(self, shipment: ShipmentLike) -> None:
        self._add(shipment.sender, shipment.recipient, shipment.sent_at, sending=True)
        self._add(shipment.recipient, shipment.sender, shipment.received_at, sending=False)

    def add_all(self, shipments: Iterable[ShipmentLike]) -> "Aggregator":
        for shipment in shipments:
            self.add(shipment)
        return self

    def _spelling(self, address: str) -> tuple[str, str]:
        """(the address as first seen, its normalised form), shared by every user who sees it:
        a million rows repeat a few thousand addresses, and one copy each keeps memory flat."""
        known = self._addresses.get(address)
        if known is None:
            known = (address, normalise_address(address))
            if len(self._addresses) < 500_000:
                self._addresses[address] = known
        return known

    def _add(self, party: PartyLike, other: PartyLike, when: date, *, sending: bool) -> None:
        traffic = self.users.get(party.key)
        if traffic is None:
            traffic = self.users[party.key] = Traffic(party.key, party.name, party.identity,
                                                      classify_user(party.identity), address_book=self.address_book)
        if not (self.window_start < when <= self.as_of):
            self.outside_window += 1
            return
        period = min(((when - self.window_start).days - 1) // self.model.period_days, self.model.periods - 1)
        region = other.region or UNMATCHED
        side = 0 if sending else 1
        if sending:
            traffic.sent += 1
        else:
            traffic.received += 1
        entry = traffic.regions.get(region)
        if entry is None:
            entry = traffic.regions[region] = [0, 0, when, when, 0]
        entry[side] += 1
        if when < entry[2]:
            entry[2] = when
        if when > entry[3]:
            entry[3] = when
        entry[4] |= 1 << period
        spelling, normalised = self._spelling(other.address)
        if traffic.user_type.kind == INDIVIDUAL:
            addresses = traffic.addresses
            addresses[normalised] = addresses.get(normalised, 0) + 1
            if normalised not in self.address_book:
                self.address_book[normalised] = (spelling, other.region)
        elif traffic.user_type.kind == ENTERPRISE:
            slot = traffic.periods.get(period)
            if slot is None:
                slot = traffic.periods[period] = [0, 0, set()]
            slot[side] += 1
            slot[2].add(normalised)
            per_region = traffic.region_periods.setdefault(region, {})
            counts = per_region.get(period)
            if counts is None:
                counts = per_region[period] = [0, 0]
            counts[side] += 1


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


def features(traffic: Traffic, *, as_of: date, model: CharacteristicModel) -> dict[str, Any]:
    """The user's region features as plain JSON-ready data (claim 6: first features for an
    individual, second features for an enterprise)."""
    window_start = as_of - timedelta(days=model.periods * model.period_days)
    labels = _period_labels(window_start, model.periods, model.period_days)
    regions = [
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
        "regions": regions,
    }
    if traffic.user_type.kind == INDIVIDUAL:
        result["frequent_addresses"] = sorted(
            (
                {"address": traffic.address_book[normalised][0], "region": traffic.address_book[normalised][1],
                 "parcels": count}
                for normalised, count in traffic.addresses.items()
                if count >= model.min_frequency
            ),
            key=lambda item: (-item["parcels"], item["address"]),
        )
    elif traffic.user_type.kind == ENTERPRISE:
        empty = [0, 0, set()]
        parcels = [sum(traffic.periods.get(i, empty)[:2]) for i in range(model.periods)]
        addresses = [len(traffic.periods.get(i, empty)[2]) for i in range(model.periods)]
        result["periods"] = list(labels)
        result["parcels_per_period"] = parcels
        result["addresses_per_period"] = addresses
        result["parcel_slope"] = relative_slope(parcels)
        result["address_slope"] = relative_slope(addresses)
        result["region_periods"] = {
            region: {
                labels[i]: {"sent": counts[0], "received": counts[1], "total": counts[0] + counts[1]}
                for i, counts in sorted(per_period.items())
            }
            for region, per_period in sorted(traffic.region_periods.items())
        }
    return result


# --- scoring --------------------------------------------------------------------------------


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
        area = next((a for a in areas if region == a or region.startswith(a + "/")), None)
        if area is not None:
            hits.append({"region": region, "area": area, "parcels": entry["parcels"],
                         "first": entry["first"], "last": entry["last"], "periods": entry["periods"]})
    return hits


TREND_VALUES = {"stable": "third", "growing": "fourth", "shrinking": "fifth"}


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


def score(feature: Mapping[str, Any], areas: Iterable[str], model: CharacteristicModel) -> dict[str, Any]:
    """The express score of one user: ``{"user", "user_type", "score", "band", "values",
    "regions", "trend", "sensitive_hits", "reasons"}``. ``score`` is None (with the reason) for
    an unknown user type or a user with no parcels in the window."""
    kind = feature["user_type"]
    hits = sensitive_hits(feature, areas)
    hit_parcels = sum(hit["parcels"] for hit in hits)
    result: dict[str, Any] = {
        "user": feature["user"],
        "user_type": kind,
        "score": None,
        "band": "",
        "values": {},
        "regions": [entry["region"] for entry in feature["regions"]],
        "trend": None,
        "sensitive_hits": hits,
        "reasons": [f"user type {kind}: {feature['type_reason']}"],
    }
    reasons = result["reasons"]
    if kind == UNKNOWN:
        reasons.append("not scored: the user type cannot be decided from the identity")
        return result
    if feature["parcels"] == 0:
        reasons.append(f"not scored: no parcels between {feature['window'][0]} and {feature['window'][1]}")
        return result
    applied, trend = applied_values(feature, hit_parcels, model)
    result["trend"] = trend
    hit_text = "; ".join(
        f"{hit['region']} (in sensitive area {hit['area']}): {hit['parcels']} parcels, {hit['first']} to {hit['last']}"
        for hit in hits
    )
    if kind == INDIVIDUAL:
        if "first" in applied:
            reasons.append(f"first value {applied['first']:+g}: traffic with sensitive areas in the window: {hit_text}")
        else:
            extra = f" (below the {model.sensitive_min_parcels_individual}-parcel threshold: {hit_text})" if hits else ""
            reasons.append(f"second value {applied['second']:+g}: no traffic with a sensitive area in the window{extra}")
    else:
        series = (f"parcels per period {feature['parcels_per_period']}, "
                  f"active addresses per period {feature['addresses_per_period']}")
        if trend is None:
            reasons.append(f"no trend value: fewer than {model.min_trend_parcels} parcels in the window ({series})")
        else:
            name = TREND_VALUES[trend]
            slopes = ", ".join(
                f"{label} slope {feature[key]:+.1%} per period" if feature[key] is not None else f"{label} slope n/a"
                for label, key in (("address", "address_slope"), ("parcel", "parcel_slope"))
            )
            reasons.append(f"{name} value {applied[name]:+g}: {trend} ({slopes}; tolerance "
                           f"±{model.trend_tolerance:.0%}; {series})")
        if "sixth" in applied:
            reasons.append(f"sixth value {applied['sixth']:+g}: frequent traffic with sensitive areas: {hit_text}")
        elif hits:
            reasons.append(f"no sixth value: {hit_parcels} sensitive-area parcels, below the "
                           f"{model.sensitive_min_parcels_enterprise}-parcel threshold ({hit_text})")
    result["score"] = total(applied, model)
    result["band"] = model.band(result["score"])
    result["values"] = applied
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


# --- calibration (claim 3) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    accuracy: float
    precision_bad: float | None
    recall_bad: float | None
    margin: float  # tie-breaker on plateaus; see calibrate

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
    score is ``total(applied_values(...))``, the same arithmetic as ``score`` without its
    reasons, so thousands of candidate models can be tried quickly."""
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


_VALUE_GRID = [float(v) for v in range(0, 65, 5)]
GRIDS: dict[str, list] = {
    **{f"values.{name}": [sign * v for v in _VALUE_GRID] for name, sign in VALUE_SIGNS.items()},
    "bad_below": [float(v) for v in range(5, 100, 5)],
    "trend_tolerance": [0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3],
    "sensitive_min_parcels_individual": [1, 2, 3, 5],
    "sensitive_min_parcels_enterprise": [1, 2, 3, 5, 8, 13],
}


def _with(model: CharacteristicModel, param: str, value: Any) -> CharacteristicModel:
    if param.startswith("values."):
        return replace(model, values={**model.values, param.split(".", 1)[1]: value})
    return replace(model, **{param: value})


def _get(model: CharacteristicModel, param: str) -> Any:
    if param.startswith("values."):
        return model.values[param.split(".", 1)[1]]
    return getattr(model, param)


def calibrate(features_list: Sequence[Mapping[str, Any]], labels: Mapping[str, bool], areas: Sequence[str],
              model: CharacteristicModel, *, target: float = 0.9, seed: int = 0, max_passes: int = 20,
              restarts: int = 5) -> dict[str, Any]:
    """Train the characteristic model on a labeled sample (claim 3): score, measure accuracy,
    update, until accuracy *exceeds* ``target`` (the patent's "greater than the preset threshold,
    preferably 90%") or no further improvement is found.

    The search: coordinate ascent over ``GRIDS`` -- the six values (signs kept), the bad-score
    threshold, the trend tolerance and the sensitive-parcel thresholds. One *iteration* is a
    pass over the parameters in a fixed order; for each, every grid value is tried with the
    others fixed, and the best is kept if it beats the current model on (accuracy, margin),
    where margin is the mean of tanh(signed distance of the score from the threshold / 20): it
    moves the search across plateaus of equal accuracy toward models that separate the classes
    more widely. A pass with no change ends that climb. If the target is still not exceeded, up
    to ``restarts`` climbs start again from the best model with three parameters redrawn by a
    ``random.Random(seed)``, so the same inputs and seed give the same model. The window,
    period length, base and weights are not searched (features are computed once; the weights
    multiply the values, so searching both would be redundant).

    ``features_list`` must hold only labeled users; unscorable ones (score None) are left out
    of the measure and counted. Returns JSON-ready data; ``status`` is ``reached_target``,
    ``below_target`` (improved but not enough) or ``no_improvement``.
    """
    scorable = [f for f in features_list if f["user_type"] != UNKNOWN and f["parcels"] > 0]
    sample = _prepare(scorable, labels, areas)
    rng = random.Random(seed)
    params = list(GRIDS)
    before = evaluate(sample, model)
    best, best_metrics = model, before
    iterations = 0

    def climb(start: CharacteristicModel) -> tuple[CharacteristicModel, Metrics]:
        nonlocal iterations
        current, metrics = start, evaluate(sample, start)
        for _ in range(max_passes):
            if metrics.accuracy > target:
                break
            iterations += 1
            changed = False
            for param in params:
                for candidate in GRIDS[param]:
                    if candidate == _get(current, param):
                        continue
                    trial = _with(current, param, candidate)
                    trial_metrics = evaluate(sample, trial)
                    if trial_metrics.objective() > metrics.objective():
                        current, metrics, changed = trial, trial_metrics, True
            if not changed:
                break
        return current, metrics

    if scorable:
        best, best_metrics = climb(model)
        for _ in range(restarts):
            if best_metrics.accuracy > target:
                break
            start = best
            for param in rng.sample(params, 3):
                start = _with(start, param, rng.choice(GRIDS[param]))
            candidate, metrics = climb(start)
            if metrics.objective() > best_metrics.objective():
                best, best_metrics = candidate, metrics
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
        "iterations": iterations,
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
        key = user if user.startswith("name:") else "".join(user.split()).upper()
        labels[key] = label == "bad"
    return labels
