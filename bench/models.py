"""Throughput of each model wrapper in one process, and the profanity matcher against
per-string ``better_profanity.profanity.contains_profanity``.

    .venv/bin/python -m bench.models [--texts 2000] [--images 100] [--strings 3000]

Prints figures; asserts nothing (the tests check answers, this checks speed). Inputs are
generated: an English + Chinese corpus of posts, 640x480 photo-like JPEGs, and the
profanity test corpus (clean words, listed words, leetspeak, near misses, punctuation).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from tests.models_ml.corpus import profanity_corpus, whole_word_comparable
from tests.models_ml.images import photo

ENGLISH = [
    "Had a wonderful time with the team today!", "The train was late again.",
    "I really hate waiting in the rain.", "Congrats on the new role, well deserved.",
    "Meeting moved to Thursday at 3pm.", "This is the best pizza in town 😀",
    "Not sure what to think about the news.", "Terrible customer service, never again.",
    "Excited to share our new project https://example.com/launch", "lol that was hilarious",
]
CHINESE = [
    "今天天气很好，心情不错。", "这个产品太差了，非常失望！", "我们团队完成了新项目。",
    "服务态度很好，下次还来。", "排队等了两个小时，太累了。", "祝大家新年快乐！",
]


def text_corpus(size: int, seed: int = 1) -> list[str]:
    """Posts of 1-4 sentences; one in five Chinese."""
    rng = random.Random(seed)
    corpus = []
    for _ in range(size):
        pool = CHINESE if rng.random() < 0.2 else ENGLISH
        corpus.append(" ".join(rng.choice(pool) for _ in range(rng.randint(1, 4))))
    return corpus


NAME_WORDS = ["Leeds", "Runners", "Club", "Fans", "of", "the", "Official", "Community",
              "Book", "Photography", "Jobs", "in", "Bangalore", "Cricket", "Lovers", "Memes",
              "Alumni", "Network", "Recipes", "Travel", "Startup", "Python", "Developers"]


def names_corpus(size: int, seed: int = 2) -> list[str]:
    """Group and page names as found in exports: mostly clean, 1 in 10 with a listed word,
    1 in 20 with an allowed phrase."""
    from tests.models_ml.corpus import listed_entries

    from models_ml.profanity import DEFAULT_ALLOW_PHRASES

    rng = random.Random(seed)
    singles, _ = listed_entries()
    names = []
    for _ in range(size):
        words = [rng.choice(NAME_WORDS) for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), rng.choice(singles).capitalize())
        if rng.random() < 0.05:
            words.insert(0, rng.choice(DEFAULT_ALLOW_PHRASES).title())
        names.append(" ".join(words))
    return names


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s ({count} in {seconds:.2f} s)"


def bench_sentiment(size: int) -> None:
    from models_ml import sentiment

    started = time.perf_counter()
    sentiment.init_worker()
    print(f"sentiment   models loaded in {time.perf_counter() - started:.2f} s")
    texts = text_corpus(size)
    started = time.perf_counter()
    results = sentiment.analyse_texts(texts)
    elapsed = time.perf_counter() - started
    languages = Counter(r["lang"] for r in results)
    print(f"sentiment   {rate(len(texts), elapsed)} texts  languages {dict(languages)}")
    for lang in ("en", "zh"):
        subset = [t for t, r in zip(texts, results) if r["lang"] == lang]
        started = time.perf_counter()
        sentiment.analyse_texts(subset)
        print(f"  {lang}        {rate(len(subset), time.perf_counter() - started)} texts")


def bench_images(count: int) -> None:
    from models_ml import images

    started = time.perf_counter()
    images.init_worker()
    print(f"images      session built in {time.perf_counter() - started:.2f} s (1 thread)")
    photos = [photo(640, 480, seed=i) for i in range(count)]
    started = time.perf_counter()
    decoded = [images.decode_image(p) for p in photos]
    decoding = time.perf_counter() - started
    started = time.perf_counter()
    results = images.moderate_images(photos)
    elapsed = time.perf_counter() - started
    analysed = sum(r["status"] == "analysed" for r in results)
    print(f"images      {rate(len(photos), elapsed)} 640x480 JPEGs, 1 process; "
          f"decoding alone {rate(len(decoded), decoding)}; analysed {analysed}")


def bench_profanity(count: int) -> None:
    from better_profanity import profanity as better_profanity

    from models_ml import profanity

    started = time.perf_counter()
    profanity.ProfanityMatcher(())
    print(f"profanity   index built in {time.perf_counter() - started:.3f} s (once per process)")
    corpus = [text for _, text in profanity_corpus(count, seed=3)]

    matcher = profanity.ProfanityMatcher(())  # fresh word cache: a cold run
    started = time.perf_counter()
    ours = matcher.flags(corpus)
    matcher_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs = [better_profanity.contains_profanity(text) for text in corpus]
    theirs_seconds = time.perf_counter() - started
    with_allow = profanity.ProfanityMatcher()
    started = time.perf_counter()
    with_allow.flags(corpus)
    allow_seconds = time.perf_counter() - started

    identical = sum(a == b for a, b in zip(ours, theirs))
    comparable = [whole_word_comparable(text) for text in corpus]
    identical_comparable = sum(a == b for a, b, c in zip(ours, theirs, comparable) if c)
    print(f"profanity   matcher {rate(len(corpus), matcher_seconds)} strings (no allow-list)")
    print(f"            matcher {rate(len(corpus), allow_seconds)} strings (default allow-list)")
    print(f"            better-profanity contains_profanity {rate(len(corpus), theirs_seconds)}")
    print(f"            ratio {theirs_seconds / matcher_seconds:,.0f}x; identical answers "
          f"{identical}/{len(corpus)} ({sum(theirs)} profane to better-profanity)")
    print(f"            identical where better-profanity is whole-word: "
          f"{identical_comparable}/{sum(comparable)} (the others: its glued-words rule and "
          f"dropped last one-letter word, see models_ml/profanity.py)")


def bench_names(count: int) -> None:
    from better_profanity import profanity as better_profanity

    from models_ml import profanity

    names = names_corpus(count)
    matcher = profanity.ProfanityMatcher()
    started = time.perf_counter()
    flags = matcher.flags(names)
    matcher_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs = [better_profanity.contains_profanity(name) for name in names]
    theirs_seconds = time.perf_counter() - started
    print(f"names       matcher {rate(len(names), matcher_seconds)} group/page names "
          f"(default allow-list, {sum(flags)} profane; better-profanity alone: {sum(theirs)}); "
          f"better-profanity {rate(len(names), theirs_seconds)}; "
          f"ratio {theirs_seconds / matcher_seconds:,.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--strings", type=int, default=3000)
    arguments = parser.parse_args()
    bench_sentiment(arguments.texts)
    bench_images(arguments.images)
    bench_profanity(arguments.strings)
    bench_names(arguments.strings)


if __name__ == "__main__":
    main()
