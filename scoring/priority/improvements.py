"""The levers of the priority scorer: what a person could change in their feature vector.

Two kinds (see ``scoring.improvements`` for how they are tried and ranked):

- **a feature already scored** moves by an amount a person can reach in a few months
  (``LEVERS``): a share of negative posts 10 points lower, five more skills listed, explicit
  images removed. Invitations and likes received are not levers: they are what other people
  do. Age never is.
- **a platform not connected yet** would let the missing features its export can tell be
  scored (each parser's ``TELLS``); they are set to the value that earns their full points,
  so the effect is an upper bound ("up to +12").
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ingest.parsers import PLATFORMS

from ..improvements import Improvement, Lever, best, connect_levers
from . import curves, engine


@dataclass(frozen=True)
class Move:
    change: Callable[[float], float]
    action: str


def _share_down(v: float) -> float:
    return max(v - 0.1, 0.0)


def _share_up(v: float) -> float:
    return min(v + 0.1, 1.0)


LEVERS: dict[str, Move] = {
    "connections": Move(lambda v: v * 2, "Grow your network of friends, followers and connections ({effect} for twice as many)"),
    "positive_posts": Move(_share_up, "More posts with positive sentiment ({effect} for a share 10 points higher)"),
    "negative_posts": Move(_share_down, "Fewer posts with negative sentiment over the next months ({effect} for a share 10 points lower)"),
    "negative_images": Move(lambda v: 0.0, "Remove the images flagged as explicit from what you share ({effect} for none)"),
    "negative_pages": Move(lambda v: 0.0, "Unfollow the pages with offensive names ({effect} for none)"),
    "positive_comments": Move(_share_up, "More comments with positive sentiment ({effect} for a share 10 points higher)"),
    "negative_comments": Move(_share_down, "Fewer comments with negative sentiment over the next months ({effect} for a share 10 points lower)"),
    "negative_groups": Move(lambda v: 0.0, "Leave the groups with offensive names ({effect} for none)"),
    "skills": Move(lambda v: v + 5, "List more of your skills on LinkedIn ({effect} for 5 more)"),
    "education": Move(lambda v: v + 1, "List your education; a finished degree counts in full ({effect} for one more)"),
    "interaction_frequency": Move(lambda v: v + 1, "Be active more often: posts, comments and reactions ({effect} for one more a day)"),
}

#: The profile fields each feature is read from (``features``), age left out: a platform
#: whose export tells one of them (its parser's ``TELLS``) could fill the feature.
READS: dict[str, frozenset[str]] = {
    "connections": frozenset({"counts.friends", "counts.followers", "counts.connections"}),
    "positive_posts": frozenset({"posts"}),
    "negative_posts": frozenset({"posts"}),
    "negative_images": frozenset({"media"}),
    "negative_pages": frozenset({"pages"}),
    "positive_comments": frozenset({"comments"}),
    "negative_comments": frozenset({"comments"}),
    "negative_groups": frozenset({"groups"}),
    "skills": frozenset({"profile.skills"}),
    "invitations": frozenset({"counts.invitations_received", "counts.friend_requests_received"}),
    "likes_per_post": frozenset({"posts"}),
    "education": frozenset({"profile.education"}),
    "interaction_frequency": frozenset({"profile.registered_at"}),
}
NOUNS = {
    "connections": "connections", "positive_posts": "posts", "negative_posts": "posts", "negative_images": "images",
    "negative_pages": "pages", "positive_comments": "comments", "negative_comments": "comments",
    "negative_groups": "groups", "skills": "skills", "invitations": "invitations", "likes_per_post": "likes",
    "education": "education", "interaction_frequency": "activity",
}


def _value(features: Mapping[str, Mapping], name: str) -> float | None:
    value = (features.get(name) or {}).get("value")
    return None if value is None else float(value)


def levers(features: Mapping[str, Mapping], config: engine.Config) -> list[Lever]:
    """Every lever open to this applicant under ``config`` (enabled features only)."""
    found = []
    for name in config.enabled_names:
        value, move = _value(features, name), LEVERS.get(name)
        if value is not None and move is not None and move.change(value) != value:
            found.append(Lever(name, {name: move.change(value)}, move.action))
    connected = {s for entry in features.values() for s in (entry or {}).get("sources") or ()}
    gaps = {
        platform: tuple(n for n, fields in READS.items()
                        if fields & parser.TELLS and n in config.enabled_names and _value(features, n) is None)
        for platform, parser in PLATFORMS.items() if platform not in connected
    }
    return found + connect_levers(
        gaps, {platform: parser.LABEL for platform, parser in PLATFORMS.items()}, NOUNS,
        lambda missing: {n: curves.best_value(config.specs[n].kind, config.specs[n].params) for n in missing},
    )


def changed(features: Mapping[str, Mapping], changes: Mapping[str, float]) -> dict[str, dict]:
    """A copy of the vector with ``changes`` applied, every other value as it was."""
    copy = {name: dict(entry or {}) for name, entry in features.items()}
    for name, value in changes.items():
        copy[name] = {**copy.get(name, {"sources": []}), "value": value}
    return copy


def improvements(features: Mapping[str, Mapping], config: engine.Config) -> list[Improvement]:
    """At most four actions that would raise this applicant's score the most, best first."""
    score = engine.score(features, config)["normalized"]
    return best(levers(features, config), score=score,
                rescore=lambda changes: engine.score(changed(features, changes), config)["normalized"])


def vector_of(result: Mapping) -> dict[str, dict]:
    """The feature vector a stored priority result was computed from, as far as it scored:
    each scored feature's value and sources, each missing one ``None``. Rescored with the
    same configuration version it gives the same score."""
    vector = {name: {"value": None, "sources": []} for name in result.get("missing") or ()}
    for name, entry in (result.get("contributions") or {}).items():
        vector[name] = {"value": entry.get("value"), "sources": list(entry.get("sources") or [])}
        if "of" in entry:
            vector[name]["of"] = entry["of"]
    return vector
