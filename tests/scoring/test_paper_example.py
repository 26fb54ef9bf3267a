"""The worked example of Yu, Yao and Chen (seed 001, section 4.2.4): user "FreshBoy".

Table 5's index scores and Table 3's printed weights go through the implementation; each
layer is checked against the paper's formulas (Eqs. 4-8 and E = W . R), computed by hand below
for the layers the paper prints. Where the paper's printed figures differ from what its own
formulas give, the formula's result is asserted and the comment says why they differ.
"""
import pytest

from scoring.fuzzy.evaluation import PARAMETERS, evaluate, grade_of, memberships
from scoring.fuzzy.hierarchy import PAPER_HIERARCHY, PAPER_TABLE3, ROOT

TABLE5_SCORES = {
    "A11": 90, "A12": 50, "A21": 100, "A22": 80,
    "B11": 88, "B12": 70, "B13": 73, "B21": 86, "B22": 100, "B31": 20, "B32": 64,
    "B41": 50, "B42": 88, "B51": 92, "B52": 35,
    "C11": 96, "C12": 75, "C13": 78, "C21": 0, "C22": 0, "C23": 0,
}
# Table 5's membership degrees as printed (two decimals).
TABLE5_MEMBERSHIPS = {
    "A11": (1, 0, 0, 0, 0), "A12": (0, 0, 1, 0, 0), "A21": (1, 0, 0, 0, 0), "A22": (0.5, 0.67, 0, 0, 0),
    "B11": (0.9, 0.13, 0, 0, 0), "B12": (0, 1, 0, 0, 0), "B13": (0.15, 1, 0, 0, 0),
    "B21": (0.8, 0.27, 0, 0, 0), "B22": (1, 0, 0, 0, 0), "B31": (0, 0, 0, 0.67, 0.5),
    "B32": (0, 0.93, 0.4, 0, 0), "B41": (0, 0, 1, 0, 0), "B42": (0.9, 0.13, 0, 0, 0),
    "B51": (1, 0, 0, 0, 0), "B52": (0, 0, 0, 1, 0), "C11": (1, 0, 0, 0, 0), "C12": (0.25, 1, 0, 0, 0),
    "C13": (0.4, 0.8, 0, 0, 0), "C21": (0, 0, 0, 0, 1), "C22": (0, 0, 0, 0, 1), "C23": (0, 0, 0, 0, 1),
}
TABLE3_WEIGHTS = {code: weights for code, (weights, _, _, _) in PAPER_TABLE3.items()}
PRINTED = {
    "A1": (0.3333, 0, 0.6667, 0, 0),  # Eq. 11
    "A": (0.6310, 0.0479, 0.3334, 0, 0),  # Eq. 12
    ROOT: (0.2882, 0.1097, 0.0610, 0.1950, 0.3408),  # Eq. 13
}
PRINTED_E0_NORMALIZED = (0.2897, 0.1103, 0.0613, 0.1960, 0.3426)  # Eq. 14
PRINTED_SCORE = 46.165  # Eq. 15
# Table 6: the grade of each layer.
PRINTED_GRADES = {
    ROOT: "very_poor", "A": "very_good", "A1": "general", "A2": "very_good",
    "B": "poor", "B1": "good", "B2": "very_good", "B3": "poor", "B4": "general", "B5": "poor",
    "C": "very_poor", "C1": "good", "C2": "very_poor",
}


@pytest.fixture(scope="module")
def result():
    return evaluate(PAPER_HIERARCHY, TABLE3_WEIGHTS, TABLE5_SCORES)


def test_memberships_reproduce_table5_except_b52(result):
    for code, printed in TABLE5_MEMBERSHIPS.items():
        if code != "B52":
            assert result.memberships[code] == pytest.approx(printed, abs=0.005), code
    # B52 = 35: Eq. 6 gives "general" (35 - 30) / 15 = 1/3, Table 5 prints 0 (and "poor" 1,
    # which Eq. 7 agrees with). The equations are the method, so 1/3 it is.
    assert result.memberships["B52"] == pytest.approx((0, 0, 1 / 3, 1, 0))


def test_layer_a1_is_eq11(result):
    # By hand: W_A1 = [0.3333, 0.6667]; rows A11 (90 -> very good 1) and A12 (50 -> general 1).
    by_hand = (0.3333 * 1, 0, 0.6667 * 1, 0, 0)
    assert result.layers["A1"] == pytest.approx(by_hand, abs=1e-12)
    assert result.layers["A1"] == pytest.approx(PRINTED["A1"], abs=1e-4)


def test_layer_a_follows_the_formula_not_the_printed_rounding(result):
    # By hand from Eqs. 4-8: A22 = 80 gives f1 = (80-70)/20 = 0.5 and f2 = (90-80)/15 = 2/3.
    ea2 = (0.8571 * 1 + 0.1429 * 0.5, 0.1429 * (2 / 3), 0, 0, 0)
    ea1 = (0.3333, 0, 0.6667, 0, 0)
    by_hand = tuple(0.5 * a + 0.5 * b for a, b in zip(ea1, ea2))
    assert result.layers["A2"] == pytest.approx(ea2, abs=1e-12)
    assert result.layers["A"] == pytest.approx(by_hand, abs=1e-12)
    # The formula gives [0.6309 0.0476 0.3334 0 0]; the paper prints [0.6310 0.0479 0.3334 0 0].
    # The paper computed with unrounded weights (6/7, 1/7, 1/3, 2/3 from MATLAB) and with the
    # two-decimal memberships of Table 5 (0.67 for A22 "good"): that reproduces its figures.
    assert result.layers["A"] == pytest.approx((0.6309, 0.0476, 0.3334, 0, 0), abs=5e-5)
    paper_way = (0.5 * (1 / 3) + 0.5 * (6 / 7 + (1 / 7) * 0.5), 0.5 * (1 / 7) * 0.67)
    assert paper_way == pytest.approx(PRINTED["A"][:2], abs=5e-5)


