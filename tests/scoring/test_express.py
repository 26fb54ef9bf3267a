"""User typing, region features, sensitive-area scores and calibration (scoring/express.py),
without Django, on records whose right answers the generator knows."""
from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from ingest.shipments import CleaningReport, RegionMatcher, read_shipments
from scoring.express import (
    ENTERPRISE,
    INDIVIDUAL,
    UNKNOWN,
    Aggregator,
    _prepare,
    applied_values,
    CharacteristicModel,
    calibrate,
    classify_user,
    features,
    iter_scores,
    read_labels,
    relative_slope,
    resident_id_problem,
    score,
    total,
    trend_of,
    uscc_problem,
)
from tests.express.generator import REGIONS, SENSITIVE_AREAS, write_records

MODEL = CharacteristicModel()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    path = tmp_path_factory.mktemp("express") / "records.csv"
    truth = write_records(path)
    aggregator = Aggregator(as_of=truth.as_of, model=MODEL)
    with open(path, "rb") as stream:
        aggregator.add_all(read_shipments(stream, regions=RegionMatcher(REGIONS), report=CleaningReport()))
    results = {r["user"]: r for r in iter_scores(aggregator.users, SENSITIVE_AREAS, as_of=truth.as_of, model=MODEL)}
    return SimpleNamespace(truth=truth, aggregator=aggregator, results=results)


# --- identities ---------------------------------------------------------------------------------

@pytest.mark.parametrize("identity", ["11010519491231002X", "440524188001010014", "11010119900307803X"])
def test_published_resident_ids_verify(identity):
    assert resident_id_problem(identity) is None
    assert classify_user(identity).kind == INDIVIDUAL


def test_a_wrong_check_digit_makes_the_type_unknown_with_the_reason():
    user_type = classify_user("110105194912310021")
    assert user_type.kind == UNKNOWN
    assert "check digit is 1, GB 11643 gives X" in user_type.reason


def test_an_impossible_birth_date_fails_the_resident_id_check():
    assert "not a real date" in resident_id_problem("110105194902300012")


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_published_credit_codes_verify(code):
    assert uscc_problem(code) is None
    user_type = classify_user(code)
    assert user_type.kind == ENTERPRISE and "GB 32100" in user_type.reason


def test_a_credit_code_with_a_wrong_check_character_is_unknown():
    user_type = classify_user("91350100M000100Y44")
    assert user_type.kind == UNKNOWN and "GB 32100 gives 3" in user_type.reason


def test_no_identity_marks_an_enterprise_and_odd_ones_stay_unknown():
    assert classify_user("").kind == ENTERPRISE
    assert classify_user("110105491231002").kind == UNKNOWN  # 15-digit first generation
    assert classify_user("ABC").kind == UNKNOWN


def test_every_generated_party_gets_its_known_type(scenario):
    types = {key: traffic.user_type.kind for key, traffic in scenario.aggregator.users.items()}
    assert types == scenario.truth.types


# --- features ---------------------------------------------------------------------------------

def test_relative_slope_is_the_least_squares_slope_over_the_mean():
    assert relative_slope([10, 10, 10]) == 0
    assert relative_slope([4, 6, 8, 10, 12, 14]) == pytest.approx(2 / 9)
    assert relative_slope([0, 0, 0]) is None
    assert relative_slope([5]) is None


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


def test_enterprise_counts_are_per_region_and_period(scenario):
    key = next(k for k, t in scenario.truth.trends.items() if t == "growing" and not k.startswith("name:"))
    feature = scenario.results[key]["features"]
    assert feature["parcels_per_period"] == [4, 6, 8, 10, 12, 14]
    per_region = feature["region_periods"]
    totals = [sum(periods.get(label, {}).get("total", 0) for periods in per_region.values()) for label in feature["periods"]]
    assert totals == feature["parcels_per_period"]
    assert all(cell["sent"] == cell["total"] for periods in per_region.values() for cell in periods.values())


def individual(key="11010519491231002X"):
    return SimpleNamespace(key=key, name="Li", identity=key, address="", region=None)


def other(address, region):
    return SimpleNamespace(key="name:Shop", name="Shop", identity="", address=address, region=region)


def test_individual_regions_are_counted_and_frequent_addresses_merged():
    as_of = date(2024, 6, 30)
    spellings = ["广东省深圳市南山区科技园路８号", "广东省深圳市南山区 科技园路8号", "广东省深圳市南山区科技园路8号。"]
    shipments = [SimpleNamespace(sender=other(a, "广东省/深圳市/南山区"), recipient=individual(),
                                 sent_at=as_of - timedelta(days=5 + i), received_at=as_of - timedelta(days=4 + i))
                 for i, a in enumerate(spellings)]
    shipments.append(SimpleNamespace(sender=individual(), recipient=other("浙江省杭州市西湖区1号", "浙江省/杭州市/西湖区"),
                                     sent_at=as_of - timedelta(days=2), received_at=as_of - timedelta(days=1)))
    shipments.append(SimpleNamespace(sender=individual(), recipient=other("云南省昆明市", "云南省/昆明市"),
                                     sent_at=as_of - timedelta(days=200), received_at=as_of - timedelta(days=199)))
    aggregator = Aggregator(as_of=as_of, model=MODEL).add_all(shipments)
    feature = features(aggregator.users["11010519491231002X"], as_of=as_of, model=MODEL)
    assert [(r["region"], r["sent"], r["received"]) for r in feature["regions"]] == [
        ("广东省/深圳市/南山区", 0, 3), ("浙江省/杭州市/西湖区", 1, 0)]
    assert [(a["parcels"], a["region"]) for a in feature["frequent_addresses"]] == [(3, "广东省/深圳市/南山区")]
    assert aggregator.outside_window == 2  # the 200-day-old parcel, on both sides


