"""Benchmark of the scoring pipeline on one heavy applicant, with 1 and 2 worker processes.

    .venv/bin/python bench/pipeline.py [--workers 1 2] [--photos 100] [--keep]

Generates a Facebook export (5,000 posts, 5,000 comments, 300 groups, 300 pages, 100 photos
of 640x480) and an X/Twitter archive (3,200 tweets), then for each worker count: starts a
real ``celery worker --concurrency N``, uploads both exports through ``source_store``, starts
one scoring job and times it to the score. Prints, from that run: items per second of each
model (from the inference time each chunk recorded), end-to-end seconds, the 2-vs-1 ratio,
and the share of end-to-end time spent outside model inference (parsing, queueing, the
database): ``1 - (inference seconds / N workers) / end-to-end``. Also times the profanity
matcher against per-string ``better_profanity.contains_profanity`` on the same texts and
checks that their answers are identical (no allow-list).

Uses a throw-away SQLite database and media folder; Redis db 13 when a Redis server answers
at 127.0.0.1:6379 (``--broker`` to choose), else the filesystem broker. Figures are printed,
never asserted: the machine is shared and they vary.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

VAR_DIR = Path(tempfile.mkdtemp(prefix="credsly-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="credsly.settings",
    DEBUG="1",
    CREDSLY_VAR_DIR=str(VAR_DIR),
    DATABASE_URL=f"sqlite:///{VAR_DIR / 'bench.sqlite3'}",
    LOG_LEVEL="WARNING",
)

ENGLISH = [
    "Had a wonderful time with the family at the beach today, so happy!",
    "Terrible traffic again, I hate Mondays and this awful commute.",
    "Meeting the team for lunch at noon.",
    "Thanks everyone for the kind birthday wishes, you are the best :)",
    "The service at that restaurant was disappointing and rude.",
    "Reading a book about personal finance and budgeting.",
    "What a damn mess the roadworks made of the street.",
    "Great news: I got the job! Starting next month 🎉",
    "Not sure what to think about the new update, it is okay I guess.",
    "Check out this article https://example.org/story?id=42 #finance",
]
CHINESE = ["今天天气很好，我们去公园散步。", "这个服务太差了，我很失望。", "谢谢大家的祝福！"]
OTHER = ["Ça va très bien, merci à tous", "Das Wetter ist heute schön", "Hoy es un buen día"]
NAMES = [
    "Budget Travellers {n}", "Dog lovers {n}", "Running Club {n}", "Python Developers {n}", "Gay Pride {n}",
    "Sex Education Society {n}", "Oh my God memes {n}", "Crap Cars Club {n}", "Home Bakers {n}", "Shit Happens {n}",
]


def texts(count: int, seed: int) -> list[str]:
    """English with some Chinese (10%) and other languages (5%); a long text now and then."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        roll = rng.random()
        pool = CHINESE if roll < 0.10 else OTHER if roll < 0.15 else ENGLISH
        text = rng.choice(pool)
        if rng.random() < 0.05:
            text = " ".join(rng.choice(ENGLISH) for _ in range(8))
        out.append(f"{text} ({n})")
    return out


