"""Leaf index scores (0-100) of the Weibo paper's hierarchy from normalized profiles.

The paper (seed 001, section 4.2.3) scores quantitative indices through functions and
qualitative ones through expert rules: last-login recency by Eq. (9), a readable registration
ID 80 and a random one 20, content starting from 100 with points deducted for spam or illegal
content. It was written for Weibo; here every index is mapped onto what the Facebook,
X/Twitter, Instagram and LinkedIn exports actually contain (profile-schema.md). ``RULES`` states
each mapping in one line; it is shown to lenders next to the score. ``INDICES`` maps each leaf
code to the one function that scores it, whose docstring gives the rule and where in the paper
it comes from.

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
from functools import cached_property
from typing import Callable, Iterable, Mapping, Sequence

from ingest.profile import read_documents

ALL_PLATFORMS = frozenset({"facebook", "twitter", "instagram", "linkedin", "weibo"})
# Forwarding exists as a recognisable post on X/Twitter ("RT @user: ...") and Weibo ("//@user:").
FORWARDING_PLATFORMS = frozenset({"twitter", "weibo"})
# Exports that list the comments the person wrote (an X/Twitter reply is a tweet, not a comment).

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
# Gender is not one of them: it is never stored or scored, so filling it in cannot count.
BASIC_FIELDS = (
    ("name", "name"), ("birth date", "birth_date"), ("location", "location"), ("bio", "bio"),
    ("contact e-mail", "emails"), ("work", "positions"), ("education", "education"),
)

RULES: dict[str, str] = {
    "A11": "Share of 7 basic fields (name, birth date, location, bio, contact e-mail, work, education) filled in any source, times 100.",
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


def _scored(code: str, score: float, sources: Iterable[str], evidence: str) -> IndexScore:
    """A scored index: clamped to 0-100, each source named once in the order first seen."""
    return IndexScore(code, max(0.0, min(100.0, score)), tuple(dict.fromkeys(sources)), evidence)


def _missing(code: str, why: str) -> IndexScore:
    return IndexScore(code, None, (), why)


class Applicant:
    """One applicant's profiles and analysis as the index rules read them.

    What several indices share (the activity timeline, the oldest account, own posts versus
    forwards) is worked out once, on first use.
    """

    def __init__(self, profiles: Sequence[Mapping], analysis: Mapping | None, as_of: date) -> None:
        self.analysis = analysis or {}
        self.profiles = [p for p in read_documents(profiles) if p["platform"] in ALL_PLATFORMS]
        self.platforms = tuple(p["platform"] for p in self.profiles)
        self.now = datetime(as_of.year, as_of.month, as_of.day, 23, 59, 59, tzinfo=timezone.utc)

    @cached_property
    def oldest_account(self) -> tuple[datetime, str] | None:
        """(registration date, platform) of the oldest account that gives one."""
        opened = [(parse_when((p.get("profile") or {}).get("registered_at")), p["platform"]) for p in self.profiles]
        opened = [(when, platform) for when, platform in opened if when]
        return min(opened) if opened else None

    @cached_property
    def activity_dates(self) -> tuple[list[datetime], int]:
        """(dates of posts, comments and media, how many items carry no date)."""
        dated: list[datetime] = []
        undated = 0
        for p in self.profiles:
            for item in (*(p.get("posts") or []), *(p.get("comments") or []), *(p.get("media") or [])):
                when = parse_when(item.get("created_at"))
                if when:
                    dated.append(when)
                else:
                    undated += 1
        return dated, undated

    @cached_property
    def told_activity(self) -> bool:
        """Whether any export lists posts or comments at all (null means it cannot tell)."""
        return any(p.get("posts") is not None or p.get("comments") is not None for p in self.profiles)

    @cached_property
    def told_posts(self) -> bool:
        return any(p.get("posts") is not None for p in self.profiles)

    @cached_property
    def posts_and_comments(self) -> list[Mapping]:
        return [p for prof in self.profiles for p in (*(prof.get("posts") or []), *(prof.get("comments") or []))]

    @cached_property
    def own_and_forwarded(self) -> tuple[list[str], list[str], list[str]]:
        """(texts of own posts, texts of forwards, platforms whose exports show forwarding)."""
        own, forwards, forward_sources = [], [], []
        for p in self.profiles:
            for post in p.get("posts") or []:
                (forwards if _is_forward(p["platform"], post.get("text", "")) else own).append(post.get("text") or "")
            if p["platform"] in FORWARDING_PLATFORMS and p.get("posts") is not None:
                forward_sources.append(p["platform"])
        return own, forwards, forward_sources

    def profanity(self, key: str) -> int:
        return _profanity(self.analysis, key)


# A: identification of individuals.


def basic_information(a: Applicant) -> IndexScore:
    """A11 Basic information integrity (Table 2; qualitative, rules by experts per section 4.2.3).

    The paper gives no rule; ours: the share of the seven ``BASIC_FIELDS`` filled in any
    account, times 100.
    """
    union = {label for p in a.profiles for label, key in BASIC_FIELDS if (p.get("profile") or {}).get(key)}
    return _scored("A11", 100 * len(union) / len(BASIC_FIELDS), a.platforms, f"{len(union)} of {len(BASIC_FIELDS)} basic fields filled")


def certification(a: Applicant) -> IndexScore:
    """A12 Certification status (Table 2; qualitative, section 4.2.3).

    ``CERTIFIED`` when any account is verified, ``NOT_CERTIFIED`` when the accounts that say
    anything say no (Table 5 scores FreshBoy's status 50); missing when none says.
    """
    verified = {p["platform"]: (p.get("profile") or {}).get("verified") for p in a.profiles}
    known = {k: v for k, v in verified.items() if v is not None}
    if not known:
        return _missing("A12", "no account says whether it is verified")
    if any(known.values()):
        return _scored("A12", CERTIFIED, [k for k, v in known.items() if v], "a verified account")
    return _scored("A12", NOT_CERTIFIED, known, "no verified account")


def registration_time(a: Applicant) -> IndexScore:
    """A21 Registration time (Table 2; quantitative, converted to a standard score per 4.2.3).

    Age of the oldest account: ``100 / ACCOUNT_AGE_FULL_YEARS`` points a year, full marks
    from ``ACCOUNT_AGE_FULL_YEARS`` years.
    """
    oldest = a.oldest_account
    if not oldest:
        return _missing("A21", "no account gives its registration date")
    years = max(0.0, (a.now - oldest[0]).days / 365.25)
    return _scored("A21", 100 * years / ACCOUNT_AGE_FULL_YEARS, [oldest[1]], f"oldest account opened {oldest[0].date().isoformat()} ({years:.1f} years)")


def registration_id(a: Applicant) -> IndexScore:
    """A22 Registration ID (section 4.2.3, the paper's own example of an expert rule).

    ``NAME_READABLE`` (80) when a display name "has obvious traces of life", ``NAME_RANDOM``
    (20) when every name is "unordered letters or numbers" (``looks_random``).
    """
    names = [((p.get("profile") or {}).get("name"), p["platform"]) for p in a.profiles]
    names = [(n.strip(), platform) for n, platform in names if n and n.strip()]
    if not names:
        return _missing("A22", "no account gives a name")
    readable = [platform for n, platform in names if not looks_random(n)]
    if readable:
        return _scored("A22", NAME_READABLE, readable, "a regular, readable name")
    return _scored("A22", NAME_RANDOM, [platform for _, platform in names], "names look like random strings")


# B: behaviour analysis.


def month_activity(a: Applicant) -> IndexScore:
    """B11 Degree of activity within a month (Table 2; quantitative, section 4.2.3).

    Posts and comments dated in the ``ACTIVITY_WINDOW_DAYS`` before scoring, saturating. Empty
    lists are no activity (scored 0); items that all lack a date leave it missing.
    """
    dated, undated = a.activity_dates
    if not a.told_activity:
        return _missing("B11", "no export given lists posts or comments")
    if not dated and undated:
        return _missing("B11", "no post or comment carries a date")
    recent = sum(1 for item in a.posts_and_comments if (w := parse_when(item.get("created_at"))) and 0 <= (a.now - w).days < ACTIVITY_WINDOW_DAYS)
    return _scored("B11", saturating(recent, HALF["B11"]), a.platforms, f"{recent} posts and comments in the last {ACTIVITY_WINDOW_DAYS} days")


def last_login(a: Applicant) -> IndexScore:
    """B12 Last login time (section 4.2.3, Eq. 9): ``100 - 100 / 365 * days``, 0 after a year.

    No export gives a login date; the latest dated post, comment or photo stands for it.
    """
    dated, _ = a.activity_dates
    if not dated:
        return _missing("B12", "no dated activity")
    latest = max(dated)
    days = (a.now - latest).total_seconds() / 86400
    return _scored("B12", recency_score(days), a.platforms, f"last activity {latest.date().isoformat()} ({max(0, int(days))} days ago)")


def overall_activity(a: Applicant) -> IndexScore:
    """B13 Degree of overall activity (Table 2; quantitative, section 4.2.3).

    Posts, comments and reactions per month since the oldest account opened (else since the
    first dated activity), saturating.
    """
    dated, _ = a.activity_dates
    start = a.oldest_account[0] if a.oldest_account else (min(dated) if dated else None)
    if start is None:
        return _missing("B13", "neither an account date nor dated activity")
    reactions, _ = _sum_counts(a.profiles, ["reactions_given"])
    if not a.told_activity and reactions is None:
        return _missing("B13", "no export given tells posts, comments or reactions")
    total = len(a.posts_and_comments) + (reactions or 0)
    months = max(1.0, (a.now - start).days / ACTIVITY_WINDOW_DAYS)
    return _scored("B13", saturating(total / months, HALF["B13"]), a.platforms, f"{total / months:.1f} posts, comments and reactions a month")


def tweets(a: Applicant) -> IndexScore:
    """B21 Number of tweets (Table 2; quantitative, section 4.2.3): own posts, not forwards, saturating."""
    own, _, _ = a.own_and_forwarded
    if not a.told_posts:
        return _missing("B21", "no export given lists posts")
    return _scored("B21", saturating(len(own), HALF["B21"]), a.platforms, f"{len(own)} own posts")


def tweet_content(a: Applicant) -> IndexScore:
    """B22 Content of tweets (section 4.2.3, the rule the paper states for B32 applied to own posts).

    100, minus ``CONTENT_DEDUCTION`` per post with profanity (illegal content, as analysed) and
    per repeated own post (spam).
    """
    own, _, _ = a.own_and_forwarded
    if not own:
        return _missing("B22", "no own posts to judge")
    profane, spam = a.profanity("posts"), _repeats(own)
    return _scored("B22", 100 - CONTENT_DEDUCTION * (profane + spam), a.platforms, f"{profane} posts with profanity, {spam} repeated posts")


def forwards(a: Applicant) -> IndexScore:
    """B31 Number of the forwarding tweets (Table 2; quantitative, section 4.2.3).

    Forwarded posts (X/Twitter retweets, Weibo reposts), saturating; missing unless an export
    that shows forwarding is given.
    """
    _, forwarded, forward_sources = a.own_and_forwarded
    if not forward_sources:
        return _missing("B31", "only X/Twitter and Weibo exports show forwarding")
    return _scored("B31", saturating(len(forwarded), HALF["B31"]), forward_sources, f"{len(forwarded)} forwarded posts")


def forward_content(a: Applicant) -> IndexScore:
    """B32 Content of the forwarding tweets (section 4.2.3, the paper's stated rule).

    100, minus ``CONTENT_DEDUCTION`` (10) per spam forward: a repeat of the same text.
    Profanity in forwards is not told apart by the analysis and counts under B22.
    """
    _, forwarded, forward_sources = a.own_and_forwarded
    if not forward_sources:
        return _missing("B32", "only X/Twitter and Weibo exports show forwarding")
    if not forwarded:
        return _missing("B32", "no forwarded posts to judge")
    spam = _repeats(forwarded)
    return _scored("B32", 100 - CONTENT_DEDUCTION * spam, forward_sources, f"{spam} repeated forwards")


def _comment_sources(a: Applicant) -> list[Mapping]:
    return [p for p in a.profiles if p.get("comments") is not None]


def comments(a: Applicant) -> IndexScore:
    """B41 Number of comments (Table 2; quantitative, section 4.2.3): comments written, saturating."""
    comment_sources = _comment_sources(a)
    if not comment_sources:
        return _missing("B41", "none of the exports given lists comments")
    written = [c.get("text") or "" for p in comment_sources for c in p.get("comments") or []]
    return _scored("B41", saturating(len(written), HALF["B41"]), [p["platform"] for p in comment_sources], f"{len(written)} comments")


def comment_content(a: Applicant) -> IndexScore:
    """B42 Content of comments (section 4.2.3, the rule the paper states for B32 applied to comments).

    100, minus ``CONTENT_DEDUCTION`` per comment with profanity (as analysed) and per repeated
    comment (spam).
    """
    comment_sources = _comment_sources(a)
    if not comment_sources:
        return _missing("B42", "none of the exports given lists comments")
    written = [c.get("text") or "" for p in comment_sources for c in p.get("comments") or []]
    if not written:
        return _missing("B42", "no comments to judge")
    profane, spam = a.profanity("comments"), _repeats(written)
    return _scored("B42", 100 - CONTENT_DEDUCTION * (profane + spam), [p["platform"] for p in comment_sources], f"{profane} comments with profanity, {spam} repeated comments")


def account_level(a: Applicant) -> IndexScore:
    """B51 Level of account (Table 2; qualitative, section 4.2.3).

    Weibo's account levels have no counterpart in the exports but LinkedIn's profile strength:
    the share of ``LINKEDIN_STRENGTH_CRITERIA`` met, times 100.
    """
    linkedin = [p for p in a.profiles if p["platform"] == "linkedin"]
    if not linkedin:
        return _missing("B51", "account levels exist only as LinkedIn profile strength")
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
    return _scored("B51", 100 * sum(met) / len(met), ["linkedin"], f"{sum(met)} of {len(met)} LinkedIn profile-strength criteria")


def medals(a: Applicant) -> IndexScore:
    """B52 Medal / designation (Table 2): no export carries medals or designations, so always missing."""
    return _missing("B52", "no export carries medals or designations")


# C: interaction among friends.


def followers(a: Applicant) -> IndexScore:
    """C11 Number of followers (Table 5; quantitative, section 4.2.3).

    Followers, friends and connections summed across accounts, saturating.
    """
    audience, sources = _sum_counts(a.profiles, ["followers", "friends", "connections"])
    if audience is None:
        return _missing("C11", "no account gives followers, friends or connections")
    return _scored("C11", saturating(audience, HALF["C11"]), sources, f"{audience} followers, friends and connections")


def following(a: Applicant) -> IndexScore:
    """C12 Number of following (Table 5; quantitative, section 4.2.3).

    Accounts followed, friends and connections summed across accounts, saturating.
    """
    followed, sources = _sum_counts(a.profiles, ["following", "friends", "connections"])
    if followed is None:
        return _missing("C12", "no account gives accounts followed, friends or connections")
    return _scored("C12", saturating(followed, HALF["C12"]), sources, f"{followed} accounts followed, friends and connections")


def friend_rank(a: Applicant) -> IndexScore:
    """C13 The rank of friends (Table 5; quantitative, section 4.2.3).

    How others engage: likes and shares received per post that records its likes, saturating.
    """
    engaged = [(post, p["platform"]) for p in a.profiles for post in p.get("posts") or [] if post.get("likes") is not None]
    if not engaged:
        return _missing("C13", "no post records the likes it received")
    per_post = sum((post.get("likes") or 0) + (post.get("shares") or 0) for post, _ in engaged) / len(engaged)
    return _scored("C13", saturating(per_post, HALF["C13"]), [platform for _, platform in engaged], f"{per_post:.1f} likes and shares per post")


def groups(a: Applicant) -> IndexScore:
    """C21 Number of groups (Table 2; quantitative, section 4.2.3).

    Groups joined, saturating, minus ``CONTENT_DEDUCTION`` per group with a profane name (the
    content rule of section 4.2.3); missing unless an export given lists groups.
    """
    group_sources = [p for p in a.profiles if p.get("groups") is not None]
    if not group_sources:
        return _missing("C21", "none of the exports given lists groups")
    joined = {g for p in group_sources for g in p.get("groups") or []}
    profane = a.profanity("groups")
    return _scored("C21", saturating(len(joined), HALF["C21"]) - CONTENT_DEDUCTION * profane, [p["platform"] for p in group_sources], f"{len(joined)} groups, {profane} with a profane name")


def group_members(a: Applicant) -> IndexScore:
    """C22 Number of group members (Table 2): no export gives a group's size, so always missing."""
    return _missing("C22", "no export gives the number of members of a group")


def group_rank(a: Applicant) -> IndexScore:
    """C23 The rank of a group member (Table 2): no export gives it, so always missing."""
    return _missing("C23", "no export gives a person's rank in a group")


#: Leaf index code -> the rule that scores it, in the paper's order.
INDICES: dict[str, Callable[[Applicant], IndexScore]] = {
    "A11": basic_information,
    "A12": certification,
    "A21": registration_time,
    "A22": registration_id,
    "B11": month_activity,
    "B12": last_login,
    "B13": overall_activity,
    "B21": tweets,
    "B22": tweet_content,
    "B31": forwards,
    "B32": forward_content,
    "B41": comments,
    "B42": comment_content,
    "B51": account_level,
    "B52": medals,
    "C11": followers,
    "C12": following,
    "C13": friend_rank,
    "C21": groups,
    "C22": group_members,
    "C23": group_rank,
}


def score_indices(profiles: Sequence[Mapping], analysis: Mapping | None, *, as_of: date) -> dict[str, IndexScore]:
    """Every leaf index of the paper's hierarchy, scored or missing with the reason."""
    applicant = Applicant(profiles, analysis, as_of)
    if not applicant.profiles:
        return {code: _missing(code, "no data source") for code in RULES}
    return {code: INDICES[code](applicant) for code in RULES}
