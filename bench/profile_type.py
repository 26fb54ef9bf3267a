"""What reading a profile through its type (``ingest.profile``) costs, against reading it at all.

Builds the largest profile the parsers keep (``MAX_ITEMS`` posts, comments, groups, pages and
media, as ``ingest.parsers.base`` caps them) and times, best of ``--repeat`` runs:

- baseline: ``json.loads`` of its JSON, what loading a stored profile from the database costs;
- ``read_profile``: validating the decoded document into the type (``collect_items``, and
  ``read_documents`` in scoring's cores);
- ``read_profile(...).document()``: validating and writing it back (a parser's output).

    .venv/bin/python bench/profile_type.py [--items 50000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.parsers.base import MAX_ITEMS  # noqa: E402
from ingest.profile import read_profile  # noqa: E402


def largest_profile(items: int) -> dict:
    when = "2024-05-02T07:15:09+00:00"
    return {
        "schema_version": 1, "platform": "facebook", "source": {"kind": "archive", "layout": "facebook-2024"},
        "profile": {"name": "Zoë Bench", "emails": ["zoe@example.org"], "birth_date": "1990-05-17", "gender": None,
                    "location": "München", "bio": None, "registered_at": when, "verified": True,
                    "education": [{"school": "TU München", "degree": "MSc", "graduated": True}],
                    "positions": [{"company": "Brötchen GmbH", "title": None, "started_on": "2015-01", "ended_on": None}],
                    "skills": None},
        "counts": {"friends": 4000, "followers": 120, "following": 300, "connections": None,
                   "friend_requests_received": 40, "invitations_received": None, "reactions_given": 150000},
        "posts": [{"text": f"Post {i}: café ☕ 今天天气很好 😀 " + "x" * 200, "created_at": when, "likes": None, "shares": None}
                  for i in range(items)],
        "comments": [{"text": f"Comment {i} ✓ 太棒了", "created_at": when} for i in range(items)],
        "groups": [f"Group {i}" for i in range(items)],
        "pages": [f"Page {i}" for i in range(items)],
        "media": [{"path": f"posts/media/photo_{i}.jpg", "kind": "image", "created_at": when} for i in range(items)],
        "warnings": [],
    }


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=MAX_ITEMS, help="items in each list of the profile")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    document = largest_profile(options.items)
    text = json.dumps(document, ensure_ascii=False)
    loads = best_of(options.repeat, lambda: json.loads(text))
    validate = best_of(options.repeat, lambda: read_profile(document))
    plain = best_of(options.repeat, lambda: read_profile(document).document())
    print(f"profile: {options.items:,} items in each of 5 lists, {len(text.encode()) / 1024**2:,.1f} MB of JSON")
    print(f"json.loads (baseline):        {loads * 1000:8,.0f} ms")
    print(f"read_profile:                 {validate * 1000:8,.0f} ms  ({validate / loads:.1f} x the baseline)")
    print(f"read_profile(...).document(): {plain * 1000:8,.0f} ms  ({plain / loads:.1f} x the baseline)")


if __name__ == "__main__":
    main()
