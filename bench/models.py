"""Throughput of each model wrapper in one process against the raw model on the same inputs:
sentiment against raw VADER and raw SnowNLP (and against the wrapper as it was, for the
answers), the profanity matcher against per-string ``better_profanity.contains_profanity``.

    .venv/bin/python -m bench.models [--en-texts 3000] [--zh-texts 3000] [--repeat 5]
                                     [--images 100] [--strings 3000] [--sentiment-only]

Prints figures; asserts nothing (the tests check answers, this checks speed). Inputs are
generated (tests/models_ml/corpus.py): English posts, a mixed Chinese corpus, 640x480
photo-like JPEGs, and the profanity test corpus. Sentiment rates are of the fastest of
``--repeat`` runs taking turns, by wall clock and by CPU time (which leaves out waiting for
a core on a shared machine), except SnowNLP's, run once: at ~100 texts/s the two SnowNLP
baselines take minutes on 3,000 Chinese texts.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from tests.models_ml.corpus import (
    chinese_texts,
    english_texts,
    profanity_corpus,
    whole_word_comparable,
)
from tests.models_ml.images import photo

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


@dataclass
class Timing:
    """The fastest wall-clock and the fastest CPU time of a few runs, in seconds. On a shared
    machine the CPU time leaves out the time spent waiting for a core."""

    wall: float = float("inf")
    cpu: float = float("inf")

    def rates(self, count: int) -> str:
        return f"{rate(count, self.wall)}; CPU time {count / self.cpu:,.0f}/s"

    def time(self, run: Callable[[], object]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        self.wall = min(self.wall, time.perf_counter() - wall)
        self.cpu = min(self.cpu, time.process_time() - cpu)


def fastest(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, Timing]:
    """Each run ``repeat`` times, taking turns, so that a change in the machine's load
    weighs on all of them alike."""
    timings = {name: Timing() for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            timings[name].time(run)
    return timings


def bench_english(count: int, repeat: int) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from models_ml import sentiment
    from tests.models_ml import sentiment_before

    texts = english_texts(count)
    vader = SentimentIntensityAnalyzer()
    timings = fastest({"raw": lambda: [vader.polarity_scores(text) for text in texts],
                       "ours": lambda: sentiment.analyse_texts(texts)}, repeat)
    raw, ours = timings["raw"], timings["ours"]
    identical = sum(a == b for a, b in zip(sentiment.analyse_texts(texts),
                                           sentiment_before.analyse_texts(texts)))
    print(f"English     {count} texts, mean {sum(map(len, texts)) / count:.0f} characters")
    print(f"            raw VADER polarity_scores {raw.rates(count)}")
    print(f"            our wrapper (per-sentence mean, language routing) {ours.rates(count)}")
    print(f"            ours / raw VADER: {raw.wall / ours.wall:.2f} (CPU time "
          f"{raw.cpu / ours.cpu:.2f}; target >= 0.60); answers identical to the wrapper "
          f"before: {identical}/{count}")


def bench_chinese(count: int, repeat: int) -> None:
    from models_ml import sentiment
    from tests.models_ml import sentiment_before

    texts = chinese_texts(count)
    ours = fastest({"ours": lambda: sentiment.analyse_texts(texts)}, repeat)["ours"]
    started = time.perf_counter()
    from snownlp import sentiment as snownlp_sentiment

    print(f"Chinese     SnowNLP imported in {time.perf_counter() - started:.1f} s; "
          f"{count} texts, mean {sum(map(len, texts)) / count:.0f} characters")
    raw, before_timing = Timing(), Timing()
    raw.time(lambda: [snownlp_sentiment.classify(text) for text in texts])
    before: list[dict] = []
    before_timing.time(lambda: before.extend(sentiment_before.analyse_texts(texts)))
    now = sentiment.analyse_texts(texts)
    chinese = [(a, b) for a, b in zip(now, before) if b["lang"] == "zh"]
    agree = sum(a["label"] == b["label"] for a, b in chinese)
    print(f"            raw SnowNLP sentiment.classify per text {raw.rates(count)}")
    print(f"            the wrapper before (SnowNLP per sentence) {before_timing.rates(count)}")
    print(f"            our Chinese path {ours.rates(count)} (target >= 5,000/s)")
    print(f"            ours / raw SnowNLP: {raw.wall / ours.wall:.0f}x (CPU time "
          f"{raw.cpu / ours.cpu:.0f}x); ours / the wrapper before: "
          f"{before_timing.wall / ours.wall:.0f}x")
    print(f"            polarity class as before on {agree}/{len(chinese)} Chinese texts "
          f"({100 * agree / len(chinese):.2f}%, target >= 95%); identical answers "
          f"{sum(a == b for a, b in chinese)}/{len(chinese)}; "
          f"languages {dict(Counter(b['lang'] for b in before))}")


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
LOAD = """
import time
started = time.perf_counter()
{load}
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(f"{{time.perf_counter() - started:.1f}} s, peak RSS {{int(peak.split()[1]) / 1024:.0f}} MiB")
"""


def bench_memory() -> None:
    """Peak RSS of a fresh process loading the sentiment models, each in its own process."""
    before = "import tests.models_ml.sentiment_before as s; s.init_worker()"
    now = "import models_ml.sentiment as s; s.init_worker()"
    with tempfile.TemporaryDirectory() as empty:
        for label, load, cache in (
            ("before (SnowNLP imported)", before, None),
            ("ours, tables built (first start on a machine)", now, empty),
            ("ours, tables from the cache", now, empty),
        ):
            environment = dict(os.environ, **({"MODEL_CACHE_DIR": cache} if cache else {}))
            result = subprocess.run(
                [sys.executable, "-c", LOAD.format(load=load)], env=environment,
                capture_output=True, text=True, check=True,
            )
            print(f"memory      sentiment models loaded, {label}: {result.stdout.strip()}")


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
    parser.add_argument("--en-texts", type=int, default=3000)
    parser.add_argument("--zh-texts", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--strings", type=int, default=3000)
    parser.add_argument("--sentiment-only", action="store_true")
    arguments = parser.parse_args()
    from models_ml import sentiment

    print(f"machine     {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    bench_memory()
    started = time.perf_counter()
    sentiment.init_worker()
    print(f"sentiment   models loaded in {time.perf_counter() - started:.2f} s")
    bench_english(arguments.en_texts, arguments.repeat)
    bench_chinese(arguments.zh_texts, arguments.repeat)
    if not arguments.sentiment_only:
        bench_images(arguments.images)
        bench_profanity(arguments.strings)
        bench_names(arguments.strings)
    print(f"machine     load average {os.getloadavg()[0]:.1f} at the end")
    print(f"peak RSS of this process (SnowNLP imported for the baseline): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
