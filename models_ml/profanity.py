"""Whole-word profanity matching with better-profanity's own word list, fast enough for
thousands of names and posts, plus a reviewed allow-list of harmless and identity phrases.

Why not call ``better_profanity.profanity.contains_profanity`` per string: it censors the
whole text character by character and compares every word against ~900 ``VaryingString``
objects in a Python list (each comparison walks the character substitutions), so it costs
milliseconds per string. ``ProfanityMatcher`` reads the same list and the same substitution
table once, splits a text into words exactly as better-profanity does (runs of its
``ALLOWED_CHARACTERS``: ASCII letters and digits, ``@ $ * ' "`` and the alphabetic Unicode
characters it ships), and looks each lower-cased word up through an index, caching answers.

Semantics (what "the same answers on whole words" means here)
------------------------------------------------------------
A text is profane when

* one of its words, lower-cased, is a variant of a single-word entry of the list. A variant
  replaces any letter by one of its substitutes in better-profanity's ``CHARS_MAPPING``
  (``a -> @ * 4``, ``i -> * l 1``, ``o -> * 0 @``, ``u -> * v``, ``v -> * u``, ``l -> 1``,
  ``e -> * 3``, ``s -> $ 5``, ``t -> 7``), position by position, so ``sh1t`` and ``f*ck``
  match and ``Scunthorpe`` or ``classic`` do not; or
* a run of consecutive words, with the exact separators between them, is a variant of a
  multi-word entry (``blow job``, ``2 girls 1 cup``, ``f.u.c.k``).

Where better-profanity is not whole-word, this matcher deliberately differs:

1. better-profanity also glues up to ``MAX_NUMBER_COMBINATIONS`` (5) following words to the
   current one *without* their separators and checks the result, so ``"pen is mightier"``
   is profane to it (``penis``). We do not do that. The price: ``"blow-job"`` is profane to
   it (glued into ``blowjob``) but not to us, since the list spells the phrase with a space.
2. better-profanity ignores a one-character word at the very end of the text when looking
   ahead for multi-word entries, so ``"the f.u.c.k"`` is clean to it while ``"f.u.c.k now"``
   is profane. We flag both.
3. Five entries end in punctuation (``sh!+``, ``shi+``, ``s.h.i.t.``, ``p.u.s.s.y.``,
   ``s.o.b.``); better-profanity's tokeniser can never match them, so we drop them too and
   stay identical (matching them as ``shi``/``sh`` would flag the surname Shi).

Everything else (tokenisation, ``fuck's`` and ``"fuck"`` being clean because ``'`` and ``"``
are word characters to better-profanity, the substitution table) is kept identical, and
``tests/models_ml/test_profanity.py`` compares both on a generated corpus.

The allow-list
--------------
The shipped list contains identity, health and religious words (``gay``, ``lesbians``,
``queer``, ``sex``, ``god``, ``breasts``, ``virgin``...). Counting "Gay Pride" or "Breast
Cancer Awareness" against an applicant would penalise who they are or a cause they support,
which is unfair and in many places unlawful. ``DEFAULT_ALLOW_PHRASES`` lists phrases that
were reviewed as harmless: identity words (allowed on their own, wherever they appear),
health and education, religion, and well-known titles and brands. Each one contains a listed word (a test checks that, so
the list carries no dead entries). Matching removes every allowed phrase (whole words, any
case, any run of separators between its words) from the text before looking for profanity,
so "Gay Pride" is clean while "gay pride and fuck" is still profane. The scoring app keeps
an admin-editable copy seeded from this tuple and passes it in as ``allow_phrases``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from better_profanity import profanity as _better_profanity
from better_profanity.constants import ALLOWED_CHARACTERS

__all__ = ["DEFAULT_ALLOW_PHRASES", "ProfanityMatcher", "word_list"]

DEFAULT_ALLOW_PHRASES: tuple[str, ...] = (
    # Identity: the words themselves, not just phrases, so that "Gay Book Club Leeds" or
    # "Queer Writers" counts no more than "Leeds Runners". A word list cannot tell an
    # identity from an insult; missing an insult is the lesser harm.
    "gay",
    "lesbians",
    "queer",
    "transsexual",
    "dyke march",
    # Health and education.
    "sex education",
    "sexual health",
    "sexual health clinic",
    "sexual assault survivors",
    "sexual harassment awareness",
    "safe sex",
    "nipple reconstruction",
    "womb cancer",
    "rape crisis",
    "rape crisis centre",
    "rape crisis center",
    "rape survivors",
    "murder mystery",
    # Religion.
    "oh my god",
    "thank god",
    "god bless",
    "son of god",
    "church of god",
    "word of god",
    "house of god",
    "assemblies of god",
    "virgin mary",
    # Well-known titles, places and brands.
    "god of war",
    "sex and the city",
    "sex pistols",
    "moby dick",
    "pussy riot",
    "virgin atlantic",
    "virgin media",
    "virgin islands",
    "extra virgin olive oil",
    "instant pot",
    "pot roast",
    "hemp seed",
)

WORD_CACHE_SIZE = 200_000

# A word character to better-profanity; everything else separates words. Built once.
_WORD_CLASS = "".join(sorted(re.escape(c) for c in ALLOWED_CHARACTERS))
_SEPARATORS = re.compile(f"([^{_WORD_CLASS}]+)")

# Characters a substitution can produce or stand for; in a word's index signature they all
# become "?", so a listed word and every variant of it share one signature.
_MAPPING: dict[str, tuple[str, ...]] = dict(_better_profanity.CHARS_MAPPING)
_FUZZY = set(_MAPPING) | {c for options in _MAPPING.values() for c in options}
_SIGNATURE = str.maketrans({c: "?" for c in _FUZZY})
if any(len(option) != 1 for options in _MAPPING.values() for option in options):
    # Our position-by-position comparison assumes one character per substitute.
    raise ImportError("better_profanity CHARS_MAPPING has multi-character substitutes")
_OPTIONS: dict[str, frozenset[str]] = {c: frozenset(o) for c, o in _MAPPING.items()}


def word_list() -> list[str]:
    """better-profanity's loaded list, lower-cased (its own loader lower-cases and dedupes)."""
    return sorted({str(entry) for entry in _better_profanity.CENSOR_WORDSET})


