"""Emotions: texts whose emotion is known by construction (English and Chinese), negation,
the licence switch, clinical words, and the per-applicant shares and trend."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from models_ml import emotion_lexicon, emotions
from models_ml.emotion_lexicon import COMMERCIAL_USE_SOURCES, CORE_WORDS, EMOTIONS, lexicon
from models_ml.emotions import analyse_texts, applicant_emotions, count, merge_counts, summarise
from models_ml.tokens import tokenise

ENGLISH_FILLER = ["the", "on", "at", "train", "meeting", "tuesday", "report", "table"]
CHINESE_FILLER = ["今天", "火车", "会议", "报告", "桌子"]


def _core(emotion: str, chinese: bool) -> list[str]:
    return [w for w, e in CORE_WORDS.items() if e == emotion and w.isascii() != chinese and w.isalpha()]


def _single_emotion_words(emotion: str, chinese: bool) -> list[str]:
    """Words of the default lexicon that carry this one emotion only."""
    index = EMOTIONS.index(emotion)
    return sorted(
        w for w, weights in lexicon().items()
        if weights[index] == emotion_lexicon.WHOLE and w.isalpha() and w.isascii() != chinese
    )


def test_the_filler_words_carry_no_emotion():
    table = lexicon()
    assert not [w for w in ENGLISH_FILLER + CHINESE_FILLER if w in table]


@pytest.mark.parametrize("emotion", EMOTIONS)
def test_english_sentences_of_one_emotions_words_are_dominated_by_it(emotion):
    words = _core(emotion, chinese=False)
    texts = [f"On Tuesday I was {a} and {b} at the meeting." for a, b in zip(words, words[1:])]
    results = analyse_texts(texts)
    assert [r["dominant"] for r in results] == [emotion] * len(texts)
    assert all(r["lang"] == "en" and r["scores"][emotion] > 0 for r in results)


@pytest.mark.parametrize("emotion", EMOTIONS)
def test_chinese_sentences_of_one_emotions_words_are_dominated_by_it(emotion):
    words = _core(emotion, chinese=True)
    texts = [f"今天开会的时候我{w}。" for w in words]
    results = analyse_texts(texts)
    assert {r["lang"] for r in results} == {"zh"}
    assert [r["dominant"] for r in results] == [emotion] * len(texts)


@pytest.mark.parametrize("emotion", EMOTIONS)
@pytest.mark.parametrize("chinese", [False, True])
def test_random_texts_built_from_the_lexicon_follow_the_words_they_were_built_from(emotion, chinese):
    """Any words the shipped lexicons file under one emotion, among neutral filler, make a
    text of that emotion, whatever else is drawn."""
    import jieba

    rng = random.Random(f"{emotion}-{chinese}")
    words = _single_emotion_words(emotion, chinese)
    if chinese:
        words = [w for w in words if jieba.lcut(w) == [w]]  # cut as one word, so it can be read
    filler = CHINESE_FILLER if chinese else ENGLISH_FILLER
    texts = []
    for _ in range(40):
        chosen = rng.sample(words, rng.randint(1, 3)) + rng.sample(filler, 3)
        rng.shuffle(chosen)
        texts.append(("，" if chinese else " , ").join(chosen))
    assert [r["dominant"] for r in analyse_texts(texts)] == [emotion] * len(texts)


def test_two_emotions_in_equal_measure_are_mixed_and_no_emotion_word_is_none():
    results = analyse_texts(["I was furious and then thrilled.", "Meeting moved to the table.", ""])
    assert [r["dominant"] for r in results] == ["mixed", None, None]
    assert results[0]["scores"]["anger"] == results[0]["scores"]["joy"] > 0
    assert results[2] == {"lang": "", "words": 0, "scores": None, "dominant": None}


@pytest.mark.parametrize("text", ["I am not happy.", "We were never excited about it",
                                  "Don't be sad", "我一点也不开心。", "我没有生气"])
def test_a_negated_emotion_word_is_not_counted(text):
    assert analyse_texts([text])[0]["dominant"] is None


def test_negation_stops_at_the_end_of_a_clause():
    assert analyse_texts(["Not the train again. But I am happy now"])[0]["dominant"] == "joy"
    assert analyse_texts(["不是火车。我很开心"])[0]["dominant"] == "joy"


def test_inflected_english_words_are_read_by_their_base_form():
    assert "dreads" not in lexicon() and "dread" in lexicon()
    assert "panics" not in lexicon() and "panic" in lexicon()
    assert "sobbing" not in lexicon() and "sob" in lexicon()
    assert analyse_texts(["He dreads Mondays and panics"])[0]["dominant"] == "anxiety"
    assert analyse_texts(["She was sobbing"])[0]["dominant"] == "sadness"


def test_a_language_the_lexicons_do_not_read_is_unsupported_not_neutral():
    results = analyse_texts(["Привет, как дела сегодня?", "https://example.com/only-a-link"])
    assert [r["lang"] for r in results] == ["other", ""]
    counts = count(results)
    assert counts["unsupported"] == 1 and sum(counts["dominant"].values()) == 0


def test_words_that_name_a_medical_condition_never_count_as_an_emotion():
    assert not emotion_lexicon.CLINICAL & set(lexicon())
    assert analyse_texts(["depression", "抑郁症", "ptsd insomnia"]) == [
        {"lang": lang, "words": n, "scores": dict.fromkeys(EMOTIONS, 0.0), "dominant": None}
        for lang, n in (("en", 1), ("zh", 1), ("en", 2))
    ]


def test_the_research_only_lexicons_can_be_switched_off():
    nrc_only = sorted(set(emotion_lexicon._nrc()) - set(emotion_lexicon._empath()) - set(CORE_WORDS))
    nrc_word = next(w for w in nrc_only if w in lexicon() and w.isalpha())
    dutir_word = next(w for w in sorted(emotion_lexicon._dutir()) if w in lexicon() and w not in CORE_WORDS)
    assert "nrc" not in COMMERCIAL_USE_SOURCES and "dutir" not in COMMERCIAL_USE_SOURCES
    commercial = lexicon(COMMERCIAL_USE_SOURCES)
    assert nrc_word not in commercial and dutir_word not in commercial
    assert analyse_texts([nrc_word], sources=COMMERCIAL_USE_SOURCES)[0]["dominant"] is None
    assert analyse_texts([nrc_word])[0]["dominant"] is not None
    assert "sad" in commercial and "开心" in commercial  # the core list is always there


def test_an_unknown_lexicon_is_refused():
    with pytest.raises(ValueError, match="unknown emotion lexicon"):
        lexicon(("core", "liwc"))


def test_known_languages_and_tokens_are_used_as_given():
    texts = ["I am so happy", "我很伤心"]
    tokens = [tokenise(t) for t in texts]
    assert analyse_texts(texts, langs=["en", "zh"]) == analyse_texts([], tokens=tokens)
    assert analyse_texts(texts, langs=["other", "other"])[0]["lang"] == "other"


AS_OF = dt.date(2025, 6, 15)


def _dated(text: str, year: int, month: int) -> dict:
    return {"text": text, "created_at": f"{year:04d}-{month:02d}-10T08:00:00Z"}


def test_shares_count_each_text_once_by_its_dominant_emotion():
    items = ["So worried about rent", "Worried again", "I am furious", "We are thrilled", "The train."]
    summary = applicant_emotions(items, AS_OF)
    assert summary["texts"] == 5
    assert summary["shares"] == {"anxiety": 0.4, "anger": 0.2, "sadness": 0.0, "joy": 0.2,
                                 "mixed": 0.0, "none": 0.2}
    assert summary["missing"] is None
    assert summary["trend"]["missing"] == "fewer than 5 dated texts in the last 12 months and in the 12 months before"


def test_the_trend_compares_the_last_12_months_with_the_12_before():
    recent = [_dated("I am so anxious", 2025, m) for m in (6, 5, 1)] + [_dated("so happy", 2024, 7)] * 3
    previous = [_dated("so happy", 2024, 6)] * 4 + [_dated("I am so anxious", 2023, 7)]
    ignored = [_dated("I am furious", 2023, 6), _dated("I am furious", 2025, 7), {"text": "I am furious"}]
    summary = applicant_emotions(recent + previous + ignored, AS_OF)
    trend = summary["trend"]
    assert (trend["recent"]["from"], trend["recent"]["to"]) == ("2024-07", "2025-06")
    assert (trend["previous"]["from"], trend["previous"]["to"]) == ("2023-07", "2024-06")
    assert (trend["recent"]["texts"], trend["previous"]["texts"]) == (6, 5)
    assert trend["change"] == pytest.approx({"anxiety": 0.5 - 0.2, "anger": 0, "sadness": 0, "joy": 0.5 - 0.8})
    assert trend["missing"] is None
    assert summary["texts"] == len(recent + previous + ignored)


def test_no_readable_text_is_a_plain_missing():
    summary = summarise(emotions.empty_counts(), AS_OF)
    assert summary["shares"] is None
    assert summary["missing"] == "no English or Chinese post or comment to read"


def test_counts_merge_associatively_into_what_counting_everything_gives():
    rng = random.Random(5)
    words = ["happy", "furious", "sad", "worried", "train", "开心", "伤心"]
    texts = [" ".join(rng.choices(words, k=3)) for _ in range(60)]
    dates = [f"2024-{rng.randint(1, 12):02d}-01" if rng.random() < 0.7 else None for _ in texts]
    whole = count(analyse_texts(texts), dates)
    parts = [count(analyse_texts(texts[i:i + 7]), dates[i:i + 7]) for i in range(0, 60, 7)]
    assert merge_counts(parts) == whole
    assert merge_counts([merge_counts(parts[:3]), merge_counts(parts[3:])]) == whole
    assert merge_counts([emotions.empty_counts(), whole]) == whole
    json.dumps(whole)


def test_dates_must_match_the_texts():
    with pytest.raises(ValueError, match="2 dates for 1 texts"):
        count(analyse_texts(["happy"]), ["2024-01-01", None])


@pytest.mark.parametrize("value, month", [
    ("2024-03-05T10:00:00+00:00", "2024-03"), (dt.date(2024, 3, 5), "2024-03"),
    (dt.datetime(2024, 12, 31, 23), "2024-12"), ("2024-13-01", None), ("yesterday", None), (None, None),
])
def test_months_are_read_from_iso_dates_or_left_undated(value, month):
    assert emotions.month_of(value) == month
