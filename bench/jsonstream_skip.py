"""Skipping a 62 MB key nobody asked for, before the list we want: time and peak memory.

Writes a JSON file shaped like a Facebook friends file with a huge unlisted key first
(``{"unlisted": <62 MB>, "friends_v2": [1,000 friends]}``), once with a list of small
objects there and once with one long string, and reads ``friends_v2`` from it in a fresh
child process each way:

- ``decode whole``: how ``ingest/jsonstream.py`` skipped before (every skipped value
  decoded with ``json``), with the reader's item limit (16 M characters): the list is lost;
- ``decode whole, no limit``: the same with the limit lifted, to show what decoding costs;
- ``skip (ours)``: today's ``iter_items``;
- ``ijson yajl2_c``: ``ijson.items(stream, "friends_v2.item")`` with its C backend.

Peak memory is the child's peak resident set (VmHWM), next to a child that reads an empty file.

    .venv/bin/python bench/jsonstream_skip.py [--megabytes 62]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FRIENDS = 1_000


def write_document(path: Path, megabytes: int, shape: str) -> None:
    target = megabytes * 1024 * 1024
    with path.open("w", encoding="utf-8") as out:
        out.write('{"unlisted": ')
        if shape == "list":
            out.write("[")
            written = n = 0
            while written < target:
                item = json.dumps({"name": f"Someone {n} [x]", "timestamp": 1_600_000_000 + n, "tags": ["a", "b{"]})
                out.write(("," if n else "") + item)
                written += len(item) + 1
                n += 1
            out.write("]")
        else:
            out.write(json.dumps('long field with "quotes" and \\ backslashes ' * (target // 45)))
        friends = [{"name": f"Friend {i}", "timestamp": 1_600_000_000 + i} for i in range(FRIENDS)]
        out.write(', "friends_v2": ' + json.dumps(friends) + "}")


def _peak_mb() -> float:
    """The peak resident set of this process's own memory map. ``ru_maxrss`` would not do:
    Linux carries it across exec, so a spawned child would report its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def _read(queue, way: str, path: str) -> None:
    import ijson

    from ingest import jsonstream

    if way.startswith("decode whole"):
        jsonstream._Text.skip = jsonstream._Text.value  # the way skipped values were read before
    limit = 10**10 if way.endswith("no limit") else 16 * 1024 * 1024
    started = time.perf_counter()
    try:
        with open(path, "rb") as stream:
            if way == "ijson yajl2_c":
                friends = sum(1 for _ in ijson.items(stream, "friends_v2.item", use_float=True))
            else:
                friends = sum(1 for _ in jsonstream.iter_items(stream, ("friends_v2",), max_item_chars=limit))
        outcome = f"{friends:,} friends"
    except jsonstream.MalformedJSON as exc:
        outcome = f"list lost ({exc})"
    queue.put({"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "outcome": outcome, "backend": ijson.backend})


def _in_child(*args) -> dict:
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: its peak is ours alone
    queue = context.Queue()
    process = context.Process(target=_read, args=(queue, *args))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=62, help="size of the unlisted value")
    options = parser.parse_args()
    ways = ["decode whole", "decode whole, no limit", "skip (ours)", "ijson yajl2_c"]
    with tempfile.TemporaryDirectory(prefix="credsly-bench-") as workdir:
        empty = Path(workdir) / "empty.json"
        empty.write_text('{"friends_v2": []}')
        baseline = _in_child("skip (ours)", str(empty))
        print(f"peak RSS of a child that imports the readers and reads an empty file: {baseline['peak_mb']:,.0f} MB")
        for shape in ("list", "string"):
            path = Path(workdir) / f"{shape}.json"
            write_document(path, options.megabytes, shape)
            print(f"\n{path.stat().st_size / 1024**2:,.0f} MB file, unlisted value: one {shape}")
            print(f"{'way':<24} {'time':>8} {'peak RSS':>10}  outcome")
            for way in ways:
                result = _in_child(way, str(path))
                print(f"{way:<24} {result['seconds']:>7.2f}s {result['peak_mb']:>7,.0f} MB  {result['outcome']}")


if __name__ == "__main__":
    main()
