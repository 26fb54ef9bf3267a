"""Feature extraction: every feature, where it came from, and missing never being 0."""
from datetime import date

import pytest

from ingest.profile import ProfileInvalid
from scoring.priority.features import FEATURE_NAMES, extract_features

from .documents import EMPTY_ANALYSIS, analysis, facebook, linkedin, profile

TODAY = date(2026, 11, 24)


def values(vector):
    return {name: f["value"] for name, f in vector.items()}


def test_all_sources_missing_gives_every_feature_missing_not_zero():
    vector = extract_features([], EMPTY_ANALYSIS, as_of=TODAY)
    assert list(vector) == list(FEATURE_NAMES)
    assert all(f == {"value": None, "sources": []} for f in vector.values())


def test_an_export_that_tells_nothing_gives_missing_features():
    vector = extract_features([profile("twitter")], {}, as_of=TODAY)
    assert set(values(vector).values()) == {None}


def test_two_platforms_combined():
    vector = extract_features([linkedin(), facebook()], analysis(), as_of=TODAY)
    v = values(vector)
    assert v["age"] == 36  # born 1990-06-15
    assert vector["age"]["sources"] == ["facebook"]
    # facebook's audience is its larger count (400 friends), averaged with 800 LinkedIn connections
    assert v["connections"] == 600
    assert vector["connections"]["sources"] == ["facebook", "linkedin"]
    assert v["positive_posts"] == pytest.approx(2 / 3)  # the unsupported post is left out
    assert v["negative_posts"] == pytest.approx(1 / 3)
    assert vector["negative_posts"]["sources"] == ["facebook", "linkedin"]
    assert v["positive_comments"] == 0.5 and v["negative_comments"] == 0.0
    assert vector["positive_comments"]["sources"] == ["facebook"]
    assert v["negative_groups"] == pytest.approx(1 / 3)
    assert v["negative_pages"] == 0.0
    assert v["negative_images"] == 0.25
    assert vector["negative_images"]["sources"] == ["facebook"]
    assert v["skills"] == 3  # "Python" and "python" are one skill
    assert vector["skills"]["sources"] == ["linkedin"]
    assert v["invitations"] == pytest.approx((40 + 80) / (400 + 800))
    assert v["likes_per_post"] == pytest.approx((10 + 2 + 30) / 3)
    assert v["education"] == 1.5  # graduated counts 1, unknown 0.5
    days = (TODAY - date(2010, 1, 1)).days
    assert v["interaction_frequency"] == pytest.approx((2 + 1 + 500 + 1) / days)


def test_a_share_says_how_many_items_it_is_a_share_of():
    vector = extract_features([linkedin(), facebook()], analysis(), as_of=TODAY)
    of = {name: f.get("of") for name, f in vector.items()}
    assert of["positive_posts"] == of["negative_posts"] == 3  # the unsupported post is not analysed
    assert of["positive_comments"] == of["negative_comments"] == 2
    assert of["negative_groups"] == 3 and of["negative_pages"] == 2 and of["negative_images"] == 4
    assert of["skills"] is None and of["connections"] is None  # counts are not shares


def test_order_of_sources_does_not_matter():
    one = extract_features([linkedin(), facebook()], analysis(), as_of=TODAY)
    two = extract_features([facebook(), linkedin()], analysis(), as_of=TODAY)
    assert one == two


@pytest.mark.parametrize(("how", "expected"), [("mean", 600), ("sum", 1200), ("max", 800)])
def test_connections_combination_is_a_setting(how, expected):
    vector = extract_features([linkedin(), facebook()], analysis(), as_of=TODAY, connections=how)
    assert vector["connections"]["value"] == expected


def test_unknown_combination_is_refused():
    with pytest.raises(ValueError, match="connections must be one of"):
        extract_features([], {}, as_of=TODAY, connections="median")


def test_one_source_only_keeps_other_features_missing():
    vector = extract_features([linkedin()], analysis(images={"analysed": 0, "explicit": 0, "skipped": 0, "labels": {}},
                                                      profanity=EMPTY_ANALYSIS["profanity"]), as_of=TODAY)
    v = values(vector)
    assert v["age"] is None  # LinkedIn gives no birth date
    assert v["connections"] == 800
    assert v["skills"] == 3
    assert v["negative_images"] is None and v["negative_groups"] is None and v["negative_pages"] is None


def test_zero_is_kept_apart_from_missing():
    doc = profile("instagram", followers=0, skills=[], education=[])
    v = values(extract_features([doc], {}, as_of=TODAY))
    assert v["connections"] == 0.0
    assert v["skills"] == 0.0
    assert v["education"] == 0.0
    assert v["invitations"] is None  # nothing to divide by


def test_age_counts_whole_years_at_the_date_given():
    doc = profile("facebook", birth_date="2008-11-25")
    assert extract_features([doc], {}, as_of=date(2026, 11, 24))["age"]["value"] == 17
    assert extract_features([doc], {}, as_of=date(2026, 11, 25))["age"]["value"] == 18


def test_an_unreadable_birth_date_is_refused_naming_the_field():
    # Parsers write an unreadable date as null with a warning; anything else is not a profile.
    doc = profile("facebook", birth_date="not a date")
    with pytest.raises(ProfileInvalid, match=r"^profile\.birth_date: expected a date as YYYY-MM-DD$"):
        extract_features([doc], {}, as_of=TODAY)
