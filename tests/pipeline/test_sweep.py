"""The sweep keeps jobs moving when messages are lost: it publishes again what a stalled job
misses (only the missing chunks), fails what cannot move, and scores again a job our
infrastructure failed. And the task that stores the last chunk finishes its job: no trigger
message stands between the last chunk and the score."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ingest.models import DataSource
from ingest.services import source_parse
from pipeline import services as pipeline
from pipeline.models import JobChunk, ScoringJob
from pipeline.services import Delivery
from pipeline.sweep import sweep
from tests.pipeline.jobs import CHUNKS, published_tasks, upload
from tests.scoring.exports import write_facebook

pytestmark = pytest.mark.django_db
ANALYSE = "pipeline.tasks.analyse_chunk"


@pytest.fixture
def chunk_sizes(settings):
    for name, size in CHUNKS.items():
        setattr(settings, name, size)
    settings.PIPELINE_STALL_SECONDS = 60


@pytest.fixture
def parsed(alice, tmp_path, chunk_sizes) -> DataSource:
    source = upload(alice, write_facebook(tmp_path / "fb.zip", posts=6, comments=3, names=3, photos=0))
    return source_parse(source)


def delivery(n: int) -> Delivery:
    return Delivery(key=f"task-{n}:0", task=ANALYSE)


def planned(owner) -> tuple[ScoringJob, list[tuple]]:
    """A job planned by plan_analysis, and the analyse_chunk tasks it published."""
    job = ScoringJob.objects.create(owner=owner)
    job.start_parsing()
    with published_tasks() as sent:
        pipeline.plan_analysis(job.pk, delivery(0))
    job.refresh_from_db()
    return job, [args for name, args in sent if name == ANALYSE]


def stall(job: ScoringJob, minutes: float) -> None:
    ScoringJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=minutes))


def test_the_task_that_stores_the_last_chunk_finishes_the_job(alice, parsed):
    job, chunks = planned(alice)
    assert job.chunks_total == len(chunks) == 5
    with published_tasks() as sent:
        for n, args in enumerate(chunks, start=1):
            pipeline.analyse_chunk(*args, delivery(n))
    job.refresh_from_db()
    assert (job.state, job.chunks_done) == ("done", 5)
    assert sent == [], "no message was needed to finish"


def test_a_stalled_job_gets_only_its_missing_chunks_published_again(alice, parsed):
    job, chunks = planned(alice)
    for n, args in enumerate(chunks[:2], start=1):
        pipeline.analyse_chunk(*args, delivery(n))
    stall(job, 2)  # the broker restarted without its queue: the other three are gone
    with published_tasks() as sent:
        report = sweep()
    assert (report.resumed, report.failed) == (1, 0)
    assert sorted(sent) == sorted((ANALYSE, args) for args in chunks[2:])
    for n, (_, args) in enumerate(sent, start=10):
        pipeline.analyse_chunk(*args, delivery(n))
    job.refresh_from_db()
    assert (job.state, job.chunks_done, JobChunk.objects.filter(job=job).count()) == ("done", 5, 5)


def test_a_chunk_published_twice_is_analysed_and_counted_once(alice, parsed):
    job, chunks = planned(alice)
    pipeline.analyse_chunk(*chunks[0], delivery(1))
    pipeline.analyse_chunk(*chunks[0], delivery(2))
    job.refresh_from_db()
    assert job.chunks_done == 1 and JobChunk.objects.filter(job=job).count() == 1


def test_the_wait_doubles_after_each_resume_and_the_job_fails_after_the_last(alice, parsed, settings):
    settings.PIPELINE_MAX_RESUMES = 2
    job, _ = planned(alice)
    stall(job, 1.5)
    with published_tasks():
        assert sweep().resumed == 1
        stall(job, 1.5)  # not yet twice the stall limit
        assert sweep().resumed == 0
        stall(job, 2.5)
        assert sweep().resumed == 1
        stall(job, 5)
        assert sweep().failed == 1
    job.refresh_from_db()
    assert job.error == "no progress for 5 minutes while analysing your data (0 of 5 parts)"


def test_a_job_stalled_in_scoring_is_finished(alice, parsed):
    job, chunks = planned(alice)
    for n, args in enumerate(chunks, start=1):
        pipeline.analyse_chunk(*args, delivery(n))
    ScoringJob.objects.filter(pk=job.pk).update(state="scoring")  # as if its worker died scoring
    stall(job, 2)
    with published_tasks() as sent:
        sweep()
    assert sent == [("scoring.tasks.finish_job", (job.pk,))]


def test_a_parse_within_its_time_limit_is_left_alone(alice):
    DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSING)
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    stall(job, 30)
    with published_tasks() as sent:
        assert sweep().resumed == 0
    assert sent == []


def test_a_parse_lost_before_it_started_is_published_again(alice, parsed):
    unread = DataSource.objects.create(owner=alice, platform="twitter", kind="api", handle="zoe")
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    stall(job, 2)
    with published_tasks() as sent:
        assert sweep().resumed == 1
    assert sent == [("pipeline.tasks.parse_source", (job.pk, unread.pk))]


def failed_by_us(owner, *, attempt: int = 1, minutes_ago: float = 2) -> ScoringJob:
    job = ScoringJob.objects.create(owner=owner, attempt=attempt)
    job.fail_for_us("reading your exports failed: a fault on our side interrupted it")
    ScoringJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(minutes=minutes_ago))
    return job


def test_a_job_our_infrastructure_failed_is_scored_again_once(alice, parsed, django_capture_on_commit_callbacks):
    job = failed_by_us(alice)
    with published_tasks() as sent, django_capture_on_commit_callbacks(execute=True):
        assert sweep().scored_again == 1
        assert sweep().scored_again == 0
    again = ScoringJob.objects.filter(owner=alice).first()
    assert again.pk != job.pk and (again.state, again.attempt) == ("queued", 2)
    assert sent == [("scoring.tasks.parse_sources", (again.pk,))]


def test_scoring_again_stops_after_the_last_attempt_and_waits_for_the_stall_delay(alice, bob, settings):
    settings.PIPELINE_AUTO_ATTEMPTS = 3
    failed_by_us(alice, attempt=3)
    failed_by_us(bob, minutes_ago=0.5)
    with published_tasks() as sent:
        assert sweep().scored_again == 0
    assert sent == []
    assert ScoringJob.objects.count() == 2
