"""``manage.py score_profile``: the real analysis models in-process, images from --archive."""
import io
import json
import zipfile
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command

from scoring import services
from scoring.models import ScoringConfig

from tests.scoring.documents import facebook, linkedin, profile

pytestmark = pytest.mark.django_db
KEYS = ["score", "max_score", "normalized", "band", "eligible", "unscorable", "flags", "contributions", "missing",
        "reasons", "config_version", "improvements"]


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def run(*args) -> list[dict]:
    out = io.StringIO()
    call_command("score_profile", *args, "--as-of", "2026-11-24", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_json_object_per_applicant(tmp_path):
    fb = write(tmp_path, "fb.json", facebook())
    young = write(tmp_path, "young.json", facebook(birth_date="2015-01-01"))
    empty = write(tmp_path, "empty.json", profile("twitter"))
    scored, minor, nothing = run(fb, young, empty)
    assert list(scored) == KEYS
    assert scored["score"] is not None and scored["band"] and scored["config_version"] == ScoringConfig.objects.current().version
    # the posts were analysed by the real sentiment model: "a good day" / "so sad"
    assert scored["contributions"]["positive_posts"]["value"] == 0.5
    assert scored["contributions"]["negative_posts"]["value"] == 0.5
    assert minor["score"] is None and minor["eligible"] is False and minor["improvements"] == []
    assert nothing["score"] is None and nothing["unscorable"] and "missing_connections" in nothing["flags"]


def test_improvements_are_at_most_four_actions_by_effect_none_about_age(tmp_path, dave):
    base = ScoringConfig.objects.current()
    cfg = base.to_engine()
    age_on = {**cfg.specs, "age": replace(cfg.specs["age"], enabled=True)}
    services.config_publish(base=base, user=dave, candidate=replace(cfg, version=None, specs=age_on))
    young = write(tmp_path, "young.json", facebook(birth_date="2005-01-01"))  # 21: far below the age peak
    (scored,) = run(young)
    assert "age" in scored["contributions"] and scored["contributions"]["age"]["points"] < 50
    found = scored["improvements"]
    assert 0 < len(found) <= 4
    assert all(set(item) == {"action", "feature", "effect"} for item in found)
    assert [item["effect"] for item in found] == sorted((item["effect"] for item in found), reverse=True)
    assert all(item["effect"] > 0 and "age" not in item["feature"].split(", ") for item in found)
    assert any(item["action"].startswith("Connect LinkedIn") for item in found)


def test_same_applicant_combines_sources_and_is_deterministic(tmp_path):
    fb = write(tmp_path, "fb.json", facebook())
    li = write(tmp_path, "li.json", linkedin())
    (combined,) = run(fb, li, "--same-applicant")
    assert combined["contributions"]["connections"]["sources"] == ["facebook", "linkedin"]
    assert run(li, fb, "--same-applicant") == [combined]


def test_images_count_only_with_the_archive(tmp_path):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (30, 140, 60)).save(buffer, format="JPEG")
    archive = tmp_path / "facebook.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("photos/1.jpg", buffer.getvalue())
    fb = write(tmp_path, "fb.json", facebook())
    (without,) = run(fb)
    (with_images,) = run(fb, "--archive", str(archive))
    assert "negative_images" in without["missing"]
    assert with_images["contributions"]["negative_images"]["value"] == 0.0  # a green square is not explicit


def test_config_version_is_chosen(tmp_path, dave):
    base = ScoringConfig.objects.current()
    cfg = base.to_engine()
    services.config_publish(base=base, user=dave,
                            candidate=type(cfg)(version=None, weights={1: 10, 2: 10, 3: 10}, specs=cfg.specs))
    fb = write(tmp_path, "fb.json", facebook())
    (before,) = run(fb, "--config-version", str(base.version))
    (current,) = run(fb)
    assert before["config_version"] == base.version and current["config_version"] == base.version + 1
    assert current["max_score"] < before["max_score"]
    assert ScoringConfig.objects.count() == base.version + 1


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", r"is not valid JSON \(line 1"),
    ('{"hello": 1}', r"is not a normalized profile \(the output of ingest_export\): platform: required \(and 1 more\)\.$"),
    ('{"platform": "facebook", "profile": {}, "posts": "many"}', r": posts: expected a list\.$"),
    ('{"platform": "facebook", "profile": {}, "groups": [1, 2]}', r": groups\.0: expected a string \(and 1 more\)\.$"),
    ('{"platform": "facebook", "profile": {"skills": "python"}}', r": profile\.skills: expected a list\.$"),
    ('[{"platform": "facebook"}, {"platform": "facebook", "posts": [{"text": 3}]}]',
     r"\(document 2 of its list\) is not a normalized profile .*: posts\.0\.text: expected a string\.$"),
])
def test_bad_input_gives_one_clear_line(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(str(path))


def test_missing_file_and_unknown_version(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "nope.json"))
    fb = write(tmp_path, "fb.json", facebook())
    with pytest.raises(CommandError, match="no scoring configuration version 9"):
        run(fb, "--config-version", "9")


def test_as_of_must_be_a_date(tmp_path):
    with pytest.raises(CommandError):
        call_command("score_profile", write(tmp_path, "fb.json", facebook()), "--as-of", "yesterday")
