"""``manage.py backtest FILE.csv [--reference REF.csv]``, run as an operator would, on CSVs written here."""
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from scipy.stats import ks_2samp
from sklearn.metrics import roc_auc_score

from tests.lending.data import scored


def write_csv(path: Path, header: list[str], rows) -> Path:
    path.write_text(",".join(header) + "\n" + "".join(",".join(str(v) for v in row) + "\n" for row in rows),
                    encoding="utf-8")
    return path


def backtest(*args: str) -> dict:
    out = StringIO()
    call_command("backtest", *args, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1  # one JSON object, nothing else
    return json.loads(lines[0])


@pytest.fixture
def applications(tmp_path):
    score, outcome = scored(1000, seed=21)
    income = np.round(np.random.default_rng(22).normal(3, 1, 1000), 2)
    rows = [(f"{s:.6f}", o, "" if i % 10 == 0 else inc) for i, (s, o, inc) in enumerate(zip(score, outcome, income))]
    path = write_csv(tmp_path / "latest.csv", ["score", "outcome", "income"], rows)
    return path, np.round(score, 6), outcome


def test_it_prints_the_back_test_as_one_json_object(applications):
    path, score, outcome = applications
    report = backtest(str(path))
    assert set(report) == {"n", "bad_rate", "auc", "gini", "ks", "bad_rate_by_decile"}
    assert report["n"] == 1000
    assert report["bad_rate"] == pytest.approx(outcome.mean())
    assert report["auc"] == pytest.approx(roc_auc_score(1 - outcome, score))
    assert report["gini"] == pytest.approx(2 * roc_auc_score(1 - outcome, score) - 1)
    assert report["ks"] == pytest.approx(ks_2samp(score[outcome == 1], score[outcome == 0]).statistic)
    by_decile = [float(part.mean()) for part in np.array_split(outcome[np.argsort(score)], 10)]
    assert report["bad_rate_by_decile"] == pytest.approx(by_decile)


def test_with_a_reference_it_adds_the_psi_of_the_score_and_of_every_shared_column(applications, tmp_path):
    path, score, _ = applications
    rng = np.random.default_rng(23)
    # The reference's scores sit 20 points higher (a major shift); income comes from the same
    # population, missing as often (a tenth of the rows).
    rows = [(f"{s + 20:.6f}", "" if i % 10 == 0 else round(rng.normal(3, 1), 2), 7) for i, s in enumerate(score)]
    reference = write_csv(tmp_path / "reference.csv", ["score", "income", "region_code"], rows)
    report = backtest(str(path), "--reference", str(reference))
    assert list(report["psi"]) == ["score", "income"]  # region_code is not in the latest file; outcome is no feature
    assert report["psi"]["score"]["label"] == "major shift" and report["psi"]["score"]["psi"] > 0.25
    assert report["psi"]["income"]["label"] == "stable" and report["psi"]["income"]["psi"] < 0.1


def test_values_going_missing_is_a_shift(applications, tmp_path):
    path, score, _ = applications
    # The latest file lacks income on a tenth of its rows; the reference never did.
    reference = write_csv(tmp_path / "reference.csv", ["score", "income"], [(s, 3.0 + (s % 1)) for s in score])
    assert backtest(str(path), "--reference", str(reference))["psi"]["income"]["label"] == "major shift"


def test_too_few_outcomes_give_no_metric_and_say_why(tmp_path):
    path = write_csv(tmp_path / "few.csv", ["score", "outcome"], [(s, s % 2) for s in range(10)])
    report = backtest(str(path))
    assert report["n"] == 10
    assert [report[k] for k in ("bad_rate", "auc", "gini", "ks", "bad_rate_by_decile")] == [None] * 5
    assert report["note"].startswith("not enough outcomes: 10 recorded (5 bad, 5 good)")


def test_bad_rows_are_refused_with_their_line_numbers_and_nothing_is_printed(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("score,outcome,income\n"
                    "71.5,0,3.2\n"
                    "high,1,2.0\n"          # line 3
                    "64.0,2,\n"             # line 4
                    "\n"                    # line 5: blank, skipped
                    "55.0,1\n"              # line 6
                    "\"50.0\n\",0,x\n"      # lines 7-8: a quoted score spanning two lines; income 'x'
                    "49.0,1,nan\n",         # line 9
                    encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("backtest", str(path), stdout=out)
    message = str(refused.value)
    assert message.startswith(f"{path}: 5 of 6 rows refused, nothing was computed: ")
    assert "line 3: score must be a number, not 'high'" in message
    assert "line 4: outcome must be 1 (bad) or 0 (good), not '2'" in message
    assert "line 6 has 2 fields, the header has 3" in message
    assert "line 8: column 'income' must be a number or empty, not 'x'" in message
    assert "line 9: column 'income' must be a number or empty, not 'nan'" in message
    assert "line 2" not in message and "line 5" not in message
    assert "\n" not in message and out.getvalue() == ""


def test_a_bad_reference_is_refused_too_and_nothing_is_printed(applications, tmp_path):
    path, _, _ = applications
    reference = write_csv(tmp_path / "ref.csv", ["income"], [(1.0,), (2.0,)])
    out = StringIO()
    with pytest.raises(CommandError, match=r"ref.csv: line 1: the header has no 'score' column"):
        call_command("backtest", str(path), "--reference", str(reference), stdout=out)
    assert out.getvalue() == ""


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"score,outcome\n", "the file has a header but no rows"),
    (b"score,score,outcome\n1,1,0\n", "line 1: the header names column 'score' twice"),
    (b"score,income\n1,2\n", "line 1: the header has no 'outcome' column"),
    (b"score,outcome\n\xff\xfe,1\n", "is not UTF-8 text"),
])
def test_unusable_files_are_explained_in_one_line(tmp_path, content, message):
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("backtest", str(path))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="cannot read .*nothing.csv: No such file"):
        call_command("backtest", str(tmp_path / "nothing.csv"))


def test_as_a_process_it_exits_0_with_json_or_non_zero_with_a_sentence(applications, tmp_path):
    path, _, _ = applications
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "credsly.settings_test"}
    manage = Path(settings.BASE_DIR) / "manage.py"
    good = subprocess.run([sys.executable, str(manage), "backtest", str(path)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["n"] == 1000 and good.stderr == ""
    bad = write_csv(tmp_path / "bad.csv", ["score", "outcome"], [(1, 0), (2, "late")])
    refused = subprocess.run([sys.executable, str(manage), "backtest", str(bad)], capture_output=True, text=True,
                             env=env, timeout=120)
    assert refused.returncode != 0 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        f"CommandError: {bad}: 1 of 2 rows refused, nothing was computed: "
        "line 3: outcome must be 1 (bad) or 0 (good), not 'late'"]
