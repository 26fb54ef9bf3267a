"""The pipeline end to end on a real worker process: upload, parse, analyse in chunks, score.

Redis is the machine's real server (db 14); one test runs on the default filesystem broker
(what `make run` uses on a bare machine), to show the chord works there too.
"""
from pathlib import Path

import pytest
from django.core.files import File
from django.urls import reverse

from ingest.models import DataSource
from ingest.services import source_store
from models_ml.analysis import analyse
from scoring.models import JobChunk, ScoreResult, ScoringJob
from scoring.pipeline import start_job
from tests.scoring.exports import write_facebook
from tests.scoring.worker import redis_broker, start_worker, wait_for  # noqa: F401 - fixtures

# transaction=True: the worker must see committed rows. serialized_rollback: the rows of data
# migrations (roles, the default scoring configuration) come back after each test's flush.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.worker]

# Small chunks, so a small export still fans out into many chunks across the workers.
CHUNKS = {"PIPELINE_TEXT_CHUNK": 4, "PIPELINE_NAME_CHUNK": 3, "PIPELINE_IMAGE_CHUNK": 1}


def finished(job: ScoringJob) -> bool:
    job.refresh_from_db()
    return not job.is_active


def upload(owner, path: Path, platform: str = "facebook") -> DataSource:
    with path.open("rb") as handle:
        return source_store(owner=owner, platform=platform, uploaded_file=File(handle, name=path.name))


def latest_job(owner) -> ScoringJob:
    return ScoringJob.objects.filter(owner=owner).first()


def expected_analysis(owner) -> dict:
    """The same analysis computed in this process, in one piece, from the parsed sources."""
    sources = DataSource.objects.filter(owner=owner, status=DataSource.Status.PARSED)
    images = [
        (s.files_dir / "media" / m["stored"]).read_bytes()
        for s in sources for m in s.profile["media"] if m.get("kind") == "image" and m.get("stored")
    ]
    return analyse([s.profile for s in sources], images)


def assert_completed_once_per_chunk(job: ScoringJob) -> None:
    assert job.state == "done", job.error
    profile = DataSource.objects.get(owner=job.owner).profile
    per_kind = {"posts": 4, "comments": 4, "groups": 3, "pages": 3}
    expected_chunks = sum(-(-len(profile[kind]) // size) for kind, size in per_kind.items())
    expected_chunks += sum(1 for m in profile["media"] if m.get("stored"))
    assert job.chunks_total == expected_chunks
    assert job.chunks_done == job.chunks_total == JobChunk.objects.filter(job=job).count()
    assert job.analysis == expected_analysis(job.owner)
    assert ScoreResult.objects.filter(owner=job.owner, job=job).count() == 1


@pytest.mark.redis
def test_an_upload_is_scored_by_a_real_worker(alice, alice_client, redis_broker, start_worker, tmp_path):
    start_worker(redis_broker, concurrency=2, **CHUNKS)
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=14, comments=9, names=10, photos=3))
    job = latest_job(alice)
    seen = []

    def poll() -> bool:
        seen.append(alice_client.get(reverse("scoring:progress")).json())
        return seen[-1]["state"] in ("done", "failed")

    wait_for(poll, 120, "the job to finish", interval=0.1)
    job.refresh_from_db()
    assert_completed_once_per_chunk(job)
    assert {entry["job"] for entry in seen} == {job.pk}
    percents = [entry["percent"] for entry in seen]
    assert percents == sorted(percents) and percents[-1] == 100


@pytest.mark.redis
def test_a_poison_profile_fails_its_job_and_the_next_job_still_runs(alice, bob, redis_broker, start_worker, tmp_path):
    start_worker(redis_broker, **CHUNKS)
    DataSource.objects.create(
        owner=alice, platform="twitter", status=DataSource.Status.PARSED,
        profile={"platform": "twitter", "posts": [{"text": "fine"}, {"text": {"not": "text"}}], "media": []},
    )
    poisoned = start_job(alice)
    upload(bob, write_facebook(tmp_path / "fb.zip", posts=5, comments=2, names=4, photos=1))
    healthy = latest_job(bob)
    wait_for(lambda: finished(poisoned) and finished(healthy), 120, "both jobs to finish")
    assert poisoned.state == "failed"
    assert poisoned.error == "twitter post 2 has a text that is not a string"
    assert_completed_once_per_chunk(healthy)


@pytest.mark.redis
def test_a_refused_export_fails_the_job_with_the_parsers_reason(alice, redis_broker, start_worker, tmp_path):
    start_worker(redis_broker, **CHUNKS)
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=2, comments=1, names=2, photos=0), platform="twitter")
    job = latest_job(alice)
    wait_for(lambda: finished(job), 60, "the job to finish")
    source = DataSource.objects.get(owner=alice)
    assert job.state == "failed"
    assert job.error == f"none of your exports could be read (X / Twitter: {source.error})"


@pytest.mark.redis
def test_a_job_with_no_data_fails_with_a_reason(alice, redis_broker, start_worker):
    start_worker(redis_broker)
    job = start_job(alice)
    wait_for(lambda: finished(job), 60, "the job to finish")
    assert job.state == "failed"
    assert job.error == "there is no data to analyse: upload an export or give a Twitter handle first"


def test_the_filesystem_broker_runs_the_chords_without_redis(alice, start_worker, tmp_path):
    start_worker(None, concurrency=2, **CHUNKS)
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=6, comments=3, names=4, photos=2))
    job = latest_job(alice)
    wait_for(lambda: finished(job), 120, "the job to finish")
    assert_completed_once_per_chunk(job)
