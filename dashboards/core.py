"""Pure helpers behind the dashboards: plain data in, plain data out (no ORM, no request).

They turn what a ``ScoreResult`` stores (contributions, band, fuzzy E0 memberships) and what a
``DataSource`` profile holds into the rows the pages, the CSV export and the charts show, so
every page describes a score the same way and the rules are tested without Django.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

# The five grades of the Weibo paper's grade table, best first, with the normalized score
# (0-100) each one starts above; the scoring engine assigns the band, we only present it.
BANDS: tuple[tuple[str, float], ...] = (
    ("very good", 80.0),
    ("good", 60.0),
    ("general", 40.0),
    ("poor", 20.0),
    ("very poor", 0.0),
)
BAND_NAMES: tuple[str, ...] = tuple(name for name, _ in BANDS)
TOP_REASONS = 4
# Short names of the scoring methods for tables, where the full names wrap on a phone.
METHOD_SHORT = {"priority": "Priority", "fuzzy": "AHP + fuzzy", "express": "Express"}
HISTOGRAM_BINS = 10

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def band_key(band: str | None) -> str:
    """The canonical name of a band whatever its spelling ("very_good", "Very good")."""
    return " ".join((band or "").replace("_", " ").replace("-", " ").lower().split())


def band_label(band: str | None) -> str:
    key = band_key(band)
    return key.capitalize() if key else "No band"


def band_rank(band: str | None) -> int:
    """1 for the best band down to 5 for the worst; 0 when the band is unknown."""
    key = band_key(band)
    return BAND_NAMES.index(key) + 1 if key in BAND_NAMES else 0


def feature_label(name: str) -> str:
    """``negative_post_ratio`` -> ``Negative post ratio``: readable without a lookup table."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class BreakdownRow:
    feature: str
    label: str
    value: float | None
    earned: float
    possible: float
    sources: tuple[str, ...]

    @property
    def lost(self) -> float:
        return max(self.possible - self.earned, 0.0)

    @property
    def share(self) -> float:
        """Earned as a fraction of possible, 0 when the feature could earn nothing."""
        return self.earned / self.possible if self.possible > 0 else 0.0


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def breakdown_rows(contributions: Mapping[str, Mapping[str, object]]) -> list[BreakdownRow]:
    """One row per scored feature, the heaviest first (points possible, then points lost).

    Contributions come from stored JSON, so a malformed entry (no numbers) is skipped rather
    than shown as a zero the engine never computed.
    """
    rows = []
    for feature, entry in contributions.items():
        earned = _number(entry.get("points"))
        possible = _number(entry.get("possible"))
        if earned is None or possible is None:
            continue
        sources = entry.get("sources") or ()
        rows.append(
            BreakdownRow(
                feature=feature,
                label=feature_label(feature),
                value=_number(entry.get("value")),
                earned=earned,
                possible=possible,
                sources=tuple(str(s) for s in sources),
            )
        )
    rows.sort(key=lambda r: (-r.possible, -r.lost, r.feature))
    return rows


@dataclass(frozen=True)
class IndexRow:
    """One leaf index of the AHP + fuzzy method: its 0-100 score and its global weight."""

    code: str
    name: str
    score: float
    weight: float
    evidence: str
    sources: tuple[str, ...]


def index_rows(contributions: Mapping[str, Mapping[str, object]]) -> list[IndexRow]:
    """The fuzzy method's scored indices, the most weighty first; missing ones are left out
    (the result lists them under ``missing``)."""
    rows = []
    for code, entry in contributions.items():
        score, weight = _number(entry.get("score")), _number(entry.get("global_weight"))
        if score is None or weight is None:
            continue
        rows.append(
            IndexRow(
                code=code,
                name=str(entry.get("name") or code),
                score=score,
                weight=weight,
                evidence=str(entry.get("evidence") or ""),
                sources=tuple(str(s) for s in entry.get("sources") or ()),
            )
        )
    rows.sort(key=lambda r: (-r.weight, r.code))
    return rows


