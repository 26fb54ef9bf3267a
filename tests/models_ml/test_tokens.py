"""Cutting texts once for the lexicon analyses: language by script, words, clause breaks."""

from __future__ import annotations

import pytest

from models_ml.tokens import BREAK, MAX_CHARS, base_forms, guess_language, tokenise, tokenise_many


@pytest.mark.parametrize("text, lang", [
    ("Had a wonderful time today", "en"),
    ("今天天气很好，心情不错。", "zh"),
    ("今天拿到offer了", "zh"),
    ("Meeting with 王 tomorrow about the new project", "en"),
    ("Привет, как дела?", "other"),
    ("😀😀", "en"),
    ("12:30 !!", ""),
])
def test_the_language_is_guessed_by_script(text, lang):
    assert guess_language(text) == lang


def test_english_words_are_lower_cased_with_clause_breaks_and_no_urls():
    tokens = tokenise("I DON’T like it. See https://example.com/x?y=1 now! 😡")
    assert tokens.lang == "en"
    assert tokens.words == ("i", "don't", "like", "it", BREAK, "see", "now", BREAK, "😡")


def test_chinese_is_cut_by_jieba_keeping_english_words_and_clause_breaks():
    tokens = tokenise("今天太开心了，终于拿到Offer！好兴奋")
    assert tokens.lang == "zh"
    assert "开心" in tokens.words and "offer" in tokens.words and BREAK in tokens.words
    assert "，" not in tokens.words


def test_unreadable_and_empty_texts_have_no_words():
    assert tokenise("Привет").words == () and tokenise("Привет").lang == "other"
    assert tokenise(None).lang == "" and tokenise("   ").words == ()


def test_a_known_language_is_used_as_given_and_long_texts_are_cut():
    assert tokenise("happy", "other").words == ()
    assert tokenise("我很开心", "en").lang == "en"
    assert len(tokenise("a " * MAX_CHARS).words) == MAX_CHARS // 2
    with pytest.raises(ValueError, match="2 languages for 1 texts"):
        tokenise_many(["hi"], ["en", "en"])


@pytest.mark.parametrize("word, base", [
    ("worries", "worry"), ("panicked", "panic"), ("panicking", "panic"), ("running", "run"),
    ("loans", "loan"), ("hated", "hate"), ("sadly", "sad"), ("bank's", "bank")])
def test_base_forms_reach_the_lemma(word, base):
    assert base in base_forms(word)


def test_short_words_and_double_s_are_left_alone():
    assert base_forms("is") == () and "clas" not in base_forms("class")
