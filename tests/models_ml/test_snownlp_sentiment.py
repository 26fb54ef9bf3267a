"""SnowNLP's sentiment from precomputed tables: the same answers as SnowNLP itself."""

from __future__ import annotations

import random
import re
import subprocess
import sys

import pytest
from snownlp import sentiment as snownlp_sentiment

from models_ml import sentiment
from models_ml.snownlp_sentiment import SnowNLPSentiment, _save, sentences
from tests.models_ml import sentiment_before
from tests.models_ml.corpus import chinese_sources, chinese_texts

HAN = re.compile("[\u4e00-\u9fa5]")


def hard_sentences(count: int, seed: int) -> list[str]:
    """Sentences of the shipped reviews and news, and made-up ones mixing common characters
    with rare ones SnowNLP's segmenter never saw, Latin words, digits and emoji."""
    rng = random.Random(seed)
    reviews, news = chinese_sources()
    real = [s for text in rng.sample(reviews + news, count) for s in sentences(text)]
    common = HAN.findall("".join(rng.sample(reviews, 50)))
    made_up = [
        "".join(
            rng.choice((chr(rng.randint(0x4E00, 0x9FA5)), rng.choice(common), rng.choice(common),
                        " ", "ok", "3", "😀"))
            for _ in range(rng.randint(1, 40))
        )
        for _ in range(count)
    ]
    return real[:count] + made_up


def test_every_sentence_gets_snownlps_probability():
    batch = hard_sentences(400, seed=3)
    ours = sentiment._chinese_model().classify(batch)
    theirs = [snownlp_sentiment.classify(s) for s in batch]
    assert ours == pytest.approx(theirs, abs=1e-9)
    assert min(theirs) < 0.05 and max(theirs) > 0.95  # both tones are in the sample


def test_the_polarity_class_agrees_with_snownlp_on_a_mixed_corpus():
    texts = chinese_texts(150, seed=5)
    now = sentiment.analyse_texts(texts)
    before = sentiment_before.analyse_texts(texts)
    chinese = [(a, b) for a, b in zip(now, before) if b["lang"] == "zh"]
    agree = sum(a["label"] == b["label"] for a, b in chinese)
    assert len(chinese) > 140
    assert {b["label"] for _, b in chinese} == {"positive", "negative", "neutral"}
    assert agree >= 0.95 * len(chinese)


def test_an_empty_batch_and_sentences_without_han():
    model = sentiment._chinese_model()
    assert model.classify([]) == []
    batch = ["ok", "😀😀", "123 abc", "好"]
    assert model.classify(batch) == pytest.approx(
        [snownlp_sentiment.classify(s) for s in batch], abs=1e-9
    )


def test_tables_are_cached_and_read_back(tmp_path):
    built = SnowNLPSentiment.load(tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".npz"]
    cached = SnowNLPSentiment.load(tmp_path)
    batch = hard_sentences(50, seed=8)
    assert cached.classify(batch) == built.classify(batch)


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    _save(blocker / "tables.npz", {})
    assert "not cached" in caplog.text
    assert blocker.read_text() == ""


def test_loading_the_model_does_not_import_snownlp():
    # Importing snownlp loads every model it has (~400 MB): the tables need none of it.
    code = ("import sys, models_ml.sentiment as s; s.init_worker(); "
            "print(any(m.split('.')[0] == 'snownlp' for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
