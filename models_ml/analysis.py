"""The applicant-level analysis document, computed in chunks that combine by ``merge``.

The pipeline fans the work out as chunks (a slice of posts, of comments, of group or page
names, of images), each producing a document of the full shape below with only its own
part filled; ``merge`` adds documents up. Every count is a sum and every list a
concatenation, so ``merge`` is associative and the merged chunks equal ``analyse`` run on
everything at once, however the work was cut (tests/models_ml/test_analysis.py checks it).

The document (the output of ``manage.py analyse_profile``)::

    {"sentiment": {"posts": {"positive": n, "negative": n, "neutral": n, "unsupported": n},
                   "comments": {...the same...}},
     "images": {"analysed": n, "explicit": n, "skipped": n,
                "labels": {label: number of images with it},
                "skip_reasons": {reason: n}},
     "profanity": {"groups": [profane group names], "pages": [profane page names],
                   "groups_total": n, "pages_total": n,
                   "posts": n profane, "comments": n profane,
                   "posts_total": n, "comments_total": n}}

Empty texts are counted in ``*_total`` but in no sentiment bucket; ``unsupported`` texts
are counted so that callers can report them, and left out of positive/negative ratios.
Profanity is reported as counts against totals, so scoring works on a rate and a single
hit never decides. Posts are tweets and LinkedIn shares too: ``profile["posts"]`` of every
source.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from . import images as images_model
from . import sentiment as sentiment_model
from .profanity import DEFAULT_ALLOW_PHRASES, ProfanityMatcher

__all__ = [
    "analyse",
    "analyse_image_chunk",
    "analyse_names_chunk",
    "analyse_text_chunk",
    "empty_document",
    "merge",
]

TEXT_KINDS = ("posts", "comments")
NAME_KINDS = ("groups", "pages")
SENTIMENT_LABELS = ("positive", "negative", "neutral", "unsupported")


def empty_document() -> dict:
    """The document with every count at zero and every list empty."""
    return {
        "sentiment": {kind: dict.fromkeys(SENTIMENT_LABELS, 0) for kind in TEXT_KINDS},
        "images": {"analysed": 0, "explicit": 0, "skipped": 0, "labels": {}, "skip_reasons": {}},
        "profanity": {
            "groups": [],
            "pages": [],
            "groups_total": 0,
            "pages_total": 0,
            "posts": 0,
            "comments": 0,
            "posts_total": 0,
            "comments_total": 0,
        },
    }


@lru_cache(maxsize=16)
def _matcher(allow_phrases: tuple[str, ...]) -> ProfanityMatcher:
    # One matcher per allow-list per process keeps its word cache warm across chunks.
    return ProfanityMatcher(allow_phrases)


def _allowed(allow_phrases: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(DEFAULT_ALLOW_PHRASES if allow_phrases is None else allow_phrases)


def analyse_text_chunk(
    kind: str, texts: Iterable[str | None], allow_phrases: Iterable[str] | None = None
) -> dict:
    """Sentiment counts and profane-text count for a slice of posts or comments."""
    if kind not in TEXT_KINDS:
        raise ValueError(f"kind must be one of {TEXT_KINDS}, not {kind!r}")
    texts = [text or "" for text in texts]
    document = empty_document()
    counts = document["sentiment"][kind]
    for result in sentiment_model.analyse_texts(texts):
        if result["label"] in counts:
            counts[result["label"]] += 1
    document["profanity"][kind] = sum(_matcher(_allowed(allow_phrases)).flags(texts))
    document["profanity"][f"{kind}_total"] = len(texts)
    return document


def analyse_names_chunk(
    kind: str, names: Iterable[str], allow_phrases: Iterable[str] | None = None
) -> dict:
    """The profane names among a slice of group or page names, and how many there were.

    ``allow_phrases`` defaults to ``DEFAULT_ALLOW_PHRASES``; the scoring app passes its
    admin-edited list.
    """
    if kind not in NAME_KINDS:
        raise ValueError(f"kind must be one of {NAME_KINDS}, not {kind!r}")
    names = [name for name in names if name]
    matcher = _matcher(_allowed(allow_phrases))
    document = empty_document()
    document["profanity"][kind] = [name for name in names if matcher.contains(name)]
    document["profanity"][f"{kind}_total"] = len(names)
    return document


def analyse_image_chunk(images: Iterable[bytes], threshold: float = 0.5) -> dict:
    """Image moderation counts for a slice of images (raw file bytes)."""
    document = empty_document()
    section = document["images"]
    for result in images_model.moderate_images(list(images), threshold):
        if result["status"] == "skipped":
            section["skipped"] += 1
            reasons = section["skip_reasons"]
            reasons[result["reason"]] = reasons.get(result["reason"], 0) + 1
            continue
        section["analysed"] += 1
        section["explicit"] += result["explicit"]
        for label in result["labels"]:
            section["labels"][label] = section["labels"].get(label, 0) + 1
    return document


def _add_counts(total: dict, part: dict) -> None:
    for key, value in part.items():
        total[key] = total.get(key, 0) + value


def merge(partials: Iterable[dict]) -> dict:
    """Add documents up: counts summed, name lists concatenated in order.

    Any document of the shape above is a valid partial (sections may be missing), and the
    result is one too, so merging is associative: ``merge([merge([a, b]), c]) ==
    merge([a, merge([b, c])]) == merge([a, b, c])``.
    """
    total = empty_document()
    for part in partials:
        for kind, counts in part.get("sentiment", {}).items():
            _add_counts(total["sentiment"].setdefault(kind, {}), counts)
        images = part.get("images", {})
        for key in ("analysed", "explicit", "skipped"):
            total["images"][key] += images.get(key, 0)
        _add_counts(total["images"]["labels"], images.get("labels", {}))
        _add_counts(total["images"]["skip_reasons"], images.get("skip_reasons", {}))
        profanity = part.get("profanity", {})
        for key, value in profanity.items():
            if key in NAME_KINDS:
                total["profanity"][key].extend(value)
            else:
                total["profanity"][key] = total["profanity"].get(key, 0) + value
    return total


def analyse(
    profiles: list[dict],
    images: Iterable[bytes] = (),
    allow_phrases: Iterable[str] | None = None,
    threshold: float = 0.5,
) -> dict:
    """The whole document for an applicant's normalized profiles, in this process."""
    allow = _allowed(allow_phrases)

    def texts(kind: str) -> list[str]:
        return [item.get("text") or "" for profile in profiles for item in profile.get(kind) or []]

    def names(kind: str) -> list[str]:
        return [name for profile in profiles for name in profile.get(kind) or []]

    return merge(
        [
            analyse_text_chunk("posts", texts("posts"), allow),
            analyse_text_chunk("comments", texts("comments"), allow),
            analyse_names_chunk("groups", names("groups"), allow),
            analyse_names_chunk("pages", names("pages"), allow),
            analyse_image_chunk(images, threshold),
        ]
    )
