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
import os
import shutil
import sys
import tempfile
import time
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


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def machine_parallelism(n: int = 3_000_000) -> float:
    """How much faster two processes do two units of pure CPU work than one process does:
    the ceiling for the 2-vs-1 worker ratio on this machine right now (2.0 on two idle cores;
    less when other programs share them)."""
    from multiprocessing import get_context

    started = time.perf_counter()
    _spin(n), _spin(n)
    serial = time.perf_counter() - started
    with get_context("fork").Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_spin, [n, n])
        parallel = time.perf_counter() - started
    return serial / parallel


def run(workers: int, exports: dict[str, Path], broker_url: str | None) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from ingest.services import source_store
    from ingest.signals import source_stored
    from pipeline.models import JobChunk
    from pipeline.services import on_source_stored, start_job
    from tests.pipeline.worker import Worker, wait_for

    owner, _ = get_user_model().objects.get_or_create(username=f"bench-{workers}")
    worker = Worker(VAR_DIR / f"worker-{workers}.log", broker_url=broker_url, concurrency=workers,
                    env={"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "credsly.settings", "LOG_LEVEL": "INFO"})
    worker.start()
    worker.wait_for_models()
    try:
        # One job for both uploads: the signal would start one per upload, superseding the first.
        source_stored.disconnect(on_source_stored, dispatch_uid="pipeline.services.on_source_stored")
        started = time.perf_counter()
        for platform, path in exports.items():
            with path.open("rb") as handle:
                source_store(owner=owner, platform=platform, uploaded_file=File(handle, name=path.name))
        uploaded = time.perf_counter()
        job = start_job(owner)
        stages = {"upload": uploaded - started}
        seen = {"queued": uploaded}

        def watch() -> bool:
            job.refresh_from_db()
            seen.setdefault(job.state, time.perf_counter())
            return not job.is_active

        wait_for(watch, 1800, "the job", interval=0.01)
        seconds = time.perf_counter() - started
        order = [s for s in ("queued", "parsing", "analysing", "scoring", "done") if s in seen]
        stages.update({a: seen[b] - seen[a] for a, b in zip(order, order[1:])})
    finally:
        worker.stop()
    if job.state != "done":
        raise SystemExit(f"job failed: {job.error}\n{worker.log[-2000:]}")
    per_kind: dict[str, list[float]] = {}
    for chunk in JobChunk.objects.filter(job=job):
        count, busy = per_kind.setdefault(chunk.kind, [0, 0.0])
        per_kind[chunk.kind] = [count + chunk.items, busy + chunk.seconds]
    inference = sum(busy for _, busy in per_kind.values())
    return {"seconds": seconds, "per_kind": per_kind, "inference": inference, "chunks": job.chunks_total,
            "stages": stages}


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

    from tests.scoring.exports import NAMES, texts, write_facebook, write_twitter
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
        print("  stages: " + ", ".join(f"{name} {secs:.1f}s" for name, secs in result["stages"].items()))
        for kind, (count, busy) in sorted(result["per_kind"].items()):
            print(f"  {kind:9s} {count:6d} items  {busy:6.2f}s inference  {count / busy if busy else 0:9,.0f} items/s per process")
    if 1 in results and 2 in results:
        print(f"\n2 workers vs 1: {results[1]['seconds'] / results[2]['seconds']:.2f}x faster end to end "
              f"(two processes of pure CPU work on this machine now: {machine_parallelism():.2f}x)")
    if args.keep:
        print(f"kept {VAR_DIR}")
    else:
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
