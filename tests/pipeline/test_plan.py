"""The pure core of the pipeline: which items are analysed, and in which chunks."""
import pytest

from pipeline.services import PoisonInput, collect_items, plan_chunks


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
