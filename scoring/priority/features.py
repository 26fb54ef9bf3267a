"""From an applicant's normalized profiles and the analysis of them to one feature vector.

This is the seed's "Technical Approach": every signal found in the exports is folded into a
small, fixed set of features, each of which a curve (``scoring.priority.curves``) then turns into
points. Pure functions over plain data: no Django, no database.

The rule carried over from profile-schema.md: a feature nobody told us about is *missing*
(``value`` is ``None``), never 0. A list a platform cannot tell is ``null`` in its profile (a
Facebook export lists no skills), so it adds no source and, with no other source, leaves its
feature missing. A ratio with nothing to divide by (no analysable posts, no
groups) is missing too: "none of your zero groups is offensive" is not evidence of anything.
Every feature records the platforms (``sources``) its value came from, so a lender can see
where a number comes from and an applicant which upload would fill a gap; a share also
records how many items it is a share ``of`` ("no explicit images among 6 analysed").
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from ingest.profile import read_documents

CONNECTIONS_COMBINE = ("mean", "sum", "max")


@dataclass(frozen=True)
class Feature:
    name: str
    label: str


#: The catalogue, in the order features are stored, shown and vectorised.
FEATURES: tuple[Feature, ...] = (
    Feature("age", "Age (years)"),
    Feature("connections", "Connections, friends and followers"),
    Feature("positive_posts", "Share of posts with positive sentiment"),
    Feature("negative_posts", "Share of posts with negative sentiment"),
    Feature("negative_images", "Share of analysed images flagged explicit"),
    Feature("negative_pages", "Share of liked or followed pages with offensive names"),
    Feature("positive_comments", "Share of comments with positive sentiment"),
    Feature("negative_comments", "Share of comments with negative sentiment"),
    Feature("negative_groups", "Share of joined groups with offensive names"),
    Feature("skills", "Skills listed"),
    Feature("invitations", "Incoming invitations per connection"),
    Feature("likes_per_post", "Likes per post"),
    Feature("education", "Education entries (graduated ones count in full)"),
    Feature("interaction_frequency", "Posts, comments and reactions per day since the first account opened"),
)
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
LABELS: dict[str, str] = {f.name: f.label for f in FEATURES}


def extract_features(
    profiles: list[dict],
    analysis: Mapping,
    *,
    as_of: date,
    connections: str = "mean",
) -> dict[str, dict]:
    """Feature name -> ``{"value": float | None, "sources": [platforms]}`` for every feature
    (shares add ``"of"``: how many items they are a share of).

    ``profiles`` are the applicant's normalized documents (one per platform; a document of the
    wrong shape raises ``ingest.profile.ProfileInvalid``), ``analysis`` the merged analysis
    document of ``models_ml.analysis``. ``as_of`` fixes "today" so the same
    inputs always give the same vector. ``connections`` says how the platforms' audience
    counts combine: ``"mean"`` (the seed averages them), ``"sum"`` or ``"max"``.
    """
    if connections not in CONNECTIONS_COMBINE:
        raise ValueError(f"connections must be one of {', '.join(CONNECTIONS_COMBINE)}, not {connections!r}")
    # Sorting by platform makes the result independent of the order sources were uploaded.
    docs = sorted(read_documents(profiles), key=lambda p: p["platform"])
    sentiment = analysis.get("sentiment") or {}
    profanity = analysis.get("profanity") or {}
    posters = _platforms(docs, lambda d: d.get("posts"))
    commenters = _platforms(docs, lambda d: d.get("comments"))
    audience = _audience(docs)

    vector = {
        "age": _age(docs, as_of),
        "connections": _combine(audience, connections),
        "positive_posts": _sentiment_share(sentiment.get("posts"), "positive", posters),
        "negative_posts": _sentiment_share(sentiment.get("posts"), "negative", posters),
        "negative_images": _images(analysis.get("images"), docs),
        "negative_pages": _share(profanity.get("pages"), profanity.get("pages_total"), _platforms(docs, lambda d: d.get("pages"))),
        "positive_comments": _sentiment_share(sentiment.get("comments"), "positive", commenters),
        "negative_comments": _sentiment_share(sentiment.get("comments"), "negative", commenters),
        "negative_groups": _share(profanity.get("groups"), profanity.get("groups_total"), _platforms(docs, lambda d: d.get("groups"))),
        "skills": _skills(docs),
        "invitations": _invitations(docs, audience),
        "likes_per_post": _likes(docs),
        "education": _education(docs),
        "interaction_frequency": _frequency(docs, as_of),
    }
    return {name: vector[name] for name in FEATURE_NAMES}


def _feature(value: float | None, sources: Iterable[str], of: int | None = None) -> dict:
    if value is None:
        return {"value": None, "sources": []}
    feature = {"value": float(value), "sources": sorted(set(sources))}
    if of is not None:
        feature["of"] = int(of)
    return feature


def _platforms(docs: list[dict], field) -> list[str]:
    """Platforms whose document has a non-empty list in ``field``."""
    return [d.get("platform") for d in docs if field(d)]


def _profile(doc: Mapping) -> Mapping:
    return doc.get("profile") or {}


def _counts(doc: Mapping) -> Mapping:
    return doc.get("counts") or {}


def _parse_date(text) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _parse_datetime(text) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _age(docs: list[dict], as_of: date) -> dict:
    """Whole years at ``as_of`` from the first platform (alphabetically) giving a birth date."""
    for doc in docs:
        born = _parse_date(_profile(doc).get("birth_date"))
        if born is None:
            continue
        years = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
        agreeing = [d.get("platform") for d in docs if _parse_date(_profile(d).get("birth_date")) == born]
        return _feature(years, agreeing)
    return _feature(None, ())


def _audience(docs: list[dict]) -> dict[str, int]:
    """Platform -> its audience: the largest of friends, followers and connections it reports.

    The largest rather than the sum, because a Facebook friend usually also counts as a
    follower and would otherwise be counted twice.
    """
    audience = {}
    for doc in docs:
        counts = _counts(doc)
        known = [counts.get(k) for k in ("friends", "followers", "connections") if isinstance(counts.get(k), (int, float))]
        if known:
            audience[doc.get("platform")] = max(known)
    return audience


def _combine(audience: Mapping[str, float], how: str) -> dict:
    if not audience:
        return _feature(None, ())
    values = list(audience.values())
    combined = {"mean": sum(values) / len(values), "sum": sum(values), "max": max(values)}[how]
    return _feature(combined, audience)


def _sentiment_share(counts: Mapping | None, label: str, sources: list[str]) -> dict:
    """Share of analysable texts with ``label``; texts in unsupported languages are left out."""
    if not counts:
        return _feature(None, ())
    analysed = sum(int(counts.get(k) or 0) for k in ("positive", "negative", "neutral"))
    if analysed == 0:
        return _feature(None, ())
    return _feature(int(counts.get(label) or 0) / analysed, sources, analysed)


def _share(profane, total, sources: list[str]) -> dict:
    if not total:
        return _feature(None, ())
    found = len(profane) if isinstance(profane, (list, tuple)) else int(profane or 0)
    return _feature(found / total, sources, total)


def _images(images: Mapping | None, docs: list[dict]) -> dict:
    analysed = int((images or {}).get("analysed") or 0)
    if analysed == 0:
        return _feature(None, ())
    sources = [d.get("platform") for d in docs if any(m.get("kind") == "image" for m in d.get("media") or [])]
    return _feature(int(images.get("explicit") or 0) / analysed, sources, analysed)


def _skills(docs: list[dict]) -> dict:
    skills, sources = set(), []
    for doc in docs:
        listed = _profile(doc).get("skills")
        if listed is None:
            continue
        sources.append(doc.get("platform"))
        skills.update(s.strip().casefold() for s in listed if isinstance(s, str) and s.strip())
    return _feature(len(skills) if sources else None, sources)


def _invitations(docs: list[dict], audience: Mapping[str, float]) -> dict:
    """Invitations and friend requests received per connection, over the platforms giving both."""
    received, base, sources = 0, 0, []
    for doc in docs:
        counts, platform = _counts(doc), doc.get("platform")
        got = [counts.get(k) for k in ("invitations_received", "friend_requests_received") if isinstance(counts.get(k), (int, float))]
        if got and audience.get(platform):
            received += sum(got)
            base += audience[platform]
            sources.append(platform)
    return _feature(received / base if base else None, sources)


def _likes(docs: list[dict]) -> dict:
    likes, posts, sources = 0, 0, []
    for doc in docs:
        counted = [p["likes"] for p in doc.get("posts") or [] if isinstance(p.get("likes"), (int, float))]
        if counted:
            likes += sum(counted)
            posts += len(counted)
            sources.append(doc.get("platform"))
    return _feature(likes / posts if posts else None, sources)


def _education(docs: list[dict]) -> dict:
    total, sources = 0.0, []
    for doc in docs:
        entries = _profile(doc).get("education")
        if entries is None:
            continue
        sources.append(doc.get("platform"))
        total += sum(1.0 if e.get("graduated") is True else 0.5 for e in entries if isinstance(e, Mapping))
    return _feature(total if sources else None, sources)


def _frequency(docs: list[dict], as_of: date) -> dict:
    """(posts + comments + reactions given) per day since the earliest registration."""
    opened = [dt for d in docs if (dt := _parse_datetime(_profile(d).get("registered_at")))]
    if not opened:
        return _feature(None, ())
    actions, sources = 0, []
    for doc in docs:
        reactions = _counts(doc).get("reactions_given")
        parts = [doc.get("posts"), doc.get("comments")]
        if all(p is None for p in parts) and not isinstance(reactions, (int, float)):
            continue
        actions += sum(len(p) for p in parts if p is not None) + (reactions if isinstance(reactions, (int, float)) else 0)
        sources.append(doc.get("platform"))
    if not sources:
        return _feature(None, ())
    days = max((as_of - min(dt.date() for dt in opened)).days, 1)
    return _feature(actions / days, sources)
