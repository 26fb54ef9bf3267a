"""The pipeline on a real worker process over the machine's real Redis."""
import pytest

from scoring.models import ScoringJob
from scoring.pipeline import start_job
from tests.scoring.worker import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis, pytest.mark.worker]


def finished(job: ScoringJob) -> bool:
    job.refresh_from_db()
    return not job.is_active


def test_a_job_with_no_data_fails_with_a_reason(alice, redis_broker, start_worker):
    start_worker(redis_broker)
    job = start_job(alice)
    wait_for(lambda: finished(job), 60, "the job to finish")
    assert job.state == "failed"
    assert job.error == "there is no data to analyse: upload an export or give a Twitter handle first"
