"""Interests (the user portrait): which topics of a small fixed taxonomy an applicant's
group and page names, bios, posts and comments are about.

Each item (one name, one bio, one post) is matched against ``taxonomy.TOPICS`` (finance,
education, work, travel, sport, gambling, technology, food, family, entertainment,
shopping, home): English by word and two-word phrase, with the usual inflections
(``loans`` -> ``loan``), Chinese by term anywhere in the text (in any text with Han
characters, whichever language it was read as). An item counts once per
topic it names, however often it names it.

Protected categories are recognised and dropped
    An item that names any of ``taxonomy.PROTECTED`` (religion, politics, health, sexual
    orientation, ethnicity, trade-union membership, sex life) is dropped whole: it adds to
    no topic, so "Christian Football Club" says nothing about sport either, and nothing
    records that it was dropped or why. The protected categories are never returned, and
    the counts below cannot hold them (their keys are topics only).

Counts that add up across chunks (``count``, ``merge_counts``)::

    {"items": {kind: items read}, "topics": {kind: {topic: items naming it}}}

with kind one of ``KINDS``. ``summarise`` turns them into ``weights`` (topic -> share of all
topic mentions, summing to 1), ``sources`` (topic -> kind -> items: where it came from) and
a plain ``missing`` sentence when no item names a topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from .taxonomy import PROTECTED, TOPICS
from .tokens import BREAK, Tokens, base_forms, tokenise

__all__ = ["KINDS", "TOPICS", "applicant_interests", "count", "empty_counts", "merge_counts",
           "summarise", "topics_of"]

KINDS = ("groups", "pages", "bios", "posts", "comments")
_PROTECTED = "!"  # the mark of a protected term in the lookup tables; never a topic name
WORD_CACHE_SIZE = 200_000


_ANY_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _has_han(term: str) -> bool:
    return _ANY_HAN.search(term) is not None


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], re.Pattern[str]]:
    """English word/phrase -> topics (or the protected mark), the same for Chinese terms, and
    one regex finding the Chinese terms, longest first. A term listed under a topic and a
    protected category is protected."""
    english: dict[str, set[str]] = {}
    chinese: dict[str, set[str]] = {}
    for groups, mark in ((TOPICS, None), (PROTECTED, _PROTECTED)):
        for name, terms in groups.items():
            for term in terms:
                table = chinese if _has_han(term) else english
                table.setdefault(term.lower(), set()).add(mark or name)
    def frozen(table: dict[str, set[str]]) -> dict[str, frozenset[str]]:
        return {t: frozenset({_PROTECTED} if _PROTECTED in s else s) for t, s in table.items()}

    pattern = "|".join(re.escape(t) for t in sorted(chinese, key=len, reverse=True))
    return frozen(english), frozen(chinese), re.compile(pattern)


_word_cache: dict[str, frozenset[str]] = {}
_NONE: frozenset[str] = frozenset()


def _english_topics(word: str, table: Mapping[str, frozenset[str]]) -> frozenset[str]:
    found = _word_cache.get(word)
    if found is None:
        found = table.get(word)
        if found is None and word.isascii():
            found = next((table[f] for f in base_forms(word) if f in table), _NONE)
        if len(_word_cache) >= WORD_CACHE_SIZE:
            _word_cache.clear()  # a long-lived worker must not grow without bound
        _word_cache[word] = found = found or _NONE
    return found


def _phrase_topics(first: str, second: str, table: Mapping[str, frozenset[str]]) -> frozenset[str]:
    for form in (second, *base_forms(second)):
        found = table.get(f"{first} {form}")
        if found is not None:
            return found
    return _NONE


def topics_of(text: str | None, tokens: Tokens | None = None) -> frozenset[str] | None:
    """The topics ``text`` names, or ``None`` when it names a protected category (dropped).
    ``tokens`` when the text is already cut (``models_ml.tokens``)."""
    english, chinese, chinese_terms = _tables()
    if tokens is None:
        tokens = tokenise(text)
    found: set[str] = set()
    words = tokens.words
    for position, word in enumerate(words):
        if word == BREAK:
            continue
        found |= _english_topics(word, english)
        if position + 1 < len(words) and words[position + 1] != BREAK:
            found |= _phrase_topics(word, words[position + 1], english)
    if text and _ANY_HAN.search(text):  # whatever language won, a Chinese term still counts
        for term in chinese_terms.findall(text):
            found |= chinese[term]
    return None if _PROTECTED in found else frozenset(found)


def empty_counts() -> dict:
    """Counts of no item at all."""
    return {"items": {}, "topics": {}}


def count(kind: str, texts: Sequence[str | None], tokens: Sequence[Tokens] | None = None) -> dict:
    """Counts for a slice of items of one kind; ``tokens`` (one per text) when already cut."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if tokens is not None and len(tokens) != len(texts):
        raise ValueError(f"{len(tokens)} token lists for {len(texts)} texts")
    if not texts:
        return empty_counts()  # no trace of a kind with nothing in it, whatever the chunking
    topics: dict[str, int] = {}
    for number, text in enumerate(texts):
        named = topics_of(text, tokens[number] if tokens is not None else None)
        for topic in named or ():
            topics[topic] = topics.get(topic, 0) + 1
    counts = empty_counts()
    counts["items"][kind] = len(texts)
    counts["topics"][kind] = dict(sorted(topics.items()))
    return counts


def merge_counts(parts: Iterable[Mapping]) -> dict:
    """Counts added up; associative, and ``empty_counts()`` is its identity."""
    total = empty_counts()
    for part in parts:
        for kind, n in part.get("items", {}).items():
            total["items"][kind] = total["items"].get(kind, 0) + n
        for kind, topics in part.get("topics", {}).items():
            into = total["topics"].setdefault(kind, {})
            for topic, n in topics.items():
                into[topic] = into.get(topic, 0) + n
    total["items"] = {k: total["items"][k] for k in KINDS if k in total["items"]}
    total["topics"] = {k: dict(sorted(total["topics"][k].items())) for k in KINDS if k in total["topics"]}
    return total


def summarise(counts: Mapping) -> dict:
    """Topic weights (shares of topic mentions) with where each came from."""
    sources: dict[str, dict[str, int]] = {}
    for kind, topics in counts.get("topics", {}).items():
        for topic, n in topics.items():
            if topic in TOPICS and n:
                sources.setdefault(topic, {})[kind] = n
    mentions = {topic: sum(by_kind.values()) for topic, by_kind in sources.items()}
    total = sum(mentions.values())
    weights = {t: round(n / total, 4) for t, n in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))}
    return {
        "items": sum(counts.get("items", {}).values()),
        "weights": weights,
        "sources": {t: sources[t] for t in weights},
        "missing": None if total else "no group, page, bio or post names a topic",
    }


def applicant_interests(profiles: Iterable[Mapping]) -> dict:
    """``summarise`` for one applicant's normalized profiles (names, bios, posts, comments)."""
    parts = []
    for profile in profiles:
        bio = (profile.get("profile") or {}).get("bio")
        parts += [
            count("groups", profile.get("groups") or []),
            count("pages", profile.get("pages") or []),
            count("bios", [bio] if bio else []),
            count("posts", [p.get("text") for p in profile.get("posts") or []]),
            count("comments", [c.get("text") for c in profile.get("comments") or []]),
        ]
    return summarise(merge_counts(parts))
