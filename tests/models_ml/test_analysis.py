"""The analysis document: chunks merge associatively into what analyse() gives at once."""

from __future__ import annotations

import json
import random

import pytest

from models_ml.analysis import (
    analyse,
    analyse_image_chunk,
    analyse_names_chunk,
    analyse_text_chunk,
    empty_document,
    merge,
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


def profiles():
    facebook = {
        "platform": "facebook",
        "posts": [{"text": t} for t in POSTS[:5]],
        "comments": [{"text": t} for t in COMMENTS],
        "groups": GROUPS,
        "pages": PAGES,
    }
    twitter = {"platform": "twitter", "posts": [{"text": t} for t in POSTS[5:]] + [{"text": None}],
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
