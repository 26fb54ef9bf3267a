"""Benchmark of rescoring everyone when an admin publishes a new configuration (issue 5).

    .venv/bin/python bench/rescore.py [--n 1000000] [--sample 20000] [--db-n 100000] [--no-db]

Prints:
1. the vectorised rescorer (``scoring.priority.rescore``) over ``--n`` synthetic feature vectors, no
   database: when every curve changes (all columns recomputed) and when only priority
   weights change (cached curve outputs summed per priority: three multiply-adds a row);
2. the one-by-one path, ``scoring.priority.engine.score`` on one feature dict at a time, which is what
   ``scoring.services.score_applicant`` runs after feature extraction. It is timed on
   ``--sample`` vectors and *extrapolated* linearly to ``--n`` (running a million would take
   minutes and tell nothing more), and the ratio against (1) is printed;
3. the database side for ``--db-n`` applicants, on a temporary SQLite file and on the local
   PostgreSQL (a database ``bench_score_<pid>`` of its own, created and dropped here): reading the stored
   vectors (``services.vectors_read``: the server takes the numbers out of the JSON),
   explaining them (``rescore.explain_rows``) and inserting the results
   (``services.results_write``: COPY of ready JSON text on PostgreSQL, executemany on
   SQLite), beside the path before issue 15 in the same run (the ORM's decoded vectors,
   ``engine.explain`` per row into ``ScoreResult`` instances, COPY through
   ``get_db_prep_save``). Each database run happens in a child process because Django
   reads ``DATABASE_URL`` once at start-up.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.priority import engine, rescore  # noqa: E402  (pure modules: no Django needed)
from scoring.priority.defaults import default_config  # noqa: E402
from scoring.priority.features import FEATURE_NAMES  # noqa: E402

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_BENCH_DB = f"bench_score_{os.getpid()}"  # one per run: engineers share the server

SCALES = {"age": (14, 75), "connections": (0, 150_000), "skills": (0, 40), "likes_per_post": (0, 80),
          "education": (0, 4), "interaction_frequency": (0, 8)}


def synthetic_matrix(n: int, seed: int = 42) -> np.ndarray:
    """``n`` plausible feature vectors: whole-year ages, ratios in 0..1, about 20 % missing."""
    rng = np.random.default_rng(seed)
    columns = []
    for name in FEATURE_NAMES:
        low, high = SCALES.get(name, (0.0, 1.0))
        column = rng.uniform(low, high, n)
        if name == "age":
            column = np.floor(column)
        column[rng.random(n) < 0.2] = np.nan
        columns.append(column)
    return np.column_stack(columns)


#: The features that are shares; as ``features.extract_features`` does, they record the count they are a share ``of``.
SHARES = ("positive_posts", "negative_posts", "negative_images", "negative_pages", "positive_comments",
          "negative_comments", "negative_groups")


def as_vectors(matrix: np.ndarray) -> list[dict]:
    vectors = []
    for i, row in enumerate(matrix):
        vector = {}
        for name, x in zip(FEATURE_NAMES, row):
            vector[name] = {"value": None if np.isnan(x) else float(x), "sources": ["facebook"]}
            if name in SHARES and not np.isnan(x):
                vector[name]["of"] = 10 + (i * 7 + len(name)) % 490
        vectors.append(vector)
    return vectors


def retuned_curves(config: engine.Config) -> engine.Config:
    """Every curve's parameters changed, so no cached column can be reused."""
    new = {
        "age": {"low": 21, "peak": 40, "high": 70, "floor": 0.1},
        "connections": {"cap": 50_000, "shape": "log"},
        "skills": {"cap": 20, "shape": "linear"},
        "education": {"cap": 4, "shape": "linear"},
        "interaction_frequency": {"cap": 3, "shape": "log"},
        "likes_per_post": {"low": 1.0, "high": 40.0},
    }
    specs = {n: replace(s, params=new.get(n, {"low": 0.05, "high": 0.6})) for n, s in config.specs.items()}
    return replace(config, specs=specs, version=2)


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_memory(n: int, sample: int) -> None:
    config = default_config()
    curves_changed = retuned_curves(config)
    weights_changed = replace(config, weights={1: 90.0, 2: 70.0, 3: 40.0}, version=3)
    matrix = synthetic_matrix(n)
    print(f"== vectorised rescoring, {n:,} feature vectors x {len(FEATURE_NAMES)} features (no database)")

    start = time.perf_counter()
    rescorer = rescore.Rescorer(matrix)
    setup = time.perf_counter() - start
    first = best_of(1, lambda: rescorer.score(config))
    print(f"setup (columns and present masks):      {setup * 1000:8.1f} ms")
    print(f"first scoring, every curve computed:   {first * 1000:8.1f} ms   (fresh process memory: "
          "most of it is the first touch of ~250 MB of new arrays)")

    # Alternate between two curve sets so every timed run recomputes all 14 columns.
    toggle = [config, curves_changed]

    def curves_run():
        toggle.reverse()
        rescorer.score(toggle[0])

    curves_time = best_of(5, curves_run)
    rescorer.score(config)
    weights_time = best_of(10, lambda: rescorer.score(weights_changed))
    print(f"curves changed (all columns):          {curves_time * 1000:8.1f} ms   target < 500 ms (best of 5)")
    print(f"only priority weights changed:         {weights_time * 1000:8.1f} ms   target <  50 ms (best of 10)")

    vectors = as_vectors(matrix[:sample])
    start = time.perf_counter()
    one_by_one = [engine.score(v, curves_changed) for v in vectors]
    per_vector = (time.perf_counter() - start) / sample
    extrapolated = per_vector * n
    print(f"one by one through engine.score:       {per_vector * 1e6:8.1f} us per vector, timed on {sample:,} "
          f"and extrapolated to {n:,}: {extrapolated:6.1f} s")
    print(f"ratio one-by-one / vectorised:         {extrapolated / curves_time:8.0f}x (curves changed), "
          f"{extrapolated / weights_time:8.0f}x (weights only)")

    check = rescorer.score(curves_changed)
    mismatches = sum(
        1 for i, r in enumerate(one_by_one)
        if (r["normalized"] is None) != np.isnan(check.normalized[i])
        or (r["normalized"] is not None and abs(r["normalized"] - check.normalized[i]) > 0.011)
    )
    print(f"agreement on the sample:               {sample - mismatches:,} of {sample:,} identical")