def _is_variant(listed: str, word: str) -> bool:
    """True when ``word`` is ``listed`` with some letters replaced by their substitutes."""
    if len(listed) != len(word):
        return False
    for expected, seen in zip(listed, word):
        if expected != seen and seen not in _OPTIONS.get(expected, ()):
            return False
    return True


class _Index:
    """The word list split into single words and multi-word phrases, indexed by signature."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.words: dict[str, list[str]] = {}
        self.phrases: dict[str, list[tuple[list[str], list[str]]]] = {}
        self.longest_separator = 0
        for entry in entries:
            parts = _SEPARATORS.split(entry)
            if parts[0] == "" or parts[-1] == "":
                # Starts or ends with punctuation: better-profanity can never match it.
                continue
            words, separators = parts[0::2], parts[1::2]
            if len(words) == 1:
                self.words.setdefault(entry.translate(_SIGNATURE), []).append(entry)
            else:
                key = words[0].translate(_SIGNATURE)
                self.longest_separator = max(self.longest_separator, *map(len, separators))
                self.phrases.setdefault(key, []).append((words, separators))

    def is_listed_word(self, word: str) -> bool:
        candidates = self.words.get(word.translate(_SIGNATURE), ())
        return any(_is_variant(entry, word) for entry in candidates)


_index: _Index | None = None


def _shared_index() -> _Index:
    global _index
    if _index is None:
        _index = _Index(word_list())
    return _index


class ProfanityMatcher:
    """Whole-word matcher over better-profanity's list, with an allow-list applied first.

    Parameters
    ----------
    allow_phrases : iterable of str, default DEFAULT_ALLOW_PHRASES
        Phrases removed from a text before matching (case-insensitive, whole words, any run
        of separators between their words). Pass ``()`` for the bare list.

    The list index is built once per process and shared; each instance caches the answer
    for every distinct word it has seen (up to ``WORD_CACHE_SIZE`` words, then it starts
    over), which is what makes repeated words across thousands of names nearly free.
    """

    def __init__(self, allow_phrases: Iterable[str] = DEFAULT_ALLOW_PHRASES) -> None:
        self._index = _shared_index()
        self.allow_phrases = tuple(p.strip() for p in allow_phrases if p and p.strip())
        self._allowed = _allow_pattern(self.allow_phrases)
        self._word_cache: dict[str, bool] = {}
        # An allowed phrase is removed between separators and replaced by a space, so the
        # words around it end up at least three separator characters apart. While no
        # multi-word entry has a separator that long (the shipped list's are one character),
        # removal can only remove matches, never create one.
        self._strip_first = self._index.longest_separator >= 3

    def contains(self, text: str) -> bool:
        """True when ``text`` holds a listed word or phrase outside the allowed phrases."""
        if not text:
            return False
        if self._allowed is None:
            return self._matches(text)
        if self._strip_first:
            return self._matches(self._allowed.sub(" ", text))
        # Removing allowed phrases cannot create a match (see __init__), so only texts the
        # bare list flags pay for the allow-list regex: most names are clean.
        return self._matches(text) and self._matches(self._allowed.sub(" ", text))

    def _matches(self, text: str) -> bool:
        parts = _SEPARATORS.split(text)
        words = [w.lower() for w in parts[0::2]]
        cache = self._word_cache
        phrases = self._index.phrases
        for position, word in enumerate(words):
            if not word:
                continue
            listed = cache.get(word)
            if listed is None:
                if len(cache) >= WORD_CACHE_SIZE:
                    cache.clear()  # a long-lived worker must not grow without bound
                listed = cache[word] = self._index.is_listed_word(word)
            if listed:
                return True
            if phrases and self._phrase_starts_at(parts, words, position):
                return True
        return False

    def flags(self, texts: Sequence[str]) -> list[bool]:
        """``contains`` for each text, in order."""
        return [self.contains(text) for text in texts]

    def _phrase_starts_at(self, parts: list[str], words: list[str], position: int) -> bool:
        candidates = self._index.phrases.get(words[position].translate(_SIGNATURE))
        if not candidates:
            return False
        for phrase_words, phrase_separators in candidates:
            end = position + len(phrase_words)
            if end > len(words):
                continue
            # parts alternates word, separator, word...: word i is parts[2i].
            if all(
                parts[2 * (position + k) + 1] == separator
                for k, separator in enumerate(phrase_separators)
            ) and all(
                _is_variant(listed, words[position + k]) for k, listed in enumerate(phrase_words)
            ):
                return True
        return False


@lru_cache(maxsize=32)
def _allow_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex removing any allowed phrase as whole words, longest phrases first."""
    alternatives = []
    for phrase in sorted(set(p.lower() for p in phrases), key=len, reverse=True):
        words = [w for w in _SEPARATORS.split(phrase)[0::2] if w]
        if words:
            alternatives.append(f"[^{_WORD_CLASS}]+".join(re.escape(w) for w in words))
    if not alternatives:
        return None
    return re.compile(
        f"(?<![{_WORD_CLASS}])(?:{'|'.join(alternatives)})(?![{_WORD_CLASS}])",
        re.IGNORECASE,
    )
