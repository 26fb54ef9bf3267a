"""Retention in ingest: the pure stripping of a profile, the service that applies it to a
stored source, and refused archives deleted at once."""
import hashlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ingest import services
from ingest.models import DataSource
from ingest.retention import FINGERPRINT, fingerprint, strip_profile
from scoring.fuzzy.indices import score_indices
from tests.ingest import exports

pytestmark = pytest.mark.django_db


def digest(words: str) -> str:
    return hashlib.sha256(words.encode()).hexdigest()[:8]


def profile() -> dict:
    return {
        "platform": "twitter",
        "posts": [{"text": "Same  thing", "created_at": "2026-03-01T10:00:00Z", "likes": 3},
                  {"text": "same thing", "created_at": "2026-03-02T10:00:00Z"},
                  {"text": "RT @bob: look at this"}, {"text": None}, {"text": ""}],
        "comments": [{"text": "转发微博 nice"}],
        "groups": ["Home Bakers"],
        "media": [{"kind": "image", "path": "m/1.jpg", "stored": "00000.jpg", "created_at": "2026-03-01T10:00:00Z"}],
        "counts": {"followers": 12},
    }


def test_texts_become_fingerprints_that_keep_sameness_and_forwarding():
    stripped = strip_profile(profile(), digest)
    posts = [p["text"] for p in stripped["posts"]]
    assert posts[0] == posts[1] == FINGERPRINT + digest("same thing")  # case and spacing ignored
    assert posts[2].startswith("RT @" + FINGERPRINT) and "bob" not in posts[2]
    assert posts[3:] == [None, ""]
    assert stripped["comments"][0]["text"].startswith("转发微博" + FINGERPRINT)
    assert "nice" not in str(stripped) and "look at this" not in str(stripped)


def test_everything_else_scoring_reads_is_kept():
    original = profile()
    stripped = strip_profile(original, digest)
    assert stripped["posts"][0]["likes"] == 3 and stripped["posts"][1]["created_at"] == "2026-03-02T10:00:00Z"
    assert stripped["groups"] == ["Home Bakers"] and stripped["counts"] == {"followers": 12}
    assert stripped["media"] == [{"kind": "image", "path": "m/1.jpg", "created_at": "2026-03-01T10:00:00Z"}]
    assert original == profile()  # the input is not changed
    assert strip_profile(stripped, digest) == stripped  # twice is once
    assert fingerprint(stripped["posts"][2]["text"], digest) == stripped["posts"][2]["text"]


def parsed_source(owner, tmp_path) -> DataSource:
    written = exports.write_facebook(tmp_path / "fb.zip")
    upload = SimpleUploadedFile("fb.zip", written.path.read_bytes())
    source = services.source_store(owner=owner, platform="facebook", uploaded_file=upload)
    return services.source_parse(source)


def test_an_analysed_source_keeps_its_analysis_and_drops_texts_and_photos(alice, media_root, tmp_path):
    source = parsed_source(alice, tmp_path)
    posts = [p["text"] for p in source.profile["posts"]]
    assert (source.files_dir / "media").exists()
    services.source_analysed(source_id=source.pk, analysis={"images": {"analysed": 2}}, drop_texts=True)
    source.refresh_from_db()
    assert source.analysis == {"images": {"analysed": 2}} and source.texts_dropped_at is not None
    assert len(source.profile["posts"]) == len(posts)
    assert not any(text in str(source.profile) for text in posts)
    assert not source.files_dir.exists()
    assert all("stored" not in m for m in source.profile["media"])


def test_an_admins_setting_keeps_texts_and_photos(alice, media_root, tmp_path):
    source = parsed_source(alice, tmp_path)
    before = source.profile
    services.source_analysed(source_id=source.pk, analysis={"images": {}}, drop_texts=False)
    source.refresh_from_db()
    assert source.profile == before and source.texts_dropped_at is None and source.analysis == {"images": {}}
    assert (source.files_dir / "media").exists()


def test_a_source_replaced_meanwhile_is_left_alone(alice, media_root, tmp_path):
    source = parsed_source(alice, tmp_path)
    services.source_delete(source)
    services.source_analysed(source_id=source.pk, analysis={}, drop_texts=True)
    assert not DataSource.objects.exists()


def test_an_archive_refused_on_arrival_is_deleted_at_once(alice, media_root, tmp_path):
    path = tmp_path / "x.zip"
    exports.write_not_a_zip(path)
    source = services.source_store(owner=alice, platform="facebook", uploaded_file=SimpleUploadedFile("x.zip", path.read_bytes()))
    assert source.status == DataSource.Status.REFUSED
    assert not source.archive and not source.files_dir.exists()


@pytest.mark.parametrize("platform", ["twitter", "weibo", "facebook"])
def test_the_fuzzy_indices_read_fingerprints_as_they_read_the_texts(platform):
    """Repeats (case and spacing ignored) and forwards are all scoring asks of a text besides its
    analysis; every index comes out the same from the fingerprinted profile."""
    posts = ["Buy now", "buy  NOW", "RT @bob: hi", "RT @bob: hi", "//@ann: 转发", "转发微博", "  ", "", "own words"]
    raw = {"platform": platform, "posts": [{"text": t, "created_at": "2026-03-01T10:00:00Z"} for t in posts],
           "comments": [{"text": t} for t in ("Same", "same", "other")], "groups": [], "pages": [], "media": []}
    as_of = date(2026, 4, 1)
    assert score_indices([strip_profile(raw, digest)], {}, as_of=as_of) == score_indices([raw], {}, as_of=as_of)