def missing_labels(missing: Sequence[object], contributions: Mapping[str, Mapping[str, object]]) -> list[str]:
    """Names of what could not be scored: an index's own name when the result has one."""
    labels = []
    for item in missing:
        entry = contributions.get(str(item)) or {}
        labels.append(str(entry.get("name") or feature_label(str(item))))
    return labels


@dataclass(frozen=True)
class Reason:
    """One reason a score is what it is: the sentence for people, the code lenders quote."""

    text: str
    code: str = ""
    points_lost: float | None = None

    def __str__(self) -> str:
        return self.text


def top_reasons(reasons: Sequence[object], limit: int = TOP_REASONS) -> list[Reason]:
    """The stored reasons, worst first as the engine ordered them, as ``Reason``s.

    The engine stores ``{"code", "feature", "text", "points_lost"}``; plain strings are read
    too, so a method that only has sentences still shows them.
    """
    out = []
    for raw in reasons:
        if isinstance(raw, Mapping):
            text = str(raw.get("text") or "").strip()
            reason = Reason(text=text, code=str(raw.get("code") or ""), points_lost=_number(raw.get("points_lost")))
        else:
            reason = Reason(text=str(raw).strip())
        if reason.text:
            out.append(reason)
    return out[:limit]


def grade_memberships(detail: Mapping[str, object]) -> list[tuple[str, float]] | None:
    """The fuzzy method's E0 vector paired with grade names, best grade first.

    ``None`` when the result holds no usable E0 (the priority method, or an old result).
    """
    e0 = detail.get("E0") if isinstance(detail, Mapping) else None
    if not isinstance(e0, Sequence) or len(e0) != len(BAND_NAMES):
        return None
    values = [_number(v) for v in e0]
    if any(v is None for v in values):
        return None
    return list(zip(BAND_NAMES, values))  # type: ignore[arg-type]


def _parse_instant(text: object) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def data_date(profile: Mapping[str, object] | None) -> datetime | None:
    """The newest dated item in a normalized profile: how fresh the source's data is.

    Posts, comments and media carry dates; an export with none of them tells us nothing
    about freshness, which is ``None``, not the upload date.
    """
    if not profile:
        return None
    newest = None
    for key in ("posts", "comments", "media"):
        items = profile.get(key) or ()
        for item in items if isinstance(items, list) else ():
            when = _parse_instant(item.get("created_at")) if isinstance(item, Mapping) else None
            if when is not None and when.tzinfo is not None and (newest is None or when > newest):
                newest = when
    return newest


@dataclass(frozen=True)
class Histogram:
    counts: tuple[int, ...]
    edges: tuple[float, ...]
    unscored: int

    @property
    def total(self) -> int:
        return sum(self.counts)


def histogram(values: Iterable[float | None], bins: int = HISTOGRAM_BINS, low: float = 0.0, high: float = 100.0) -> Histogram:
    """Equal-width bins over [low, high]; the top edge belongs to the last bin, and a missing
    score (ineligible, unscorable) is counted apart instead of as a zero."""
    width = (high - low) / bins
    counts = [0] * bins
    unscored = 0
    for value in values:
        if value is None:
            unscored += 1
            continue
        index = int((min(max(value, low), high) - low) // width)
        counts[min(index, bins - 1)] += 1
    edges = tuple(low + i * width for i in range(bins + 1))
    return Histogram(counts=tuple(counts), edges=edges, unscored=unscored)


def band_shares(bands: Iterable[str | None]) -> list[tuple[str, int, float]]:
    """(band, count, share of those with a band) for every grade, best first, zeros included."""
    counts = dict.fromkeys(BAND_NAMES, 0)
    for band in bands:
        key = band_key(band)
        if key in counts:
            counts[key] += 1
    total = sum(counts.values())
    return [(name, n, n / total if total else 0.0) for name, n in counts.items()]


def csv_safe(value: object) -> str:
    """A cell a spreadsheet shows as text: formula-looking text gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text
