"""How fresh each data source is, and when a score counts as stale.

The article on emotion analysis in credit risk (seed 002, section 4) warns that social data
changes fast, so an assessment must be refreshed to stay accurate. This module measures that,
over normalized profiles (profile-schema.md) as plain data; it decides nothing else.

Per source (one normalized profile per platform): its newest dated item — a post, a comment,
a photo or video — and that item's age in whole days as of a given date. A source with no
dated item falls back to the account's registration time (``basis: "registered_at"``: it
says only that the account existed then, so it is the oldest the data can be). A source with
neither is missing: ``age_days`` is ``None``, never 0. A date after ``as_of`` (a clock ahead of
ours) counts as age 0.

A score is stale (``is_stale``) when it is older than ``max_score_age_days``, or when the
data it was built on is older than ``max_data_age_days``: when even the freshest source's
newest item is that old. Each source older than ``max_data_age_days`` is also named, so a
page can invite the applicant to refresh that one.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from ingest.profile import read_profile

# Lenders commonly treat a credit report older than about three months as out of date.
DEFAULT_MAX_SCORE_AGE_DAYS = 90
# The Weibo paper's recency index (seed 001, Eq. 9) gives nothing for activity older than a
# year; data whose freshest item is older than that says little about the person today.
DEFAULT_MAX_DATA_AGE_DAYS = 365
ITEM_KINDS = ("posts", "comments", "media")
REGISTERED = "registered_at"


def parse_moment(value: Any) -> datetime | None:
    """An ISO-8601 time from a profile as an aware UTC datetime; None when absent or unreadable
    (parsers already turned unreadable dates into null, so this is a second guard)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def dated_items(profile: Mapping[str, Any], kinds: Iterable[str] = ITEM_KINDS) -> Iterator[tuple[str, datetime]]:
    """``(kind, created_at)`` of every item of ``kinds`` whose time is known."""
    for kind in kinds:
        for item in profile.get(kind) or []:
            moment = parse_moment(item.get("created_at")) if isinstance(item, Mapping) else None
            if moment is not None:
                yield kind, moment


def age_in_days(moment: datetime, as_of: date) -> int:
    return max(0, (as_of - moment.astimezone(timezone.utc).date()).days)


@dataclass(frozen=True)
class SourceFreshness:
    """The newest thing one source tells, and how old it is."""

    platform: str
    newest: datetime | None
    basis: str | None
    age_days: int | None

    @property
    def missing(self) -> bool:
        return self.age_days is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "newest": self.newest.isoformat() if self.newest else None,
            "basis": self.basis,
            "age_days": self.age_days,
        }


def source_freshness(profile: Mapping[str, Any], as_of: date) -> SourceFreshness:
    """One source's freshness; a document of the wrong shape raises ``ingest.profile.ProfileInvalid``."""
    platform = read_profile(profile).platform
    newest = max(dated_items(profile), key=lambda item: item[1], default=None)
    if newest is None:
        registered = parse_moment((profile.get("profile") or {}).get("registered_at"))
        newest = (REGISTERED, registered) if registered else None
    if newest is None:
        return SourceFreshness(platform, None, None, None)
    basis, moment = newest
    return SourceFreshness(platform, moment, basis, age_in_days(moment, as_of))


def freshness(profiles: Iterable[Mapping[str, Any]], as_of: date) -> dict[str, SourceFreshness]:
    """Each platform's freshness; should a platform appear twice, its fresher document counts."""
    found: dict[str, SourceFreshness] = {}
    for profile in profiles:
        current = source_freshness(profile, as_of)
        previous = found.get(current.platform)
        if previous is None or (current.newest and (previous.newest is None or current.newest > previous.newest)):
            found[current.platform] = current
    return found


@dataclass(frozen=True)
class Staleness:
    """Whether a score is stale, why, and which sources are old. True in a boolean context
    when stale, so ``if is_stale(...)`` reads as it should."""

    stale: bool
    reasons: tuple[str, ...]
    stale_sources: tuple[str, ...]
    score_age_days: int | None
    data_age_days: int | None

    def __bool__(self) -> bool:
        return self.stale

    def as_dict(self) -> dict[str, Any]:
        return {
            "stale": self.stale,
            "reasons": list(self.reasons),
            "stale_sources": list(self.stale_sources),
            "score_age_days": self.score_age_days,
            "data_age_days": self.data_age_days,
        }


def is_stale(
    sources: Mapping[str, SourceFreshness],
    *,
    as_of: date,
    scored_at: datetime | date | None = None,
    max_score_age_days: int = DEFAULT_MAX_SCORE_AGE_DAYS,
    max_data_age_days: int = DEFAULT_MAX_DATA_AGE_DAYS,
) -> Staleness:
    """Judge a score made at ``scored_at`` (``None``: being made now) from ``sources``.

    Sources without any date neither make a score stale nor fresh; when no source has a
    date, the data's age is unknown and only the score's own age can make it stale.
    """
    for name, limit in (("max_score_age_days", max_score_age_days), ("max_data_age_days", max_data_age_days)):
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"{name} must be a whole number of days, at least 1; got {limit!r}")
    reasons: list[str] = []
    score_age = None
    if scored_at is not None:
        made = scored_at.astimezone(timezone.utc).date() if isinstance(scored_at, datetime) else scored_at
        score_age = max(0, (as_of - made).days)
        if score_age > max_score_age_days:
            reasons.append(f"the score is {score_age} days old (older than {max_score_age_days})")
    # Ages are taken again as of ``as_of``: the sources may have been measured on another day.
    ages = {name: age_in_days(s.newest, as_of) for name, s in sources.items() if s.newest is not None}
    old = tuple(sorted(name for name, age in ages.items() if age > max_data_age_days))
    data_age = min(ages.values(), default=None)
    if data_age is not None and data_age > max_data_age_days:
        reasons.append(f"the newest data in any source is {data_age} days old (older than {max_data_age_days})")
    return Staleness(bool(reasons), tuple(reasons), old, score_age, data_age)
