"""Generated inputs for the models_ml tests and benchmarks: no fixture files are committed."""

from __future__ import annotations

import random

from better_profanity import profanity as better_profanity
from better_profanity.constants import ALLOWED_CHARACTERS

# Everyday words, and words that embed a listed word without being one ("Scunthorpe" holds
# "cunt", "classic" holds "ass"): a substring matcher would flag these, a whole-word one not.
CLEAN_WORDS = (
    "the", "an", "and", "of", "to", "in", "is", "was", "for", "on", "with", "my", "our", "we",
    "great", "day", "team", "love", "happy", "work", "family", "new", "project", "launch",
    "Scunthorpe", "classic", "assassin", "cocktail", "Sussex", "Middlesex", "Dickens",
    "therapist", "button", "grape", "shitake", "analysis", "bassist", "passion", "Penistone",
    "Cockburn", "Essex", "skyscraper", "document", "pass", "hello", "assume", "class",
    "cumulative", "titanic", "hotdog", "mishit", "Shi", "pen", "is", "cum", "laude",
)
SEPARATORS = (" ", " ", " ", ", ", "! ", "... ", " - ", "\n", " 🙂 ", "? ", " (", ") ", ": ", "/")


def listed_entries() -> tuple[list[str], list[str]]:
    """better-profanity's loaded entries: (single words, multi-word entries)."""
    entries = sorted({str(entry) for entry in better_profanity.CENSOR_WORDSET})
    singles = [e for e in entries if e.isalnum()]
    multi = [e for e in entries if not e.isalnum()]
    return singles, multi


def leet(word: str, rng: random.Random) -> str:
    """A variant of ``word`` through better-profanity's own substitution table."""
    mapping = better_profanity.CHARS_MAPPING
    return "".join(
        rng.choice(mapping[c]) if c in mapping and rng.random() < 0.5 else c for c in word
    )


def random_case(word: str, rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.2:
        return word.upper()
    if choice < 0.4:
        return word.capitalize()
    return word


def profanity_corpus(size: int, seed: int = 7) -> list[tuple[list[str], str]]:
    """``size`` strings as (their words, the text), mixing clean words, listed words, leetspeak
    variants, near misses, quoted and possessive forms, multi-word entries and punctuation."""
    rng = random.Random(seed)
    singles, multi = listed_entries()
    corpus = []
    for _ in range(size):
        words = []
        for _ in range(rng.randint(1, 7)):
            kind = rng.random()
            if kind < 0.62:
                word = rng.choice(CLEAN_WORDS)
            elif kind < 0.72:
                word = rng.choice(singles)
            elif kind < 0.82:
                word = leet(rng.choice(singles), rng)
            elif kind < 0.88:
                listed = rng.choice(singles)
                word = rng.choice(("x" + listed, listed + "s", listed + "y", listed[:-1]))
            elif kind < 0.92:
                word = rng.choice(singles) + rng.choice(("'s", "'"))
            else:
                word = rng.choice(multi)
            words.append(random_case(word, rng))
        text = words[0]
        for word in words[1:]:
            text += rng.choice(SEPARATORS) + word
        if rng.random() < 0.3:
            text += rng.choice(("!", ".", "!!", " 😂", "?"))
        corpus.append((words, text))
    return corpus


def words_of(text: str) -> list[str]:
    """better-profanity's words: maximal runs of its ALLOWED_CHARACTERS (written out here
    independently of the matcher's regex)."""
    words, current = [], ""
    for char in text:
        if char in ALLOWED_CHARACTERS:
            current += char
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return words


def glued_words_are_listed(words: list[str]) -> bool:
    """better-profanity's non-whole-word rule: 2..MAX_NUMBER_COMBINATIONS+1 adjacent words
    glued without separators form a listed word ("pen is" -> "penis"). Asked of its own list."""
    longest = better_profanity.MAX_NUMBER_COMBINATIONS + 1
    return any(
        "".join(words[start:end]).lower() in better_profanity.CENSOR_WORDSET
        for start in range(len(words))
        for end in range(start + 2, min(start + longest, len(words)) + 1)
    )


def whole_word_comparable(text: str) -> bool:
    """False where better-profanity is not whole-word: glued words are listed, or the last
    word is one character (its look-ahead drops it)."""
    words = words_of(text)
    return not (glued_words_are_listed(words) or (words and len(words[-1]) == 1))
