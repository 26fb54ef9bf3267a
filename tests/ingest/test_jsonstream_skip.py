"""Values that are not asked for are skipped without being decoded: a huge unlisted key
before the list we want costs time, never memory, and never loses the list."""
import io
import json
import tracemalloc

import pytest

from ingest.jsonstream import iter_items

FRIENDS = [{"name": f"Friend {i}", "timestamp": 1_600_000_000 + i} for i in range(50)]
LIMIT = 64 * 1024  # the largest single item the reader accepts, in characters


def document(unlisted: str) -> bytes:
    return ('{"unlisted": ' + unlisted + ', "friends_v2": ' + json.dumps(FRIENDS) + "}").encode()


def big_list(chars: int) -> str:
    item = json.dumps({"name": "Someone [x]", "tags": ["a", "b{"], "n": 1})
    return "[" + ",".join([item] * (chars // (len(item) + 1))) + "]"


def big_string(chars: int) -> str:
    return json.dumps('x"\\' * (chars // 3))


@pytest.mark.parametrize("unlisted", [big_list(4 * 1024 * 1024), big_string(4 * 1024 * 1024)], ids=["list", "string"])
def test_an_unlisted_value_larger_than_any_item_is_skipped_and_the_list_after_it_read(unlisted):
    data = document(unlisted)
    tracemalloc.start()
    try:
        friends = list(iter_items(io.BytesIO(data), ("friends_v2",), max_item_chars=LIMIT))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert friends == FRIENDS
    assert peak < len(data) / 4
