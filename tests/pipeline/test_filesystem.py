"""The default broker of `make run` on a bare machine: kombu's filesystem transport. A real
worker shows that a job completes there, from upload to score."""
import pytest

from tests.scoring.exports import write_facebook
from tests.pipeline.jobs import CHUNKS, assert_completed_once_per_chunk, finished, latest_job, upload
from tests.pipeline.worker import celery_app_using, serialized_rollback_ready, start_worker, wait_for  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_rollback_ready"),
    pytest.mark.worker,
]


def test_the_filesystem_broker_runs_a_job_without_redis(alice, start_worker, tmp_path, settings):  # noqa: F811
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        pytest.skip("CELERY_BROKER_URL is set: the filesystem broker is not the default here")
    with celery_app_using(None):
        start_worker(None, concurrency=2, **CHUNKS)
        upload(alice, write_facebook(tmp_path / "fb.zip", posts=6, comments=3, names=4, photos=2))
        job = latest_job(alice)
        wait_for(lambda: finished(job), 300, "the job to finish")
    assert_completed_once_per_chunk(job)
