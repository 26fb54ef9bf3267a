"""Sentiment of posts and comments: VADER for English, SnowNLP's shipped model for Chinese
(through ``snownlp_sentiment``, which gives SnowNLP's answers ~100 times faster).

Each text gets ``{"label", "compound", "lang"}``:

``label``
    ``positive`` when the compound score is >= 0.05, ``negative`` when <= -0.05, otherwise
    ``neutral`` (VADER's own recommended thresholds, also applied to Chinese); ``unsupported``
    for a language neither model reads, which callers leave out of their ratios rather than
    score it as if it were English; ``empty`` when nothing is left to read (blank, only URLs,
    or no letters and no emoji).
``compound``
    In [-1, 1], or ``None`` for unsupported and empty texts.
``lang``
    ``en`` (read by VADER), ``zh`` (read by SnowNLP), ``other``, or ``""`` for empty texts.

Scoring rules
-------------
* URLs are removed first (VADER would read their words). Emoji and emoticons are left for
  VADER, which translates emoji into its lexicon's words itself; a text of emoji only has no
  language, and is read by VADER as the only model that understands emoji.
* Texts are scored sentence by sentence and the compound scores averaged: VADER's compound is
  a normalised sum that saturates towards +-1 as a text grows, so a long, mildly positive
  post would otherwise count as ecstatic. A one-sentence text is scored as it is.
* Chinese: SnowNLP's classifier (trained on product reviews, shipped with the package) gives
  the probability ``p`` that a sentence (cut at ，。？！； and line breaks) is positive; its
  compound-like value is ``2p - 1``, so 0.5 ("can't tell") maps to 0 and the same +-0.05
  thresholds apply (p within 0.475..0.525 is neutral). It is a probability, not an
  intensity: Chinese compounds run closer to +-1 than VADER's for the same strength of
  feeling. The texts' sentences are classified together, in one batch.
* Texts longer than ``MAX_CHARS`` are cut there: enough to judge the tone of a post, and it
  bounds the work one pathological text can cost.

Language detection (cheap and honest, see ``detect_language``)
-------------------------------------------------------------
1. No letters: emoji only -> ``en`` (see above); nothing -> ``""`` (empty).
2. Any Japanese kana -> ``other``. Counting each Han character as one unit and each run of
   other letters (a word) as one unit, Han at least half of the units -> ``zh``.
3. Fewer than 90% of the letters are ASCII (Cyrillic, Arabic, Devanagari, heavily accented
   Latin...) -> ``other``.
4. Among the lower-cased ASCII words, more stopwords of one of Spanish, French, German,
   Portuguese, Italian, Dutch, Indonesian or Turkish than English ones -> ``other``; four or
   more words none of which is an English stopword or a VADER lexicon word -> ``other``;
   otherwise ``en``.

Limits: a short Latin-script text in another language without its stopwords ("Feliz
cumpleaños hermano") passes as English, and VADER then finds no lexicon words in it, so it
comes out neutral rather than wrong; English written mostly in non-ASCII letters, or a
mixed text whose majority is another language, is unsupported; kanji-only Japanese is read
as Chinese. Chinese in traditional characters is read by the same (simplified-trained)
model.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .snownlp_sentiment import SnowNLPSentiment, sentences

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

# word -> the languages whose stopwords hold it
_FOREIGN_LANGUAGES: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, stop in _FOREIGN_STOPWORDS.items() if word in stop)
    for word in set().union(*_FOREIGN_STOPWORDS.values())
}

_lock = threading.Lock()
_vader: Any = None
_chinese: SnowNLPSentiment | None = None


def init_worker() -> None:
    """Load both models now (e.g. in a worker process at start-up) instead of on first use."""
    _vader_analyzer()
    _chinese_model()


def _vader_analyzer() -> Any:
    global _vader
    if _vader is None:
        with _lock:
            if _vader is None:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                _vader = SentimentIntensityAnalyzer()
    return _vader


def _chinese_model() -> SnowNLPSentiment:
    """SnowNLP's classifier as tables, cached in ``MODEL_CACHE_DIR`` (default
    ``~/.cache/credsly``): built once per machine (seconds), then loaded in milliseconds."""
    global _chinese
    if _chinese is None:
        with _lock:
            if _chinese is None:
                cache = os.environ.get("MODEL_CACHE_DIR") or Path.home() / ".cache" / "credsly"
                _chinese = SnowNLPSentiment.load(Path(cache))
    return _chinese


def label_for(compound: float) -> str:
    """VADER's thresholds: >= 0.05 positive, <= -0.05 negative, otherwise neutral."""
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def _char_class(codes: Iterable[int], negate: bool = False) -> str:
    """A regex character class of the ascending code points ``codes``, as ranges."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    body = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in runs)
    return f"[{'^' if negate else ''}{body}]"


_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF))
_HAN = re.compile(_char_class(c for first, last in _HAN_RANGES for c in range(first, last + 1)))
# Over exactly the characters str.isalpha accepts, so counting through these regexes gives
# what a loop over the characters gives, at the regex engine's speed.
_NOT_HAN_LETTERS = re.compile(_char_class(
    (c for first, last in _HAN_RANGES for c in range(first, last + 1) if chr(c).isalpha()),
    negate=True,
) + "+")
_KANA_LETTER = re.compile(_char_class(c for c in range(0x3040, 0x3100) if chr(c).isalpha()))
_WORD = re.compile(r"[^\W\d_]+")


def _has_emoji(text: str) -> bool:
    emojis = _vader_analyzer().emojis
    return any(char in emojis for char in text)


def detect_language(text: str) -> str:
    """``en``, ``zh``, ``other`` or ``""`` (nothing to read) by the rule in the module docstring."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return "en" if _has_emoji(text) else ""
    if not text.isascii():
        if _KANA_LETTER.search(text):
            return "other"
        han = len(_NOT_HAN_LETTERS.sub("", text))
        if han and han >= len(_WORD.findall(_HAN.sub(" ", text))):
            return "zh"
        ascii_text = text.encode("ascii", "ignore").decode("ascii")
        if sum(map(str.isalpha, ascii_text)) < 0.9 * letters:
            return "other"
    words = _ASCII_WORD.findall(text.lower())
    english = sum(1 for w in words if w in _ENGLISH_STOPWORDS)
    foreign: dict[str, int] = {}
    for word in words:
        for language in _FOREIGN_LANGUAGES.get(word, ()):
            foreign[language] = foreign.get(language, 0) + 1
    if max(foreign.values(), default=0) > english:
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


