"""Trends, sensitive-area values and the score (express/scores.py), without Django, on records
whose right answers the generator knows."""
from dataclasses import replace

from express.characteristics import CharacteristicModel
from express.identity import INDIVIDUAL, UNKNOWN
from express.scores import score, sensitive_hits, trend_of
from tests.express.generator import SENSITIVE_AREAS

MODEL = CharacteristicModel()


def test_enterprise_trends_match_the_generated_ones(scenario):
    for key, trend in scenario.truth.trends.items():
        assert scenario.results[key]["trend"] == trend, key


def test_the_tolerance_band_decides_what_counts_as_stable():
    feature = {"parcels": 60, "address_slope": 0.04, "parcel_slope": 0.04}
    assert trend_of(feature, MODEL) == "stable"
    assert trend_of(feature, replace(MODEL, trend_tolerance=0.03)) == "growing"
    # Same addresses, sharply fewer parcels: the description's "existing addresses ... sharply reduced".
    assert trend_of({"parcels": 60, "address_slope": 0.0, "parcel_slope": -0.3}, MODEL) == "shrinking"
    assert trend_of({"parcels": 3, "address_slope": 0.5, "parcel_slope": 0.5}, MODEL) is None


def test_individuals_trading_with_sensitive_areas_get_the_first_value(scenario):
    for key in scenario.truth.sensitive_individuals:
        result = scenario.results[key]
        assert set(result["values"]) == {"first"} and result["values"]["first"] < 0
        assert result["sensitive_hits"] and all(h["area"] in SENSITIVE_AREAS for h in result["sensitive_hits"])
        assert any("first value" in reason for reason in result["reasons"])
    for key in scenario.truth.clean_individuals:
        result = scenario.results[key]
        assert set(result["values"]) == {"second"} and result["values"]["second"] > 0
        assert result["sensitive_hits"] == []


def test_enterprise_values_follow_the_trend_and_sensitive_traffic(scenario):
    names = {"stable": "third", "growing": "fourth", "shrinking": "fifth"}
    for key, trend in scenario.truth.trends.items():
        values = scenario.results[key]["values"]
        assert names[trend] in values
        assert ("sixth" in values) == (key in scenario.truth.sensitive_enterprises)
    sensitive = scenario.results[next(iter(scenario.truth.sensitive_enterprises))]
    assert sensitive["score"] == MODEL.base + MODEL.values["third"] + MODEL.values["sixth"]


def test_the_score_uses_the_sensitive_list_it_is_given(scenario):
    key = next(iter(scenario.truth.sensitive_individuals))
    feature = scenario.results[key]["features"]
    assert score(feature, [], MODEL)["values"] == {"second": MODEL.values["second"]}
    assert score(feature, ["云南省", "广东省"], MODEL)["values"] == {"first": MODEL.values["first"]}


def test_unknown_users_and_users_without_recent_parcels_are_not_scored(scenario):
    for key, kind in scenario.truth.types.items():
        result = scenario.results[key]
        if kind == UNKNOWN:
            assert result["score"] is None and "cannot be decided" in result["reasons"][-1]
    idle = [r for r in scenario.results.values() if r["features"]["parcels"] == 0]
    assert idle and all(r["score"] is None and "no parcels" in r["reasons"][-1] for r in idle)


def test_scores_stay_within_0_and_100_and_carry_a_band():
    harsh = CharacteristicModel.from_dict({"values": {**MODEL.values, "first": -500.0}})
    feature = {"user": "x", "user_type": INDIVIDUAL, "type_reason": "", "parcels": 2, "window": ["", ""],
               "regions": [{"region": "广东省/汕头市", "parcels": 2, "first": "", "last": "", "periods": []}]}
    result = score(feature, ["广东省/汕头市"], harsh)
    assert result["score"] == 0 and result["band"] == "high risk"


def test_a_sensitive_area_covers_its_regions_by_whole_levels():
    feature = {"regions": [{"region": region, "parcels": 1, "first": "", "last": "", "periods": []}
                           for region in ("广东省/汕头市", "广东省/汕头市/金平区", "广东省/汕尾市")]}
    assert [hit["region"] for hit in sensitive_hits(feature, ["广东省/汕头市"])] == ["广东省/汕头市", "广东省/汕头市/金平区"]
    assert sensitive_hits(feature, ["广东省/汕"]) == []
