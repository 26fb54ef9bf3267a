import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scoring.fuzzy.hierarchy import PAPER_TABLE3
from scoring.models import AhpConfig

pytestmark = pytest.mark.django_db

TABLE5 = {
    "A11": 90, "A12": 50, "A21": 100, "A22": 80, "B11": 88, "B12": 70, "B13": 73, "B21": 86, "B22": 100,
    "B31": 20, "B32": 64, "B41": 50, "B42": 88, "B51": 92, "B52": 35, "C11": 96, "C12": 75, "C13": 78,
    "C21": 0, "C22": 0, "C23": 0,
}


def run(*args) -> tuple[dict, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_ahp_weights_prints_the_issue_shape(tmp_path):
    output, _ = run("ahp_weights", write(tmp_path, "m.json", [[1, "1/3", 0.5], [3, 1, 1], [2, 1, 1]]))
    assert list(output) == ["weights", "lambda_max", "CI", "RI", "CR", "consistent"]
    assert output["weights"] == pytest.approx([0.1692, 0.4434, 0.3874], abs=5e-5)
    assert output["RI"] == 0.58 and output["consistent"] is True
    assert output["CR"] == pytest.approx(output["CI"] / 0.58)


def test_ahp_weights_reports_an_inconsistent_matrix(tmp_path):
    output, _ = run("ahp_weights", write(tmp_path, "m.json", [[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9", 1]]))
    assert output["consistent"] is False and output["CR"] > 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ([[1, 3], [3, 1]], "not reciprocal"),
        ("[[1, 2]", "is not valid JSON"),
        ([[1, 2, 3]], "must be square"),
    ],
)
def test_ahp_weights_refuses_bad_input_in_one_line(tmp_path, content, message):
    with pytest.raises(CommandError, match=message) as excinfo:
        call_command("ahp_weights", write(tmp_path, "m.json", content))
    assert "\n" not in str(excinfo.value)


def test_ahp_weights_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("ahp_weights", str(tmp_path / "nope.json"))


def test_fuzzy_evaluate_with_table3_weights_gives_the_formula_score(tmp_path):
    weights = {code: w for code, (w, _, _, _) in PAPER_TABLE3.items()}
    output, err = run("fuzzy_evaluate", write(tmp_path, "s.json", TABLE5), "--weights", write(tmp_path, "w.json", weights))
    assert set(output) == {"E0", "E0_normalized", "score", "grade", "layers"}
    assert output["score"] == pytest.approx(46.497, abs=5e-4)  # the paper prints 46.165: see test_paper_example
    assert output["grade"] == "very_poor"
    assert set(output["layers"]) == set(PAPER_TABLE3) - {"0"}
    assert all(len(v) == 5 for v in output["layers"].values())
    assert err == ""


def test_fuzzy_evaluate_defaults_to_the_current_configuration(tmp_path):
    output, _ = run("fuzzy_evaluate", write(tmp_path, "s.json", TABLE5))
    weights = AhpConfig.objects.current().weights()
    e_a1 = [weights["A1"][0] * 1, 0, weights["A1"][1] * 1, 0, 0]
    assert output["layers"]["A1"] == pytest.approx(e_a1)
    # Version 1's top layer is R1 itself (W0 = [0.1692 0.4434 0.3874]), not Table 3's print.
    e0 = [sum(w * output["layers"][c][k] for w, c in zip(weights["0"], "ABC")) for k in range(5)]
    assert output["E0"] == pytest.approx(e0)


def test_fuzzy_evaluate_partial_weights_keep_the_rest_of_the_configuration(tmp_path):
    output, _ = run("fuzzy_evaluate", write(tmp_path, "s.json", TABLE5), "--weights", write(tmp_path, "w.json", {"A1": [1, 0]}))
    assert output["layers"]["A1"] == pytest.approx([1, 0, 0, 0, 0])


def test_fuzzy_evaluate_says_which_indices_are_missing(tmp_path):
    scores = {**TABLE5, "C22": None}
    del scores["C23"]
    output, err = run("fuzzy_evaluate", write(tmp_path, "s.json", scores))
    assert "C22, C23" in err
    assert output["layers"]["C2"] == pytest.approx([0, 0, 0, 0, 1])


@pytest.mark.parametrize(
    ("scores", "weights", "message"),
    [
        ({"A11": 120}, None, "outside 0-100"),
        ({"Q1": 50}, None, "not leaf indices of the hierarchy: Q1"),
        ([1, 2], None, "must hold an object"),
        ({}, None, "no index could be scored"),
        (TABLE5, {"Z": [1]}, "not parent indices of the hierarchy: Z"),
        (TABLE5, {"A": [0.9, 0.9]}, "add up to 1.8000"),
    ],
)
def test_fuzzy_evaluate_refuses_bad_input(tmp_path, scores, weights, message):
    args = ["fuzzy_evaluate", write(tmp_path, "s.json", scores)]
    if weights is not None:
        args += ["--weights", write(tmp_path, "w.json", weights)]
    with pytest.raises(CommandError, match=message):
        call_command(*args)
