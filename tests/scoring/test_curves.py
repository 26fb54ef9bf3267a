"""The curves at the edges the issues name: 17, 18, 35, 65, 66 and 100 years; 0, 80,000 and
10^6 connections; and the validation messages an admin sees."""
import math

import numpy as np
import pytest

from scoring.priority import curves
from scoring.priority.defaults import SPECS

AGE = SPECS["age"]["params"]
SEED_TENT = {"low": 18, "peak": 35, "high": 65, "floor": 0.0}  # version 1's age curve
CONNECTIONS = SPECS["connections"]["params"]


@pytest.mark.parametrize(("age", "expected"), [(17, None), (18, 0.0), (35, 1.0), (65, 1.0), (66, 1.0), (100, 1.0)])
def test_the_default_age_tent_has_no_upper_limit(age, expected):
    assert curves.evaluate("tent", AGE, age) == expected


@pytest.mark.parametrize(("age", "expected"), [(17, None), (18, 0.0), (35, 1.0), (65, 0.0), (66, None)])
def test_a_tent_with_high_falls_to_it(age, expected):
    assert curves.evaluate("tent", SEED_TENT, age) == expected


def test_age_tent_rises_then_falls_linearly():
    halfway_up = curves.evaluate("tent", SEED_TENT, 26.5)
    halfway_down = curves.evaluate("tent", SEED_TENT, 50)
    assert halfway_up == pytest.approx(0.5)
    assert halfway_down == pytest.approx(0.5)
    assert curves.evaluate("tent", {**AGE, "floor": 0.2}, 18) == pytest.approx(0.2)
    assert curves.evaluate("tent", AGE, 26.5) == pytest.approx(0.5)


@pytest.mark.parametrize(("count", "expected"), [(0, 0.0), (80_000, 1.0), (1_000_000, 1.0)])
def test_connections_saturate_at_80000(count, expected):
    assert curves.evaluate("saturating", CONNECTIONS, count) == pytest.approx(expected)


def test_saturating_rises_before_the_cap():
    few, many = (curves.evaluate("saturating", CONNECTIONS, n) for n in (300, 5000))
    assert 0 < few < many < 1
    assert curves.evaluate("saturating", {"cap": 25, "shape": "linear"}, 5) == pytest.approx(0.2)


def test_reward_and_penalty_mirror_each_other_and_clip():
    params = {"low": 0.0, "high": 0.5}
    assert curves.evaluate("reward", params, 0.25) == pytest.approx(0.5)
    assert curves.evaluate("penalty", params, 0.1) == pytest.approx(0.8)
    assert curves.evaluate("penalty", params, 0.9) == 0.0
    assert curves.evaluate("reward", params, -1) == 0.0


@pytest.mark.parametrize("kind", [*curves.KINDS, "seed tent"])
def test_array_form_agrees_with_scalar_form(kind):
    params = {"tent": AGE, "seed tent": SEED_TENT, "saturating": CONNECTIONS, "reward": {"low": 0.1, "high": 0.7},
              "penalty": {"low": 0.0, "high": 0.3}}[kind]
    kind = kind.split()[-1]
    rng = np.random.default_rng(5)
    xs = np.concatenate([rng.uniform(-10, 100_000, 200), rng.uniform(0, 1, 200), [17, 18, 35, 65, 66, np.nan]])
    out, ineligible = curves.evaluate_array(kind, params, xs)
    for x, y, bad in zip(xs, out, ineligible):
        if math.isnan(x):
            assert math.isnan(y)
            continue
        expected = curves.evaluate(kind, params, x)
        assert bad == (expected is None)
        assert (math.isnan(y) if expected is None else y == pytest.approx(expected, abs=1e-12))


def test_validation_accepts_the_defaults():
    for spec in SPECS.values():
        assert curves.validate(spec["kind"], spec["params"]) == []


@pytest.mark.parametrize(("kind", "params", "message"), [
    ("tent", {"low": 35, "peak": 18, "high": 65}, "low < peak"),
    ("tent", {"low": 18, "peak": 35, "high": 30}, "peak < high"),
    ("tent", {"low": 18}, "needs peak"),
    ("reward", {"low": 0}, "needs high"),
    ("saturating", {"cap": 0}, "cap must be above 0"),
    ("saturating", {"cap": 10, "shape": "cubic"}, "shape must be one of"),
    ("reward", {"low": 1, "high": 1}, "low must be below high"),
    ("penalty", {"low": "a", "high": 1}, "low must be a number"),
    ("penalty", {"low": 0, "high": 1, "slope": 2}, "Unknown parameter(s) slope"),
    ("spline", {}, "Unknown curve kind"),
])
def test_validation_explains_what_is_wrong(kind, params, message):
    errors = curves.validate(kind, params)
    assert any(message in e for e in errors), errors


def test_the_best_value_earns_full_marks():
    for spec in SPECS.values():
        assert curves.evaluate(spec["kind"], spec["params"], curves.best_value(spec["kind"], spec["params"])) == 1.0
