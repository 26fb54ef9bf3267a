"""Sentiment: VADER for English, SnowNLP for Chinese, other languages unsupported."""

from __future__ import annotations

import random

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from models_ml.sentiment import analyse_texts, detect_language, label_for
from tests.models_ml import sentiment_before
from tests.models_ml.corpus import OTHER_LANGUAGE_TEXTS, english_texts, mixed_texts


def one(text):
    return analyse_texts([text])[0]


@pytest.mark.parametrize(
    ("compound", "label"),
    [(0.05, "positive"), (0.9, "positive"), (0.0499, "neutral"), (0.0, "neutral"),
     (-0.0499, "neutral"), (-0.05, "negative"), (-1.0, "negative")],
)
def test_labels_follow_vaders_thresholds(compound, label):
    assert label_for(compound) == label


def test_english_is_scored_by_vader():
    text = "I love my new job, the team is wonderful."
    result = one(text)
    assert result == {
        "label": "positive",
        "compound": SentimentIntensityAnalyzer().polarity_scores(text)["compound"],
        "lang": "en",
    }
    assert one("This is the worst service, I hate it.")["label"] == "negative"
    assert one("The meeting is at 5pm in room 4.")["label"] == "neutral"


def test_long_texts_are_the_mean_of_their_sentences():
    vader = SentimentIntensityAnalyzer()
    sentences = ["What a great day!", "The bus was late.", "I hate waiting in the rain."]
    expected = sum(vader.polarity_scores(s)["compound"] for s in sentences) / 3
    assert one(" ".join(sentences))["compound"] == pytest.approx(expected, abs=1e-4)
    assert one("\n".join(sentences))["compound"] == pytest.approx(expected, abs=1e-4)


def test_a_long_mildly_positive_text_does_not_saturate():
    text = "It was good. " * 40
    whole = SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    assert whole > 0.99  # what VADER alone says of the whole text
    assert one(text)["compound"] == pytest.approx(
        SentimentIntensityAnalyzer().polarity_scores("It was good.")["compound"], abs=1e-4
    )


def test_urls_are_removed_and_emoji_left_to_vader():
    assert one("awful https://example.com/great-wonderful-love")["label"] == "negative"
    assert one("https://t.co/abc123") == {"label": "empty", "compound": None, "lang": ""}
    emoji = one("😀😀")
    assert emoji["label"] == "positive"
    assert emoji["compound"] == SentimentIntensityAnalyzer().polarity_scores("😀😀")["compound"]


@pytest.mark.parametrize("text", ["", "   \n", None, "!!! ???", "12345"])
def test_empty_texts_are_skipped(text):
    assert one(text) == {"label": "empty", "compound": None, "lang": ""}


def test_chinese_goes_to_snownlp_with_compound_2p_minus_1():
    from snownlp import sentiment

    text = "我今天很开心"
    result = one(text)
    assert result["lang"] == "zh"
    assert result["compound"] == pytest.approx(2 * sentiment.classify(text) - 1, abs=1e-4)
    assert result["label"] == "positive"
    assert one("这个产品太差了，非常失望！")["label"] == "negative"


@pytest.mark.parametrize(
    "text",
    ["Je suis très content de ce travail", "Das ist sehr gut und ich bin froh",
     "Привет, как дела?", "こんにちは、元気ですか", "مرحبا كيف حالك",
     "Selamat pagi semua, semoga harimu menyenangkan", "Muchas gracias por todo el apoyo"],
)
def test_other_languages_are_unsupported_not_scored_as_english(text):
    assert one(text) == {"label": "unsupported", "compound": None, "lang": "other"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Happy birthday bro!!", "en"), ("Great game tonight, amazing team win", "en"),
     ("我们的团队今天 launch 了新产品", "zh"), ("Meeting with 李 and the team today", "en"),
     ("😂", "en"), ("", "")],
)
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def test_results_keep_the_order_of_the_texts():
    results = analyse_texts(["I love it", "", "Das ist sehr gut und ich bin froh", "I hate it"])
    assert [r["label"] for r in results] == ["positive", "empty", "unsupported", "negative"]


def test_english_answers_are_those_of_the_wrapper_before():
    texts = english_texts(400) + [
        "GREAT!!! but the ending was not good :(", "😀 😢", "Kinda meh... www.example.com ok",
        "It was good. " * 40, "I love it\n\nI hate it", "The End…  Not bad at all?!",
    ]
    assert analyse_texts(texts) == sentiment_before.analyse_texts(texts)


def random_strings(count: int, seed: int) -> list[str]:
    """Strings of code points from every script the detector weighs: ASCII, Latin-1 and
    Cyrillic, kana, Han (and the rarer Han blocks), emoji, spaces and punctuation."""
    rng = random.Random(seed)
    blocks = [(0x20, 0x7E), (0xA0, 0x4FF), (0x3000, 0x30FF), (0x3400, 0x9FFF), (0xF900, 0xFAFF),
              (0x1F300, 0x1F6FF), (0x20000, 0x2EBEF)]
    return [
        "".join(chr(rng.randint(*rng.choice(blocks))) for _ in range(rng.randint(1, 25)))
        for _ in range(count)
    ]


def test_language_detection_is_that_of_the_wrapper_before():
    texts = random_strings(5000, seed=2) + english_texts(300) + list(OTHER_LANGUAGE_TEXTS)
    assert [detect_language(t) for t in texts] == [sentiment_before.detect_language(t) for t in texts]


def test_each_language_is_routed_to_its_model_as_before():
    texts = mixed_texts(200)
    now, before = analyse_texts(texts), sentiment_before.analyse_texts(texts)
    assert [r["lang"] for r in now] == [r["lang"] for r in before]
    assert {r["lang"] for r in now} == {"en", "zh", "other", ""}
    assert [r for r in now if r["lang"] != "zh"] == [r for r in before if r["lang"] != "zh"]
    chinese = [(a["label"], b["label"]) for a, b in zip(now, before) if b["lang"] == "zh"]
    assert sum(a == b for a, b in chinese) >= 0.95 * len(chinese)
