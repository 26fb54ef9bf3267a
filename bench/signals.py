"""Throughput of the new signals (emotions, interests, open_nsfw) against today's analyses,
measured in one process in the same run, and what they add to a heavy applicant.

    .venv/bin/python -m bench.signals [--texts 13200] [--names 600] [--photos 100]

The heavy applicant is bench/pipeline.py's: 5,000 posts + 5,000 comments + 3,200 tweets
(13,200 texts), 300 groups + 300 pages, 100 photos of 640x480. Texts are bench/models.py's
generated English + Chinese posts (one in five Chinese); names are its group/page names.

Printed, never asserted (the machine is shared and figures vary):
- sentiment (today) and emotions texts/s, English alone and overall; emotions read the
  languages sentiment decided and cut each text once for emotions and interests, as the
  analysis chunk does;
- interests items/s, and yake's keyword extraction for comparison when yake is installed
  (it is not a dependency: it was measured and not chosen);
- NudeNet images/s alone and with open_nsfw beside it;
- the heavy applicant's inference seconds today (sentiment, profanity, NudeNet) and what the
  new analyses add, as a percentage (the issue's budget is 30%).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from bench.models import names_corpus, rate, text_corpus
from tests.models_ml.images import photo


def timed(work: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def load_models() -> None:
    from models_ml import emotion_lexicon, images, interests, profanity, sentiment, tokens

    for name, load in (("sentiment", sentiment.init_worker), ("images (both sessions)", images.init_worker),
                       ("jieba", tokens.init_worker), ("emotion lexicons", emotion_lexicon.lexicon),
                       ("taxonomy", lambda: interests.topics_of("warm up")),
                       ("profanity", lambda: profanity.ProfanityMatcher().flags(["warm up"]))):
        print(f"load        {name} in {timed(load)[1]:.2f} s")


def bench_texts(texts: list[str], names: list[str]) -> dict[str, float]:
    """Seconds of today's text analyses and of the new ones on the same texts."""
    from models_ml import emotions, interests, profanity, sentiment
    from models_ml.tokens import tokenise_many

    sentiments, sentiment_s = timed(lambda: sentiment.analyse_texts(texts))
    matcher = profanity.ProfanityMatcher()
    _, profanity_s = timed(lambda: matcher.flags(texts) + matcher.flags(names))
    langs = [r["lang"] for r in sentiments]
    tokens, tokenise_s = timed(lambda: tokenise_many(texts, langs))
    _, emotions_s = timed(lambda: emotions.analyse_texts(texts, tokens=tokens))
    _, interests_s = timed(lambda: interests.count("posts", texts, tokens))
    _, names_s = timed(lambda: interests.count("groups", names))
    print(f"sentiment   {rate(len(texts), sentiment_s)} texts (today)")
    print(f"emotions    {rate(len(texts), tokenise_s + emotions_s)} texts, cutting included "
          f"(cutting {tokenise_s:.2f} s, shared with interests)")
    print(f"interests   {rate(len(texts), interests_s)} texts after cutting; "
          f"{rate(len(names), names_s)} group/page names")
    for lang in ("en", "zh"):
        subset = [t for t, code in zip(texts, langs) if code == lang]
        sub_langs = [lang] * len(subset)
        _, ours = timed(lambda: emotions.analyse_texts(subset, langs=sub_langs))
        _, theirs = timed(lambda: sentiment.analyse_texts(subset))
        print(f"  {lang}        emotions {rate(len(subset), ours)}; sentiment {rate(len(subset), theirs)}")
    return {"today": sentiment_s + profanity_s, "new": tokenise_s + emotions_s + interests_s + names_s}


def bench_yake(texts: list[str]) -> None:
    try:
        import yake
    except ImportError:
        print("yake        not installed (measured when it is: pip install yake)")
        return
    english = [t for t in texts if t.isascii()][:1000]
    extractor = yake.KeywordExtractor(lan="en", n=2, top=5)
    _, seconds = timed(lambda: [extractor.extract_keywords(t) for t in english])
    print(f"yake        {rate(len(english), seconds)} English texts (keywords only, no topic)")


def bench_images(count: int) -> dict[str, float]:
    from models_ml import images

    photos = [photo(640, 480, seed=i) for i in range(count)]
    alone, alone_s = timed(lambda: images.moderate_images(photos, open_nsfw=False))
    both, both_s = timed(lambda: images.moderate_images(photos))
    same = [{**r, "open_nsfw": None} for r in both] == alone
    print(f"images      NudeNet alone {rate(count, alone_s)}; with open_nsfw {rate(count, both_s)} "
          f"(+{100 * (both_s - alone_s) / alone_s:.0f}%); NudeNet results identical: {same}")
    return {"today": alone_s, "new": both_s - alone_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=13_200)
    parser.add_argument("--names", type=int, default=600)
    parser.add_argument("--photos", type=int, default=100)
    arguments = parser.parse_args()
    load_models()
    texts = text_corpus(arguments.texts)
    names = names_corpus(arguments.names)
    text_seconds = bench_texts(texts, names)
    bench_yake(texts)
    image_seconds = bench_images(arguments.photos)
    today = text_seconds["today"] + image_seconds["today"]
    new = text_seconds["new"] + image_seconds["new"]
    print(f"heavy       today {today:.1f} s of inference in one process; the new analyses add "
          f"{new:.1f} s = +{100 * new / today:.0f}% (texts +{text_seconds['new']:.1f} s, "
          f"open_nsfw +{image_seconds['new']:.1f} s; budget +30%)")


if __name__ == "__main__":
    main()
