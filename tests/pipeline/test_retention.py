"""Retention through the real pipeline (tasks run in this process): once a job is done, each
analysed source keeps its analysis and loses its post and comment texts and photos; a later
job analyses only the new data, reuses the kept analyses, and scores exactly as if nothing had
been dropped; an admin setting keeps everything instead."""
from pathlib import Path

import pytest
from django.core.files import File

from ingest.models import DataSource
from ingest.services import source_store
from pipeline.models import RetentionSetting, ScoringJob
from scoring.models import ScoreResult
from tests.scoring.exports import texts, write_facebook, write_twitter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Upload an export and run its job to the end; the job."""

    def upload(owner, path: Path, platform: str) -> ScoringJob:
        with django_capture_on_commit_callbacks(execute=True), path.open("rb") as handle:
            source_store(owner=owner, platform=platform, uploaded_file=File(handle, name=path.name))
        job = ScoringJob.objects.filter(owner=owner).first()
        assert job.state == ScoringJob.State.DONE, job.error
        return job

    return upload


def facebook(tmp_path: Path) -> Path:
    return write_facebook(tmp_path / "fb.zip", posts=8, comments=4, names=20, photos=2)


def twitter(tmp_path: Path) -> Path:
    return write_twitter(tmp_path / "x.zip", tweets=6)


def latest(owner) -> dict[str, float]:
    results = ScoreResult.objects.filter(owner=owner).order_by("-created_at", "-pk")
    return {method: results.filter(method=method).first().normalized for method in ("priority", "fuzzy")}


def test_a_done_job_keeps_the_analysis_and_drops_texts_and_photos(alice, tmp_path, run):
    job = run(alice, facebook(tmp_path), "facebook")
    source = DataSource.objects.get(owner=alice)
    assert source.texts_dropped_at is not None and source.analysis == job.analysis
    assert source.analysis["images"]["analysed"] + source.analysis["images"]["skipped"] == 2
    assert not any(text in str(source.profile) for text in texts(8, 1) + texts(4, 2))
    assert len(source.profile["posts"]) == 8 and len(source.profile["comments"]) == 4  # counts stay
    assert not source.files_dir.exists()  # photos and archive
    assert ScoreResult.objects.filter(owner=alice).count() == 2


def test_a_later_job_reuses_the_kept_analysis_and_scores_the_same(alice, bob, tmp_path, run):
    RetentionSetting(keep_texts_and_photos=True).save()  # bob: everything kept, the reference
    run(bob, facebook(tmp_path), "facebook")
    reference = run(bob, twitter(tmp_path), "twitter")
    RetentionSetting(keep_texts_and_photos=False).save()  # alice: texts dropped after each job
    run(alice, facebook(tmp_path), "facebook")
    second = run(alice, twitter(tmp_path), "twitter")
    new = DataSource.objects.get(owner=alice, platform="twitter")
    assert {chunk.split(":")[0] for chunk in second.chunks.values_list("chunk_id", flat=True)} == {str(new.pk)}
    assert second.analysis == reference.analysis
    assert latest(alice) == latest(bob)


def test_an_admin_setting_keeps_texts_and_photos(alice, tmp_path, run):
    RetentionSetting(keep_texts_and_photos=True).save()
    job = run(alice, facebook(tmp_path), "facebook")
    source = DataSource.objects.get(owner=alice)
    assert source.texts_dropped_at is None and source.analysis == job.analysis
    assert [p["text"] for p in source.profile["posts"]] == texts(8, 1)
    assert (source.files_dir / "media").exists()
