"""The pure core of the pipeline: which items are analysed, and in which chunks."""
import pytest

from models_ml.analysis import empty_document
from pipeline.services import (
    PoisonInput,
    analyses_by_source,
    chunks_of_source,
    collect_items,
    images_first,
    plan_chunks,
    source_of_chunk,
)


def profile(platform="facebook", posts=(), comments=(), groups=(), pages=()):
    return {
        "platform": platform,
        "posts": [{"text": t} for t in posts],
        "comments": [{"text": t} for t in comments],
        "groups": list(groups),
        "pages": list(pages),
    }


def test_posts_of_every_source_are_posts():
    items = collect_items([profile(posts=["fb post"]), profile("twitter", posts=["a tweet"]), profile("linkedin", posts=["a share"])])
    assert items["posts"] == ["fb post", "a tweet", "a share"]


def test_lists_not_told_give_no_items():
    items = collect_items([{"platform": "facebook", "posts": [{"text": ""}], "comments": None, "groups": None}])
    assert items["posts"] == [""]
    assert items["comments"] == [] and items["groups"] == []


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"platform": "twitter", "posts": [{"text": "fine"}, {"text": {"nested": 1}}]},
         r"the stored twitter profile does not fit the schema \(posts\.1\.text: expected a string\)"),
        ({"platform": "facebook", "groups": ["ok", 42]}, r"\(groups\.1: expected a string\)"),
        ({"platform": "facebook", "posts": [{"text": None}]}, r"\(posts\.0\.text: expected a string\)"),
        ({"platform": "facebook", "posts": [{}]}, r"\(posts\.0\.text: required\)"),
        ({"platform": "myspace"}, r"the stored myspace profile does not fit the schema \(platform: expected 'facebook', "),
    ],
)
def test_a_profile_that_breaks_the_schema_is_a_poison_input_naming_the_field(bad, message):
    with pytest.raises(PoisonInput, match=message):
        collect_items([bad])


def test_a_profile_that_is_not_an_object_is_poison():
    with pytest.raises(PoisonInput):
        collect_items([["not", "a", "profile"]])


def test_chunks_cover_every_item_once_in_order():
    items = collect_items([profile(posts=[f"p{i}" for i in range(7)], comments=["c"], groups=["g1", "g2", "g3"])])
    chunks = plan_chunks(items, ["/m/a.jpg", "/m/b.jpg", "/m/c.jpg"], text_size=3, name_size=2, image_size=2)
    assert [(c.id, c.kind, c.items) for c in chunks] == [
        ("images-0000", "images", ["/m/a.jpg", "/m/b.jpg"]),
        ("images-0001", "images", ["/m/c.jpg"]),
        ("posts-0000", "posts", ["p0", "p1", "p2"]),
        ("posts-0001", "posts", ["p3", "p4", "p5"]),
        ("posts-0002", "posts", ["p6"]),
        ("comments-0000", "comments", ["c"]),
        ("groups-0000", "groups", ["g1", "g2"]),
        ("groups-0001", "groups", ["g3"]),
    ]


def test_chunk_ids_are_unique_and_stable():
    items = collect_items([profile(posts=["x"] * 10, pages=["y"] * 5)])
    first = plan_chunks(items, [], text_size=4, name_size=4, image_size=4)
    again = plan_chunks(items, [], text_size=4, name_size=4, image_size=4)
    assert first == again
    assert len({c.id for c in first}) == len(first)


def test_nothing_to_analyse_is_no_chunks():
    assert plan_chunks(collect_items([profile()]), [], text_size=5, name_size=5, image_size=5) == []


def test_chunks_are_named_after_their_source_and_images_go_first_across_sources():
    first = chunks_of_source(7, plan_chunks(collect_items([profile(posts=["a", "b"])]), [], text_size=1, name_size=1,
                                            image_size=1))
    second = chunks_of_source(12, plan_chunks(collect_items([profile()]), ["/m/x.jpg"], text_size=1, name_size=1,
                                              image_size=1))
    ordered = images_first(first + second)
    assert [c.id for c in ordered] == ["12:images-0000", "7:posts-0000", "7:posts-0001"]
    assert [source_of_chunk(c.id) for c in ordered] == [12, 7, 7]
    assert source_of_chunk("posts-0000") is None  # named before sources had their own


def test_stored_results_merge_into_one_analysis_per_source():
    rows = [
        ("7:groups-0001", {"profanity": {"groups": ["b"], "groups_total": 1}}),
        ("7:groups-0000", {"profanity": {"groups": ["a"], "groups_total": 2}}),
        ("12:posts-0000", {"sentiment": {"posts": {"positive": 3}}}),
    ]
    found = analyses_by_source(rows, [7, 12, 30])
    assert found[7]["profanity"]["groups"] == ["a", "b"] and found[7]["profanity"]["groups_total"] == 3
    assert found[12]["sentiment"]["posts"]["positive"] == 3
    assert found[30] == empty_document()  # nothing to analyse in that source
    assert None not in found
    assert None in analyses_by_source([("posts-0000", {})], [7])
