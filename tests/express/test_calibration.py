"""Training the characteristic model on labeled users (express/calibration.py)."""
import pytest

from express.calibration import _prepare, calibrate, read_labels
from express.characteristics import CharacteristicModel
from express.identity import UNKNOWN
from express.scores import applied_values, score, total
from tests.express.generator import SENSITIVE_AREAS

MODEL = CharacteristicModel()


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