def baseline_rows(vectors: list[dict], matrix: np.ndarray, cfg: engine.Config) -> list:
    """Today's path before issue 15, kept here as the baseline: ``engine.explain`` per row into
    unsaved ``ScoreResult`` instances."""
    from scoring.models import ScoreResult

    outputs = rescore.Rescorer(matrix).outputs(cfg).tolist()
    enabled = [(j, name) for j, name in enumerate(FEATURE_NAMES) if name in cfg.enabled_names]
    rows = []
    for features, output_row in zip(vectors, outputs):
        outs = {name: None if output_row[j] != output_row[j] else output_row[j] for j, name in enabled}
        result = engine.explain(features, outs, cfg)
        rows.append(ScoreResult(owner_id=0, method="priority", **{k: result[k] for k in rescore.EXPLAINED_COLUMNS},
                                config_version=result["config_version"], detail={}))
    return rows


def baseline_copy(owners: list[int], rows: list) -> None:
    """The baseline's write: COPY of each instance's fields through Django's ``get_db_prep_save``."""
    from django.db import connection, transaction
    from django.utils import timezone

    from scoring.models import ScoreResult

    now = timezone.now()
    fields = [f for f in ScoreResult._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {ScoreResult._meta.db_table} ({columns}) FROM STDIN") as copy:
            for owner_id, row in zip(owners, rows):
                row.owner_id, row.created_at = owner_id, now
                copy.write_row([f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields])


def timed(fn) -> tuple[object, tuple[float, float]]:
    """``fn()`` and (wall seconds, this process's CPU seconds: the server's work not counted)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, (time.perf_counter() - start, time.process_time() - cpu)


def bench_database(label: str, database_url: str, n: int) -> None:
    """Runs in a child process with ``DATABASE_URL`` set; Django is set up here."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credsly.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from accounts.models import User
    from scoring import services
    from scoring.models import FeatureVector, ScoreResult, ScoringConfig

    call_command("migrate", verbosity=0)
    vectors = as_vectors(synthetic_matrix(n, seed=7))
    start = time.perf_counter()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(username=f"bench{i}", password="!") for i in range(n)], batch_size=5000)  # noqa: S106
        FeatureVector.objects.bulk_create(
            [FeatureVector(owner=u, features=v, as_of="2026-11-24") for u, v in zip(users, vectors)], batch_size=5000)
    seeded = time.perf_counter() - start
    cfg = ScoringConfig.objects.current().to_engine()
    print(f"== {label}: {n:,} applicants (seeding users + vectors took {seeded:.1f} s)")

    (owners, stored, matrix), read_before = timed(lambda: services.vectors_load())
    rows, build_before = timed(lambda: baseline_rows(stored, matrix, cfg))
    write_before = timed(lambda: baseline_copy(owners, rows))[1] if connection.vendor == "postgresql" else None
    ScoreResult.objects.all().delete()
    (owners, values, provenance), read = timed(lambda: services.vectors_read(0, n))
    explained, build = timed(lambda: rescore.explain_rows(values, provenance, cfg))
    write = timed(lambda: services.results_write(owners, explained, cfg.version))[1]
    total, (whole, _) = timed(lambda: services.rescore_all())
    assert total == n and ScoreResult.objects.count() == 2 * n
    assert [r[:6] for r in explained[:50]] == [tuple(getattr(b, c) for c in rescore.EXPLAINED_COLUMNS[:6]) for b in rows[:50]]
    steps = [("read stored vectors", read, read_before), ("explain (before: engine.explain per row)", build, build_before),
             ("write (COPY)" if write_before else "write (executemany; before: not timed)", write, write_before)]
    if write_before:
        steps.append(("read + explain + write", *(tuple(map(sum, zip(*pair))) for pair in zip(*[s[1:] for s in steps]))))
    print(f"{'':42s}{'now: wall':>10s}{'(CPU here)':>11s}{'before: wall':>14s}{'(CPU here)':>11s}   same run")
    for label, (wall, cpu), old in steps:
        old_text = f"{old[0]:13.2f}s{old[1]:10.2f}s" if old else ""
        print(f"{label:42s}{wall:9.2f}s{cpu:10.2f}s{old_text}")
    if write_before:
        print(f"read + explain + write: {steps[-1][2][0] / steps[-1][1][0]:.1f}x faster than before in the same run; "
              f"target <= 4 s; load average {os.getloadavg()[0]:.1f}")
    print(f"services.rescore_all (batches of {services.RESCORE_BATCH:,}, all of the above): {whole:8.2f} s")


def run_child(label: str, url: str, n: int) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, __file__, "--db-child", label, url, "--db-n", str(n)], env=env, check=True, cwd=ROOT)


def bench_databases(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-score-") as tmp:
        run_child("SQLite (temporary file)", f"sqlite:///{tmp}/bench.sqlite3", n)
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_DB}")
            conn.execute(f"CREATE DATABASE {POSTGRES_BENCH_DB}")
    except Exception as exc:  # noqa: BLE001 - report and carry on: PostgreSQL is optional here
        print(f"== PostgreSQL skipped: {str(exc).splitlines()[0]}")
        return
    try:
        run_child("PostgreSQL (local server)", f"postgres://postgres@127.0.0.1:5432/{POSTGRES_BENCH_DB}", n)
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_DB}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--db-n", type=int, default=100_000)
    parser.add_argument("--no-db", action="store_true")
    parser.add_argument("--db-child", nargs=2, metavar=("LABEL", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.db_child:
        bench_database(args.db_child[0], args.db_child[1], args.db_n)
        return
    bench_memory(args.n, args.sample)
    if not args.no_db:
        bench_databases(args.db_n)


if __name__ == "__main__":
    main()
