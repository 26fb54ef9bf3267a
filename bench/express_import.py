"""Import speed and peak memory of express-delivery records on a generated 1,000,000-row file.

    .venv/bin/python bench/express_import.py [--rows 1000000] [--encoding utf-8|gb18030]

A child process writes the file into /tmp (so its memory does not count), then this process
streams it through cleaning, region matching, aggregation and scoring (``express.services``'s
``score_records`` path without the database) and prints rows/s and the peak resident set size.
The file is deleted afterwards. Database writes are not included: they grow with subjects, not rows.
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
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.shipments import FIELDS, CleaningReport, RegionMatcher, read_shipments  # noqa: E402
from scoring.express import Aggregator, CharacteristicModel, iter_scores  # noqa: E402
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
    parser.add_argument("--generate-into", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_into:
        generate(Path(args.generate_into), args.rows, args.encoding)
        return
    handle, name = tempfile.mkstemp(prefix="express-bench-", suffix=".csv", dir="/tmp")
    os.close(handle)
    path = Path(name)
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--encoding", args.encoding,
                        "--generate-into", str(path)], check=True)
        generated = time.perf_counter() - started
        size = path.stat().st_size
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
    finally:
        path.unlink(missing_ok=True)
    print(f"file: {args.rows:,} rows, {size / 1024**2:.0f} MiB {args.encoding} (generated in {generated:.0f} s, deleted)")
    print(f"cleaning: read {report.read:,}, kept {report.kept:,}, dropped {dict(report.dropped)}")
    print(f"read + clean + aggregate: {read_done - started:.1f} s = {report.read / (read_done - started):,.0f} rows/s")
    print(f"features + scores of {users:,} users: {finished - read_done:.1f} s")
    print(f"overall: {report.read / (finished - started):,.0f} rows/s")
    print(f"peak RSS: {rss_mib():.0f} MiB (before the import: {baseline:.0f} MiB)")


if __name__ == "__main__":
    main()
