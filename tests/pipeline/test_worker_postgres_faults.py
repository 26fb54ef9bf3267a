"""Faults of the database under a running job, on a PostgreSQL server of this module's own
(tests/pipeline/servers.py), which the tests may stop: the test database of this module
lives there, whatever DATABASE_URL says.

- PostgreSQL stopped for 10 s mid-job: tasks retry with backoff (150 s in all) and the job
  completes;
- a pool process SIGKILLed while it records its chunk (held in the INSERT by a table lock):
  the chunk is delivered again and counted once.
"""
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.db import InterfaceError, OperationalError, connection, connections
from django.db.utils import load_backend
from django.test.utils import setup_databases, teardown_databases

from tests.pipeline.jobs import CHUNKS, assert_completed_once_per_chunk, latest_job, upload
from tests.pipeline.servers import PostgresServer
from tests.pipeline.worker import redis_broker, serialized_rollback_ready, start_worker, wait_for  # noqa: F401
from tests.scoring.exports import write_facebook

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_rollback_ready"),
    pytest.mark.worker,
]

SWEEP = {"PIPELINE_SWEEP_SECONDS": 1, "PIPELINE_STALL_SECONDS": 5, **CHUNKS}
RECOVERY_SECONDS = 100


@pytest.fixture(scope="module")
def postgres():
    # Not under pytest's folder: that is root's alone, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="credsly-test-postgres-"))
    server = PostgresServer(folder).start()
    yield server
    server.kill()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def django_db_setup(postgres, django_test_environment, django_db_blocker):
    """This module's test database, created on ``postgres`` in place of the session's."""
    original = connections["default"]
    original_name = original.settings_dict["NAME"]
    settings_dict = {
        **original.settings_dict,
        "ENGINE": "django.db.backends.postgresql", "NAME": "credsly", "USER": "postgres", "PASSWORD": "",
        "HOST": "127.0.0.1", "PORT": str(postgres.port), "OPTIONS": {},
        "TEST": {**original.settings_dict["TEST"], "NAME": "test_credsly"},
    }
    connections["default"] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, serialized_aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)
    connections["default"] = original
    original.settings_dict["NAME"] = original_name


def finished_despite_outage(job) -> bool:
    """Whether the job is over; False while the database does not answer."""
    try:
        job.refresh_from_db()
    except (OperationalError, InterfaceError):
        connection.close()
        return False
    return not job.is_active


def test_postgres_stopped_for_ten_seconds_mid_job_the_job_completes(alice, postgres, redis_broker, start_worker, tmp_path, record_property):  # noqa: F811
    worker = start_worker(redis_broker, concurrency=2, **SWEEP)
    start_worker(redis_broker, beat=True, **SWEEP)
    worker.wait_for_models()
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=12, comments=6, names=6, photos=8))
    job = latest_job(alice)
    wait_for(lambda: finished_despite_outage(job) or job.chunks_done >= 3, 120, "three chunks to be stored")
    assert job.state == "analysing", job.error
    stopped = time.monotonic()
    postgres.stop()
    time.sleep(10)
    postgres.start()
    wait_for(lambda: finished_despite_outage(job), RECOVERY_SECONDS, "the job to finish after the outage")
    record_property("recovery_seconds", round(time.monotonic() - stopped, 1))
    assert_completed_once_per_chunk(job)
    assert "OperationalError" in worker.log and " retry: Retry in " in worker.log


def waiting_on_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
        return cursor.fetchone()[0]


def test_a_pool_process_killed_while_recording_its_chunk_is_counted_once(alice, postgres, redis_broker, start_worker, tmp_path):  # noqa: F811
    worker = start_worker(redis_broker, concurrency=1, **CHUNKS)
    worker.wait_for_models()
    upload(alice, write_facebook(tmp_path / "fb.zip", posts=8, comments=4, names=4, photos=4))
    job = latest_job(alice)
    wait_for(lambda: finished_despite_outage(job) or job.chunks_done >= 1, 120, "a chunk to be stored")
    dsn = f"host=127.0.0.1 port={postgres.port} user=postgres dbname={connection.settings_dict['NAME']}"
    with psycopg.connect(dsn) as locker:
        # Readers pass (the chunk task looks for its row), writers of chunk rows wait.
        locker.execute("LOCK TABLE pipeline_jobchunk IN EXCLUSIVE MODE")
        wait_for(lambda: waiting_on_a_lock() >= 1, 120, "a chunk to wait in its INSERT")
        children = worker.pool_children()
        os.kill(children[0], signal.SIGKILL)
        wait_for(lambda: worker.pool_children() not in ([], children), 30, "a replacement process")
        locker.rollback()
    wait_for(lambda: finished_despite_outage(job), RECOVERY_SECONDS, "the job to finish after the kill")
    assert_completed_once_per_chunk(job)
    assert "WorkerLostError" in worker.log
