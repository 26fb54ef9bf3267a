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
                "skip_reasons": {reason: n},
                "open_nsfw": {"analysed": n, "explicit": n (score >= 0.8), "max": score|None,
                              "deciles": [n of scores in [0, 0.1), ..., [0.9, 1]]},
                "violence": "not analysed"},
     "profanity": {"groups": [profane group names], "pages": [profane page names],
                   "groups_total": n, "pages_total": n,
                   "posts": n profane, "comments": n profane,
                   "posts_total": n, "comments_total": n},
     "emotions": {"unsupported": n, "dominant": {anxiety|anger|sadness|joy|mixed|none: n},
                  "months": {"YYYY-MM": {...the same outcomes...}}},
     "interests": {"items": {kind: n}, "topics": {kind: {topic: n}}}}

Empty texts are counted in ``*_total`` but in no sentiment bucket; ``unsupported`` texts
are counted so that callers can report them, and left out of positive/negative ratios.
Profanity is reported as counts against totals, so scoring works on a rate and a single
hit never decides. Posts are tweets and LinkedIn shares too: ``profile["posts"]`` of every
source.

Emotions and interests are counts too (see ``models_ml.emotions`` and ``models_ml.interests``):
emotions of posts and comments together, by month when the caller passes the texts' dates;
interests of group and page names, bios, posts and comments. Both are computed from one
cut of each text into words, in the language the sentiment model decided.
``summarise_signals`` turns the merged counts into what a reader wants: emotion shares and
their 12-month trend as of a date, topic weights with their sources, open_nsfw figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache

from . import emotions as emotions_model
from . import images as images_model
from . import interests as interests_model
from . import sentiment as sentiment_model
from .emotion_lexicon import DEFAULT_SOURCES
from .profanity import DEFAULT_ALLOW_PHRASES, ProfanityMatcher
from .tokens import tokenise_many

__all__ = [
    "analyse",
    "analyse_bios_chunk",
    "analyse_image_chunk",
    "analyse_names_chunk",
    "analyse_text_chunk",
    "empty_document",
    "merge",
    "summarise_signals",
]

TEXT_KINDS = ("posts", "comments")
NAME_KINDS = ("groups", "pages")
SENTIMENT_LABELS = ("positive", "negative", "neutral", "unsupported")


def empty_document() -> dict:
    """The document with every count at zero and every list empty."""
    return {
        "sentiment": {kind: dict.fromkeys(SENTIMENT_LABELS, 0) for kind in TEXT_KINDS},
        "images": {
            "analysed": 0,
            "explicit": 0,
            "skipped": 0,
            "labels": {},
            "skip_reasons": {},
            "open_nsfw": {"analysed": 0, "explicit": 0, "max": None, "deciles": [0] * 10},
            "violence": images_model.VIOLENCE,
        },
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
        "emotions": emotions_model.empty_counts(),
        "interests": interests_model.empty_counts(),
    }


@lru_cache(maxsize=16)
def _matcher(allow_phrases: tuple[str, ...]) -> ProfanityMatcher:
    # One matcher per allow-list per process keeps its word cache warm across chunks.
    return ProfanityMatcher(allow_phrases)


