"""Reasons in plain language: the codes and sentences a lender gives an applicant.

A reason names a feature that cost points; reasons are ordered by points lost (weight times
the part of the curve not reached), so the first reason is the one that matters most.
Codes are stable identifiers (a lender's letter template keys on them); texts are what a
person reads.
"""
from __future__ import annotations

from collections.abc import Mapping

from .features import FEATURE_NAMES

TOP_N = 4

#: Feature -> (code, sentence) used when that feature lost points.
LOST_POINTS: dict[str, tuple[str, str]] = {
    "age": ("age_off_peak", "Age away from the peak of the age curve"),
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
    """The ``n`` features that lost the most points, as ``{"code", "feature", "text", "points_lost"}``.

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
        {"code": LOST_POINTS[name][0], "feature": name, "text": LOST_POINTS[name][1], "points_lost": round(points, 2)}
        for points, name in lost[:n]
    ]


def ineligible_age(age: float, low: float, high: float) -> dict:
    if age < low:
        return {"code": "age_below_minimum", "feature": "age",
                "text": f"Applicants younger than {low:g} cannot be given a credit score", "points_lost": None}
    return {"code": "age_above_maximum", "feature": "age",
            "text": f"Applicants older than {high:g} are outside the ages this score covers", "points_lost": None}


def unscorable(present: int, needed: int, missing: list[str]) -> dict:
    return {
        "code": "too_few_features",
        "feature": None,
        "text": (f"Not enough information to score: {present} feature(s) could be measured and at least "
                 f"{needed} are needed; connecting more accounts can fill in {', '.join(missing) or 'the gaps'}"),
        "points_lost": None,
    }
