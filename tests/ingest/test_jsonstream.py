"""The list streamer delivers the same items as ``json.loads``, one at a time."""
import io
import json

import pytest

from ingest import jsonstream
from ingest.jsonstream import MalformedJSON, iter_items

ITEMS = [{"name": "Zoë", "n": 1}, {"name": "李", "n": 22}, "text, with [brackets] and {braces}", 3.5, None, [1, [2]]]


@pytest.fixture(autouse=True)
def tiny_chunks(monkeypatch):
    """Seven-character reads put item boundaries, numbers and multi-byte characters
    across chunk edges, where a streaming reader breaks if it is going to."""
    monkeypatch.setattr(jsonstream, "CHUNK_CHARS", 7)


def stream(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def test_it_reads_a_top_level_array():
    assert list(iter_items(stream(json.dumps(ITEMS, ensure_ascii=False)))) == ITEMS


def test_it_reads_the_named_lists_of_an_object_and_skips_the_rest():
    document = {"title": {"big": [1, 2, 3]}, "friends_v2": ITEMS, "other": [9, 9], "more": ["x"]}
    assert list(iter_items(stream(json.dumps(document)), ("friends_v2", "more"))) == ITEMS + ["x"]


def test_it_reads_an_x_twitter_assignment():
    text = "window.YTD.tweets.part0 = " + json.dumps(ITEMS, indent=2)
    assert list(iter_items(stream(text))) == ITEMS


def test_numbers_split_across_reads_are_read_whole():
    assert list(iter_items(stream("[123456789012, 98765432109876]"))) == [123456789012, 98765432109876]


def test_empty_lists_and_objects_yield_nothing():
    assert list(iter_items(stream("[]"))) == []
    assert list(iter_items(stream("{}"), ("a",))) == []
    assert list(iter_items(stream('{"a": []}'), ("a",))) == []


def test_items_before_a_fault_are_delivered_then_the_fault_is_raised():
    seen = []
    with pytest.raises(MalformedJSON):
        for item in iter_items(stream('[{"a": 1}, {"b": 2}, {"c": oops}]')):
            seen.append(item)
    assert seen == [{"a": 1}, {"b": 2}]


def test_a_truncated_file_is_malformed():
    with pytest.raises(MalformedJSON):
        list(iter_items(stream('[{"a": 1}, {"b"')))


def test_text_without_json_is_malformed():
    with pytest.raises(MalformedJSON, match="no JSON array or object"):
        list(iter_items(stream("hello")))


def test_one_item_larger_than_the_limit_is_malformed():
    text = json.dumps([{"a": "x" * 500}])
    with pytest.raises(MalformedJSON, match="larger than the reader accepts"):
        list(iter_items(stream(text), max_item_chars=100))


def test_skipped_values_with_brackets_quotes_and_escapes_inside_strings_are_skipped_whole():
    tricky = {"s": 'x]}"[{\\', "n": [1, {"c": "\\\\\"}"}, [[]], {}], "d": -1.5e3, "t": True, "z": None, "u": "é😀"}
    document = '{"skip": ' + json.dumps(tricky, ensure_ascii=False) + ', "scalar": "]", "num": 12, "friends_v2": ' + json.dumps(ITEMS) + "}"
    assert list(iter_items(stream(document), ("friends_v2",))) == ITEMS


def test_a_skipped_value_that_is_cut_off_is_malformed():
    with pytest.raises(MalformedJSON):
        list(iter_items(stream('{"skip": {"a": [1, "x'), ("friends_v2",)))


def test_a_number_too_long_to_convert_is_malformed_not_a_crash():
    with pytest.raises(MalformedJSON):
        list(iter_items(stream("[" + "9" * 5000 + "]")))


def test_an_item_nested_too_deeply_is_malformed_not_a_crash():
    with pytest.raises(MalformedJSON):
        list(iter_items(stream("[" + "[" * 5000 + "]" * 5000 + "]")))


def test_a_skipped_value_nested_deeper_than_the_pattern_reaches_is_skipped():
    deep = "[" * 40 + '"]"' + "]" * 40
    assert list(iter_items(stream('{"skip": ' + deep + ', "a": [1, 2]}'), ("a",))) == [1, 2]