def _allowed(allow_phrases: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(DEFAULT_ALLOW_PHRASES if allow_phrases is None else allow_phrases)


def analyse_text_chunk(
    kind: str,
    texts: Iterable[str | None],
    allow_phrases: Iterable[str] | None = None,
    dates: Sequence[str | dt.date | None] | None = None,
    emotion_sources: tuple[str, ...] = DEFAULT_SOURCES,
) -> dict:
    """Sentiment counts, profane-text count, emotions and interests for a slice of posts or
    comments. ``dates`` (each text's ``created_at``, one per text) let the emotions be
    counted by month; ``emotion_sources`` chooses the emotion lexicons (see
    ``models_ml.emotion_lexicon``, where the licences are)."""
    if kind not in TEXT_KINDS:
        raise ValueError(f"kind must be one of {TEXT_KINDS}, not {kind!r}")
    texts = [text or "" for text in texts]
    document = empty_document()
    counts = document["sentiment"][kind]
    sentiments = sentiment_model.analyse_texts(texts)
    for result in sentiments:
        if result["label"] in counts:
            counts[result["label"]] += 1
    document["profanity"][kind] = sum(_matcher(_allowed(allow_phrases)).flags(texts))
    document["profanity"][f"{kind}_total"] = len(texts)
    tokens = tokenise_many(texts, [result["lang"] for result in sentiments])
    per_text = emotions_model.analyse_texts(texts, sources=emotion_sources, tokens=tokens)
    document["emotions"] = emotions_model.count(per_text, dates)
    document["interests"] = interests_model.count(kind, texts, tokens)
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
    document["interests"] = interests_model.count(kind, names)
    return document


def analyse_bios_chunk(bios: Iterable[str | None]) -> dict:
    """The interests named in profile bios (nothing else is read from a bio)."""
    document = empty_document()
    document["interests"] = interests_model.count("bios", [bio for bio in bios if bio])
    return document


def _count_open_nsfw(section: dict, score: float | None) -> None:
    if score is None:
        return
    section["analysed"] += 1
    section["explicit"] += score >= images_model.OPEN_NSFW_EXPLICIT_AT
    section["max"] = score if section["max"] is None else max(section["max"], score)
    section["deciles"][min(int(score * 10), 9)] += 1


def analyse_image_chunk(images: Iterable[bytes], threshold: float = 0.5, open_nsfw: bool = True) -> dict:
    """Image moderation counts for a slice of images (raw file bytes)."""
    document = empty_document()
    section = document["images"]
    for result in images_model.moderate_images(list(images), threshold, open_nsfw):
        if result["status"] == "skipped":
            section["skipped"] += 1
            reasons = section["skip_reasons"]
            reasons[result["reason"]] = reasons.get(result["reason"], 0) + 1
            continue
        section["analysed"] += 1
        section["explicit"] += result["explicit"]
        _count_open_nsfw(section["open_nsfw"], result["open_nsfw"])
        for label in result["labels"]:
            section["labels"][label] = section["labels"].get(label, 0) + 1
    return document


def _add_counts(total: dict, part: dict) -> None:
    for key, value in part.items():
        total[key] = total.get(key, 0) + value


def _add_open_nsfw(total: dict, part: dict) -> None:
    total["analysed"] += part.get("analysed", 0)
    total["explicit"] += part.get("explicit", 0)
    scores = [s for s in (total["max"], part.get("max")) if s is not None]
    total["max"] = max(scores) if scores else None
    total["deciles"] = [a + b for a, b in zip(total["deciles"], part.get("deciles") or [0] * 10)]


def merge(partials: Iterable[dict]) -> dict:
    """Add documents up: counts summed, name lists concatenated in order.

    Any document of the shape above is a valid partial (sections may be missing), and the
    result is one too, so merging is associative: ``merge([merge([a, b]), c]) ==
    merge([a, merge([b, c])]) == merge([a, b, c])``.
    """
    total = empty_document()
    emotion_parts, interest_parts = [], []
    for part in partials:
        for kind, counts in part.get("sentiment", {}).items():
            _add_counts(total["sentiment"].setdefault(kind, {}), counts)
        images = part.get("images", {})
        for key in ("analysed", "explicit", "skipped"):
            total["images"][key] += images.get(key, 0)
        _add_counts(total["images"]["labels"], images.get("labels", {}))
        _add_counts(total["images"]["skip_reasons"], images.get("skip_reasons", {}))
        _add_open_nsfw(total["images"]["open_nsfw"], images.get("open_nsfw", {}))
        emotion_parts.append(part.get("emotions", {}))
        interest_parts.append(part.get("interests", {}))
        profanity = part.get("profanity", {})
        for key, value in profanity.items():
            if key in NAME_KINDS:
                total["profanity"][key].extend(value)
            else:
                total["profanity"][key] = total["profanity"].get(key, 0) + value
    total["emotions"] = emotions_model.merge_counts(emotion_parts)
    total["interests"] = interests_model.merge_counts(interest_parts)
    return total


def analyse(
    profiles: list[dict],
    images: Iterable[bytes] = (),
    allow_phrases: Iterable[str] | None = None,
    threshold: float = 0.5,
    emotion_sources: tuple[str, ...] = DEFAULT_SOURCES,
) -> dict:
    """The whole document for an applicant's normalized profiles, in this process.

    It is what the pipeline's chunks merge into, so it reads what the chunks are given today:
    texts without their dates and no bios (``analyse_text_chunk(dates=...)`` and
    ``analyse_bios_chunk`` are there for when the chunks carry them)."""
    allow = _allowed(allow_phrases)

    def texts(kind: str) -> list[str]:
        return [item.get("text") or "" for profile in profiles for item in profile.get(kind) or []]

    def names(kind: str) -> list[str]:
        return [name for profile in profiles for name in profile.get(kind) or []]

    return merge(
        [
            analyse_text_chunk("posts", texts("posts"), allow, emotion_sources=emotion_sources),
            analyse_text_chunk("comments", texts("comments"), allow, emotion_sources=emotion_sources),
            analyse_names_chunk("groups", names("groups"), allow),
            analyse_names_chunk("pages", names("pages"), allow),
            analyse_image_chunk(images, threshold),
        ]
    )


def summarise_signals(
    document: dict, as_of: dt.date, emotion_sources: Iterable[str] = DEFAULT_SOURCES
) -> dict:
    """The readable form of a merged document's new signals, as of a date::

        {"emotions": emotions.summarise(...), "interests": interests.summarise(...),
         "open_nsfw": {"analysed", "explicit", "explicit_share", "max", "deciles",
                       "missing"}, "violence": "not analysed"}
    """
    images = document.get("images", {})
    nsfw = {"analysed": 0, "explicit": 0, "max": None, "deciles": [0] * 10}
    _add_open_nsfw(nsfw, images.get("open_nsfw", {}))
    analysed = nsfw["analysed"]
    nsfw["explicit_share"] = round(nsfw["explicit"] / analysed, 4) if analysed else None
    nsfw["missing"] = None if analysed else "no image was analysed"
    return {
        "emotions": emotions_model.summarise(document.get("emotions", {}), as_of, emotion_sources),
        "interests": interests_model.summarise(document.get("interests", {})),
        "open_nsfw": nsfw,
        "violence": images_model.VIOLENCE,
    }
