"""Benchmark of the scoring pipeline on one heavy applicant, with 1 and 2 worker processes.

    .venv/bin/python bench/pipeline.py [--workers 1 2] [--photos 100] [--broker URL] [--keep]

Generates a Facebook export (5,000 posts, 5,000 comments, 300 groups, 300 pages, 100 photos
of 640x480) and an X/Twitter archive (3,200 tweets), then for each worker count: starts a
real ``celery worker --concurrency N``, uploads both exports through ``source_store``, starts
one scoring job and times it to the score. Prints, from that run: items per second of each
model (from the inference time each chunk recorded), end-to-end seconds, the 2-vs-1 ratio,
and the share of end-to-end time spent outside model inference (parsing, queueing, the
database): ``1 - (inference seconds / N workers) / end-to-end``. Also times the profanity
matcher against per-string ``better_profanity.contains_profanity`` on the same texts and
checks that their answers are identical (no allow-list), and the peak resident memory of
each worker process.

In the same run, the same items go through the raw models in one naive process, one call
per item (``SentimentIntensityAnalyzer.polarity_scores`` per post, comment and tweet,
``NudeDetector.detect`` per photo, ``better_profanity.contains_profanity`` per group or page
name): the baseline a worker should beat. The raw-model two-core floor is half of what the
raw models need with NudeNet on one thread and our profanity matcher on the names: VADER +
NudeNet + matcher, halved. The last line is ``raw-model two-core floor: N.NNs; 2 workers /
floor: N.NN`` (scripts read it). Our pipeline also runs models the floor leaves out
(open_nsfw, emotions, interests, SnowNLP for Chinese): their raw time is printed beside it.

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


def naive_and_floor(owner) -> dict[str, float]:
    """Seconds of the naive one-process baseline and of the raw models for the floor, on the
    items the pipeline analysed for ``owner``."""
    import onnxruntime
    from better_profanity import profanity
    from nudenet import NudeDetector
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from ingest.models import DataSource
    from models_ml import images
    from models_ml.profanity import ProfanityMatcher
    from pipeline.services import _image_paths, collect_items

    sources = list(DataSource.objects.filter(owner=owner, status=DataSource.Status.PARSED))
    items = collect_items([s.profile for s in sources])
    texts, names, paths = items["posts"] + items["comments"], items["groups"] + items["pages"], _image_paths(sources)
    vader, detector = SentimentIntensityAnalyzer(), NudeDetector()
    profanity.load_censor_words()
    seconds = {}
    for label, call in (("vader", lambda: [vader.polarity_scores(t) for t in texts]),
                        ("nudenet", lambda: [detector.detect(p) for p in paths]),
                        ("contains_profanity", lambda: [profanity.contains_profanity(n) for n in names])):
        started = time.perf_counter()
        call()
        seconds[label] = time.perf_counter() - started
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    detector.onnx_session = onnxruntime.InferenceSession(images._model_path(), options, providers=["CPUExecutionProvider"])
    matcher = ProfanityMatcher(allow_phrases=())
    matcher.flags(names[:10])
    for label, call in (("nudenet_1_thread", lambda: [detector.detect(p) for p in paths]),
                        ("matcher", lambda: matcher.flags(names)),
                        ("open_nsfw", lambda: [images.open_nsfw_score(images.decode_image(Path(p).read_bytes()))
                                               for p in paths])):
        started = time.perf_counter()
        call()
        seconds[label] = time.perf_counter() - started
    seconds.update(texts=len(texts), names=len(names), images=len(paths))
    return seconds


def peak_rss_mb(pids: list[int]) -> list[float]:
    """Peak resident memory (VmHWM) of each process, in MB."""
    peaks = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        peaks += [int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")]
    return peaks


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
        rss = peak_rss_mb(worker.pool_children())
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
            "stages": stages, "rss": rss, "owner": owner}


def print_run(workers: int, result: dict) -> None:
    outside = 1 - (result["inference"] / workers) / result["seconds"]
    print(f"\n{workers} worker process(es): {result['seconds']:.1f}s from upload to score, "
          f"{result['chunks']} chunks, outside model inference {outside:.0%}")
    print("  stages: " + ", ".join(f"{name} {secs:.1f}s" for name, secs in result["stages"].items()))
    for kind, (count, busy) in sorted(result["per_kind"].items()):
        print(f"  {kind:9s} {count:6d} items  {busy:6.2f}s inference  {count / busy if busy else 0:9,.0f} items/s per process")
    print("  peak RSS per worker process: " + ", ".join(f"{mb:.0f} MB" for mb in result["rss"]))


def print_baselines(results: dict[int, dict]) -> None:
    """The naive one-process baseline and the raw-model floor beside the workers' times; the
    last line is the contract ``raw-model two-core floor: N.NNs; 2 workers / floor: N.NN``."""
    raw = naive_and_floor(results[max(results)]["owner"])
    naive = raw["vader"] + raw["nudenet"] + raw["contains_profanity"]
    floor = (raw["vader"] + raw["nudenet_1_thread"] + raw["matcher"]) / 2
    print(f"\nnaive one process on the same items: {naive:.2f}s (VADER polarity_scores x {raw['texts']:,} "
          f"{raw['vader']:.2f}s, NudeDetector.detect x {raw['images']} {raw['nudenet']:.2f}s, "
          f"contains_profanity x {raw['names']} {raw['contains_profanity']:.2f}s)")
    for workers, result in sorted(results.items()):
        print(f"{workers} worker process(es) / naive process: {result['seconds'] / naive:.2f}")
    print(f"not in the floor, run by the pipeline: open_nsfw x {raw['images']} {raw['open_nsfw']:.2f}s on one "
          f"thread; emotions, interests and SnowNLP ride on the texts; load average {os.getloadavg()[0]:.1f}")
    print(f"raw models for the floor: VADER {raw['vader']:.2f}s + NudeNet 1-thread {raw['nudenet_1_thread']:.2f}s "
          f"+ our profanity matcher {raw['matcher']:.2f}s")
    if 2 in results:
        print(f"raw-model two-core floor: {floor:.2f}s; 2 workers / floor: {results[2]['seconds'] / floor:.2f}")


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
        results[workers] = run(workers, exports, broker_url)
        print_run(workers, results[workers])
    if 1 in results and 2 in results:
        print(f"\n2 workers vs 1: {results[1]['seconds'] / results[2]['seconds']:.2f}x faster end to end "
              f"(two processes of pure CPU work on this machine now: {machine_parallelism():.2f}x)")
    if args.keep:
        print(f"kept {VAR_DIR}")
    print_baselines(results)
    if not args.keep:
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
