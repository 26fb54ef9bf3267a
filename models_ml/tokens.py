"""A text's words, cut once and read by both lexicon analyses (emotions and interests).

``tokenise(text)`` gives ``Tokens(lang, words)``:

``lang``
    ``en`` or ``zh`` when a lexicon of ours can read the text, ``other`` for another
    language, ``""`` when nothing is left to read. Callers that already know the language
    (the sentiment model decides it for every post) pass it in; otherwise ``guess_language``
    decides by script alone: Han characters at least half of the units (a Han character or
    a run of other letters) -> ``zh``; at least 90% of the letters ASCII -> ``en``; a text of
    emoji alone -> ``en``; anything else -> ``other``. A Spanish post written in ASCII is
    therefore read with the English lexicons, where it finds few words and comes out
    without an emotion rather than a wrong one.
``words``
    Lower-cased English words (``don't`` is one word; curly apostrophes are straightened),
    jieba's words for Chinese (English words inside a Chinese post are kept, lower-cased),
    the emoji that the emotion lexicon knows, and ``BREAK`` where a clause ends
    (``. ! ? ;`` and their Chinese forms), so that a negation does not reach into the next
    clause. URLs are removed first; a text is cut at ``MAX_CHARS``.

``base_forms(word)`` lists the forms a lexicon lookup tries for an English word that is not
listed as it is (``worries`` -> ``worry``, ``panicked`` -> ``panic``): the lexicons list
lemmas, and a per-process cache keeps this to one dictionary lookup per distinct word.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["BREAK", "MAX_CHARS", "Tokens", "base_forms", "guess_language", "tokenise", "tokenise_many"]

MAX_CHARS = 20_000
BREAK = "."

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Emoji ranges (pictographs, emoticons, symbols) and a broken heart; words of letters with
# inner apostrophes; clause ends.
_EMOJI = "\U0001F300-\U0001FAFF\u2600-\u27BF"
_ENGLISH_TOKEN = re.compile(rf"[a-z0-9]+(?:'[a-z]+)*|[.!?;]+|[{_EMOJI}]")
_CLAUSE_END = frozenset("。！？；.!?;")
_HAN_OR_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\d_]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTERS = re.compile(r"[^\W\d_]")
_HAS_EMOJI = re.compile(rf"[{_EMOJI}]")


@dataclass(frozen=True, slots=True)
class Tokens:
    """One text cut into words; see the module docstring."""

    lang: str
    words: tuple[str, ...]


def guess_language(text: str) -> str:
    """``en``, ``zh``, ``other`` or ``""`` by script alone (see the module docstring)."""
    letters = _LETTERS.findall(text)
    if not letters:
        return "en" if _HAS_EMOJI.search(text) else ""
    units = _HAN_OR_WORD.findall(text)
    han = sum(1 for unit in units if _HAN.fullmatch(unit))
    if han and 2 * han >= len(units):
        return "zh"
    ascii_letters = sum(1 for letter in letters if letter.isascii())
    return "en" if ascii_letters >= 0.9 * len(letters) else "other"


_jieba_lock = threading.Lock()
_jieba: Any = None


def _segmenter() -> Any:
    """jieba's default tokenizer, its dictionary loaded once per process (about a second)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)  # its start-up chatter is not our log
                jieba.initialize()
                _jieba = jieba
    return _jieba


def init_worker() -> None:
    """Load jieba's dictionary now rather than in the first Chinese text."""
    _segmenter()


def _english_words(text: str) -> tuple[str, ...]:
    lowered = text.lower().replace("\u2019", "'")
    return tuple(BREAK if token[0] in _CLAUSE_END else token for token in _ENGLISH_TOKEN.findall(lowered))


def _chinese_words(text: str) -> tuple[str, ...]:
    words = []
    for token in _segmenter().lcut(text):
        if token in _CLAUSE_END:
            words.append(BREAK)
        elif not token.isspace() and (_LETTERS.search(token) or _HAS_EMOJI.search(token) or token.isdigit()):
            words.append(token.lower())
    return tuple(words)


def tokenise(text: str | None, lang: str | None = None) -> Tokens:
    """The words of ``text``; ``lang`` when the caller already knows it."""
    cleaned = _URL.sub(" ", (text or "")[:MAX_CHARS]).strip()
    if lang is None:
        lang = guess_language(cleaned) if cleaned else ""
    if lang == "zh":
        return Tokens("zh", _chinese_words(cleaned))
    if lang == "en":
        return Tokens("en", _english_words(cleaned))
    return Tokens(lang if lang == "other" else "", ())


def tokenise_many(texts: Iterable[str | None], langs: Sequence[str] | None = None) -> list[Tokens]:
    """``tokenise`` for each text, in order; ``langs`` (one per text) when already known."""
    texts = list(texts)
    if langs is None:
        return [tokenise(text) for text in texts]
    if len(langs) != len(texts):
        raise ValueError(f"{len(langs)} languages for {len(texts)} texts")
    return [tokenise(text, lang) for text, lang in zip(texts, langs)]


def base_forms(word: str) -> tuple[str, ...]:
    """Forms to try after ``word`` itself for an English inflection (see the module docstring)."""
    forms: list[str] = []
    if word.endswith("'s"):
        forms.append(word[:-2])
    if word.endswith(("ies", "ied")) and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        forms += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.append(stem[:-1])  # running -> run
        if stem.endswith("k"):
            forms.append(stem[:-1])  # panicking -> panic
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        forms += [stem, word[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.append(stem[:-1])
        if stem.endswith("k"):
            forms.append(stem[:-1])  # panicked -> panic
    if word.endswith("es") and len(word) > 4:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    if word.endswith("ly") and len(word) > 4:
        forms.append(word[:-2])
    return tuple(forms)
