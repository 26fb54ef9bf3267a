"""The sentiment wrapper as it was before Chinese was read from precomputed tables: the code
of models_ml/sentiment.py at b165398 (main), verbatim below; its docstring held the rules.
The oracle that tests/models_ml and bench/models.py compare today's answers with: it reads
Chinese through SnowNLP itself (~400 MB and seconds to import, ~100-900 sentences/s).
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

__all__ = ["MAX_CHARS", "analyse_texts", "detect_language", "init_worker", "label_for"]

MAX_CHARS = 20_000
POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A sentence ends at . ! ? or an ellipsis followed by space, or at a line break; the
# punctuation stays with its sentence because VADER reads "!" as emphasis.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*")
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

_ENGLISH_STOPWORDS = frozenset(
    """the a an and or but is are was were be been being am i you he she it we they me my
    your our his her their its this that these those of to in on at for with from by about
    as not no so just have has had do does did will would can could should what when where
    who how all very today there here if up out get got im i'm it's don't can't thanks
    love""".split()
)
_FOREIGN_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) - _ENGLISH_STOPWORDS
    for lang, words in {
        "es": "el la los las de del que y en un una es por con para muy pero mi lo se su al "
        "este esta como hoy gracias nos estoy",
        "fr": "le la les des du de et est un une pour avec dans que qui pas je tu il nous "
        "vous sur mais merci ce cette sont",
        "de": "der die das und ist nicht ein eine mit auf für ich du wir sie es zu von den "
        "dem sehr auch aber",
        "pt": "o os as de do da dos das que e um uma para com em no na mas obrigado muito "
        "estou",
        "it": "il lo la gli le di che e un una per con non sono molto ma del della grazie",
        "nl": "de het een en van ik je niet dat met voor op zijn maar ook heel",
        "id": "yang dan di ini itu dengan untuk tidak dari ke ada saya akan juga aku kamu "
        "sudah bisa sangat selamat terima kasih semoga",
        "tr": "ve bir bu ile ama ben sen",
    }.items()
}

_lock = threading.Lock()
_vader: Any = None
_snownlp: Any = None


def init_worker() -> None:
    """Load both models now (e.g. in a worker process at start-up) instead of on first use."""
    _vader_analyzer()
    _snownlp_sentiment()


def _vader_analyzer() -> Any:
    global _vader
    if _vader is None:
        with _lock:
            if _vader is None:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                _vader = SentimentIntensityAnalyzer()
    return _vader


def _snownlp_sentiment() -> Any:
    """SnowNLP's sentiment module; importing it loads its classifier (about 2 s), so lazily."""
    global _snownlp
    if _snownlp is None:
        with _lock:
            if _snownlp is None:
                from snownlp import sentiment

                _snownlp = sentiment
    return _snownlp


def label_for(compound: float) -> str:
    """VADER's thresholds: >= 0.05 positive, <= -0.05 negative, otherwise neutral."""
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def _is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2EBEF
    )


def _is_kana(char: str) -> bool:
    return 0x3040 <= ord(char) <= 0x30FF


def _has_emoji(text: str) -> bool:
    emojis = _vader_analyzer().emojis
    return any(char in emojis for char in text)


def detect_language(text: str) -> str:
    """``en``, ``zh``, ``other`` or ``""`` (nothing to read) by the rule in the module docstring."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en" if _has_emoji(text) else ""
    if any(_is_kana(c) for c in letters):
        return "other"
    han = sum(1 for c in letters if _is_han(c))
    if han:
        other_words = len(re.findall(r"[^\W\d_]+", "".join(" " if _is_han(c) else c for c in text)))
        if han >= other_words:
            return "zh"
    ascii_letters = sum(1 for c in letters if c.isascii())
    if ascii_letters < 0.9 * len(letters):
        return "other"
    words = _ASCII_WORD.findall(text.lower())
    english = sum(1 for w in words if w in _ENGLISH_STOPWORDS)
    foreign = max(sum(1 for w in words if w in stop) for stop in _FOREIGN_STOPWORDS.values())
    if foreign > english:
        return "other"
    if len(words) >= 4 and english == 0:
        lexicon = _vader_analyzer().lexicon
        if not any(w in lexicon for w in words):
            return "other"
    return "en"


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s and not s.isspace()]


def _readable(sentence: str) -> bool:
    return any(c.isalpha() for c in sentence) or _has_emoji(sentence)


def _score_english(text: str) -> float:
    vader = _vader_analyzer()
    scores = [vader.polarity_scores(s)["compound"] for s in _sentences(text) if _readable(s)]
    return sum(scores) / len(scores) if scores else 0.0


def _score_chinese(text: str) -> float:
    from snownlp import normal

    classify = _snownlp_sentiment().classify
    sentences = [s for s in normal.get_sentences(text) if any(c.isalpha() for c in s)]
    if not sentences:
        return 0.0
    return sum(2.0 * classify(s) - 1.0 for s in sentences) / len(sentences)


def analyse_text(text: str | None) -> dict:
    """One text's ``{"label", "compound", "lang"}`` (see the module docstring)."""
    cleaned = _URL.sub(" ", (text or "")[:MAX_CHARS]).strip()
    lang = detect_language(cleaned) if cleaned else ""
    if not lang:
        return {"label": "empty", "compound": None, "lang": ""}
    if lang == "other":
        return {"label": "unsupported", "compound": None, "lang": "other"}
    compound = _score_english(cleaned) if lang == "en" else _score_chinese(cleaned)
    compound = round(max(-1.0, min(1.0, compound)), 4)
    return {"label": label_for(compound), "compound": compound, "lang": lang}


def analyse_texts(texts: Iterable[str | None]) -> list[dict]:
    """``analyse_text`` for each text, in order."""
    return [analyse_text(text) for text in texts]
