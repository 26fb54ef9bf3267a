"""Region features of individuals and enterprises (express/features.py)."""
import pytest

from express.features import relative_slope


def test_relative_slope_is_the_least_squares_slope_over_the_mean():
    assert relative_slope([10, 10, 10]) == 0
    assert relative_slope([4, 6, 8, 10, 12, 14]) == pytest.approx(2 / 9)
    assert relative_slope([0, 0, 0]) is None
    assert relative_slope([5]) is None


def test_enterprise_counts_are_per_region_and_period(scenario):
    key = next(k for k, t in scenario.truth.trends.items() if t == "growing" and not k.startswith("name:"))
    feature = scenario.results[key]["features"]
    assert feature["parcels_per_period"] == [4, 6, 8, 10, 12, 14]
    per_region = feature["region_periods"]
    totals = [sum(periods.get(label, {}).get("total", 0) for periods in per_region.values()) for label in feature["periods"]]
    assert totals == feature["parcels_per_period"]
    assert all(cell["sent"] == cell["total"] for periods in per_region.values() for cell in periods.values())
