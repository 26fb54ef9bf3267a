"""The characteristic model as data (express/characteristics.py)."""
import pytest

from express.characteristics import CharacteristicModel

MODEL = CharacteristicModel()


def test_the_model_round_trips_through_its_dict():
    assert CharacteristicModel.from_dict(MODEL.to_dict()) == MODEL


@pytest.mark.parametrize("change, message", [
    ({"window_days": 0}, "window_days must be a whole number"),
    ({"period_days": 400}, "period_days must not be longer"),
    ({"trend_tolerance": "wide"}, "trend_tolerance must be a number"),
    ({"values": {"first": 1}}, "values must give exactly"),
    ({"weights": {**MODEL.weights, "second": "x"}}, "every entry of weights must be a number"),
    ({"values": {**MODEL.values, "first": 5.0}}, "first value must be negative"),
    ({"bands": [[10, "x"]]}, "bands must start at 0"),
    ({"bands": "high"}, r"bands must be a list of \[lower bound, label\] pairs"),
    ({"colour": "red"}, "unknown model field"),
])
def test_a_bad_model_is_refused_with_a_message_naming_the_field(change, message):
    with pytest.raises(ValueError, match=message):
        CharacteristicModel.from_dict({**MODEL.to_dict(), **change})
