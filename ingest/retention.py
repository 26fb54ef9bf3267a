"""What of a normalized profile is kept once it has been analysed: pure, no Django.

Post and comment texts and photos are needed only by the analysis (sentiment, profanity,
image checks). Once a job has analysed a source and its analysis is stored, ``strip_profile``
replaces every text by a *fingerprint* and forgets the stored photos. Scoring still reads
everything else of the profile (dates, likes, counts, group and page names, media entries),
and the fingerprint keeps the two things scoring asks of a text besides its analysis:

- whether two texts are the same (repeated posts are a spam signal): equal texts, ignoring
  case and spacing, get equal fingerprints;
- whether a post forwards someone else's (X's ``RT @``, Weibo's ``//@`` and ``转发微博``): the
  marker is kept in front of the fingerprint.

A fingerprint is a keyed digest (``digest``, given by the caller), so it cannot be looked up in
a table of common phrases.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

TEXT_KINDS = ("posts", "comments")
FORWARD_MARKERS = ("RT @", "//@", "转发微博")
FINGERPRINT = "fingerprint:"
Digest = Callable[[str], str]


def fingerprint(text: str | None, digest: Digest) -> str | None:
    """The stand-in of ``text``: its forward marker, if any, then a digest of its words."""
    if not text:
        return text
    if text.startswith(FINGERPRINT) or any(text.startswith(m + FINGERPRINT) for m in FORWARD_MARKERS):
        return text  # already one
    words = " ".join(text.lower().split())
    if not words:
        return ""  # blank is blank: never a repeat of another blank
    marker = next((m for m in FORWARD_MARKERS if text.lstrip().startswith(m)), "")
    return f"{marker}{FINGERPRINT}{digest(words)}"


def strip_profile(profile: dict[str, Any], digest: Digest) -> dict[str, Any]:
    """A copy of ``profile`` with every post and comment text fingerprinted and no media entry
    pointing at a stored photo. Stripping a stripped profile changes nothing."""
    stripped = copy.deepcopy(profile)
    for kind in TEXT_KINDS:
        for item in stripped.get(kind) or []:
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                item["text"] = fingerprint(item["text"], digest)
    for entry in stripped.get("media") or []:
        if isinstance(entry, dict):
            entry.pop("stored", None)
    return stripped
