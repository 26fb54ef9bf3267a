"""Interests: each topic found from its own terms, weights with their sources, and protected
categories recognised and dropped without a trace."""

from __future__ import annotations

import json
import random
import re

import pytest

from models_ml.interests import (
    KINDS,
    applicant_interests,
    count,
    empty_counts,
    merge_counts,
    summarise,
    topics_of,
)
from models_ml.taxonomy import PROTECTED, TOPICS


def _english(terms):
    return [t for t in terms if t.isascii()]


def _chinese(terms):
    return [t for t in terms if not t.isascii()]


def test_no_term_is_both_a_topic_and_protected():
    topic_terms = {t for terms in TOPICS.values() for t in terms}
    protected_terms = {t for terms in PROTECTED.values() for t in terms}
    assert not topic_terms & protected_terms
    assert not set(TOPICS) & set(PROTECTED)


def test_english_terms_are_words_or_two_word_phrases():
    terms = [t for groups in (TOPICS, PROTECTED) for ts in groups.values() for t in _english(ts)]
    assert all(1 <= len(t.split()) <= 2 and t == t.lower() for t in terms)


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_term_of_a_topic_is_found_in_a_page_name_and_a_post(topic):
    for term in _english(TOPICS[topic]):
        assert topic in topics_of(f"Leeds {term.title()} Network"), term
        assert topic in topics_of(f"Spent the evening on {term} again."), term
    for term in _chinese(TOPICS[topic]):
        assert topic in topics_of(f"我们今天的{term}很好。"), term


def test_inflections_and_phrases_are_matched():
    assert topics_of("Loans and mortgages explained") == {"finance"}
    assert topics_of("Scratch cards every Friday") == {"gambling"}
    assert topics_of("Online shopping deals") == {"shopping"}
    assert topics_of("Book Club of Leeds") == set()


PROTECTED_TEXTS = [
    "Christian Football Club", "Muslim Business Network", "Bible study group for students",
    "Labour Party members for fair housing", "Vote Conservative, save the economy",
    "Diabetes support and healthy recipes", "Mental health in the workplace",
    "Gay Pride Leeds running club", "LGBTQ travel tips", "Black community business awards",
    "Latino food festival", "Trade union members' holiday fund", "Tinder dating for gamers",
    "基督教足球队", "共产党员的读书会", "糖尿病患者的美食", "同性恋旅游", "少数民族美食节", "工会的投资讲座",
]


def test_an_item_naming_a_protected_category_is_dropped_whole():
    for text in PROTECTED_TEXTS:
        assert topics_of(text) is None, text


@pytest.mark.parametrize("category", sorted(PROTECTED))
def test_texts_full_of_protected_terms_leave_no_trace(category):
    """Every term of the category, beside topic words, in names, bios and posts: no topic
    is counted, and neither the counts nor the summary hold any of its words."""
    rng = random.Random(category)
    topic_words = [t for terms in TOPICS.values() for t in _english(terms)]
    texts = [f"{term} {rng.choice(topic_words)} {rng.choice(topic_words)}" for term in PROTECTED[category]]
    counts = merge_counts([count(kind, texts) for kind in KINDS])
    summary = summarise(counts)
    assert counts["topics"] == {kind: {} for kind in KINDS}
    assert summary["weights"] == {} and summary["sources"] == {}
    assert summary["missing"] == "no group, page, bio or post names a topic"
    stored = json.dumps([counts, summary], ensure_ascii=False).lower()
    assert category not in stored
    for term in PROTECTED[category]:
        pattern = re.escape(term) if not term.isascii() else rf"\b{re.escape(term)}\b"
        assert not re.search(pattern, stored), term


def test_weights_share_the_topic_mentions_and_say_where_they_came_from():
    counts = merge_counts([
        count("groups", ["Leeds Runners", "Poker Night Leeds", "Python Developers"]),
        count("pages", ["Premier League", "PokerStars"]),
        count("posts", ["Great run this morning", "Lost at the casino again", "Meeting moved"]),
        count("bios", ["Engineer. Marathon runner."]),
    ])
    summary = summarise(counts)
    assert summary["items"] == 9
    # sport: a group, a page, the bio; gambling: a group, a page, a post; one each of the rest.
    assert summary["weights"] == {"gambling": 3 / 8, "sport": 3 / 8, "technology": 1 / 8, "work": 1 / 8}
    assert list(summary["weights"]) == ["gambling", "sport", "technology", "work"]
    assert summary["sources"]["gambling"] == {"groups": 1, "pages": 1, "posts": 1}
    assert summary["sources"]["sport"] == {"groups": 1, "pages": 1, "bios": 1}
    assert sum(summary["weights"].values()) == pytest.approx(1)


def test_a_topic_counts_once_per_item_however_often_named():
    assert count("posts", ["poker poker casino roulette"])["topics"]["posts"] == {"gambling": 1}


def test_the_applicant_portrait_reads_names_bios_posts_and_comments():
    profiles = [
        {"profile": {"bio": "Accountant and keen cyclist"}, "groups": ["Leeds Cycling Club"],
         "pages": ["Church of St Mary"], "posts": [{"text": "我每天都买彩票"}],
         "comments": [{"text": "Great recipe!"}]},
        {"profile": {"bio": None}, "groups": None, "pages": [], "posts": [], "comments": []},
    ]
    summary = applicant_interests(profiles)
    assert set(summary["weights"]) == {"finance", "sport", "gambling", "food"}
    assert summary["sources"]["sport"] == {"groups": 1, "bios": 1}
    assert summary["items"] == 5


def test_counts_merge_associatively_and_an_empty_slice_leaves_no_trace():
    names = ["Leeds Runners", "Casino Royale Fans", "Python Developers", "Gay Pride Leeds", "Recipes"] * 4
    whole = count("groups", names)
    parts = [count("groups", names[i:i + 3]) for i in range(0, len(names), 3)] + [count("pages", [])]
    assert merge_counts(parts) == whole
    assert merge_counts([merge_counts(parts[:2]), merge_counts(parts[2:])]) == whole
    assert merge_counts([empty_counts(), whole]) == whole
    assert count("pages", []) == empty_counts()


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        count("tweets", ["hi"])