def _chinese_sentences(text: str) -> list[str]:
    return [s for s in sentences(text) if any(c.isalpha() for c in s)]


def _result(compound: float, lang: str) -> dict:
    compound = round(max(-1.0, min(1.0, compound)), 4)
    return {"label": label_for(compound), "compound": compound, "lang": lang}


def analyse_texts(texts: Iterable[str | None]) -> list[dict]:
    """``{"label", "compound", "lang"}`` for each text, in order (see the module docstring)."""
    results: list[dict] = []
    chinese: list[tuple[int, list[str]]] = []
    for text in texts:
        cleaned = _URL.sub(" ", (text or "")[:MAX_CHARS]).strip()
        lang = detect_language(cleaned) if cleaned else ""
        if not lang:
            results.append({"label": "empty", "compound": None, "lang": ""})
        elif lang == "other":
            results.append({"label": "unsupported", "compound": None, "lang": "other"})
        elif lang == "en":
            results.append(_result(_score_english(cleaned), "en"))
        else:
            chinese.append((len(results), _chinese_sentences(cleaned)))
            results.append({})
    batch = [sentence for _, found in chinese for sentence in found]
    probabilities = iter(_chinese_model().classify(batch) if batch else ())
    for index, found in chinese:
        scores = [2.0 * next(probabilities) - 1.0 for _ in found]
        results[index] = _result(sum(scores) / len(scores) if scores else 0.0, "zh")
    return results
