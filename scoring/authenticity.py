"""How much an applicant's accounts look like a real person's: a score 0-100 with reasons.

Kept apart from the credit score and never a reason to decline: the article on social data in
credit risk (seed 002, section 4) asks for filters against fake or misleading accounts, and
the identity-trust scores of social-login verification services are the model — signals of
a throwaway or automated account, each explained, that send an application to a person for
review. A low score sets ``review``; nothing here refuses anyone.

Six checks, each scored 0-100 or missing (``None``, with the reason) when no source can tell:

- ``account_age``: the oldest account's age; full marks from ``ACCOUNT_AGE_FULL_DAYS``.
- ``follow_balance``: followers against accounts followed, over sources that give both
  (mutual links — friends, connections — say nothing about balance). Mass-following with few
  followers back is how follow-spam accounts look.
- ``burstiness``: the share of timed posts and comments made within ``BURST_GAP_SECONDS`` of
  the one before; scripts post in rapid runs, people rarely do.
- ``duplicates``: the share of one's own texts that repeat an earlier one (case, spacing,
  links and @mentions ignored); spam accounts post the same words again and again.
- ``profile_fields``: how many of name, bio, location, work or education are filled, with a
  platform's stock name ("用户5843927384") or stock picture counted as not filled.
- ``activity``: whether a long history suddenly wakes up just before scoring: the share of
  dated posts and comments in the last ``RECENT_DAYS``.

The score is the weighted mean of the checks that are present (``WEIGHTS``); with none
present it is ``None`` — missing, not 0.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ingest.profile import read_documents

from .freshness import age_in_days, dated_items, parse_moment

# A year of history earns full marks: accounts opened days or weeks before an application
# are the classic sign of an identity made for the occasion.
ACCOUNT_AGE_FULL_DAYS = 365
# Followers per account followed that earns full marks. Ordinary people follow more than
# follow them (celebrities, news), so a quarter is plenty; follow-spam sits near zero.
BALANCE_FULL = 0.25
# Added to both counts so that a new account with 3 followers for 5 followed is not judged
# on tiny numbers.
BALANCE_SMOOTHING = 10
# Two items less than a minute apart, again and again, is faster than people write.
BURST_GAP_SECONDS = 60
# Fewer timed items than this cannot show a pattern.
MIN_TIMED_ITEMS = 10
# Texts shorter than this ("ok", "哈哈", one emoji) repeat in anyone's history.
MIN_TEXT_CHARS = 6
# Fewer texts than this cannot show repetition.
MIN_TEXTS = 5
# Placeholder texts a platform writes for a share without words of one's own.
PLACEHOLDER_TEXTS = frozenset({"转发微博", "轉發微博", "repost"})
# Half the items in bursts, or half the texts repeated, scores 0; none scores 100.
ZERO_AT_SHARE = 0.5
# The activity check looks at the last 30 days of a history at least 180 days long.
RECENT_DAYS = 30
MIN_HISTORY_DAYS = 180
# Up to half of all dated items in the last month is ordinary; all of them scores 0.
RECENT_SHARE_OK = 0.5
WEIGHTS = {"account_age": 2.0, "follow_balance": 1.0, "burstiness": 1.0, "duplicates": 2.0, "profile_fields": 1.0, "activity": 1.0}
# A human looks when the score is below this ...
REVIEW_BELOW = 50.0
# ... or when any single check is this low: one strong sign is enough to look.
RED_FLAG = 20.0
# Names a platform gives an account until its owner chooses one.
DEFAULT_NAMES = (re.compile(r"用户\d{6,}"), re.compile(r"user\d{5,}", re.IGNORECASE), re.compile(r"\D*\d{8,}"))
_URL = re.compile(r"https?://\S+")
_MENTION = re.compile(r"@[\w\-]+")


@dataclass(frozen=True)
class Check:
    name: str
    score: float | None
    reason: str
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        score = None if self.score is None else round(self.score, 1)
        return {"score": score, "reason": self.reason, "sources": list(self.sources), "weight": WEIGHTS[self.name]}


@dataclass(frozen=True)
class Authenticity:
    score: float | None
    checks: tuple[Check, ...]
    review: bool
    review_reason: str

    @property
    def reasons(self) -> list[str]:
        return [f"{c.name.replace('_', ' ')}: {c.reason}" for c in self.checks]

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 1),
            "reasons": self.reasons,
            "review": self.review,
            "review_reason": self.review_reason,
            "checks": {c.name: c.as_dict() for c in self.checks},
        }


def _share_score(share: float, zero_at: float) -> float:
    """100 for a share of 0, falling linearly to 0 at ``zero_at`` and beyond."""
    return 100.0 * (1.0 - min(1.0, share / zero_at))


def _platform(profile: Mapping[str, Any]) -> str:
    return str(profile.get("platform") or "unknown")


def account_age(profiles: Sequence[Mapping[str, Any]], as_of: date) -> Check:
    opened = [(m, _platform(p)) for p in profiles if (m := parse_moment((p.get("profile") or {}).get("registered_at")))]
    if not opened:
        return Check("account_age", None, "no source says when its account was opened")
    oldest, platform = min(opened)
    days = age_in_days(oldest, as_of)
    return Check("account_age", 100.0 * min(1.0, days / ACCOUNT_AGE_FULL_DAYS), f"oldest account ({platform}) opened {days} days ago", (platform,))


def follow_balance(profiles: Sequence[Mapping[str, Any]]) -> Check:
    followers = following = 0
    sources: list[str] = []
    for profile in profiles:
        counts = profile.get("counts") or {}
        ins, outs = counts.get("followers"), counts.get("following")
        if isinstance(ins, int) and isinstance(outs, int):
            followers, following = followers + ins, following + outs
            sources.append(_platform(profile))
    if not sources:
        return Check("follow_balance", None, "no source gives both followers and accounts followed")
    ratio = (followers + BALANCE_SMOOTHING) / (following + BALANCE_SMOOTHING)
    score = 100.0 * min(1.0, ratio / BALANCE_FULL)
    return Check("follow_balance", score, f"{followers} followers for {following} accounts followed", tuple(sources))


def _has_times_of_day(moments: list[datetime]) -> bool:
    """False for a source whose times all share one time of day: it records days only (older
    Weibo crawls, some exports), and its same-day items are not seconds apart."""
    return len({m.time() for m in moments}) > 1


def burstiness(profiles: Sequence[Mapping[str, Any]]) -> Check:
    moments: list[datetime] = []
    sources: list[str] = []
    for profile in profiles:
        own = [m for _, m in dated_items(profile, ("posts", "comments"))]
        if _has_times_of_day(own):
            moments += own
            sources.append(_platform(profile))
    if len(moments) < MIN_TIMED_ITEMS:
        return Check("burstiness", None, f"fewer than {MIN_TIMED_ITEMS} posts and comments with a time of day")
    moments.sort()
    quick = sum(1 for a, b in zip(moments, moments[1:]) if (b - a).total_seconds() < BURST_GAP_SECONDS)
    reason = f"{quick} of {len(moments)} timed posts and comments came within {BURST_GAP_SECONDS} s of the one before"
    return Check("burstiness", _share_score(quick / len(moments), ZERO_AT_SHARE), reason, tuple(sources))


def _normalized(text: str) -> str:
    return " ".join(_MENTION.sub("", _URL.sub("", text)).casefold().split())


def _own_texts(profile: Mapping[str, Any]) -> list[str]:
    """Texts one wrote: reposts and a platform's placeholder words are someone else's."""
    texts = []
    for kind in ("posts", "comments"):
        for item in profile.get(kind) or []:
            if not isinstance(item, Mapping) or item.get("repost") is True or not isinstance(item.get("text"), str):
                continue
            key = _normalized(item["text"])
            if len(key) >= MIN_TEXT_CHARS and key not in PLACEHOLDER_TEXTS:
                texts.append(key)
    return texts


def duplicates(profiles: Sequence[Mapping[str, Any]]) -> Check:
    texts: list[str] = []
    sources: list[str] = []
    for profile in profiles:
        own = _own_texts(profile)
        if own:
            texts += own
            sources.append(_platform(profile))
    if len(texts) < MIN_TEXTS:
        return Check("duplicates", None, f"fewer than {MIN_TEXTS} texts of one's own to compare")
    repeats = len(texts) - len(set(texts))
    reason = f"{repeats} of {len(texts)} texts repeat an earlier one"
    return Check("duplicates", _share_score(repeats / len(texts), ZERO_AT_SHARE), reason, tuple(sources))


def _is_default_name(name: str) -> bool:
    return any(pattern.fullmatch(name.strip()) for pattern in DEFAULT_NAMES)


def profile_fields(profiles: Sequence[Mapping[str, Any]]) -> Check:
    infos = [p.get("profile") or {} for p in profiles]
    if not any(i.get(key) is not None for i in infos for key in ("name", "bio", "location", "positions", "education")):
        return Check("profile_fields", None, "no source tells the profile (name, bio, location, work, education)")
    names = [i["name"] for i in infos if isinstance(i.get("name"), str) and i["name"].strip()]
    filled = {
        "name": any(not _is_default_name(n) for n in names),
        "bio": any(i.get("bio") for i in infos),
        "location": any(i.get("location") for i in infos),
        "work or education": any(i.get("positions") or i.get("education") for i in infos),
    }
    avatars = [(p.get("weibo") or {}).get("default_avatar") for p in profiles]
    if any(a is not None for a in avatars):
        filled["own profile picture"] = any(a is False for a in avatars)
    missing = [field for field, ok in filled.items() if not ok]
    reason = f"{len(filled) - len(missing)} of {len(filled)} profile fields filled"
    if missing:
        reason += f" (missing or a platform default: {', '.join(missing)})"
    return Check("profile_fields", 100.0 * (len(filled) - len(missing)) / len(filled), reason, tuple(_platform(p) for p in profiles))


def activity(profiles: Sequence[Mapping[str, Any]], as_of: date) -> Check:
    moments = [m for p in profiles for _, m in dated_items(p, ("posts", "comments"))]
    opened = [m for p in profiles if (m := parse_moment((p.get("profile") or {}).get("registered_at")))]
    if len(moments) < MIN_TIMED_ITEMS:
        return Check("activity", None, f"fewer than {MIN_TIMED_ITEMS} dated posts and comments")
    history = age_in_days(min(moments + opened), as_of)
    if history < MIN_HISTORY_DAYS:
        return Check("activity", None, f"a history of {history} days is too short to tell a sudden start (account age judges it)")
    recent = sum(1 for m in moments if age_in_days(m, as_of) < RECENT_DAYS)
    share = recent / len(moments)
    score = 100.0 * (1.0 - min(1.0, max(0.0, share - RECENT_SHARE_OK) / (1.0 - RECENT_SHARE_OK)))
    reason = f"{recent} of {len(moments)} dated posts and comments fall in the last {RECENT_DAYS} days of a {history}-day history"
    sources = tuple(_platform(p) for p in profiles if any(True for _ in dated_items(p, ("posts", "comments"))))
    return Check("activity", score, reason, sources)


def authenticity(profiles: Sequence[Mapping[str, Any]], *, as_of: date) -> Authenticity:
    """Every check over one applicant's normalized profiles, their weighted score and the
    review flag. A document of the wrong shape raises ``ingest.profile.ProfileInvalid``."""
    profiles = read_documents(profiles)
    checks = (
        account_age(profiles, as_of),
        follow_balance(profiles),
        burstiness(profiles),
        duplicates(profiles),
        profile_fields(profiles),
        activity(profiles, as_of),
    )
    present = [c for c in checks if c.score is not None]
    if not present:
        return Authenticity(None, checks, False, "nothing to judge: no source tells any of the signals")
    score = sum(WEIGHTS[c.name] * c.score for c in present) / sum(WEIGHTS[c.name] for c in present)
    flagged = [c for c in present if c.score <= RED_FLAG]
    if score < REVIEW_BELOW or flagged:
        why = [f"the score {score:.0f} is below {REVIEW_BELOW:g}"] if score < REVIEW_BELOW else []
        why += [f"{c.name.replace('_', ' ')} is {c.score:.0f} ({c.reason})" for c in flagged]
        return Authenticity(score, checks, True, "; ".join(why))
    return Authenticity(score, checks, False, f"the score {score:.0f} is at least {REVIEW_BELOW:g} and no check is at {RED_FLAG:g} or below")
