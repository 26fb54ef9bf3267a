import numpy as np
import pytest

from scoring.fuzzy import ahp
from scoring.fuzzy.hierarchy import PAPER_HIERARCHY, PAPER_MATRICES, PAPER_TABLE3, ROOT

R1 = [[1, 1 / 3, 1 / 2], [3, 1, 1], [2, 1, 1]]


def consistent_matrix(weights):
    return [[wi / wj for wj in weights] for wi in weights]


def test_weights_are_the_principal_eigenvector():
    result = ahp.analyse(R1)
    matrix = np.array(R1)
    w = np.array(result.weights)
    assert w.sum() == pytest.approx(1)
    assert matrix @ w == pytest.approx(result.lambda_max * w)
    assert result.ci == pytest.approx((result.lambda_max - 3) / 2)
    assert result.ri == 0.58
    assert result.cr == pytest.approx(result.ci / 0.58)
    assert result.ri_table == ahp.RI_TABLE_NAME
    assert result.consistent


def test_r1_of_the_paper_gives_what_the_formulas_give_not_table3():
    # Eq. 3's R1 has lambda_max 3.0183, W0 [0.1692 0.4434 0.3874], CI 0.0091, CR 0.0158.
    # The paper prints 3.0192, [0.1692 0.4439 0.3869], 0.0096, 0.0166 (Table 3 and after
    # Eq. 3): neither the eigenvector, the geometric-mean nor the column-normalization method
    # reproduces those from the printed R1, so the printed R1 or its results were transcribed
    # with an error. The eigenvector of R1 is what is asserted.
    result = ahp.analyse(R1)
    assert result.weights == pytest.approx((0.1692, 0.4434, 0.3874), abs=5e-5)
    assert result.lambda_max == pytest.approx(3.0183, abs=5e-5)
    assert result.ci == pytest.approx(0.0091, abs=5e-5)
    assert result.cr == pytest.approx(0.0158, abs=5e-5)
    printed_weights, printed_lambda, _, _ = PAPER_TABLE3[ROOT]
    assert abs(result.lambda_max - printed_lambda) > 5e-4
    assert max(abs(a - b) for a, b in zip(result.weights, printed_weights)) > 4e-4


@pytest.mark.parametrize("code", ["A", "C", "A1", "A2", "B2", "B3", "B4", "B5", "C1", "C2"])
def test_default_matrices_reproduce_table3(code):
    printed_weights, printed_lambda, printed_ci, printed_cr = PAPER_TABLE3[code]
    result = ahp.analyse(PAPER_MATRICES[code], PAPER_HIERARCHY.children(code))
    assert result.weights == pytest.approx(printed_weights, abs=5e-5)
    assert result.lambda_max == pytest.approx(printed_lambda, abs=5e-5)
    assert result.ci == pytest.approx(printed_ci, abs=5e-5)
    assert result.cr == pytest.approx(printed_cr, abs=1e-4)


def test_default_b_matrix_is_as_close_to_table3_as_saatys_scale_allows():
    printed_weights, printed_lambda, printed_ci, printed_cr = PAPER_TABLE3["B"]
    result = ahp.analyse(PAPER_MATRICES["B"])
    assert result.lambda_max == pytest.approx(printed_lambda, abs=5e-5)
    assert result.ci == pytest.approx(printed_ci, abs=5e-5)
    assert result.cr == pytest.approx(printed_cr, abs=5e-5)
    assert result.weights == pytest.approx(printed_weights, abs=0.0021)
    for row in PAPER_MATRICES["B"]:
        for value in row:
            assert float(ahp.nearest_saaty(value)) == pytest.approx(value)


def test_one_by_one_and_two_by_two_are_consistent_by_definition():
    one = ahp.analyse([[1]])
    assert one.weights == (1.0,) and one.cr == 0 and one.lambda_max == 1
    two = ahp.analyse([[1, 6], [1 / 6, 1]])
    assert two.weights == pytest.approx((6 / 7, 1 / 7))
    assert (two.lambda_max, two.ci, two.cr, two.ri) == (2.0, 0.0, 0.0, 0.0)
    assert two.consistent


