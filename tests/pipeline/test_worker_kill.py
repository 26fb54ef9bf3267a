"""Workers killed with SIGKILL in the middle of a chunk, and the job still completes with
every chunk counted exactly once:

- a pool process: its task is requeued at once (acks_late + reject_on_worker_lost) and the
  pool replaces the process;
- the whole worker: Redis would deliver its unacknowledged message again only after the
  visibility timeout (20 minutes by default, left so here); the sweep, run by a real beat,
  publishes the job's missing chunks again once it shows no progress for 5 s, and a new
  worker the test starts completes it.
"""
import os
import re
import signal
import time
from collections import Counter

import pytest

from pipeline.models import JobChunk
from tests.scoring.exports import write_facebook
from tests.pipeline.jobs import CHUNKS, assert_completed_once_per_chunk, finished, latest_job, upload
from tests.pipeline.worker import Worker, redis_broker, serialized_rollback_ready, start_worker, wait_for  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_rollback_ready"),
    pytest.mark.worker,
]

# Image chunks of four 640x480 photos: long enough to be caught running.
SIZES = {**CHUNKS, "PIPELINE_IMAGE_CHUNK": 4}
LOST = "WorkerLostError"
RECEIVED = re.compile(r"Task ([\w.]+)\[([0-9a-f-]+)\] received")
DONE = re.compile(r"Task [\w.]+\[([0-9a-f-]+)\] (?:succeeded|retry|raised)")


def kill_during_a_chunk(worker: Worker, job, kill) -> None:
    """Call ``kill()`` while ``worker`` runs an analyse_chunk task; again, should the kill
    land between two chunks, until the worker's log shows a task lost mid-run. A worker
    killed whole cannot log that: one kill while a chunk runs is the test."""
    deadline = time.monotonic() + 300
    while LOST not in worker.log:
        assert time.monotonic() < deadline and not finished(job), "no kill landed while a chunk was running"
        if running_chunk(worker.log):
            kill()
            if not worker.alive():
                return
            time.sleep(0.3)
        time.sleep(0.01)


def running_chunk(log: str) -> str | None:
    """The id of an analyse_chunk task the worker received and has not finished, if any.

    With one pool process, a prefetch of one and late acks, a received task is the one the
    process is running."""
    done = set(DONE.findall(log))
    running = [tid for name, tid in RECEIVED.findall(log) if name == "pipeline.tasks.analyse_chunk" and tid not in done]
    return running[-1] if running else None


def test_a_killed_worker_process_is_replaced_and_its_chunk_counted_once(alice, redis_broker, start_worker, tmp_path):  # noqa: F811
    worker: Worker = start_worker(redis_broker, concurrency=1, **SIZES)
    worker.wait_for_models()
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=12, comments=6, names=6, photos=12))
    job = latest_job(alice)
    killed: list[int] = []

    def kill_pool_process() -> None:
        children = worker.pool_children()
        os.kill(children[0], signal.SIGKILL)
        killed.append(children[0])
        wait_for(lambda: worker.pool_children() not in ([], children), 30, "a replacement process")

    kill_during_a_chunk(worker, job, kill_pool_process)
    assert worker.pool_children() and not set(killed) & set(worker.pool_children())
    wait_for(lambda: finished(job), 300, "the job to finish after the kill")
    assert_completed_once_per_chunk(job, SIZES)
    # The task that was running when its process died was delivered again; its chunk was
    # still stored once.
    deliveries = Counter(tid for _, tid in RECEIVED.findall(worker.log))
    assert max(deliveries.values()) >= 2
    assert len(set(JobChunk.objects.filter(job=job).values_list("chunk_id", flat=True))) == job.chunks_total


def test_a_killed_worker_is_replaced_by_a_new_one_and_the_job_completes(alice, redis_broker, start_worker, tmp_path, record_property):  # noqa: F811
    sweep = {"PIPELINE_SWEEP_SECONDS": 1, "PIPELINE_STALL_SECONDS": 5}
    start_worker(redis_broker, beat=True, **sweep)
    first: Worker = start_worker(redis_broker, concurrency=1, **SIZES, **sweep)
    first.wait_for_models()
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=8, comments=4, names=4, photos=8))
    job = latest_job(alice)

    kill_during_a_chunk(first, job, first.kill)
    killed_at = time.monotonic()
    lost = running_chunk(first.log)
    assert lost and not first.alive()
    second: Worker = start_worker(redis_broker, concurrency=1, **SIZES, **sweep)
    # The bound includes the new worker's start (loading the models takes most of it).
    wait_for(lambda: finished(job), 150, "the job to finish on the new worker")
    record_property("recovery_seconds", round(time.monotonic() - killed_at, 1))
    assert_completed_once_per_chunk(job, SIZES)
    assert "stalled while analysing: resumed" in second.log
