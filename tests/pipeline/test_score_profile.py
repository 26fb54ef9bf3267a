"""``manage.py score_profile``: the real analysis models in-process, images from --archive."""
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from scoring import services
from scoring.models import ScoringConfig

from tests.scoring.documents import facebook, linkedin, profile

pytestmark = pytest.mark.django_db
KEYS = ["score", "max_score", "normalized", "band", "eligible", "unscorable", "flags", "contributions", "missing",
        "reasons", "config_version"]


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
    assert scored["score"] is not None and scored["band"] and scored["config_version"] == 1
    # the posts were analysed by the real sentiment model: "a good day" / "so sad"
    assert scored["contributions"]["positive_posts"]["value"] == 0.5
    assert scored["contributions"]["negative_posts"]["value"] == 0.5
    assert minor["score"] is None and minor["eligible"] is False
    assert nothing["score"] is None and nothing["unscorable"] and "missing_age" in nothing["flags"]


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
    base = services.config_current()
    cfg = base.to_engine()
    services.config_publish(base=base, user=dave,
                            candidate=type(cfg)(version=None, weights={1: 10, 2: 10, 3: 10}, specs=cfg.specs))
    fb = write(tmp_path, "fb.json", facebook())
    (v1,) = run(fb, "--config-version", "1")
    (current,) = run(fb)
    assert v1["config_version"] == 1 and current["config_version"] == 2
    assert current["max_score"] < v1["max_score"]
    assert ScoringConfig.objects.count() == 2


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", r"is not valid JSON \(line 1"),
    ('{"hello": 1}', "is not a normalized profile"),
    ('{"platform": "facebook", "profile": {}, "posts": "many"}', '"posts" must be a list or null'),
    ('{"platform": "facebook", "profile": {}, "groups": [1, 2]}', 'every entry of "groups" must be a string'),
    ('{"platform": "facebook", "profile": {"skills": "python"}}', '"profile.skills" must be a list'),
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
