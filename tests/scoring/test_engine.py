"""The pure scorer: sums, bands, ineligibility, unscorable applicants, reasons, determinism."""
from dataclasses import replace
from datetime import date

import pytest

from scoring import bands
from scoring.priority import engine
from scoring.priority.defaults import default_config
from scoring.priority.features import extract_features

from .documents import EMPTY_ANALYSIS, analysis, facebook, linkedin

TODAY = date(2026, 11, 24)
DEFAULT = default_config()
# The engine's arithmetic with every feature on: the default with age switched on (its lawful curve).
CONFIG = replace(DEFAULT, specs={**DEFAULT.specs, "age": replace(DEFAULT.specs["age"], enabled=True)})


def vector(**values):
    return {name: {"value": value, "sources": ["facebook"]} for name, value in values.items()}


def test_score_is_the_weighted_sum_of_present_features():
    result = engine.score(vector(age=35, connections=80_000, negative_posts=0.25, skills=5), CONFIG)
    # age 1.0*100 + connections 1.0*100 + negative posts 0.5*100 + skills 0.2*50
    assert result["score"] == pytest.approx(260)
    assert result["max_score"] == 350
    assert result["normalized"] == pytest.approx(74.29)
    assert result["band"] == "good"
    assert result["eligible"] and not result["unscorable"]
    assert result["config_version"] == 1
    c = result["contributions"]["negative_posts"]
    assert c == {"value": 0.25, "sources": ["facebook"], "curve": "penalty", "output": 0.5,
                 "priority": 1, "weight": 100.0, "points": 50.0, "possible": 100.0}
    assert "education" in result["missing"] and "age" not in result["missing"]


@pytest.mark.parametrize(("age", "eligible", "code"), [
    (17, False, "age_below_minimum"), (18, True, None), (35, True, None), (65, True, None),
    (66, True, None), (101, True, None)])
def test_age_edges_decide_eligibility(age, eligible, code):
    result = engine.score(vector(age=age, connections=500, skills=3, likes_per_post=4), CONFIG)
    assert result["eligible"] is eligible
    if not eligible:
        assert result["score"] is None and result["band"] == ""
        assert result["reasons"][0]["code"] == code
        assert result["flags"] == ["ineligible_age"]
    else:
        assert result["score"] is not None


@pytest.mark.parametrize(("connections", "points"), [(0, 0.0), (80_000, 100.0), (1_000_000, 100.0)])
def test_connections_edges(connections, points):
    result = engine.score(vector(age=35, connections=connections, skills=3, likes_per_post=4), CONFIG)
    assert result["contributions"]["connections"]["points"] == pytest.approx(points)


def test_all_sources_missing_is_unscorable_not_a_low_score():
    features = extract_features([], EMPTY_ANALYSIS, as_of=TODAY)
    result = engine.score(features, CONFIG)
    assert result["unscorable"] and result["eligible"]
    assert result["score"] is None and result["normalized"] is None and result["band"] == ""
    assert result["flags"][0] == "too_few_features"
    assert "missing_age" in result["flags"] and "missing_connections" in result["flags"]
    assert result["missing"] == list(CONFIG.enabled_names)
    assert result["reasons"][0]["code"] == "too_few_features"


def test_minimum_number_of_features_is_configurable():
    features = vector(age=35, connections=1000)
    assert engine.score(features, CONFIG)["unscorable"]
    assert not engine.score(features, replace(CONFIG, min_features=2))["unscorable"]


def test_one_source_only_is_scored_on_what_it_gives():
    features = extract_features([linkedin()], EMPTY_ANALYSIS, as_of=TODAY)
    result = engine.score(features, CONFIG)
    assert not result["unscorable"]
    assert "age" in result["missing"]
    assert set(result["contributions"]) == {"connections", "skills", "invitations", "likes_per_post",
                                           "education", "interaction_frequency"}
    assert result["max_score"] == 100 + 5 * 50


def test_missing_feature_neither_helps_nor_hurts():
    with_gap = engine.score(vector(age=35, connections=80_000, skills=25, likes_per_post=50), CONFIG)
    assert with_gap["normalized"] == 100.0
    assert with_gap["band"] == "very_good"


def test_reasons_are_ordered_by_points_lost_and_at_most_four():
    features = vector(age=35, connections=100, negative_posts=0.4, negative_images=0.0, negative_pages=0.1,
                      negative_groups=0.2, skills=1, likes_per_post=45)
    result = engine.score(features, CONFIG)
    codes = [r["code"] for r in result["reasons"]]
    lost = [r["points_lost"] for r in result["reasons"]]
    assert len(codes) == 4
    assert lost == sorted(lost, reverse=True)
    assert codes[:2] == ["many_negative_posts", "offensive_groups"]  # 80 points lost each
    assert "explicit_images" not in codes  # lost nothing
    assert all(r["text"] and r["text"][0].isupper() for r in result["reasons"])


def test_age_is_off_by_default():
    assert "age" not in DEFAULT.enabled_names
    result = engine.score(vector(age=70, connections=500, skills=3, likes_per_post=4, education=1), DEFAULT)
    assert result["eligible"] and "age" not in result["contributions"]


def test_age_can_be_switched_off():
    specs = dict(CONFIG.specs)
    specs["age"] = replace(specs["age"], enabled=False)
    config = replace(CONFIG, specs=specs)
    result = engine.score(vector(age=70, connections=500, skills=3, likes_per_post=4, education=1), config)
    assert result["eligible"]
    assert "age" not in result["contributions"] and "age" not in result["missing"]


def test_a_minor_stays_ineligible_with_age_switched_off():
    specs = dict(CONFIG.specs)
    specs["age"] = replace(specs["age"], enabled=False)
    config = replace(CONFIG, specs=specs)
    result = engine.score(vector(age=17, connections=500, skills=3, likes_per_post=4, education=1), config)
    assert not result["eligible"] and result["score"] is None
    assert result["flags"] == ["ineligible_age"]
    assert result["reasons"][0]["code"] == "age_below_minimum"
    # Without a known age there is nothing to check: the applicant is scored on the rest.
    assert engine.score(vector(connections=500, skills=3, likes_per_post=4, education=1), config)["eligible"]


def test_priority_weights_move_the_score():
    features = vector(age=35, connections=0, skills=25, likes_per_post=50)
    low = engine.score(features, CONFIG)["normalized"]
    heavier_three = replace(CONFIG, weights={1: 100, 2: 80, 3: 400})
    assert engine.score(features, heavier_three)["normalized"] > low


def test_all_weights_zero_is_unscorable():
    result = engine.score(vector(age=35, connections=10, skills=3, likes_per_post=1),
                          replace(CONFIG, weights={1: 0, 2: 0, 3: 0}))
    assert result["unscorable"] and result["score"] is None


def test_the_band_is_the_band_of_the_normalized_score():
    result = engine.score(vector(age=35, connections=500, negative_posts=0.3, skills=3), CONFIG)
    assert result["band"] == bands.band_of(result["normalized"]) != ""


def test_same_profile_and_version_give_the_same_result():
    profiles, doc = [facebook(), linkedin()], analysis()
    first = engine.score(extract_features(profiles, doc, as_of=TODAY), CONFIG)
    second = engine.score(extract_features(list(reversed(profiles)), doc, as_of=TODAY), replace(CONFIG))
    assert first == second
    assert first["score"] is not None
