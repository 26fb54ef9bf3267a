"""The levers of the AHP + fuzzy method: leaf index scores a person could raise.

The counterfactual is the evaluation itself (``evaluation.evaluate``) over the stored leaf
scores with one lever applied (see ``scoring.improvements``). Levers exist only for the
paper's indices a person acts on: what their profile says, what they post and how, their
LinkedIn profile. Account age, followers, likes and groups' ranks are not levers; an index
an admin added has none. A platform not connected yet would inform the indices only its
export tells; they are set to 100, so the effect is an upper bound ("up to +6").
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ingest.parsers import PLATFORMS

from ..improvements import Improvement, Lever, best, connect_levers
from .evaluation import NothingToEvaluate, evaluate
from .hierarchy import Hierarchy
from .indices import BASIC_FIELDS, FORWARDING_PLATFORMS, HALF, NAME_READABLE, saturating


@dataclass(frozen=True)
class Move:
    change: Callable[[float], float]
    action: str


def _more(code: str, count: int) -> Callable[[float], float]:
    """The score of ``count`` more items on the index's saturating curve."""
    half = HALF[code]

    def change(score: float) -> float:
        current = half * score / (100.0 - score) if score < 100 else float("inf")
        return saturating(current + count, half)

    return change


LEVERS: dict[str, Move] = {
    "A11": Move(lambda s: min(100.0, s + 100.0 / len(BASIC_FIELDS)),
                "Fill in more of your profile: location, a short bio, work, education ({effect} for one more)"),
    "A12": Move(lambda s: 100.0, "Verify your phone number on one of your accounts ({effect})"),
    "A22": Move(lambda s: max(s, NAME_READABLE), "Use your real name as your display name ({effect})"),
    "B11": Move(_more("B11", 5), "Post or comment more often ({effect} for 5 more in a month)"),
    "B12": Move(lambda s: 100.0, "Post or comment again: recent activity counts ({effect})"),
    "B21": Move(_more("B21", 10), "Write more posts of your own ({effect} for 10 more)"),
    "B22": Move(lambda s: 100.0, "Delete posts with profanity and posts repeated word for word ({effect} for none)"),
    "B32": Move(lambda s: 100.0, "Stop forwarding the same text again and again ({effect} for none)"),
    "B41": Move(_more("B41", 10), "Comment more ({effect} for 10 more)"),
    "B42": Move(lambda s: 100.0, "Delete comments with profanity and comments repeated word for word ({effect} for none)"),
    "B51": Move(lambda s: 100.0, "Complete your LinkedIn profile: a title, education, 5 skills, a summary, "
                                 "a location ({effect})"),
}
#: Leaf indices that only some exports inform (``indices``), and whether a platform's does:
#: its parser's ``TELLS`` for comments and groups; forwards on X/Twitter and Weibo alone;
#: profile strength on LinkedIn alone.
INFORMS: dict[str, Callable[[str, frozenset[str]], bool]] = {
    "B41": lambda platform, tells: "comments" in tells,
    "B42": lambda platform, tells: "comments" in tells,
    "C21": lambda platform, tells: "groups" in tells,
    "B31": lambda platform, tells: platform in FORWARDING_PLATFORMS and "posts" in tells,
    "B32": lambda platform, tells: platform in FORWARDING_PLATFORMS and "posts" in tells,
    "B51": lambda platform, tells: platform == "linkedin",
}
NOUNS = {"B51": "profile strength", "B41": "comments", "B42": "comments", "C21": "groups",
         "B31": "forwards", "B32": "forwards"}


def levers(tree: Hierarchy, scores: Mapping[str, float | None], connected: set[str]) -> list[Lever]:
    found = []
    for code in tree.leaves():
        score, move = scores.get(code), LEVERS.get(code)
        if score is not None and move is not None and move.change(score) > score:
            found.append(Lever(code, {code: move.change(score)}, move.action))
    gaps = {
        platform: tuple(c for c, informs in INFORMS.items()
                        if informs(platform, parser.TELLS) and c in tree.leaves() and scores.get(c) is None)
        for platform, parser in PLATFORMS.items() if platform not in connected
    }
    labels = {platform: parser.LABEL for platform, parser in PLATFORMS.items()}
    return found + connect_levers(gaps, labels, NOUNS, lambda missing: dict.fromkeys(missing, 100.0))


def improvements(tree: Hierarchy, weights: Mapping[str, Sequence[float]], scores: Mapping[str, float | None],
                 connected: set[str]) -> list[Improvement]:
    """At most four actions that would raise the fuzzy score S the most, best first."""

    def rescore(changes: Mapping[str, float]) -> float | None:
        try:
            return evaluate(tree, weights, {**scores, **changes}).score
        except NothingToEvaluate:
            return None

    return best(levers(tree, scores, connected), score=rescore({}), rescore=rescore)
