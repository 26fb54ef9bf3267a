"""The whole-word matcher against better-profanity itself, and the allow-list."""

from __future__ import annotations

import pytest
from better_profanity import profanity as better_profanity

from models_ml.profanity import DEFAULT_ALLOW_PHRASES, ProfanityMatcher

from .corpus import profanity_corpus, whole_word_comparable, words_of


@pytest.fixture(scope="module")
def bare() -> ProfanityMatcher:
    return ProfanityMatcher(allow_phrases=())


def test_it_gives_better_profanitys_answers_on_whole_words(bare):
    """Compared: every generated string except those where better-profanity is not
    whole-word, decided from the string and better-profanity's own list alone:
    (a) some 2..6 adjacent words glued without separators are listed, and (b) the last word
    is one character long (better-profanity's look-ahead drops it). On all the others the
    two answers must be identical, positives and negatives alike."""
    corpus = profanity_corpus(2000)
    compared = disagreements = positives = 0
    for _, text in corpus:
        if not whole_word_comparable(text):
            continue
        expected = better_profanity.contains_profanity(text)
        compared += 1
        positives += expected
        if bare.contains(text) != expected:
            disagreements += 1
    assert disagreements == 0
    assert compared >= 0.75 * len(corpus)
    assert 0.2 * compared < positives < 0.8 * compared


def separated_words_only(cur_word, words_indices, censor_words):
    """better_profanity.utils.any_next_words_form_swear_word without its glued-words check:
    only the following words *with* their separators are joined to the current one."""
    joined = cur_word.lower()
    for index in range(0, len(words_indices), 2):
        single_word, end_index = words_indices[index]
        with_separators, _ = words_indices[index + 1]
        if single_word == "":
            continue
        joined += with_separators.lower()
        if joined in censor_words:
            return True, end_index
    return False, -1


def test_it_gives_the_answers_of_better_profanity_without_its_glued_words_rule(
    bare, monkeypatch
):
    """Compared: every generated string whose last word is longer than one character,
    against better-profanity with only its glued-words check switched off. This covers the
    strings the test above leaves out, multi-word entries ("jerk off", "s.h.i.t") included."""
    import better_profanity.better_profanity as implementation

    monkeypatch.setattr(implementation, "any_next_words_form_swear_word", separated_words_only)
    compared = 0
    disagreements = []
    for _, text in profanity_corpus(2000, seed=11):
        words = words_of(text)
        if words and len(words[-1]) == 1:
            continue
        compared += 1
        if bare.contains(text) != better_profanity.contains_profanity(text):
            disagreements.append(text)
    assert disagreements == []
    assert compared >= 0.95 * 2000


@pytest.mark.parametrize(
    "text",
    ["Scunthorpe United", "a classic assassin", "cocktail hour in Sussex", "my therapist",
     "Dickens", "shitake mushrooms", "fuck's sake", '"shit"', "", "   ", "!!!"],
)
def test_words_that_only_embed_a_listed_word_are_clean(bare, text):
    assert bare.contains(text) is False
    assert better_profanity.contains_profanity(text) is False


@pytest.mark.parametrize(
    "text", ["fuck", "FUCK!!", "what the f*ck", "sh1t happens", "b1tch", "$hit", "a blow job",
             "2 girls 1 cup", "f.u.c.k off", "bull shit"],
)
def test_listed_words_leetspeak_and_phrases_are_profane(bare, text):
    assert bare.contains(text) is True
    assert better_profanity.contains_profanity(text) is True


def test_it_does_not_glue_neighbouring_words_as_better_profanity_does(bare):
    assert better_profanity.contains_profanity("the pen is mightier") is True
    assert bare.contains("the pen is mightier") is False


def test_it_flags_a_phrase_ending_the_text_with_a_one_letter_word(bare):
    assert better_profanity.contains_profanity("what the f.u.c.k") is False
    assert bare.contains("what the f.u.c.k") is True


def test_entries_ending_in_punctuation_never_match_in_either(bare):
    for text in ("shi+", "Shi Wei", "sh!+ happens", "oh shi+ no"):
        assert better_profanity.contains_profanity(text) is False
        assert bare.contains(text) is False


def test_flags_answers_each_text_in_order(bare):
    assert bare.flags(["hello", "fuck", "classic", "sh1t"]) == [False, True, False, True]


def test_every_default_allow_phrase_would_otherwise_be_flagged(bare):
    dead = [phrase for phrase in DEFAULT_ALLOW_PHRASES if not bare.contains(phrase)]
    assert dead == []


@pytest.mark.parametrize(
    "name",
    ["Gay Pride", "Lesbian and Gay Film Festival", "Sex Education", "Oh my God!",
     "Sexual Health Clinic Leeds", "Breast Cancer Awareness", "Queer Eye fans", "GAY-PRIDE 2024",
     "Thank God it's Friday", "Gay Book Club Leeds", "Queer Writers Collective",
     "Lesbians Who Tech", "Dyke March Berlin"],
)
def test_allowed_phrases_are_removed_before_matching(name):
    assert ProfanityMatcher().contains(name) is False


def test_an_allowed_phrase_does_not_hide_other_profanity():
    matcher = ProfanityMatcher()
    assert matcher.contains("Gay Pride and fuck the rest") is True
    assert matcher.contains("sex jokes") is True  # only the reviewed phrase is allowed


def test_allowed_phrases_match_whole_words_only():
    matcher = ProfanityMatcher(allow_phrases=["sex ed"])
    assert matcher.contains("sex education") is True  # "sex ed" is not a whole-word match
    assert matcher.contains("Sex Ed class") is False


def test_custom_allow_phrases_replace_the_defaults():
    assert ProfanityMatcher(allow_phrases=["pen pals"]).contains("Gay Pride") is True
    assert ProfanityMatcher(allow_phrases=["", "  "]).contains("god") is True


def test_the_word_cache_is_bounded(monkeypatch):
    import models_ml.profanity as module

    monkeypatch.setattr(module, "WORD_CACHE_SIZE", 3)
    matcher = ProfanityMatcher(())
    assert matcher.flags(["one two three four five", "fuck"]) == [False, True]
    assert len(matcher._word_cache) <= 3


def test_removing_an_allowed_phrase_never_joins_its_neighbours_into_a_phrase():
    # "blow <allowed> job" must not become the listed "blow job" once the phrase is gone.
    matcher = ProfanityMatcher(allow_phrases=["gay pride"])
    assert matcher.contains("blow gay pride job") is False
    assert matcher._strip_first is False  # the shortcut this relies on is in force


def test_allow_list_answers_equal_stripping_first_on_the_corpus():
    matcher = ProfanityMatcher()
    stripping = ProfanityMatcher()
    stripping._strip_first = True
    texts = [text for _, text in profanity_corpus(300, seed=5)] + [
        "Gay Pride " + text for _, text in profanity_corpus(100, seed=6)]
    assert matcher.flags(texts) == stripping.flags(texts)
