"""The redelivery cap: a task whose input kills its worker every time is redelivered (late
acks), counted at every start, and past ``PIPELINE_MAX_DELIVERIES`` fails its job with the
reason, once, instead of running again. A task of a job no longer live does nothing.

Each start that "died" here is a call of ``admit`` with the same delivery key, which is what a
redelivery looks like to the pipeline; tests/pipeline/test_worker_faults.py kills real worker
processes."""
import pytest

from ingest.models import DataSource
from pipeline import services as pipeline
from pipeline.models import JobChunk, ScoringJob, TaskDelivery
from pipeline.services import Delivery
from tests.pipeline.jobs import published_tasks

pytestmark = pytest.mark.django_db

CHUNK = Delivery(key="chunk-task:0", task="pipeline.tasks.analyse_chunk")
PARSE = Delivery(key="parse-task:0", task="pipeline.tasks.parse_source")


def analysing(owner, chunks: int = 2) -> ScoringJob:
    job = ScoringJob.objects.create(owner=owner)
    job.start_parsing()
    job.start_analysing(chunks)
    return job


def died(job: ScoringJob, delivery: Delivery, times: int, doing: str = "analysing your posts") -> None:
    for _ in range(times):
        assert pipeline.admit(job.pk, delivery, doing).job is not None


def test_a_chunk_that_killed_its_worker_up_to_the_cap_still_runs(alice, settings):
    settings.PIPELINE_MAX_DELIVERIES = 3
    job = analysing(alice)
    died(job, CHUNK, 2)
    pipeline.analyse_chunk(job.pk, "posts-0000", "posts", ["a calm day"], [], None, CHUNK)
    assert JobChunk.objects.filter(job=job, chunk_id="posts-0000").exists()
    assert TaskDelivery.objects.get(key=CHUNK.key).count == 3


def test_a_chunk_past_the_cap_fails_its_job_once_with_the_reason(alice, settings):
    settings.PIPELINE_MAX_DELIVERIES = 3
    job = analysing(alice)
    died(job, CHUNK, 3)
    pipeline.analyse_chunk(job.pk, "posts-0000", "posts", ["a calm day"], [], None, CHUNK)
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error.startswith("analysing your posts stopped our analysis 3 times in a row, so we gave up on it")
    assert not job.retryable
    failed_at = job.finished_at
    # A fifth delivery (a copy still in the queue) finds the job over and changes nothing.
    pipeline.analyse_chunk(job.pk, "posts-0000", "posts", ["a calm day"], [], None, CHUNK)
    job.refresh_from_db()
    assert (job.finished_at, JobChunk.objects.filter(job=job).count()) == (failed_at, 0)


def test_a_retry_is_a_new_attempt_not_a_redelivery(alice, settings):
    settings.PIPELINE_MAX_DELIVERIES = 1
    job = analysing(alice)
    assert pipeline.admit(job.pk, Delivery("t:0", "x"), "x").job is not None
    assert pipeline.admit(job.pk, Delivery("t:1", "x"), "x").job is not None
    job.refresh_from_db()
    assert job.is_active


def test_a_source_that_killed_its_worker_past_the_cap_is_refused_and_fails_its_job(alice, settings):
    settings.PIPELINE_MAX_DELIVERIES = 2
    source = DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSING)
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    died(job, PARSE, 2, "reading your Facebook export")
    with published_tasks() as sent:
        pipeline.parse_source(job.pk, source.pk, PARSE)
    job.refresh_from_db()
    source.refresh_from_db()
    reason = "reading your Facebook export stopped our analysis 2 times in a row, so we gave up on it"
    assert job.state == "failed" and job.error.startswith(reason)
    assert source.status == DataSource.Status.REFUSED and source.error.startswith(reason)
    assert sent == []


def test_a_redelivered_parse_takes_back_the_source_its_dead_worker_held(alice, settings):
    source = DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSING)
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    died(job, PARSE, 1, "reading your Facebook export")
    with published_tasks() as sent:
        pipeline.parse_source(job.pk, source.pk, PARSE)
    source.refresh_from_db()
    # Its file is gone, so it is refused: but it was read, not skipped as "someone else's".
    assert source.status == DataSource.Status.REFUSED
    assert sent == [("scoring.tasks.plan_analysis", (job.pk,))]


def test_a_second_copy_of_a_parse_leaves_the_source_to_the_first(alice):
    source = DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSING)
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    with published_tasks() as sent:
        pipeline.parse_source(job.pk, source.pk, Delivery("a-copy:0", "pipeline.tasks.parse_source"))
    source.refresh_from_db()
    assert source.status == DataSource.Status.PARSING
    assert sent == []


def test_a_parse_for_a_job_no_longer_live_does_not_read_the_source(alice):
    source = DataSource.objects.create(owner=alice, platform="facebook")
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    job.fail("replaced by a newer job after new data arrived")
    pipeline.parse_source(job.pk, source.pk, PARSE)
    source.refresh_from_db()
    assert source.status == DataSource.Status.RECEIVED
    assert not TaskDelivery.objects.exists()


def test_a_retried_parse_takes_back_the_source_its_first_attempt_held(alice):
    source = DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSING)
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    retry = Delivery("parse-task:1", "pipeline.tasks.parse_source", retry=True)
    with published_tasks() as sent:
        pipeline.parse_source(job.pk, source.pk, retry)
    source.refresh_from_db()
    assert source.status == DataSource.Status.REFUSED  # read (its file is gone), not skipped
    assert sent == [("scoring.tasks.plan_analysis", (job.pk,))]


def test_a_retried_parse_sources_publishes_what_its_first_attempt_did_not(alice):
    source = DataSource.objects.create(owner=alice, platform="facebook")
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()  # the first attempt moved the job, then met a database error
    with published_tasks() as sent:
        pipeline.parse_sources(job.pk, Delivery("sources-task:0", "scoring.tasks.parse_sources"))
        assert sent == []
        pipeline.parse_sources(job.pk, Delivery("sources-task:1", "scoring.tasks.parse_sources", retry=True))
    assert sent == [("pipeline.tasks.parse_source", (job.pk, source.pk))]