def test_a_consistent_matrix_has_zero_cr_and_returns_its_weights():
    weights = [0.1, 0.2, 0.3, 0.4]
    result = ahp.analyse(consistent_matrix(weights))
    assert result.weights == pytest.approx(weights)
    assert result.cr == pytest.approx(0, abs=1e-9)
    assert result.ri == 0.90


def test_an_inconsistent_matrix_fails_and_names_the_planted_judgement():
    matrix = consistent_matrix([0.1, 0.2, 0.3, 0.4])
    matrix[0][3], matrix[3][0] = 9.0, 1 / 9  # 1 over 4 was 1/4: now 9, a flagrant contradiction
    result = ahp.analyse(matrix, ["w", "x", "y", "z"])
    assert result.cr >= ahp.CR_THRESHOLD
    assert not result.consistent
    worst = result.most_inconsistent[0]
    assert (worst.i, worst.j) == (0, 3)
    assert worst.deviation > result.most_inconsistent[1].deviation
    message = ahp.refusal(result, ["w", "x", "y", "z"])
    assert "w vs z: entered 9" in message
    assert "\n" not in message


def test_the_classic_cyclic_matrix_is_refused():
    result = ahp.analyse([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    assert result.cr > 1
    assert result.weights == pytest.approx((1 / 3, 1 / 3, 1 / 3))


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 3], [3, 1]], "not reciprocal: 1 vs 2 is 3 so 2 vs 1 must be 1/3, not 3"),
        ([[1, 3, 1], [1 / 3, 1, 2], [1, 0.6, 1]], "not reciprocal: 2 vs 3 is 2"),
        ([[2, 1], [1, 1]], "the diagonal must be 1"),
        ([[1, 12], [1 / 12, 1]], "outside Saaty's scale"),
        ([[1, 0], [1, 1]], "positive"),
        ([[1, -2], [-0.5, 1]], "positive"),
        ([[1, 2, 3], [0.5, 1]], "must be square"),
        ([], "empty"),
        ([[1, "x"], [1, 1]], "'x' is not a judgement"),
        ([[1.0] * 11 for _ in range(11)], "too large"),
        ("not a matrix", "must be square"),
    ],
)
def test_bad_matrices_are_refused_with_one_line(matrix, message):
    with pytest.raises(ahp.AhpError) as excinfo:
        ahp.analyse(matrix)
    assert message in str(excinfo.value)
    assert "\n" not in str(excinfo.value)


def test_judgements_are_read_as_people_write_them():
    assert ahp.parse_judgement("1/3") == pytest.approx(1 / 3)
    assert ahp.parse_judgement(" 5 ") == 5
    assert ahp.parse_judgement(0.25) == 0.25
    assert ahp.analyse([[1, "1/3"], ["3", 1]]).weights == pytest.approx((0.25, 0.75))
    assert ahp.format_judgement(1 / 3) == "1/3" and ahp.format_judgement(6.0) == "6"
    # A rounded reciprocal such as 0.3333 for 1/3 is accepted.
    assert ahp.analyse([[1, 3], [0.3333, 1]]).consistent


def test_reciprocity_is_built_from_the_upper_triangle():
    matrix = ahp.reciprocal_from_upper({(0, 1): 3, (0, 2): 5, (1, 2): 2}, 3)
    assert matrix[1][0] == pytest.approx(1 / 3) and matrix[2][0] == pytest.approx(1 / 5) and matrix[2][1] == 0.5
    with pytest.raises(ahp.AhpError, match="not above the diagonal"):
        ahp.reciprocal_from_upper({(1, 0): 3}, 2)


def test_b1_uses_r1_because_table3_gives_it_the_same_row_as_the_top_layer():
    assert PAPER_TABLE3["B1"] == PAPER_TABLE3[ROOT]
    assert PAPER_MATRICES["B1"] == R1 == PAPER_MATRICES[ROOT]
