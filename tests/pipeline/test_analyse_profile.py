"""manage.py analyse_profile: the analyses of one profile, in this process, as JSON."""
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ingest.parsers import parse_export
from models_ml.analysis import analyse
from models_ml.emotion_lexicon import COMMERCIAL_USE_SOURCES
from models_ml.profanity import DEFAULT_ALLOW_PHRASES
from pipeline.models import ProfanityAllowPhrase
from tests.scoring.exports import write_facebook


def run(*args: str) -> tuple[dict, str]:
    out, err = StringIO(), StringIO()
    call_command("analyse_profile", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


pytestmark = pytest.mark.django_db


@pytest.fixture
def export(tmp_path):
    archive = write_facebook(tmp_path / "fb.zip", posts=8, comments=5, names=10, photos=2)
    profile = parse_export("facebook", archive).document()
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    return archive, path, profile


def test_it_prints_the_analysis_of_the_profile_and_its_archive_images(export):
    archive, path, profile = export
    result, _ = run(str(path), "--archive", str(archive))
    with zipfile.ZipFile(archive) as zf:
        images = [zf.read(m["path"]) for m in profile["media"] if m["kind"] == "image"]
    expected = json.loads(json.dumps(analyse([profile], images, allow_phrases=ProfanityAllowPhrase.phrases(),
                                             emotion_sources=COMMERCIAL_USE_SOURCES)))
    signals = ("emotions", "interests", "authenticity", "freshness")
    assert {k: v for k, v in result.items() if k not in signals} == {
        **{k: v for k, v in expected.items() if k not in signals},
        "images": {**expected["images"], "open_nsfw": result["images"]["open_nsfw"], "violence": "not analysed"},
    }
    assert result["images"]["analysed"] + result["images"]["skipped"] == 2
    assert sum(result["sentiment"]["posts"][k] for k in ("positive", "negative", "neutral", "unsupported")) <= 8
    assert set(result["profanity"]) >= {"groups", "pages", "posts", "comments"}


def test_the_allow_list_is_the_reviewed_default_until_an_admin_edits_it(tmp_path):
    assert sorted(ProfanityAllowPhrase.phrases()) == sorted(DEFAULT_ALLOW_PHRASES)
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"platform": "facebook", "groups": ["Gay Pride Leeds", "Leeds Runners"]}))
    assert run(str(path))[0]["profanity"]["groups"] == []
    ProfanityAllowPhrase.objects.filter(phrase="gay").delete()
    assert run(str(path))[0]["profanity"]["groups"] == ["Gay Pride Leeds"]


def test_a_phrase_is_stored_as_lowercase_single_spaced_words():
    assert ProfanityAllowPhrase.objects.create(phrase="  Dyke   Parade ").phrase == "dyke parade"


def test_without_the_archive_images_are_not_analysed_and_it_says_so(export):
    _, path, _ = export
    result, err = run(str(path))
    assert result["images"]["analysed"] == 0
    assert err.strip() == "2 images listed but no --archive given: images not analysed"


def test_a_missing_profile_is_one_clear_line(tmp_path):
    with pytest.raises(CommandError, match=r"^cannot read .*nope\.json: No such file or directory$"):
        call_command("analyse_profile", str(tmp_path / "nope.json"))


def test_a_file_that_is_not_json_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.json is not a JSON profile"):
        call_command("analyse_profile", str(bad))


def test_it_prints_the_signals_beside_the_analysis(export):
    archive, path, profile = export
    result, _ = run(str(path), "--archive", str(archive))
    assert set(result["emotions"]["shares"]) >= {"anxiety", "anger", "sadness", "joy"}
    assert all(isinstance(weight, (int, float)) for weight in result["interests"]["weights"].values())
    assert 0 <= result["authenticity"]["score"] <= 100 and result["authenticity"]["reasons"]
    newest = max(item["created_at"] for item in profile["posts"] + profile["comments"] if item["created_at"])
    assert result["freshness"]["facebook"]["newest"][:10] == newest[:10]
    assert result["freshness"]["facebook"]["age_days"] >= 0
    assert result["images"]["open_nsfw"]["analysed"] == result["images"]["analysed"]
    assert result["images"]["violence"] == "not analysed"


def test_the_research_only_lexicons_are_used_only_when_switched_on(export, settings):
    from pipeline.services import emotion_sources

    assert emotion_sources() == COMMERCIAL_USE_SOURCES
    settings.EMOTION_RESEARCH_LEXICONS = True
    assert set(emotion_sources()) > set(COMMERCIAL_USE_SOURCES)
