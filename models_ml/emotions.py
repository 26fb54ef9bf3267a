"""Emotions in posts and comments (English and Chinese): per text, and per applicant with a
trend, by lexicon lookup (see ``emotion_lexicon`` for the words, their sources and licences).

Per text (``analyse_texts``): ``{"lang", "words", "scores", "dominant"}``

``scores``
    For each of ``EMOTIONS`` (anxiety, anger, sadness, joy): the emotion words' weight per
    word of the text, in [0, 1] (a word filed under k emotions gives 1/k to each). An
    emotion word is not counted when one of ``NEGATORS`` stands within the three words
    before it in the same clause ("not happy", 不开心).
``dominant``
    The emotion with the highest score; ``mixed`` when two or more share it; ``None`` when
    no emotion word was found, or when the text is empty or in a language the lexicons do
    not read (``lang`` says which: see ``models_ml.tokens``).

Per applicant: ``count`` turns the per-text results into counts that add up across chunks
(``{"unsupported": n, "dominant": {emotion|mixed|none: n}, "months": {"YYYY-MM": {...}}}``,
dated texts also counted in their month), ``merge_counts`` adds such counts, and
``summarise`` gives the share of texts where each emotion dominates and its trend: the
share in the 12 calendar months up to the as-of date's month against the 12 months before,
with a plain ``missing`` sentence when either year has fewer than ``MIN_TREND_TEXTS``
texts. Counting by month keeps the counts independent of the as-of date, so the same
stored chunks give the trend as of any day.

Speed: one dictionary lookup per word (a per-process cache remembers each distinct word's
answer, inflections included), so English runs at many thousand texts a second;
``bench/signals.py`` measures it against the sentiment model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from .emotion_lexicon import DEFAULT_SOURCES, EMOTIONS, NEGATORS, WHOLE, Weights, lexicon
from .tokens import BREAK, Tokens, base_forms, tokenise_many

__all__ = [
    "EMOTIONS",
    "MIN_TREND_TEXTS",
    "OUTCOMES",
    "analyse_texts",
    "applicant_emotions",
    "count",
    "empty_counts",
    "merge_counts",
    "score",
    "summarise",
]

OUTCOMES = (*EMOTIONS, "mixed", "none")
NEGATION_REACH = 3
MIN_TREND_TEXTS = 5
WORD_CACHE_SIZE = 200_000
_NOTHING: Weights = (0, 0, 0, 0)

_word_caches: dict[tuple[str, ...], dict[str, Weights]] = {}


def _lookup(word: str, table: Mapping[str, Weights], cache: dict[str, Weights]) -> Weights:
    found = cache.get(word)
    if found is None:
        found = table.get(word)
        if found is None and word.isascii():
            found = next((table[f] for f in base_forms(word) if f in table), _NOTHING)
        if len(cache) >= WORD_CACHE_SIZE:
            cache.clear()  # a long-lived worker must not grow without bound
        cache[word] = found = found or _NOTHING
    return found


def score(tokens: Tokens, sources: tuple[str, ...] = DEFAULT_SOURCES) -> dict:
    """One text's ``{"lang", "words", "scores", "dominant"}`` from its tokens."""
    words = [w for w in tokens.words if w != BREAK]
    if not words:
        return {"lang": tokens.lang, "words": 0, "scores": None, "dominant": None}
    table = lexicon(sources)
    cache = _word_caches.setdefault(sources, {})
    totals = [0, 0, 0, 0]
    since_negator = NEGATION_REACH + 1
    for word in tokens.words:
        if word == BREAK:
            since_negator = NEGATION_REACH + 1
            continue
        if word in NEGATORS:
            since_negator = 0
            continue
        since_negator += 1
        weights = _lookup(word, table, cache)
        if weights is not _NOTHING and since_negator > NEGATION_REACH:
            for i, weight in enumerate(weights):
                totals[i] += weight
    scale = WHOLE * len(words)
    top = max(totals)
    leaders = [e for e, total in zip(EMOTIONS, totals) if total == top]
    dominant = None if top == 0 else leaders[0] if len(leaders) == 1 else "mixed"
    scores = {e: round(total / scale, 4) for e, total in zip(EMOTIONS, totals)}
    return {"lang": tokens.lang, "words": len(words), "scores": scores, "dominant": dominant}


def analyse_texts(
    texts: Iterable[str | None],
    langs: Sequence[str] | None = None,
    sources: tuple[str, ...] = DEFAULT_SOURCES,
    tokens: Sequence[Tokens] | None = None,
) -> list[dict]:
    """``score`` for each text, in order. ``langs`` when the languages are already known
    (the sentiment model's), ``tokens`` when the texts are already cut (then ``texts`` and
    ``langs`` are not read again)."""
    if tokens is None:
        tokens = tokenise_many(texts, langs)
    return [score(t, tuple(sources)) for t in tokens]