def test_e0_third_component_differs_from_the_paper(result):
    # The general-grade component of E0 by hand: W0 . (EA, EB, EC)[general], with
    # B3 general = 0.1429 * f3(64) = 0.1429 * 0.4, B4 general = 0.5 * f3(50) = 0.5 * 1,
    # B5 general = 0.6667 * f3(35) = 0.6667 / 3, C general = 0 (no C index is "general").
    ea_general = 0.5 * 0.6667 * 1 + 0.5 * 0
    eb_general = 0.1644 * (0.1429 * 0.4) + 0.1868 * (0.5 * 1) + 0.5175 * (0.6667 / 3)
    assert result.layers["A"][2] == pytest.approx(ea_general, abs=1e-12)
    assert result.layers["B"][2] == pytest.approx(eb_general, abs=1e-12)
    e0_general = 0.1692 * ea_general + 0.4439 * eb_general + 0.3869 * 0
    assert result.e0[2] == pytest.approx(e0_general, abs=1e-12)
    # The formula gives 0.1531; the paper prints 0.0610. The other four components agree with
    # the paper within 2e-4 (ours 0.19485, printed 0.1950: rounding), so only the
    # "general" column is off. Even Table 5's printed memberships (B52 "general" 0 instead of
    # Eq. 6's 1/3) give 0.1020, not 0.0610: 0.1692 * 0.3334 alone is already 0.0564. The
    # printed value is an arithmetic or transcription error in the paper.
    assert result.e0 == pytest.approx((0.2882, 0.1097, 0.1531, 0.1949, 0.3408), abs=5e-5)
    for k in (0, 1, 3, 4):
        assert result.e0[k] == pytest.approx(PRINTED[ROOT][k], abs=2e-4)
    with_table5_rows = evaluate_rows(TABLE5_MEMBERSHIPS)
    assert with_table5_rows[2] == pytest.approx(0.1020, abs=5e-5)
    assert abs(with_table5_rows[2] - PRINTED[ROOT][2]) > 0.04


def evaluate_rows(rows, layers=None):
    """E0 from given membership rows, independently of scoring.fuzzy.evaluation; fills ``layers``."""
    layers = {} if layers is None else layers

    def vector(code):
        children = PAPER_HIERARCHY.children(code)
        if not children:
            return tuple(rows[code])
        child_vectors = [vector(c) for c in children]
        layers[code] = tuple(sum(w * v[k] for w, v in zip(TABLE3_WEIGHTS[code], child_vectors)) for k in range(5))
        return layers[code]

    return vector(ROOT)


def test_every_layer_matches_an_independent_calculation(result):
    rows = {code: [
        min(max((x - 70) / 20, 0), 1),
        max(min((x - 50) / 15, 1, (90 - x) / 15), 0),
        max(min((x - 30) / 15, 1, (70 - x) / 15), 0),
        max(min((x - 10) / 15, 1, (50 - x) / 15), 0),
        min(max((30 - x) / 20, 0), 1),
    ] for code, x in TABLE5_SCORES.items()}
    layers = {}
    evaluate_rows(rows, layers)
    assert set(layers) == set(result.layers)
    for code, vector in layers.items():
        assert result.layers[code] == pytest.approx(vector, abs=1e-12), code


def test_score_follows_the_formula_and_the_paper_follows_its_own_e0(result):
    total = sum(result.e0)
    by_hand = sum(v / total * l for v, l in zip(result.e0, (90, 70, 50, 30, 10)))
    assert result.score == pytest.approx(by_hand, abs=1e-12)
    # Formula: E0' = [0.2652 0.1010 0.1409 0.1793 0.3136] and S = 46.497.
    assert result.e0_normalized == pytest.approx((0.2652, 0.1010, 0.1409, 0.1793, 0.3136), abs=5e-5)
    assert result.score == pytest.approx(46.497, abs=5e-4)
    # The paper's E0' and S = 46.165 are its printed E0 normalized and multiplied by L, so the
    # whole gap comes from the third component of E0 above.
    printed_total = sum(PRINTED[ROOT])
    assert tuple(v / printed_total for v in PRINTED[ROOT]) == pytest.approx(PRINTED_E0_NORMALIZED, abs=1e-4)
    assert sum(v * l for v, l in zip(PRINTED_E0_NORMALIZED, PARAMETERS)) == pytest.approx(PRINTED_SCORE, abs=1e-3)
    assert abs(result.score - PRINTED_SCORE) > 0.3


def test_grades_match_table6(result):
    assert result.grade == "very_poor"
    for code, grade in PRINTED_GRADES.items():
        assert grade_of(result.layers[code]) == grade, code


def test_implementation_membership_is_the_equations():
    # Spot values straight from Eqs. 4-8 at the scores of Table 5 that sit on slopes.
    assert memberships(64) == pytest.approx((0, 14 / 15, 6 / 15, 0, 0))
    assert memberships(20) == pytest.approx((0, 0, 0, 10 / 15, 0.5))
    assert memberships(73) == pytest.approx((3 / 20, 1, 0, 0, 0))