def photo(seed: int) -> bytes:
    from PIL import Image
    import numpy as np

    rng = np.random.default_rng(seed)
    base = np.linspace(0, 255, 640, dtype=np.uint8)[None, :, None].repeat(480, 0).repeat(3, 2)
    noise = rng.integers(0, 60, size=(480, 640, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(base // 2 + noise).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def write_facebook(path: Path, *, posts: int, comments: int, names: int, photos: int) -> None:
    from tests.ingest.exports import BASE_TS, FACEBOOK_FILES, facebook_profile_v2, meta_json

    files = FACEBOOK_FILES["2021"]
    post_texts = texts(posts, 1)
    items = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, text in enumerate(post_texts):
            item = {"timestamp": BASE_TS + i * 600, "data": [{"post": text}]}
            if i < photos:
                uri = f"{files['media_dir']}/photo_{i}.jpg"
                item["attachments"] = [{"data": [{"media": {"uri": uri, "creation_timestamp": BASE_TS + i}}]}]
                archive.writestr(uri, photo(i), compress_type=zipfile.ZIP_STORED)
            items.append(item)
        archive.writestr(files["posts"], meta_json(items))
        archive.writestr(files["comments"], meta_json({"comments_v2": [
            {"timestamp": BASE_TS + i, "data": [{"comment": {"timestamp": BASE_TS + i, "comment": text}}]}
            for i, text in enumerate(texts(comments, 2))
        ]}))
        half = names // 2
        groups = [NAMES[n % len(NAMES)].format(n=n) for n in range(half)]
        pages = [NAMES[(n + 3) % len(NAMES)].format(n=n) for n in range(names - half)]
        archive.writestr(files["groups"], meta_json({"groups_joined_v2": [
            {"timestamp": BASE_TS, "data": [{"name": g}], "title": g} for g in groups
        ]}))
        archive.writestr(files["pages_liked"], meta_json({"page_likes_v2": [{"name": p, "timestamp": BASE_TS} for p in pages]}))
        archive.writestr(files["friends"], meta_json({"friends_v2": [{"name": f"Friend {n}", "timestamp": BASE_TS} for n in range(250)]}))
        archive.writestr(files["profile"], meta_json(facebook_profile_v2()))


def write_twitter(path: Path, *, tweets: int) -> None:
    from tests.ingest.exports import ytd

    records = [
        {"tweet": {"id_str": str(10_000 + i), "full_text": text, "created_at": "Wed Oct 10 20:19:24 +0000 2018",
                   "favorite_count": str(i % 7), "retweet_count": str(i % 3)}}
        for i, text in enumerate(texts(tweets, 3))
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/manifest.js", b'window.__THAR_CONFIG = {"userInfo": {"userName": "bench"}}')
        archive.writestr("data/account.js", ytd("account", [{"account": {"username": "bench", "createdAt": "2011-04-10T10:20:30.000Z", "accountDisplayName": "Bench"}}]))
        archive.writestr("data/tweets.js", ytd("tweets", records))
        archive.writestr("data/follower.js", ytd("follower", [{"follower": {"accountId": str(i)}} for i in range(300)]))
        archive.writestr("data/following.js", ytd("following", [{"following": {"accountId": str(i)}} for i in range(120)]))


def profanity_ratio(sample: list[str]) -> tuple[float, float, float, bool]:
    """(matcher seconds, contains_profanity seconds, ratio, identical answers) on ``sample``."""
    from better_profanity import profanity

    from models_ml.profanity import ProfanityMatcher

    matcher = ProfanityMatcher(allow_phrases=())
    matcher.flags(sample[:10])  # build the index outside the timing, as a worker does once
    profanity.load_censor_words()
    started = time.perf_counter()
    ours = matcher.flags(sample)
    matcher_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs = [profanity.contains_profanity(text) for text in sample]
    reference_seconds = time.perf_counter() - started
    return matcher_seconds, reference_seconds, reference_seconds / matcher_seconds, ours == theirs


def run(workers: int, exports: dict[str, Path], broker_url: str | None) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from ingest.models import DataSource
    from ingest.services import source_store
    from ingest.signals import source_stored
    from scoring.models import JobChunk, ScoringJob
    from scoring.pipeline import on_source_stored, start_job
    from tests.scoring.worker import Worker, wait_for

    owner, _ = get_user_model().objects.get_or_create(username=f"bench-{workers}")
    worker = Worker(VAR_DIR / f"worker-{workers}.log", broker_url=broker_url, concurrency=workers,
                    env={"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "credsly.settings", "LOG_LEVEL": "WARNING"})
    worker.start()
    try:
        # One job for both uploads: the signal would start one per upload, superseding the first.
        source_stored.disconnect(on_source_stored, dispatch_uid="scoring.pipeline.on_source_stored")
        started = time.perf_counter()
        for platform, path in exports.items():
            with path.open("rb") as handle:
                source_store(owner=owner, platform=platform, uploaded_file=File(handle, name=path.name))
        job = start_job(owner)
        wait_for(lambda: (job.refresh_from_db() or not job.is_active), 1800, "the job", interval=0.05)
        seconds = time.perf_counter() - started
    finally:
        worker.stop()
    if job.state != "done":
        raise SystemExit(f"job failed: {job.error}\n{worker.log[-2000:]}")
    per_kind: dict[str, list[float]] = {}
    for chunk in JobChunk.objects.filter(job=job):
        count, busy = per_kind.setdefault(chunk.kind, [0, 0.0])
        per_kind[chunk.kind] = [count + chunk.items, busy + chunk.seconds]
    inference = sum(busy for _, busy in per_kind.values())
    sources = DataSource.objects.filter(owner=owner)
    return {"seconds": seconds, "per_kind": per_kind, "inference": inference, "chunks": job.chunks_total,
            "parsed": [s.status for s in sources]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--tweets", type=int, default=3200)
    parser.add_argument("--names", type=int, default=600)
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--broker", default=None, help="broker URL (default: redis db 13 if reachable, else filesystem)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    from tests.services import reachable

    broker_url = args.broker or ("redis://127.0.0.1:6379/13" if reachable("redis") else None)
    if broker_url:
        os.environ["CELERY_BROKER_URL"] = broker_url

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if broker_url and broker_url.startswith("redis://"):
        import redis

        redis.Redis.from_url(broker_url).flushdb()

    exports = {"facebook": VAR_DIR / "facebook.zip", "twitter": VAR_DIR / "twitter.zip"}
    started = time.perf_counter()
    write_facebook(exports["facebook"], posts=args.posts, comments=args.comments, names=args.names, photos=args.photos)
    write_twitter(exports["twitter"], tweets=args.tweets)
    print(f"broker: {broker_url or 'filesystem'}; exports generated in {time.perf_counter() - started:.1f}s "
          f"({sum(p.stat().st_size for p in exports.values()) / 1e6:.1f} MB)")

    names = [NAMES[n % len(NAMES)].format(n=n) for n in range(args.names)]
    sample = names + texts(2000, 4)
    m_s, r_s, ratio, same = profanity_ratio(sample)
    print(f"profanity on {len(sample)} names and texts: matcher {len(sample) / m_s:,.0f}/s, "
          f"contains_profanity {len(sample) / r_s:,.0f}/s, ratio {ratio:.0f}x, identical answers: {same}")

    results = {}
    for workers in args.workers:
        result = results[workers] = run(workers, exports, broker_url)
        outside = 1 - (result["inference"] / workers) / result["seconds"]
        print(f"\n{workers} worker process(es): {result['seconds']:.1f}s from upload to score, "
              f"{result['chunks']} chunks, outside model inference {outside:.0%}")
        for kind, (count, busy) in sorted(result["per_kind"].items()):
            print(f"  {kind:9s} {count:6d} items  {busy:6.2f}s inference  {count / busy if busy else 0:9,.0f} items/s per process")
    if 1 in results and 2 in results:
        print(f"\n2 workers vs 1: {results[1]['seconds'] / results[2]['seconds']:.2f}x faster end to end")
    if args.keep:
        print(f"kept {VAR_DIR}")
    else:
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
