"""The pipeline end to end on a real worker process: upload, parse, analyse in chunks, score.

Every test runs on both production brokers: Redis (a redis-server of the module's own) and
RabbitMQ (the machine's, in a virtual host of the module's own); test_filesystem.py runs
the pipeline on the default filesystem broker.
"""
import re
import sqlite3

import pytest
from django.db import connection
from django.urls import reverse

from ingest.models import DataSource
from pipeline.services import NO_DATA, start_job
from tests.scoring.exports import write_facebook
from tests.pipeline.jobs import CHUNKS, assert_completed_once_per_chunk, finished, latest_job, upload
from tests.pipeline.worker import (  # noqa: F401 - fixtures
    Worker,
    rabbitmq_broker,
    redis_broker,
    serialized_rollback_ready,
    wait_for,
)

# transaction=True: the worker must see committed rows. serialized_rollback: the rows of data
# migrations (roles, the default scoring configuration) come back after each test's flush.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_rollback_ready"),
    pytest.mark.worker,
]


@pytest.fixture(scope="module", params=["redis_broker", "rabbitmq_broker"])
def worker(request, django_db_setup, tmp_path_factory):
    """One worker per broker, stopped before the next broker's starts (the machine is shared)."""
    broker_url = request.getfixturevalue(request.param)
    worker = Worker(tmp_path_factory.mktemp("workers") / "worker.log", broker_url=broker_url, concurrency=2,
                    env={k: str(v) for k, v in CHUNKS.items()})
    try:
        worker.start()
        worker.wait_for_models()
        yield worker
    finally:
        worker.stop()


def test_an_upload_is_scored_by_a_real_worker(alice, alice_client, worker, tmp_path):
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=14, comments=9, names=10, photos=3))
    job = latest_job(alice)
    seen = []

    def poll() -> bool:
        seen.append(alice_client.get(reverse("pipeline:progress")).json())
        return seen[-1]["state"] in ("done", "failed")

    wait_for(poll, 300, "the job to finish", interval=0.1)
    job.refresh_from_db()
    assert_completed_once_per_chunk(job)
    assert {entry["job"] for entry in seen} == {job.pk}
    percents = [entry["percent"] for entry in seen]
    assert percents == sorted(percents) and percents[-1] == 100


def test_a_poison_profile_fails_its_job_and_the_next_job_still_runs(alice, bob, worker, tmp_path):
    DataSource.objects.create(
        owner=alice, platform="twitter", status=DataSource.Status.PARSED,
        profile={"platform": "twitter", "posts": [{"text": "fine"}, {"text": {"not": "text"}}], "media": []},
    )
    poisoned = start_job(alice)
    upload(bob, write_facebook(tmp_path / "fb.zip", posts=5, comments=2, names=4, photos=1))
    healthy = latest_job(bob)
    wait_for(lambda: finished(poisoned) and finished(healthy), 300, "both jobs to finish")
    assert poisoned.state == "failed"
    assert poisoned.error == (
        "the stored twitter profile does not fit the schema (posts.1.text: expected a string); upload the export again"
    )
    assert_completed_once_per_chunk(healthy)


def test_an_export_that_cannot_be_read_fails_the_job_with_the_reason(alice, worker):
    # Its file is gone (a disk was cleaned, a restore went wrong): parsing refuses it.
    DataSource.objects.create(owner=alice, platform="facebook", archive="sources/lost/archive.zip")
    job = start_job(alice)
    wait_for(lambda: finished(job), 300, "the job to finish")
    source = DataSource.objects.get(owner=alice)
    assert source.status == DataSource.Status.REFUSED
    assert job.state == "failed"
    assert job.error == f"none of your exports could be read (Facebook: {source.error})"


def test_a_job_with_no_data_fails_with_a_reason(alice, worker):
    job = start_job(alice)
    wait_for(lambda: finished(job), 300, "the job to finish")
    assert job.state == "failed"
    assert job.error == NO_DATA == "there is no data to analyse: upload an export or give a Twitter handle first"


def test_a_locked_database_is_retried_with_backoff_and_the_job_completes(alice, worker, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite turns a held lock into an error (PostgreSQL waits for it)")
    upload_path = write_facebook(tmp_path / "fb.zip", posts=8, comments=4, names=4, photos=4)
    locker = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    upload(alice, upload_path)
    # Lock the whole database as soon as the job is queued, and hold the lock until a task of
    # the job has waited out SQLite's busy timeout and failed with "database is locked".
    locker.execute("BEGIN EXCLUSIVE")
    try:
        wait_for(lambda: "database is locked" in worker.log, 120, "a task to meet the lock")
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    job = latest_job(alice)
    wait_for(lambda: finished(job), 300, "the job to finish")
    assert re.search(r"Task [\w.]+\[[0-9a-f-]+\] retry: Retry in [0-9.]+s: OperationalError\('database is locked'\)", worker.log)
    assert_completed_once_per_chunk(job)