def empty_counts() -> dict:
    """Counts of no text at all."""
    return {"unsupported": 0, "dominant": dict.fromkeys(OUTCOMES, 0), "months": {}}


def month_of(created_at: str | dt.date | None) -> str | None:
    """``YYYY-MM`` of an ISO date or datetime (string or object), or ``None``."""
    if isinstance(created_at, dt.date):
        return f"{created_at.year:04d}-{created_at.month:02d}"
    if isinstance(created_at, str) and len(created_at) >= 7:
        try:
            month = dt.date(int(created_at[:4]), int(created_at[5:7]), 1)
        except ValueError:
            return None
        return f"{month.year:04d}-{month.month:02d}" if created_at[4] == "-" else None
    return None


def count(results: Sequence[dict], dates: Sequence[str | dt.date | None] | None = None) -> dict:
    """Per-text results (of ``analyse_texts``) as counts; ``dates`` one per result or none."""
    if dates is not None and len(dates) != len(results):
        raise ValueError(f"{len(dates)} dates for {len(results)} texts")
    counts = empty_counts()
    for number, result in enumerate(results):
        if result["lang"] == "other":
            counts["unsupported"] += 1
            continue
        if result["words"] == 0:
            continue
        outcome = result["dominant"] or "none"
        counts["dominant"][outcome] += 1
        month = month_of(dates[number]) if dates is not None else None
        if month is not None:
            bucket = counts["months"].setdefault(month, dict.fromkeys(OUTCOMES, 0))
            bucket[outcome] += 1
    return counts


def merge_counts(parts: Iterable[Mapping]) -> dict:
    """Counts added up; associative, and ``empty_counts()`` is its identity."""
    total = empty_counts()
    for part in parts:
        total["unsupported"] += part.get("unsupported", 0)
        for outcome, n in part.get("dominant", {}).items():
            total["dominant"][outcome] = total["dominant"].get(outcome, 0) + n
        for month, bucket in part.get("months", {}).items():
            into = total["months"].setdefault(month, dict.fromkeys(OUTCOMES, 0))
            for outcome, n in bucket.items():
                into[outcome] = into.get(outcome, 0) + n
    total["months"] = dict(sorted(total["months"].items()))
    return total


def _shares(outcomes: Mapping[str, int]) -> dict[str, float] | None:
    texts = sum(outcomes.values())
    if not texts:
        return None
    return {o: round(outcomes.get(o, 0) / texts, 4) for o in OUTCOMES}


def _month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _year(months: Mapping[str, Mapping[str, int]], last: int) -> dict:
    first = last - 11
    outcomes = dict.fromkeys(OUTCOMES, 0)
    for month, bucket in months.items():
        if first <= _month_index(month) <= last:
            for outcome, n in bucket.items():
                outcomes[outcome] += n
    return {"from": _month_name(first), "to": _month_name(last),
            "texts": sum(outcomes.values()), "shares": _shares(outcomes)}


def trend(counts: Mapping, as_of: dt.date) -> dict:
    """Each emotion's share in the 12 months up to ``as_of``'s month against the 12 before."""
    months = counts.get("months", {})
    last = as_of.year * 12 + as_of.month - 1
    recent, previous = _year(months, last), _year(months, last - 12)
    short = [name for name, year in (("the last 12 months", recent), ("the 12 months before", previous))
             if year["texts"] < MIN_TREND_TEXTS]
    change = None
    if not short:
        change = {e: round(recent["shares"][e] - previous["shares"][e], 4) for e in EMOTIONS}
    return {
        "as_of": as_of.isoformat(),
        "recent": recent,
        "previous": previous,
        "change": change,
        "missing": f"fewer than {MIN_TREND_TEXTS} dated texts in {' and in '.join(short)}" if short else None,
    }


def summarise(counts: Mapping, as_of: dt.date, sources: Iterable[str] = DEFAULT_SOURCES) -> dict:
    """The applicant-level emotions: shares of texts by dominant emotion, and the trend."""
    outcomes = counts.get("dominant", {})
    texts = sum(outcomes.values())
    return {
        "texts": texts,
        "unsupported": counts.get("unsupported", 0),
        "shares": _shares(outcomes),
        "missing": None if texts else "no English or Chinese post or comment to read",
        "trend": trend(counts, as_of),
        "lexicons": sorted(set(sources) | {"core"}),
    }


def applicant_emotions(
    items: Iterable[Mapping | str],
    as_of: dt.date,
    sources: tuple[str, ...] = DEFAULT_SOURCES,
) -> dict:
    """``summarise`` for one applicant's texts: strings, or ``{"text", "created_at"}`` items."""
    items = [item if isinstance(item, Mapping) else {"text": item} for item in items]
    results = analyse_texts([item.get("text") for item in items], sources=sources)
    return summarise(count(results, [item.get("created_at") for item in items]), as_of, sources)
