"""The analysis document: chunks merge associatively into what analyse() gives at once."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from models_ml.analysis import (
    analyse,
    analyse_image_chunk,
    analyse_names_chunk,
    analyse_bios_chunk,
    analyse_text_chunk,
    empty_document,
    merge,
    summarise_signals,
)

from .images import photo, two_frame_gif

POSTS = [
    "Loving the new job, what a wonderful team!",
    "Worst commute ever, I hate this fucking traffic.",
    "Meeting moved to 3pm.",
    "",
    "Das ist sehr gut und ich bin froh",
    "我今天很开心",
    "https://example.com/only-a-link",
    "Proud to march at Gay Pride today 🌈",
]
COMMENTS = ["Congrats!", "That is bullshit", "ok", "Thank you so much 😀", "这个太差了"]
GROUPS = ["Leeds Runners", "Gay Pride Leeds", "Fuck Mondays Club", "Sex Education Network",
          "Sh1t Posting Society", "Scunthorpe United Fans"]
PAGES = ["BBC News", "Breast Cancer Awareness", "Bullshit Daily", "Oh my God Memes"]


DATES = ["2025-05-01T10:00:00Z", "2024-11-30T23:00:00Z", None, "2023-01-01T00:00:00Z",
         "2025-01-15T08:00:00Z", "2024-06-01T12:00:00Z", None, "not a date"]
BIO = "Runner and accountant."


def profiles():
    facebook = {
        "platform": "facebook",
        "profile": {"bio": BIO},
        "posts": [{"text": t, "created_at": d} for t, d in zip(POSTS[:5], DATES[:5])],
        "comments": [{"text": t} for t in COMMENTS],
        "groups": GROUPS,
        "pages": PAGES,
    }
    twitter = {"platform": "twitter",
               "posts": [{"text": t, "created_at": d} for t, d in zip(POSTS[5:], DATES[5:])] + [{"text": None}],
               "comments": [], "groups": [], "pages": []}
    return [facebook, twitter]


IMAGES = [photo(seed=1), b"garbage", two_frame_gif(), photo(seed=2, fmt="PNG"), b""]


@pytest.fixture(scope="module")
def whole():
    return analyse(profiles(), IMAGES)


def test_the_document_has_the_agreed_shape_and_counts(whole):
    assert whole["sentiment"]["posts"] == {
        "positive": 3, "negative": 1, "neutral": 1, "unsupported": 1}
    assert whole["sentiment"]["comments"]["unsupported"] == 0
    assert sum(whole["sentiment"]["comments"].values()) == len(COMMENTS)
    assert whole["images"]["analysed"] == 3
    assert whole["images"]["skipped"] == 2
    assert whole["images"]["explicit"] == 0
    assert whole["images"]["skip_reasons"] == {
        "not an image, or an unsupported format": 1, "empty file": 1}
    profanity = whole["profanity"]
    assert profanity["groups"] == ["Fuck Mondays Club", "Sh1t Posting Society"]
    assert profanity["pages"] == ["Bullshit Daily"]
    assert (profanity["groups_total"], profanity["pages_total"]) == (6, 4)
    assert (profanity["posts"], profanity["posts_total"]) == (1, 9)
    assert (profanity["comments"], profanity["comments_total"]) == (1, 5)
    json.dumps(whole)  # plain data, as Celery and the command need


def test_posts_of_every_source_are_counted(whole):
    alone = analyse(profiles()[:1])
    assert sum(alone["sentiment"]["posts"].values()) < sum(whole["sentiment"]["posts"].values())


def test_a_custom_allow_list_is_applied_to_names():
    chunk = analyse_names_chunk("groups", GROUPS, allow_phrases=())
    assert "Gay Pride Leeds" in chunk["profanity"]["groups"]
    assert "Scunthorpe United Fans" not in chunk["profanity"]["groups"]


def _chunks(items, rng):
    chunks, start = [], 0
    while start < len(items):
        size = rng.randint(1, 3)
        chunks.append(items[start:start + size])
        start += size
    return chunks


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_chunks_merged_in_any_grouping_equal_analysing_everything_at_once(whole, seed):
    rng = random.Random(seed)
    posts = [p["text"] for profile in profiles() for p in profile["posts"]]
    partials = (
        [analyse_text_chunk("posts", c) for c in _chunks(posts, rng)]
        + [analyse_text_chunk("comments", c) for c in _chunks(COMMENTS, rng)]
        + [analyse_names_chunk("groups", c) for c in _chunks(GROUPS, rng)]
        + [analyse_names_chunk("pages", c) for c in _chunks(PAGES, rng)]
        + [analyse_image_chunk(c) for c in _chunks(IMAGES, rng)]
    )
    assert merge(partials) == whole
    # Associativity: merge any split of the (ordered) partials, then merge the results.
    cut = rng.randint(1, len(partials) - 1)
    assert merge([merge(partials[:cut]), merge(partials[cut:])]) == whole
    assert merge([partials[0], merge(partials[1:])]) == merge([merge(partials[:-1]), partials[-1]])


def test_merge_of_nothing_is_the_empty_document_and_its_identity(whole):
    assert merge([]) == empty_document()
    assert merge([empty_document(), whole, empty_document()]) == whole


def test_merge_does_not_change_its_inputs():
    part = analyse_names_chunk("groups", ["Fuck Mondays Club"])
    snapshot = json.dumps(part, sort_keys=True)
    merge([part, part])
    assert json.dumps(part, sort_keys=True) == snapshot


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        analyse_text_chunk("tweets", ["hi"])
    with pytest.raises(ValueError, match="kind must be one of"):
        analyse_names_chunk("posts", ["hi"])


def test_emotions_are_counted_by_dominant_emotion(whole):
    emotions = whole["emotions"]
    assert emotions["unsupported"] == whole["sentiment"]["posts"]["unsupported"] == 1
    assert emotions["dominant"]["anger"] >= 1  # "I hate this fucking traffic"
    read = sum(emotions["dominant"].values())
    assert read == len(POSTS) + 1 + len(COMMENTS) - 1 - 2 - 1  # less empty, link-only, German
    assert emotions["months"] == {}  # the chunks are given no dates today


def _posts_with_dates():
    return [(p["text"], p.get("created_at")) for profile in profiles() for p in profile["posts"]]


@pytest.mark.parametrize("seed", [4, 5])
def test_dated_text_chunks_count_emotions_by_month_and_merge_in_any_grouping(seed):
    posts = _posts_with_dates()
    whole = analyse_text_chunk("posts", [t for t, _ in posts], dates=[d for _, d in posts])
    assert set(whole["emotions"]["months"]) == {"2025-05", "2024-11", "2024-06"}  # not the empty or German
    chunks = _chunks(posts, random.Random(seed))
    partials = [analyse_text_chunk("posts", [t for t, _ in c], dates=[d for _, d in c]) for c in chunks]
    assert merge(partials) == merge([whole])


def test_interests_come_from_names_bios_and_posts_and_protected_names_are_dropped(whole):
    interests = whole["interests"]
    assert interests["topics"]["groups"] == {"sport": 1}  # Leeds Runners; Gay Pride, Sex Education dropped
    assert interests["topics"]["pages"] == {}  # Breast Cancer Awareness, Oh my God Memes dropped
    assert interests["topics"]["posts"] == {"work": 1}  # "Loving the new job"
    assert interests["items"] == {"groups": 6, "pages": 4, "posts": 9, "comments": 5}
    bios = merge([whole, analyse_bios_chunk([BIO, None, ""])])["interests"]
    assert bios["topics"]["bios"] == {"finance": 1, "sport": 1}
    assert bios["items"]["bios"] == 1


def test_open_nsfw_is_counted_beside_nudenet_and_violence_is_not_analysed(whole):
    images = whole["images"]
    nsfw = images["open_nsfw"]
    assert nsfw["analysed"] == images["analysed"] == 3
    assert sum(nsfw["deciles"]) == 3
    assert 0.0 <= nsfw["max"] <= 1.0
    assert images["violence"] == "not analysed"
    assert analyse_image_chunk(IMAGES, open_nsfw=False)["images"]["open_nsfw"]["analysed"] == 0


def test_the_signals_read_as_shares_weights_and_figures(whole):
    signals = summarise_signals(whole, dt.date(2025, 6, 30))
    assert signals["emotions"]["texts"] == sum(whole["emotions"]["dominant"].values())
    assert sum(signals["emotions"]["shares"].values()) == pytest.approx(1, abs=1e-3)
    assert signals["emotions"]["trend"]["missing"].startswith("fewer than 5 dated texts")
    assert signals["interests"]["weights"] == {"sport": 1 / 2, "work": 1 / 2}
    assert signals["open_nsfw"]["analysed"] == 3 and signals["open_nsfw"]["missing"] is None
    assert signals["violence"] == "not analysed"
    json.dumps(signals)


def test_the_signals_of_an_empty_document_say_what_is_missing():
    signals = summarise_signals(empty_document(), dt.date(2025, 6, 30))
    assert signals["emotions"]["missing"] and signals["interests"]["missing"]
    assert signals["open_nsfw"]["missing"] == "no image was analysed"
    assert signals["open_nsfw"]["explicit_share"] is None
