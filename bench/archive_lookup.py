"""Member lookups in an X/Twitter archive with 30,000 tweet photos: a scan per lookup (how
``SafeArchive.find_all`` worked before its name index) against the index, in one run.

The X parser looks up each tweet's photo by name (``tweets_media/<id>-<file>``), so a
scan per lookup makes parsing quadratic in the number of photos. Both ways parse the same
archive with the same parser; only ``find_all`` differs. Opening the archive (reading the
directory, building the index) is timed apart.

    .venv/bin/python bench/archive_lookup.py [--photos 30000]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.archive import SafeArchive  # noqa: E402
from ingest.parsers import twitter  # noqa: E402


class ScanningArchive(SafeArchive):
    """``find_all`` as it was: every member compared with the name, for every lookup."""

    def find_all(self, basename_or_suffix: str) -> list[str]:
        wanted = basename_or_suffix.lstrip("/")
        tail = "/" + wanted
        found = [n for n in self._infos if n == wanted or n.endswith(tail)]
        return sorted(found, key=lambda n: (n.count("/"), n))


def write_archive(path: Path, photos: int) -> None:
    tweets = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/account.js", 'window.YTD.account.part0 = [{"account": {"username": "bench"}}]')
        for i in range(photos):
            tweet_id = str(10**15 + i)
            media = {"media_url_https": f"https://pbs.twimg.com/media/P{i:06d}.jpg", "type": "photo"}
            tweets.append({"tweet": {"id_str": tweet_id, "full_text": f"Photo {i}", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
                                     "extended_entities": {"media": [media]}}})
            info = zipfile.ZipInfo(f"data/tweets_media/{tweet_id}-P{i:06d}.jpg", (2024, 1, 5, 0, 0, 0))
            archive.writestr(info, i.to_bytes(4, "little") * 16, zipfile.ZIP_STORED)
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(tweets))


def timed_parse(kind: type[SafeArchive], path: Path) -> tuple[float, float, int]:
    started = time.perf_counter()
    with kind(path) as archive:
        opened = time.perf_counter()
        profile = twitter.parse(archive)
    return opened - started, time.perf_counter() - opened, len(profile["media"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=30_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="credsly-bench-") as workdir:
        path = Path(workdir) / "twitter.zip"
        write_archive(path, options.photos)
        print(f"X/Twitter archive: {options.photos:,} tweets with a photo each, {path.stat().st_size / 1024**2:,.1f} MB")
        print(f"{'way':<22} {'open':>8} {'parse':>9} {'photos found':>13}")
        results = {}
        for label, kind in (("scan per lookup", ScanningArchive), ("name index", SafeArchive)):
            opened, parsed, found = results[label] = timed_parse(kind, path)
            print(f"{label:<22} {opened:>7.2f}s {parsed:>8.2f}s {found:>13,}")
        scan, index = results["scan per lookup"], results["name index"]
        print(f"parsing with the index is {scan[1] / index[1]:,.0f} times faster "
              f"({(scan[0] + scan[1]) / (index[0] + index[1]):,.0f} times, opening included)")


if __name__ == "__main__":
    main()
