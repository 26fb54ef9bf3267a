"""Pure helpers behind the dashboards: plain data in, plain data out (no ORM, no request).

They turn what a ``ScoreResult`` stores (contributions, band, fuzzy E0 memberships) and what a
``DataSource`` profile holds into the rows the pages, the CSV export and the charts show, so
every page describes a score the same way and the rules are tested without Django.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from scoring import bands
from scoring.priority.features import LABELS
from scoring.priority.findings import finding
from scoring.reasons import Reason, read

TOP_REASONS = 4
# Short names of the scoring methods for tables, where the full names wrap on a phone.
METHOD_SHORT = {"priority": "Priority", "fuzzy": "AHP + fuzzy", "express": "Express"}
HISTOGRAM_BINS = 10

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# An index code of the AHP hierarchy ("B5", "A12"): never shown to a person.
_INDEX_CODE = re.compile(r"[A-Z]+\d*")


def feature_label(name: str) -> str:
    """``negative_post_ratio`` -> ``Negative post ratio``: readable without a lookup table."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class BreakdownRow:
    """One scored feature: what was found (``label``, a sentence) and the points it earned."""

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
        value, of = _number(entry.get("value")), _number(entry.get("of"))
        rows.append(
            BreakdownRow(
                feature=feature,
                label=feature_label(feature) if value is None else finding(feature, value, int(of) if of else None),
                value=value,
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
    """Names of what could not be scored: an index's own name, a feature's catalogue label.

    A missing inner index of the AHP hierarchy ("B5") is left out: its missing leaves are
    listed by name, and a code means nothing to the person reading.
    """
    labels = []
    for item in missing:
        key = str(item)
        name = (contributions.get(key) or {}).get("name") or LABELS.get(key)
        if name:
            labels.append(str(name))
        elif not _INDEX_CODE.fullmatch(key):
            labels.append(feature_label(key))
    return labels


def top_reasons(stored: Sequence[Mapping], limit: int = TOP_REASONS) -> list[Reason]:
    """The first ``limit`` stored reasons (``scoring.reasons``: one shape for every method),
    most costly first as the method ordered them."""
    return read(stored, limit)


def grade_memberships(detail: Mapping[str, object]) -> list[tuple[str, float]] | None:
    """The fuzzy method's grade memberships as shares that add up to 1, best grade first.

    The paper's E0 is not normalised (a leaf score of 80 belongs to two grades with 0.5 and
    0.67), so shown as it is it adds up to more than 100%; the score itself is computed from
    E0' = E0 / sum(E0) (Eq. 14), which is what is shown. ``None`` when the result holds no
    usable E0 (the priority method, or an old result).
    """
    e0 = detail.get("E0") if isinstance(detail, Mapping) else None
    if not isinstance(e0, Sequence) or len(e0) != len(bands.KEYS):
        return None
    values = [_number(v) for v in e0]
    if any(v is None or v < 0 for v in values):
        return None
    total = sum(values)  # type: ignore[arg-type]
    if total <= 0:
        return None
    return [(key, v / total) for key, v in zip(bands.KEYS, values)]  # type: ignore[operator]


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


def band_shares(keys: Iterable[str | None]) -> list[tuple[str, int, float]]:
    """(band, count, share of those with a band) for every band, best first, zeros included."""
    counts = dict.fromkeys(bands.KEYS, 0)
    for key in keys:
        if key in counts:
            counts[key] += 1
    total = sum(counts.values())
    return [(name, n, n / total if total else 0.0) for name, n in counts.items()]


def csv_safe(value: object) -> str:
    """A cell a spreadsheet shows as text: formula-looking text gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text
