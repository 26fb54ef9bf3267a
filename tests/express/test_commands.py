"""score_express and calibrate_express, run as an operator would."""
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from express.characteristics import CharacteristicModel
from express.models import ExpressModel, SensitiveArea
from tests.express.generator import REGIONS, SENSITIVE_AREAS, write_labels, write_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tmp_path):
    records = tmp_path / "records.csv"
    truth = write_records(records, encoding="gb18030", delimiter="\t")
    regions = tmp_path / "regions.txt"
    regions.write_text("".join("/".join(level for level in place if level) + "\n" for place in REGIONS), encoding="utf-8")
    sensitive = tmp_path / "sensitive.txt"
    sensitive.write_text("".join(area.replace("/", "") + "\n" for area in SENSITIVE_AREAS), encoding="utf-8")
    return tmp_path, truth, records, regions, sensitive


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_score_express_prints_one_json_object_per_user(files):
    _, truth, records, regions, sensitive = files
    out, err = run("score_express", str(records), "--as-of", truth.as_of.isoformat(),
                   "--regions", str(regions), "--sensitive", str(sensitive))
    results = [json.loads(line) for line in out.splitlines()]
    assert {r["user"] for r in results} == set(truth.types)
    assert all(set(r) == {"user", "user_type", "score", "values", "regions", "trend", "sensitive_hits", "reasons"}
               for r in results)
    by_user = {r["user"]: r for r in results}
    assert {u: r["user_type"] for u, r in by_user.items()} == truth.types
    for key in truth.sensitive_individuals:
        assert "first" in by_user[key]["values"] and by_user[key]["sensitive_hits"]
    for key, trend in truth.trends.items():
        assert by_user[key]["trend"] == trend
    report = json.loads(err)["report"]
    assert (report["read"], report["kept"]) == (truth.read, truth.kept)
    # Sensitive areas given by name (广东省汕头市) were resolved to region paths of this run's table.
    assert report["sensitive_areas"] == sorted(SENSITIVE_AREAS)


def test_score_express_uses_the_sensitive_list_in_force_without_a_file(files):
    _, truth, records, regions, _ = files
    SensitiveArea.objects.create(area="广东省/汕头市", effective_from=truth.as_of)
    out, _ = run("score_express", str(records), "--as-of", truth.as_of.isoformat(), "--regions", str(regions))
    hits = {r["user"] for r in map(json.loads, out.splitlines()) if r["sensitive_hits"]}
    assert hits and all(h in truth.types for h in hits)
    assert hits & truth.sensitive_individuals


def test_score_express_explains_a_missing_file_in_one_line(tmp_path):
    with pytest.raises(CommandError, match="cannot read .*nope.csv"):
        run("score_express", str(tmp_path / "nope.csv"))
    with pytest.raises(CommandError, match="--as-of must be a date"):
        run("score_express", str(tmp_path / "nope.csv"), "--as-of", "30/06/2024")


def test_calibrate_express_reaches_the_target_and_saves_only_when_asked(files):
    tmp_path, truth, records, regions, sensitive = files
    labels = tmp_path / "labels.csv"
    write_labels(labels, truth.labels)
    ExpressModel.add_version(CharacteristicModel.from_dict({"bad_below": 15.0}), note="too lenient")
    common = ("calibrate_express", str(records), str(labels), "--as-of", truth.as_of.isoformat(),
              "--regions", str(regions), "--sensitive", str(sensitive), "--target-accuracy", "0.9", "--seed", "5")
    out, _ = run(*common)
    result = json.loads(out)
    assert {"accuracy_before", "accuracy_after", "iterations", "model"} <= set(result)
    assert result["accuracy_before"] < 0.9 < result["accuracy_after"]
    assert result["precision_bad_after"] is not None and result["recall_bad_after"] > 0
    assert result["saved_version"] is None and ExpressModel.objects.count() == 1
    out, _ = run(*common, "--save")
    saved = json.loads(out)
    assert saved["saved_version"] == 2
    assert ExpressModel.current().params == saved["model"] == result["model"]


def test_calibrate_express_reports_honestly_when_labels_cannot_be_learned(files):
    tmp_path, truth, records, regions, sensitive = files
    individuals = sorted(truth.clean_individuals) + sorted(truth.sensitive_individuals)
    labels = tmp_path / "labels.csv"
    write_labels(labels, {user: "bad" if i % 2 else "good" for i, user in enumerate(individuals)})
    out, _ = run("calibrate_express", str(records), str(labels), "--as-of", truth.as_of.isoformat(),
                 "--regions", str(regions), "--sensitive", str(sensitive), "--save")
    result = json.loads(out)
    assert result["status"] in ("no_improvement", "below_target")
    assert result["accuracy_after"] < 0.9
    if result["status"] == "no_improvement":
        assert result["saved_version"] is None and ExpressModel.objects.count() == 1


def test_calibrate_express_refuses_labels_of_nobody_in_the_records(files):
    tmp_path, truth, records, regions, _ = files
    labels = tmp_path / "labels.csv"
    labels.write_text("user,label\nname:Nobody,good\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no labeled user appears in the records"):
        run("calibrate_express", str(records), str(labels), "--as-of", truth.as_of.isoformat(), "--regions", str(regions))


def test_calibrate_express_does_not_save_a_model_it_did_not_change(files):
    tmp_path, truth, records, regions, sensitive = files
    labels = tmp_path / "labels.csv"
    write_labels(labels, truth.labels)  # the default model already gets these right
    out, _ = run("calibrate_express", str(records), str(labels), "--as-of", truth.as_of.isoformat(),
                 "--regions", str(regions), "--sensitive", str(sensitive), "--save")
    result = json.loads(out)
    assert result["accuracy_before"] == 1.0 and result["iterations"] == 0
    assert result["saved_version"] is None and ExpressModel.objects.count() == 1
