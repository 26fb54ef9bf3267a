"""Faults of the servers under a running job, on real processes: the broker killed and
restarted mid-job (Redis without persistence, and RabbitMQ), and an input that kills its
worker every time. Each job ends done with every chunk counted once, within a stated time
after the fault, or (the poison) failed once with its reason.

The brokers are private servers (tests/pipeline/servers.py) that the tests may kill; the
sweep runs from a real ``celery beat`` every second, and a job is resumed after 5 s without
progress (production: a minute and five minutes).
"""
import os
import signal
import time

import pytest

from pipeline.models import ScoringJob, TaskDelivery
from tests.pipeline.jobs import CHUNKS, assert_completed_once_per_chunk, finished, latest_job, upload
from tests.pipeline.servers import RabbitServer, RedisServer
from tests.pipeline.worker import celery_app_using, serialized_rollback_ready, start_worker, wait_for  # noqa: F401
from tests.scoring.exports import write_facebook

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_rollback_ready"),
    pytest.mark.worker,
]

SWEEP = {"PIPELINE_SWEEP_SECONDS": 1, "PIPELINE_STALL_SECONDS": 5, **CHUNKS}
# From the fault to the job done: the stall delay, a sweep, the missing chunks, the score.
RECOVERY_SECONDS = 100


def upload_a_job(owner, folder) -> ScoringJob:
    upload(owner, write_facebook(folder / "fb.zip", posts=12, comments=6, names=6, photos=8))
    return latest_job(owner)


def chunks_done(job: ScoringJob, at_least: int) -> bool:
    job.refresh_from_db()
    return job.chunks_done >= at_least or not job.is_active


def broker_restarted_mid_job(server, owner, folder, start_worker, record_property) -> None:  # noqa: F811
    with celery_app_using(server.url):
        worker = start_worker(server.url, concurrency=2, **SWEEP)
        start_worker(server.url, beat=True, **SWEEP)
        worker.wait_for_models()
        job = upload_a_job(owner, folder)
        wait_for(lambda: chunks_done(job, 3), 120, "three chunks to be stored")
        assert job.state == "analysing", job.error
        fault = time.monotonic()
        server.kill()
        time.sleep(2)
        server.start()
        wait_for(lambda: finished(job), RECOVERY_SECONDS, "the job to finish after the broker restarted")
        record_property("recovery_seconds", round(time.monotonic() - fault, 1))
    assert_completed_once_per_chunk(job)


def test_redis_killed_without_persistence_mid_job_the_job_completes(alice, start_worker, tmp_path, record_property):  # noqa: F811
    redis = RedisServer(tmp_path).start()
    try:
        broker_restarted_mid_job(redis, alice, tmp_path, start_worker, record_property)
    finally:
        redis.kill()


def test_rabbitmq_killed_mid_job_the_job_completes(alice, start_worker, tmp_path, record_property):  # noqa: F811
    rabbit = RabbitServer(tmp_path).start()
    try:
        broker_restarted_mid_job(rabbit, alice, tmp_path, start_worker, record_property)
    finally:
        rabbit.kill()


def test_an_input_that_kills_its_worker_every_time_fails_its_job_once(alice, start_worker, tmp_path, settings):  # noqa: F811
    """The test plays the kernel's OOM killer: whenever the first image chunk starts (its
    delivery is counted), the pool process running it is SIGKILLed."""
    redis = RedisServer(tmp_path).start()
    try:
        with celery_app_using(redis.url):
            worker = start_worker(redis.url, concurrency=1, PIPELINE_MAX_DELIVERIES=3, **SWEEP)
            worker.wait_for_models()
            job = upload_a_job(alice, tmp_path)
            kills = 0

            def kill_each_start() -> bool:
                nonlocal kills
                row = TaskDelivery.objects.filter(job=job, task="pipeline.tasks.analyse_chunk").order_by("pk").first()
                if row is not None and row.count > kills and row.count <= 3:
                    os.kill(worker.pool_children()[0], signal.SIGKILL)
                    kills += 1
                return finished(job)

            wait_for(kill_each_start, 200, "the job to give the chunk up", interval=0.05)
            time.sleep(3)  # nothing runs it again
            row = TaskDelivery.objects.filter(job=job, task="pipeline.tasks.analyse_chunk").order_by("pk").first()
    finally:
        redis.kill()
    job.refresh_from_db()
    assert kills == 3 and row.count == 4
    assert job.state == "failed"
    assert job.error.startswith("analysing your images stopped our analysis 3 times in a row, so we gave up on it")
    assert worker.log.count("exited with 'signal 9 (SIGKILL)'") == 3
