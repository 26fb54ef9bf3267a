"""Leaf index scores (0-100) of the Weibo paper's hierarchy from normalized profiles.

The paper (seed 001, section 4.2.3) scores quantitative indices through functions and
qualitative ones through expert rules: last-login recency by Eq. (9), a readable registration
ID 80 and a random one 20, content starting from 100 with points deducted for spam or illegal
content. It was written for Weibo; here every index is mapped onto what the Facebook,
X/Twitter, Instagram and LinkedIn exports actually contain (profile-schema.md). ``RULES`` states
each mapping in one line; it is shown to lenders next to the score.

An index that no present source can inform gets ``score=None`` (missing, never 0) with the
reason; the fuzzy evaluation then shares its weight among its siblings.

Counts go through a saturating curve ``100 * n / (n + h)``: more is better with diminishing
returns, and ``h`` (the count that earns 50) is chosen per index from ordinary usage.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Iterable, Mapping, Sequence

ALL_PLATFORMS = frozenset({"facebook", "twitter", "instagram", "linkedin", "weibo"})
# Forwarding exists as a recognisable post on X/Twitter ("RT @user: ...") and Weibo ("//@user:").
FORWARDING_PLATFORMS = frozenset({"twitter", "weibo"})
# Exports that list the comments the person wrote (an X/Twitter reply is a tweet, not a comment).
COMMENT_PLATFORMS = frozenset({"facebook", "instagram", "linkedin", "weibo"})
GROUP_PLATFORMS = frozenset({"facebook", "linkedin"})

ACTIVITY_WINDOW_DAYS = 30
RECENCY_HORIZON_DAYS = 365
ACCOUNT_AGE_FULL_YEARS = 5
CONTENT_DEDUCTION = 10
HALF = {"B11": 10, "B13": 10, "B21": 50, "B31": 20, "B41": 50, "C11": 300, "C12": 150, "C13": 5, "C21": 5}
NAME_READABLE, NAME_RANDOM = 80.0, 20.0
CERTIFIED, NOT_CERTIFIED = 100.0, 50.0
# LinkedIn's own profile-strength ladder ("All-Star"): the criteria its export lets us check.
LINKEDIN_STRENGTH_CRITERIA = ("a position with a title", "an education entry", "5 or more skills", "50 or more connections", "a summary", "a location")
# (label, profile key) of the basic information A11 looks for, after Table 1's "basic information".
BASIC_FIELDS = (
    ("name", "name"), ("birth date", "birth_date"), ("gender", "gender"), ("location", "location"), ("bio", "bio"),
    ("contact e-mail", "emails"), ("work", "positions"), ("education", "education"),
)

RULES: dict[str, str] = {
    "A11": "Share of 8 basic fields (name, birth date, gender, location, bio, contact e-mail, work, education) filled in any source, times 100.",
    "A12": f"{CERTIFIED:g} when any account is verified (phone, blue tick, certification), {NOT_CERTIFIED:g} when the accounts say it is not.",
    "A21": f"Age of the oldest account: {100 / ACCOUNT_AGE_FULL_YEARS:g} points a year, 100 from {ACCOUNT_AGE_FULL_YEARS} years.",
    "A22": f"Display name: {NAME_READABLE:g} if a regular, readable name in any account, {NAME_RANDOM:g} if only random strings.",
    "B11": f"Posts and comments in the {ACTIVITY_WINDOW_DAYS} days before scoring, saturating (half marks at {HALF['B11']}).",
    "B12": "Eq. 9 on the days since the latest dated post, comment or photo: 100 - 100 * days / 365, 0 after a year.",
    "B13": f"Posts, comments and reactions per month since the oldest account opened, saturating (half marks at {HALF['B13']}).",
    "B21": f"Own posts and tweets (not forwards), saturating (half marks at {HALF['B21']}).",
    "B22": f"100, minus {CONTENT_DEDUCTION} per post with profanity (all posts, as analysed) and per repeated own post (spam).",
    "B31": f"Forwarded tweets (retweets, Weibo reposts), saturating (half marks at {HALF['B31']}).",
    "B32": f"100, minus {CONTENT_DEDUCTION} per repeated forward of the same text (spam); profanity in forwards counts under B22.",
    "B41": f"Comments written, saturating (half marks at {HALF['B41']}).",
    "B42": f"100, minus {CONTENT_DEDUCTION} per comment with profanity (as analysed) and per repeated comment (spam).",
    "B51": "LinkedIn profile strength: share of " + ", ".join(LINKEDIN_STRENGTH_CRITERIA) + ", times 100.",
    "B52": "No export carries medals or designations: always missing.",
    "C11": f"Followers, friends and connections across accounts, saturating (half marks at {HALF['C11']}).",
    "C12": f"Accounts followed, friends and connections across accounts, saturating (half marks at {HALF['C12']}).",
    "C13": f"Likes and shares received per post, saturating (half marks at {HALF['C13']}): how others engage.",
    "C21": f"Groups joined, saturating (half marks at {HALF['C21']}), minus {CONTENT_DEDUCTION} per group with a profane name.",
    "C22": "No export gives the number of members of a group: always missing.",
    "C23": "No export gives a person's rank in a group: always missing.",
}


@dataclass(frozen=True)
class IndexScore:
    code: str
    score: float | None
    sources: tuple[str, ...]
    evidence: str

    @property
    def missing(self) -> bool:
        return self.score is None

    def as_dict(self) -> dict:
        return {"score": self.score, "sources": list(self.sources), "evidence": self.evidence, "rule": RULES.get(self.code, "no scoring rule for this index")}


def saturating(count: float, half: float) -> float:
    return 100.0 * count / (count + half) if count > 0 else 0.0


def recency_score(days: float) -> float:
    """Eq. (9): 100 - 100/365 * days on [0, 365], 0 after. A date after ``as_of`` counts as today."""
    days = max(0.0, days)
    return 0.0 if days > RECENCY_HORIZON_DAYS else 100.0 - 100.0 * days / RECENCY_HORIZON_DAYS


def parse_when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


_VOWELS = set("aeiouy")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}")


def looks_random(name: str) -> bool:
    """True when a display name looks like a random string rather than a person's name.

    Signals: no letters at all; digits over 30 % of the characters; a Latin word of 4+ letters
    without a vowel; 6+ consonants in a row; a word whose case flips from lower to upper more
    than once ("xKqZt", while "McDonald" or "FreshBoy" flip once). Names in scripts without
    Latin vowels (Chinese, Arabic ...) are only judged by the digit rule.
    """
    chars = [c for c in name if c.isalnum()]
    if not chars or not any(c.isalpha() for c in chars):
        return True
    if sum(c.isdigit() for c in chars) / len(chars) > 0.3:
        return True
    for word in re.findall(r"[^\W\d_]+", name):
        latin = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
        if len(latin) != len(word):
            continue
        if len(latin) >= 4 and not _VOWELS & set(latin):
            return True
        if _CONSONANT_RUN.search(latin):
            return True
        if sum(1 for a, b in zip(word, word[1:]) if a.islower() and b.isupper()) > 1:
            return True
    return False


def _is_forward(platform: str, text: str) -> bool:
    text = (text or "").lstrip()
    if platform == "twitter":
        return text.startswith("RT @")
    if platform == "weibo":
        return text.startswith("//@") or text.startswith("转发微博")
    return False


def _repeats(texts: Iterable[str]) -> int:
    """How many texts repeat an earlier one (case and spacing ignored): the spam signal."""
    seen: set[str] = set()
    repeats = 0
    for text in texts:
        key = " ".join((text or "").lower().split())
        if not key:
            continue
        repeats += key in seen
        seen.add(key)
    return repeats


def _profanity(analysis: Mapping, key: str) -> int:
    value = (analysis.get("profanity") or {}).get(key) or 0
    return len(value) if isinstance(value, (list, tuple)) else int(value)


def _sum_counts(profiles: Sequence[Mapping], keys: Sequence[str]) -> tuple[int | None, tuple[str, ...]]:
    total, sources = 0, []
    for profile in profiles:
        counts = profile.get("counts") or {}
        values = [counts.get(k) for k in keys if counts.get(k) is not None]
        if values:
            total += sum(values)
            sources.append(profile["platform"])
    return (total if sources else None), tuple(sources)


def _missing(code: str, why: str) -> IndexScore:
    return IndexScore(code, None, (), why)


def score_indices(profiles: Sequence[Mapping], analysis: Mapping | None, *, as_of: date) -> dict[str, IndexScore]:
    """Every leaf index of the paper's hierarchy, scored or missing with the reason."""
    analysis = analysis or {}
    profiles = [p for p in profiles if p.get("platform") in ALL_PLATFORMS]
    platforms = tuple(p["platform"] for p in profiles)
    now = datetime(as_of.year, as_of.month, as_of.day, 23, 59, 59, tzinfo=timezone.utc)
    found: list[IndexScore] = []

    def add(code: str, score: float, sources: Iterable[str], evidence: str) -> None:
        found.append(IndexScore(code, max(0.0, min(100.0, score)), tuple(dict.fromkeys(sources)), evidence))

    if not profiles:
        return {code: _missing(code, "no data source") for code in RULES}

    # A11: completeness of basic information across every account.
    union = {label for p in profiles for label, key in BASIC_FIELDS if (p.get("profile") or {}).get(key)}
    add("A11", 100 * len(union) / len(BASIC_FIELDS), platforms, f"{len(union)} of {len(BASIC_FIELDS)} basic fields filled")

    # A12: certification.
    verified = {p["platform"]: (p.get("profile") or {}).get("verified") for p in profiles}
    known = {k: v for k, v in verified.items() if v is not None}
    if not known:
        found.append(_missing("A12", "no account says whether it is verified"))
    elif any(known.values()):
        add("A12", CERTIFIED, [k for k, v in known.items() if v], "a verified account")
    else:
        add("A12", NOT_CERTIFIED, known, "no verified account")

    # A21: account age.
    opened = [(parse_when((p.get("profile") or {}).get("registered_at")), p["platform"]) for p in profiles]
    opened = [(when, platform) for when, platform in opened if when]
    oldest = min(opened) if opened else None
    if oldest:
        years = max(0.0, (now - oldest[0]).days / 365.25)
        add("A21", 100 * years / ACCOUNT_AGE_FULL_YEARS, [oldest[1]], f"oldest account opened {oldest[0].date().isoformat()} ({years:.1f} years)")
    else:
        found.append(_missing("A21", "no account gives its registration date"))

    # A22: registration ID.
    names = [((p.get("profile") or {}).get("name"), p["platform"]) for p in profiles]
    names = [(n.strip(), platform) for n, platform in names if n and n.strip()]
    if names:
        readable = [platform for n, platform in names if not looks_random(n)]
        if readable:
            add("A22", NAME_READABLE, readable, "a regular, readable name")
        else:
            add("A22", NAME_RANDOM, [platform for _, platform in names], "names look like random strings")
    else:
        found.append(_missing("A22", "no account gives a name"))

    # Activity timeline shared by B11-B13.
    dated: list[datetime] = []
    undated = 0
    for p in profiles:
        for item in (*(p.get("posts") or []), *(p.get("comments") or []), *(p.get("media") or [])):
            when = parse_when(item.get("created_at"))
            if when:
                dated.append(when)
            else:
                undated += 1
    timeline_known = bool(dated) or undated == 0
    items = [p for prof in profiles for p in (*(prof.get("posts") or []), *(prof.get("comments") or []))]
    if timeline_known:
        recent = sum(1 for item in items if (w := parse_when(item.get("created_at"))) and 0 <= (now - w).days < ACTIVITY_WINDOW_DAYS)
        add("B11", saturating(recent, HALF["B11"]), platforms, f"{recent} posts and comments in the last {ACTIVITY_WINDOW_DAYS} days")
    else:
        found.append(_missing("B11", "no post or comment carries a date"))

    if dated:
        latest = max(dated)
        days = (now - latest).total_seconds() / 86400
        add("B12", recency_score(days), platforms, f"last activity {latest.date().isoformat()} ({max(0, int(days))} days ago)")
    else:
        found.append(_missing("B12", "no dated activity"))

    start = oldest[0] if oldest else (min(dated) if dated else None)
    if start is not None:
        reactions, _ = _sum_counts(profiles, ["reactions_given"])
        total = len(items) + (reactions or 0)
        months = max(1.0, (now - start).days / ACTIVITY_WINDOW_DAYS)
        add("B13", saturating(total / months, HALF["B13"]), platforms, f"{total / months:.1f} posts, comments and reactions a month")
    else:
        found.append(_missing("B13", "neither an account date nor dated activity"))

    # B2, B3: own posts and forwards.
    own, forwards, forward_sources = [], [], []
    for p in profiles:
        for post in p.get("posts") or []:
            (forwards if _is_forward(p["platform"], post.get("text", "")) else own).append(post.get("text") or "")
        if p["platform"] in FORWARDING_PLATFORMS:
            forward_sources.append(p["platform"])
    add("B21", saturating(len(own), HALF["B21"]), platforms, f"{len(own)} own posts")
    if own:
        profane, spam = _profanity(analysis, "posts"), _repeats(own)
        add("B22", 100 - CONTENT_DEDUCTION * (profane + spam), platforms, f"{profane} posts with profanity, {spam} repeated posts")
    else:
        found.append(_missing("B22", "no own posts to judge"))
    if forward_sources:
        add("B31", saturating(len(forwards), HALF["B31"]), forward_sources, f"{len(forwards)} forwarded posts")
        if forwards:
            spam = _repeats(forwards)
            add("B32", 100 - CONTENT_DEDUCTION * spam, forward_sources, f"{spam} repeated forwards")
        else:
            found.append(_missing("B32", "no forwarded posts to judge"))
    else:
        found.append(_missing("B31", "only X/Twitter and Weibo exports show forwarding"))
        found.append(_missing("B32", "only X/Twitter and Weibo exports show forwarding"))

    # B4: comments.
    comment_sources = [p for p in profiles if p["platform"] in COMMENT_PLATFORMS]
    if comment_sources:
        comments = [c.get("text") or "" for p in comment_sources for c in p.get("comments") or []]
        add("B41", saturating(len(comments), HALF["B41"]), [p["platform"] for p in comment_sources], f"{len(comments)} comments")
        if comments:
            profane, spam = _profanity(analysis, "comments"), _repeats(comments)
            add("B42", 100 - CONTENT_DEDUCTION * (profane + spam), [p["platform"] for p in comment_sources], f"{profane} comments with profanity, {spam} repeated comments")
        else:
            found.append(_missing("B42", "no comments to judge"))
    else:
        found.append(_missing("B41", "none of the exports given lists comments"))
        found.append(_missing("B42", "none of the exports given lists comments"))

    # B5: account level from LinkedIn's profile strength; medals exist in no export.
    linkedin = [p for p in profiles if p["platform"] == "linkedin"]
    if linkedin:
        info = linkedin[0].get("profile") or {}
        connections = (linkedin[0].get("counts") or {}).get("connections") or 0
        met = [
            any(pos.get("title") for pos in info.get("positions") or []),
            bool(info.get("education")),
            len(info.get("skills") or []) >= 5,
            connections >= 50,
            bool(info.get("bio")),
            bool(info.get("location")),
        ]
        add("B51", 100 * sum(met) / len(met), ["linkedin"], f"{sum(met)} of {len(met)} LinkedIn profile-strength criteria")
    else:
        found.append(_missing("B51", "account levels exist only as LinkedIn profile strength"))
    found.append(_missing("B52", "no export carries medals or designations"))

    # C1: friend relations.
    audience, sources = _sum_counts(profiles, ["followers", "friends", "connections"])
    if audience is None:
        found.append(_missing("C11", "no account gives followers, friends or connections"))
    else:
        add("C11", saturating(audience, HALF["C11"]), sources, f"{audience} followers, friends and connections")
    followed, sources = _sum_counts(profiles, ["following", "friends", "connections"])
    if followed is None:
        found.append(_missing("C12", "no account gives accounts followed, friends or connections"))
    else:
        add("C12", saturating(followed, HALF["C12"]), sources, f"{followed} accounts followed, friends and connections")
    engaged = [(post, p["platform"]) for p in profiles for post in p.get("posts") or [] if post.get("likes") is not None]
    if engaged:
        per_post = sum((post.get("likes") or 0) + (post.get("shares") or 0) for post, _ in engaged) / len(engaged)
        add("C13", saturating(per_post, HALF["C13"]), [platform for _, platform in engaged], f"{per_post:.1f} likes and shares per post")
    else:
        found.append(_missing("C13", "no post records the likes it received"))

    # C2: group relations.
    group_sources = [p for p in profiles if p["platform"] in GROUP_PLATFORMS]
    if group_sources:
        groups = {g for p in group_sources for g in p.get("groups") or []}
        profane = _profanity(analysis, "groups")
        add("C21", saturating(len(groups), HALF["C21"]) - CONTENT_DEDUCTION * profane, [p["platform"] for p in group_sources], f"{len(groups)} groups, {profane} with a profane name")
    else:
        found.append(_missing("C21", "only Facebook and LinkedIn exports list groups"))
    found.append(_missing("C22", "no export gives the number of members of a group"))
    found.append(_missing("C23", "no export gives a person's rank in a group"))

    return {item.code: item for item in sorted(found, key=lambda i: list(RULES).index(i.code))}
