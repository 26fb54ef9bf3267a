import pytest

from scoring.fuzzy.evaluation import (
    GRADES,
    FuzzyError,
    NothingToEvaluate,
    evaluate,
    grade_of,
    memberships,
)
from scoring.fuzzy.hierarchy import Hierarchy

# A small tree: X (X1, X2) and Y (Y1, Y2, Y3) under the root.
TREE = Hierarchy.from_json({
    "X": {"name": "x", "parent": "0"},
    "X1": {"name": "x one", "parent": "X"},
    "X2": {"name": "x two", "parent": "X"},
    "Y": {"name": "y", "parent": "0"},
    "Y1": {"name": "y one", "parent": "Y"},
    "Y2": {"name": "y two", "parent": "Y"},
    "Y3": {"name": "y three", "parent": "Y"},
})
WEIGHTS = {"0": [0.25, 0.75], "X": [0.5, 0.5], "Y": [0.2, 0.3, 0.5]}


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0, (0, 0, 0, 0, 1)),
        (10, (0, 0, 0, 0, 1)),
        (20, (0, 0, 0, 2 / 3, 0.5)),
        (25, (0, 0, 0, 1, 0.25)),
        (30, (0, 0, 0, 1, 0)),
        (35, (0, 0, 1 / 3, 1, 0)),
        (45, (0, 0, 1, 1 / 3, 0)),
        (50, (0, 0, 1, 0, 0)),
        (55, (0, 1 / 3, 1, 0, 0)),
        (65, (0, 1, 1 / 3, 0, 0)),
        (70, (0, 1, 0, 0, 0)),
        (75, (0.25, 1, 0, 0, 0)),
        (80, (0.5, 2 / 3, 0, 0, 0)),
        (90, (1, 0, 0, 0, 0)),
        (100, (1, 0, 0, 0, 0)),
    ],
)
def test_membership_trapezoids_at_their_corners(x, expected):
    assert memberships(x) == pytest.approx(expected)


def test_memberships_are_continuous():
    for x in range(0, 100):
        for lo, hi in zip(memberships(x), memberships(x + 1e-9)):
            assert hi == pytest.approx(lo, abs=1e-6)


@pytest.mark.parametrize("x", [-1, 100.5])
def test_scores_outside_0_100_are_refused(x):
    with pytest.raises(FuzzyError, match="outside 0-100"):
        memberships(x)


def test_grade_of_maximum_membership_with_ties_going_to_the_worse_grade():
    assert grade_of([0.1, 0.6, 0.2, 0, 0]) == "good"
    assert grade_of([0.4, 0, 0, 0, 0.4]) == "very_poor"
    assert grade_of([0, 0.5, 0.5, 0, 0]) == "general"


def test_layers_are_w_times_r_up_to_e0():
    scores = {"X1": 90, "X2": 50, "Y1": 10, "Y2": 70, "Y3": 80}
    result = evaluate(TREE, WEIGHTS, scores)
    ex = [0.5 * 1 + 0.5 * 0, 0, 0.5 * 1, 0, 0]
    ey = [0.5 * 0.5, 0.3 * 1 + 0.5 * 2 / 3, 0, 0, 0.2 * 1]
    e0 = [0.25 * a + 0.75 * b for a, b in zip(ex, ey)]
    assert result.layers["X"] == pytest.approx(ex)
    assert result.layers["Y"] == pytest.approx(ey)
    assert result.e0 == pytest.approx(e0)
    total = sum(e0)
    assert result.e0_normalized == pytest.approx([v / total for v in e0])
    assert result.score == pytest.approx(sum(v / total * l for v, l in zip(e0, (90, 70, 50, 30, 10))))
    assert result.grade == GRADES[e0.index(max(e0))]
    assert result.missing == () and result.redistributed == {}
    output = result.command_output()
    assert set(output) == {"E0", "E0_normalized", "score", "grade", "layers"}
    assert set(output["layers"]) == {"X", "Y"}


def test_a_missing_leaf_shares_its_weight_among_its_siblings():
    scores = {"X1": 90, "X2": 50, "Y1": None, "Y2": 70, "Y3": 80}
    result = evaluate(TREE, WEIGHTS, scores)
    assert result.weights["Y"] == pytest.approx((0, 0.3 / 0.8, 0.5 / 0.8))
    assert result.layers["Y"] == pytest.approx([0.5 / 0.8 * 0.5, 0.3 / 0.8 + 0.5 / 0.8 * 2 / 3, 0, 0, 0])
    assert result.missing == ("Y1",)
    assert result.redistributed == {"Y": ("Y1",)}
    assert result.weights["0"] == (0.25, 0.75)


def test_a_parent_with_every_child_missing_is_missing_and_its_weight_moves_up():
    result = evaluate(TREE, WEIGHTS, {"X1": 90, "X2": 50})
    assert set(result.missing) == {"Y1", "Y2", "Y3", "Y"}
    assert result.redistributed == {"Y": ("Y1", "Y2", "Y3"), "0": ("Y",)}
    assert result.weights["0"] == (1.0, 0.0)
    assert result.e0 == pytest.approx(result.layers["X"])


def test_nothing_to_evaluate_when_every_index_is_missing():
    with pytest.raises(NothingToEvaluate):
        evaluate(TREE, WEIGHTS, {"X1": None})


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({**WEIGHTS, "Y": [0.5, 0.5]}, "has 3 sub-indices but 2 weights"),
        ({**WEIGHTS, "Y": [0.5, 0.5, 0.5]}, "add up to 1.5000"),
        ({**WEIGHTS, "Y": [1.2, -0.2, 0]}, "at least 0"),
        ({"0": [0.5, 0.5], "X": [0.5, 0.5]}, "no weights for Y y"),
    ],
)
def test_bad_weights_are_refused(weights, message):
    with pytest.raises(FuzzyError, match=message):
        evaluate(TREE, weights, {"X1": 50})


def test_unknown_codes_and_non_numbers_are_refused():
    with pytest.raises(FuzzyError, match="not leaf indices of the hierarchy: Z9"):
        evaluate(TREE, WEIGHTS, {"Z9": 50})
    with pytest.raises(FuzzyError, match="must be a number"):
        evaluate(TREE, WEIGHTS, {"X1": "fifty"})
