"""What each scored feature found, in a sentence a person reads without a glossary.

"No explicit images among 6 analysed", not "Negative images 100 of 100": the points a
feature earned are shown beside the sentence, and the sentence says what was seen. Shares
name their count when the feature vector recorded it (``"of"``, see ``features``); older
vectors without it get a percentage instead.
"""
from __future__ import annotations

from collections.abc import Callable

#: Share features: (items counted, what was found of them in the plural, in the singular),
#: read as "2 of 6 analysed posts are negative".
SHARES: dict[str, tuple[str, str, str]] = {
    "positive_posts": ("analysed posts", "are positive", "is positive"),
    "negative_posts": ("analysed posts", "are negative", "is negative"),
    "positive_comments": ("analysed comments", "are positive", "is positive"),
    "negative_comments": ("analysed comments", "are negative", "is negative"),
    "negative_images": ("analysed images", "are flagged as explicit", "is flagged as explicit"),
    "negative_pages": ("liked or followed pages", "have an offensive name", "has an offensive name"),
    "negative_groups": ("joined groups", "have an offensive name", "has an offensive name"),
}
#: What "none of them" reads as, for the shares whose absence is the good news.
NONE_FOUND = {
    "negative_posts": "No negative posts among {of} analysed",
    "negative_comments": "No negative comments among {of} analysed",
    "negative_images": "No explicit images among {of} analysed",
    "negative_pages": "No offensive names among {of} liked or followed pages",
    "negative_groups": "No offensive names among {of} joined groups",
}


def _plural(n: float, one: str, many: str) -> str:
    return one if round(n) == 1 else many


AMOUNTS: dict[str, Callable[[float], str]] = {
    "age": lambda v: f"Age {v:.0f}",
    "connections": lambda v: f"{v:,.0f} {_plural(v, 'connection', 'connections')}, friends and followers",
    "skills": lambda v: f"{v:.0f} {_plural(v, 'skill', 'skills')} listed",
    "invitations": lambda v: f"{v:.2f} incoming invitations and friend requests per connection",
    "likes_per_post": lambda v: f"{v:.1f} likes per post on average",
    "education": lambda v: f"Education counted as {v:g} (a finished degree counts 1, an unfinished one ½)",
    "interaction_frequency": lambda v: f"{v:.1f} posts, comments and reactions a day",
}


def finding(feature: str, value: float, of: int | None = None) -> str:
    """The sentence for one feature's value; the feature's own name when none is known."""
    if feature in AMOUNTS:
        return AMOUNTS[feature](value)
    if feature not in SHARES:
        return feature.replace("_", " ").capitalize()
    items, many, one = SHARES[feature]
    if of:
        found = round(value * of)
        if found == 0 and feature in NONE_FOUND:
            return NONE_FOUND[feature].format(of=of)
        return f"{found} of {of} {items} {_plural(found, one, many)}"
    if value == 0 and feature in NONE_FOUND:
        return NONE_FOUND[feature].split(" among")[0] + f" among the {items}"
    return f"{value:.0%} of the {items} {many}"
