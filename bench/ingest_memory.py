"""Peak memory of ingesting a large export: is memory bounded by the largest item, not
the archive?

Writes a Facebook export of at least 500 MB into a temporary folder (photos as stored
members, plus long posts, comments, reactions and friends files), then ingests it the way
a worker does (``parse_export`` and ``store_images``) in a fresh child process and
prints that process's peak resident memory, next to the peak of a child that only
imports the same code. Everything written is deleted afterwards.

    .venv/bin/python bench/ingest_memory.py [--megabytes 520] [--keep]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PHOTO_BYTES = 256 * 1024
POSTS = 40_000
COMMENTS = 60_000
REACTIONS = 150_000
FRIENDS = 4_000
TOP = "facebook-bench-2024-01-05/"


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def _write_json_list(archive: zipfile.ZipFile, name: str, items, wrapper_key: str | None = None) -> None:
    """Write a JSON list member item by item, so the generator stays small as well."""
    with archive.open(name, "w", force_zip64=True) as member:
        member.write(f'{{"{wrapper_key}": [\n'.encode() if wrapper_key else b"[\n")
        for i, item in enumerate(items):
            if i:
                member.write(b",\n")
            member.write(json.dumps(item, ensure_ascii=True).encode("ascii"))
        member.write(b"\n]}" if wrapper_key else b"\n]")


def write_big_export(path: Path, megabytes: int) -> int:
    photos = megabytes * 1024 * 1024 // PHOTO_BYTES + 1
    base = 1_600_000_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        profile = {"profile_v2": {"name": {"full_name": _mojibake("Zoë Bench")}, "registration_timestamp": base}}
        archive.writestr(TOP + "profile_information/profile_information.json", json.dumps(profile))

        def posts():
            for i in range(POSTS):
                item = {"timestamp": base + i, "data": [{"post": _mojibake(f"Post {i}: café ☕ 今天天气很好 😀 " + "x" * 200)}]}
                if i < photos:
                    uri = f"posts/media/Timeline_{i // 1000}/photo_{i}.jpg"
                    item["attachments"] = [{"data": [{"media": {"uri": uri, "creation_timestamp": base + i}}]}]
                yield item

        _write_json_list(archive, TOP + "posts/your_posts_1.json", posts())
        comments = ({"timestamp": base + i, "data": [{"comment": {"comment": _mojibake(f"Comment {i} ✓ 太棒了"), "timestamp": base + i}}]} for i in range(COMMENTS))
        _write_json_list(archive, TOP + "comments_and_reactions/comments.json", comments, "comments_v2")
        reactions = ({"timestamp": base + i, "data": [{"reaction": {"reaction": "LIKE", "actor": "Zoë"}}]} for i in range(REACTIONS))
        _write_json_list(archive, TOP + "comments_and_reactions/posts_and_comments.json", reactions, "reactions_v2")
        friends = ({"name": f"Friend {i}", "timestamp": base} for i in range(FRIENDS))
        _write_json_list(archive, TOP + "friends_and_followers/friends.json", friends, "friends_v2")

        # Photos: random bytes, stored uncompressed as JPEGs are in real exports.
        block = os.urandom(PHOTO_BYTES)
        for i in range(photos):
            info = zipfile.ZipInfo(f"{TOP}posts/media/Timeline_{i // 1000}/photo_{i}.jpg", (2024, 1, 5, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, i.to_bytes(8, "little") + block[8:])
    return photos


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _import_only(queue) -> None:
    from ingest.media import store_images  # noqa: F401
    from ingest.parsers import parse_export  # noqa: F401

    queue.put({"peak_mb": _peak_rss_mb()})


def _ingest(queue, archive_path: str, media_dir: str) -> None:
    from ingest.archive import ArchiveLimits
    from ingest.media import store_images
    from ingest.parsers import parse_export

    limits = ArchiveLimits(max_members=200_000, max_member_bytes=1024**3, max_total_bytes=8 * 1024**3, max_ratio=200.0)
    started = time.perf_counter()
    profile = parse_export("facebook", archive_path, limits)
    parsed = time.perf_counter()
    stored = store_images(archive_path, profile, Path(media_dir), limits)
    document = profile.document()  # what the worker stores
    queue.put(
        {
            "peak_mb": _peak_rss_mb(),
            "posts": len(document["posts"]),
            "comments": len(document["comments"]),
            "reactions": document["counts"]["reactions_given"],
            "friends": document["counts"]["friends"],
            "media": len(document["media"]),
            "stored": stored,
            "parse_s": parsed - started,
            "store_s": time.perf_counter() - parsed,
            "warnings": document["warnings"],
            "profile_mb": len(json.dumps(document, ensure_ascii=False).encode()) / 1024**2,
        }
    )


def _in_child(target, *args) -> dict:
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: its peak is ours alone
    queue = context.Queue()
    process = context.Process(target=target, args=(queue, *args))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=520, help="photo bytes to write (the export is a little larger)")
    parser.add_argument("--keep", action="store_true", help="keep the generated export")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="credsly-bench-"))
    try:
        archive_path = workdir / "facebook-big.zip"
        started = time.perf_counter()
        photos = write_big_export(archive_path, options.megabytes)
        size_mb = archive_path.stat().st_size / 1024**2
        with zipfile.ZipFile(archive_path) as z:
            inflated_mb = sum(i.file_size for i in z.infolist()) / 1024**2
            largest_json_mb = max(i.file_size for i in z.infolist() if i.filename.endswith(".json")) / 1024**2
        print(f"export: {size_mb:,.0f} MB on disk, {inflated_mb:,.0f} MB unpacked, {photos:,} photos, "
              f"largest JSON member {largest_json_mb:,.0f} MB (written in {time.perf_counter() - started:,.0f} s)")

        baseline = _in_child(_import_only)
        result = _in_child(_ingest, str(archive_path), str(workdir / "media"))
        print(f"ingested: {result['posts']:,} posts, {result['comments']:,} comments, {result['reactions']:,} reactions, "
              f"{result['friends']:,} friends, {result['media']:,} media, {result['stored']:,} images stored")
        print(f"the profile document itself: {result['profile_mb']:,.0f} MB of JSON (what the memory mostly holds)")
        print(f"time: parse {result['parse_s']:,.1f} s, image copy {result['store_s']:,.1f} s")
        if result["warnings"]:
            print("warnings:", "; ".join(result["warnings"]))
        print(f"peak RSS: {result['peak_mb']:,.0f} MB ingesting (imports alone: {baseline['peak_mb']:,.0f} MB) "
              f"for a {size_mb:,.0f} MB export")
    finally:
        if options.keep:
            print(f"kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