# --- scores -----------------------------------------------------------------------------------

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


# --- the model as data ----------------------------------------------------------------------------

def test_the_model_round_trips_through_its_dict():
    assert CharacteristicModel.from_dict(MODEL.to_dict()) == MODEL


@pytest.mark.parametrize("change, message", [
    ({"window_days": 0}, "window_days must be a whole number"),
    ({"period_days": 400}, "period_days must not be longer"),
    ({"values": {"first": 1}}, "values must give exactly"),
    ({"values": {**MODEL.values, "first": 5.0}}, "first value must be negative"),
    ({"bands": [[10, "x"]]}, "bands must start at 0"),
    ({"colour": "red"}, "unknown model field"),
])
def test_a_bad_model_is_refused_with_a_message_naming_the_field(change, message):
    with pytest.raises(ValueError, match=message):
        CharacteristicModel.from_dict({**MODEL.to_dict(), **change})


# --- calibration ------------------------------------------------------------------------------------

def labeled(scenario):
    labels = {key: label == "bad" for key, label in scenario.truth.labels.items()}
    return [scenario.results[key]["features"] for key in labels], labels


def test_calibration_reaches_the_target_on_a_learnable_sample(scenario):
    features_list, labels = labeled(scenario)
    poor = CharacteristicModel.from_dict({"bad_below": 20.0, "values": {**MODEL.values, "first": 0.0, "fifth": 0.0}})
    result = calibrate(features_list, labels, SENSITIVE_AREAS, poor, target=0.9, seed=3)
    assert result["accuracy_before"] < 0.9
    assert result["accuracy_after"] > 0.9
    assert result["status"] == "reached_target"
    assert result["recall_bad_after"] > result["recall_bad_before"]
    assert result["iterations"] >= 1
    # The trained model, applied afresh, does what the report says.
    trained = CharacteristicModel.from_dict(result["model"])
    correct = sum((score(f, SENSITIVE_AREAS, trained)["score"] < trained.bad_below) == labels[f["user"]] for f in features_list)
    assert correct / len(features_list) == pytest.approx(result["accuracy_after"], abs=1e-4)


def test_calibration_is_reproducible_with_a_seed(scenario):
    features_list, labels = labeled(scenario)
    poor = CharacteristicModel.from_dict({"bad_below": 95.0})
    first = calibrate(features_list, labels, SENSITIVE_AREAS, poor, seed=11)
    again = calibrate(features_list, labels, SENSITIVE_AREAS, poor, seed=11)
    assert first == again


def test_calibration_reports_honestly_on_an_unlearnable_sample(scenario):
    # Labels that contradict the features: within the clean and within the sensitive individuals
    # (who look alike to the model) the outcomes alternate, so no model can exceed 2/3.
    features_list = [scenario.results[k]["features"] for k in sorted(scenario.truth.clean_individuals)]
    features_list += [scenario.results[k]["features"] for k in sorted(scenario.truth.sensitive_individuals)]
    labels = {f["user"]: i % 2 == 1 for i, f in enumerate(features_list)}
    result = calibrate(features_list, labels, SENSITIVE_AREAS, MODEL, target=0.9, seed=1)
    assert result["status"] in ("no_improvement", "below_target")
    assert result["accuracy_after"] == pytest.approx(2 / 3, abs=1e-4)  # the best any model can do
    assert result["accuracy_after"] >= result["accuracy_before"]
    if result["status"] == "no_improvement":
        assert result["model"] == MODEL.to_dict()


def test_read_labels_accepts_a_header_and_refuses_other_words():
    assert read_labels(["user,label", "11010519491231002x,BAD", "name:Shop,good", ""]) == {
        "11010519491231002X": True, "name:Shop": False}
    with pytest.raises(ValueError, match="line 2: label must be good or bad"):
        read_labels(["a,good", "b,maybe"])


def test_the_fast_arithmetic_of_calibration_agrees_with_the_full_score(scenario):
    features_list = [r["features"] for r in scenario.results.values()
                     if r["features"]["user_type"] != UNKNOWN and r["features"]["parcels"]]
    sample = _prepare(features_list, {f["user"]: False for f in features_list}, SENSITIVE_AREAS)
    for model in (MODEL, CharacteristicModel.from_dict({"trend_tolerance": 0.3, "sensitive_min_parcels_enterprise": 5,
                                                       "values": {**MODEL.values, "sixth": -5.0}})):
        for user in sample:
            assert total(applied_values(user.feature, user.hit_parcels, model)[0], model) == \
                score(user.feature, SENSITIVE_AREAS, model)["score"]
