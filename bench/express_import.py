"""Import speed and peak memory of express-delivery records on a generated 1,000,000-row file.

    .venv/bin/python bench/express_import.py [--rows 1000000] [--encoding utf-8|gb18030] [--database]

A child process writes the file into /tmp (so its memory does not count), then this process
streams it through cleaning, region matching, aggregation and scoring and prints rows/s and the
peak resident set size. The file is deleted afterwards.

Without ``--database`` this is the pure core (``express.shipments``, ``traffic``, ``scores``). With
it, the whole import as the Celery task runs it (``express.services.import_process``: subjects
and scores written in batches) against a throwaway SQLite database in /tmp, or the database of
``DATABASE_URL`` when that is set (give it a database of its own: the bench migrates it).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from express.characteristics import CharacteristicModel  # noqa: E402
from express.regions import RegionMatcher  # noqa: E402
from express.scores import iter_scores  # noqa: E402
from express.shipments import FIELDS, CleaningReport, read_shipments  # noqa: E402
from express.traffic import Aggregator  # noqa: E402
from tests.express.generator import REGIONS, SENSITIVE_AREAS, address, credit_code, resident_id  # noqa: E402

AS_OF = date(2024, 6, 30)


def generate(path: Path, rows: int, encoding: str, seed: int = 1) -> None:
    rng = random.Random(seed)
    people = [resident_id(rng) for _ in range(50_000)]
    companies = [credit_code(rng) for _ in range(2_000)]
    places = [address(rng, place, latin=place[0].isascii()) for place in REGIONS for _ in range(600)]
    with open(path, "w", encoding=encoding, newline="") as out:
        out.write(",".join(FIELDS) + "\n")
        for n in range(rows):
            sent = AS_OF - timedelta(days=rng.randrange(240))
            received = sent + timedelta(days=rng.randrange(4))
            if rng.random() < 0.7:
                sender = (f"公司{n % 2000}", rng.choice(companies))
            else:
                sender = (f"张{n % 977}", rng.choice(people))
            recipient = (f"李{n % 991}", rng.choice(people))
            tracking = f"SF{n:010d}" if rng.random() > 0.005 else f"SF{n - 1:010d}"  # some duplicates
            sent_text = sent.isoformat() if rng.random() > 0.003 else "unknown"  # some bad dates
            cells = [tracking, sender[0], sender[1], rng.choice(places), recipient[0], recipient[1],
                     rng.choice(places), sent_text, f"{received:%Y/%m/%d} 10:00"]
            out.write(",".join(f'"{c}"' if "," in c else c for c in cells) + "\n")


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--encoding", default="utf-8", choices=["utf-8", "gb18030"])
    parser.add_argument("--database", action="store_true", help="run the full import, database writes included")
    parser.add_argument("--generate-into", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_into:
        generate(Path(args.generate_into), args.rows, args.encoding)
        return
    workdir = Path(tempfile.mkdtemp(prefix="express-bench-", dir="/tmp"))
    path = workdir / "records.csv"
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--encoding", args.encoding,
                        "--generate-into", str(path)], check=True)
        generated = time.perf_counter() - started
        size = path.stat().st_size
        print(f"file: {args.rows:,} rows, {size / 1024**2:.0f} MiB {args.encoding} (generated in {generated:.0f} s)")
        if args.database:
            bench_database(path, workdir)
        else:
            bench_core(path)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("the generated file is deleted")


def bench_core(path: Path) -> None:
    model = CharacteristicModel()
    baseline = rss_mib()
    started = time.perf_counter()
    report = CleaningReport()
    aggregator = Aggregator(as_of=AS_OF, model=model)
    with open(path, "rb") as stream:
        aggregator.add_all(read_shipments(stream, regions=RegionMatcher(REGIONS), report=report))
    read_done = time.perf_counter()
    # Consumed one at a time, as the import stores them in batches and score_express prints them.
    users = sum(1 for _ in iter_scores(aggregator.users, SENSITIVE_AREAS, as_of=AS_OF, model=model))
    finished = time.perf_counter()
    print(f"cleaning: read {report.read:,}, kept {report.kept:,}, dropped {dict(report.dropped)}")
    print(f"read + clean + aggregate: {read_done - started:.1f} s = {report.read / (read_done - started):,.0f} rows/s")
    print(f"features + scores of {users:,} users: {finished - read_done:.1f} s")
    print(f"overall: {report.read / (finished - started):,.0f} rows/s")
    print(f"peak RSS: {rss_mib():.0f} MiB (before the import: {baseline:.0f} MiB)")


def bench_database(path: Path, workdir: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["CREDSLY_VAR_DIR"] = str(workdir / "var")
    # DEBUG off as in production: with it on, Django keeps every SQL query in memory.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "express-bench-throwaway-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credsly.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from express.models import ExpressScore, Region, SensitiveArea, ShipmentImport
    from express.services import import_process

    call_command("migrate", verbosity=0)
    Region.objects.bulk_create([Region(province=p, city=c, district=d) for p, c, d in REGIONS], ignore_conflicts=True)
    for area in SENSITIVE_AREAS:
        SensitiveArea.objects.get_or_create(area=area, effective_from=date(2020, 1, 1))
    shipment_import = ShipmentImport.objects.create(file_name=path.name, as_of=AS_OF)
    stored = Path(settings.MEDIA_ROOT) / "express" / "imports" / f"{shipment_import.pk}.csv"
    stored.parent.mkdir(parents=True, exist_ok=True)
    path.rename(stored)
    shipment_import.upload.name = f"express/imports/{shipment_import.pk}.csv"
    shipment_import.save(update_fields=["upload"])
    baseline = rss_mib()
    started = time.perf_counter()
    import_process(shipment_import)
    elapsed = time.perf_counter() - started
    report = shipment_import.report
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; status {shipment_import.status}")
    print(f"cleaning: read {report['read']:,}, kept {report['kept']:,}, dropped {report['dropped']}")
    print(f"full import (clean, score, store {shipment_import.subjects_scored:,} scored subjects, "
          f"{ExpressScore.objects.filter(source_import=shipment_import).count():,} score rows): "
          f"{elapsed:.1f} s = {report['read'] / elapsed:,.0f} rows/s")
    print(f"peak RSS: {rss_mib():.0f} MiB (before the import: {baseline:.0f} MiB)")


if __name__ == "__main__":
    main()
