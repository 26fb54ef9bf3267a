"""A worker process killed with SIGKILL in the middle of a chunk: the chunk is redelivered
(acks_late + reject_on_worker_lost), the pool replaces the dead process, and the job still
completes with every chunk counted exactly once."""
import os
import re
import signal
import time
from collections import Counter

import pytest

from scoring.models import JobChunk, ScoringJob
from tests.scoring.exports import write_facebook
from tests.scoring.jobs import CHUNKS, assert_completed_once_per_chunk, finished, latest_job, upload
from tests.scoring.worker import redis_broker, start_worker, wait_for  # noqa: F401 - fixtures

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.redis, pytest.mark.worker]

LOST = "WorkerLostError"
RECEIVED = re.compile(r"Task [\w.]+\[([0-9a-f-]+)\] received")


def test_a_killed_worker_process_is_replaced_and_its_chunk_counted_once(alice, redis_broker, start_worker, tmp_path):  # noqa: F811
    worker = start_worker(redis_broker, concurrency=1, **CHUNKS)
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=12, comments=6, names=6, photos=8))
    job = latest_job(alice)

    def analysing(at_least: int) -> bool:
        job.refresh_from_db()
        return not job.is_active or (job.state == ScoringJob.State.ANALYSING and job.chunks_done >= at_least)

    # Kill the pool's process while it runs a chunk. An image chunk takes a good fraction of
    # a second, so right after a chunk is recorded the next one is running; should the kill
    # land between two chunks, the log shows no lost task and we try again on the next one.
    killed: list[int] = []
    for attempt in range(1, 6):
        wait_for(lambda: analysing(attempt), 120, f"chunk {attempt} of the job")
        if not job.is_active:
            break
        children = worker.pool_children()
        assert children, worker.log[-2000:]
        os.kill(children[0], signal.SIGKILL)
        killed.append(children[0])
        wait_for(lambda: worker.pool_children() and worker.pool_children() != children, 30, "a replacement process")
        time.sleep(0.5)
        if LOST in worker.log:
            break

    assert LOST in worker.log, "no kill landed while a chunk was running"
    assert killed and killed[-1] not in worker.pool_children()
    wait_for(lambda: finished(job), 180, "the job to finish after the kill")
    assert_completed_once_per_chunk(job)
    # The task that was running when its process died (a chunk's analysis or the recording of
    # it) was delivered again; the chunk was still stored once.
    deliveries = Counter(RECEIVED.findall(worker.log))
    assert max(deliveries.values()) >= 2
    assert len(JobChunk.objects.filter(job=job).values_list("chunk_id", flat=True).distinct()) == job.chunks_total
