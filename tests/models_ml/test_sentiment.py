"""Sentiment: VADER for English, SnowNLP for Chinese, other languages unsupported."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from models_ml.sentiment import analyse_texts, detect_language, label_for


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
