"""Reasons in plain language: the codes and sentences a lender gives an applicant.

A reason names a feature that cost points; reasons are ordered by points lost (weight times
the part of the curve not reached), so the first reason is the one that matters most.
Codes are stable identifiers (a lender's letter template keys on them); texts are what a
person reads. Each is a ``scoring.reasons.Reason``, the one shape of every method.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..reasons import Reason
from .features import FEATURE_NAMES, LABELS

METHOD = "priority"
TOP_N = 4

#: Feature -> (code, sentence) used when that feature lost points.
LOST_POINTS: dict[str, tuple[str, str]] = {
    "age": ("age_off_peak", "Younger than the age that scores in full on the age curve"),
    "connections": ("few_connections", "Few connections across your accounts"),
    "positive_posts": ("few_positive_posts", "Few posts with positive sentiment"),
    "negative_posts": ("many_negative_posts", "Many posts with negative sentiment"),
    "negative_images": ("explicit_images", "Images flagged as explicit"),
    "negative_pages": ("offensive_pages", "Liked or followed pages with offensive names"),
    "positive_comments": ("few_positive_comments", "Few comments with positive sentiment"),
    "negative_comments": ("many_negative_comments", "Many comments with negative sentiment"),
    "negative_groups": ("offensive_groups", "Joined groups with offensive names"),
    "skills": ("few_skills", "Few skills listed"),
    "invitations": ("few_invitations", "Few incoming invitations for your number of connections"),
    "likes_per_post": ("few_likes", "Few likes on your posts"),
    "education": ("little_education", "Little education listed"),
    "interaction_frequency": ("little_activity", "Little activity since your first account was opened"),
}
assert set(LOST_POINTS) == set(FEATURE_NAMES), "every feature needs a reason"

_ORDER = {name: i for i, name in enumerate(FEATURE_NAMES)}


def top_reasons(contributions: Mapping[str, Mapping], n: int = TOP_N) -> list[dict]:
    """The ``n`` features that lost the most points, as stored reasons.

    Ties are broken by the catalogue order so the same result always lists the same reasons.
    Features that lost nothing give no reason.
    """
    lost = [
        (c["possible"] - c["points"], name)
        for name, c in contributions.items()
        if c["possible"] - c["points"] > 1e-9
    ]
    lost.sort(key=lambda item: (-item[0], _ORDER[item[1]]))
    return [
        Reason(METHOD, LOST_POINTS[name][1], feature=name, code=LOST_POINTS[name][0], points_lost=round(points, 2)).as_dict()
        for points, name in lost[:n]
    ]


def ineligible_age(age: float, low: float, high: float | None) -> dict:
    """Below the minimum age; or, under an old configuration whose tent had an upper limit
    (``scoring.priority.lawful`` refuses one now), above it."""
    if age < low or high is None:
        return Reason(METHOD, f"Applicants younger than {low:g} cannot be given a credit score",
                      feature="age", code="age_below_minimum").as_dict()
    return Reason(METHOD, f"Applicants older than {high:g} are outside the ages this score covers",
                  feature="age", code="age_above_maximum").as_dict()


def unscorable(present: int, needed: int, missing: list[str]) -> dict:
    gaps = f"what is missing: {'; '.join(LABELS[name].lower() for name in missing)}" if missing else "the gaps"
    text = (f"Not enough information to score: {present} feature(s) could be measured and at least "
            f"{needed} are needed; connecting more accounts can fill in {gaps}")
    return Reason(METHOD, text, code="too_few_features").as_dict()
