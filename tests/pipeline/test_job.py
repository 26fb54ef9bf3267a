"""The ScoringJob state machine, chunk idempotency, the sweep and the progress endpoint."""
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pipeline.models import JobChunk, ScoringJob, TaskDelivery
from pipeline.services import Delivery
from pipeline.sweep import sweep
from tests.pipeline.jobs import published_tasks

DELIVERY = Delivery(key="a-task-id:0", task="a task")

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(alice):
    return ScoringJob.objects.create(owner=alice)


def test_a_job_walks_the_states_in_order(job):
    assert job.start_parsing()
    assert job.start_analysing(2)
    assert job.record_chunk("posts-0000", "posts", {"n": 1})
    assert job.state == "analysing"
    # The row that completes the count moves the job to scoring in its own transaction.
    assert job.record_chunk("posts-0001", "posts", {"n": 2})
    assert job.state == "scoring"
    assert job.finish({"doc": 1})
    job.refresh_from_db()
    assert (job.state, job.chunks_done, job.percent, job.analysis) == ("done", 2, 100, {"doc": 1})
    assert job.finished_at is not None


def test_a_transition_from_the_wrong_state_is_refused(job):
    assert not job.start_analysing(3)
    assert not job.start_scoring()
    job.refresh_from_db()
    assert job.state == "queued"


def test_a_second_delivery_of_the_same_transition_loses(job):
    twin = ScoringJob.objects.get(pk=job.pk)
    assert job.start_parsing()
    assert not twin.start_parsing()
    assert twin.state == "parsing"


def test_a_redelivered_chunk_counts_once(job):
    job.start_parsing()
    job.start_analysing(3)
    assert job.record_chunk("images-0000", "images", {"analysed": 2})
    assert not job.record_chunk("images-0000", "images", {"analysed": 2})
    job.refresh_from_db()
    assert job.chunks_done == 1
    assert JobChunk.objects.filter(job=job).count() == 1


def test_percent_follows_the_chunks(job):
    job.start_parsing()
    job.start_analysing(4)
    before = job.percent
    job.record_chunk("posts-0000", "posts", {})
    job.record_chunk("posts-0001", "posts", {})
    assert before < job.percent < ScoringJob.PERCENT_AT["scoring"]
    assert "2 of 4" in job.stage


def test_failing_keeps_one_line_and_does_not_touch_a_finished_job(job):
    assert job.fail("boom\n  Traceback (most recent call last):\n  more")
    assert job.error == "boom Traceback (most recent call last): more"
    assert not job.fail("again")
    done = ScoringJob.objects.create(owner=job.owner, state="done")
    assert not done.fail("late failure")
    done.refresh_from_db()
    assert (done.state, done.error) == ("done", "")


def test_a_long_reason_is_cut_to_the_column(job):
    job.fail("x" * 1000)
    job.refresh_from_db()
    assert len(job.error) == 300


def test_the_sweep_fails_a_job_past_its_time_limit_even_with_a_heartbeat(alice, settings):
    settings.PIPELINE_JOB_SECONDS = 3600
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    ScoringJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=2))
    assert sweep().failed == 1
    job.refresh_from_db()
    assert job.error == "gave up after 60 minutes while reading your exports"


def test_sweep_jobs_command_reports_what_it_did(alice, settings):
    settings.PIPELINE_STALL_SECONDS = 60
    job = ScoringJob.objects.create(owner=alice)
    ScoringJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    out = StringIO()
    with published_tasks() as sent:
        call_command("sweep_jobs", stdout=out)
    assert out.getvalue().strip() == "1 resumed, 0 failed, 0 scored again"
    assert sent == [("scoring.tasks.parse_sources", (job.pk,))]


def test_progress_needs_a_login(client):
    response = client.get(reverse("pipeline:progress"))
    assert response.status_code == 302


def test_progress_shows_the_applicants_latest_job(alice_client, alice):
    ScoringJob.objects.create(owner=alice, state="failed", error="old")
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    job.start_analysing(10)
    for n in range(5):
        job.record_chunk(f"posts-{n:04d}", "posts", {})
    data = alice_client.get(reverse("pipeline:progress")).json()
    assert data["job"] == job.pk
    assert data["state"] == "analysing"
    assert data["percent"] == 55
    assert data["error"] == ""
    assert data["score_url"] is None


def test_progress_never_shows_another_applicants_job(bob_client, alice):
    ScoringJob.objects.create(owner=alice)
    data = bob_client.get(reverse("pipeline:progress")).json()
    assert data["job"] is None


def test_progress_fails_a_job_that_stalled_past_its_resumes_when_polled(alice_client, alice, settings):
    settings.PIPELINE_STALL_SECONDS = 60
    settings.PIPELINE_MAX_RESUMES = 2
    job = ScoringJob.objects.create(owner=alice, resumes=2)
    ScoringJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    data = alice_client.get(reverse("pipeline:progress")).json()
    assert data["state"] == "failed"
    assert data["error"] == "no progress for 5 minutes while waiting for a worker"


def test_the_stages_of_a_job_that_is_gone_do_nothing(alice):
    from pipeline import services as pipeline

    job = ScoringJob.objects.create(owner=alice)
    gone = job.pk
    job.delete()
    with published_tasks() as sent:
        pipeline.parse_sources(gone, DELIVERY)
        pipeline.parse_source(gone, 1, DELIVERY)
        pipeline.plan_analysis(gone, DELIVERY)
        pipeline.analyse_chunk(gone, "posts-0000", "posts", ["hello"], [], None, DELIVERY)
        pipeline.finish_job(gone, DELIVERY)
    assert sent == []
    assert not TaskDelivery.objects.exists()


def test_finishing_waits_for_every_chunk_row(job):
    from pipeline.services import ChunksMissing, finish_job

    job.start_parsing()
    job.start_analysing(2)
    job.record_chunk("posts-0000", "posts", {})
    with pytest.raises(ChunksMissing, match="1 of 2 chunks stored"):
        finish_job(job.pk, DELIVERY)
    job.refresh_from_db()
    assert job.state == "analysing"


def test_a_chunk_for_a_job_no_longer_analysing_is_not_stored(job):
    from pipeline.services import analyse_chunk

    job.start_parsing()
    job.start_analysing(2)
    job.fail("replaced by a newer job after new data arrived")
    analyse_chunk(job.pk, "posts-0000", "posts", ["hello"], [], None, DELIVERY)
    assert not JobChunk.objects.filter(job=job).exists()


def test_planning_waits_while_another_job_parses_a_source(alice):
    from ingest.models import DataSource
    from pipeline.services import SourcesBusy, plan_analysis

    DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSING)
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    with pytest.raises(SourcesBusy, match="Facebook still being read"):
        plan_analysis(job.pk, DELIVERY)
    job.refresh_from_db()
    assert job.state == "parsing"


def test_a_parse_abandoned_long_ago_is_not_waited_for(alice, settings):
    from ingest.models import DataSource
    from pipeline.services import plan_analysis

    source = DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSING)
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    DataSource.objects.filter(pk=source.pk).update(updated_at=long_ago)
    job = ScoringJob.objects.create(owner=alice)
    job.start_parsing()
    plan_analysis(job.pk, DELIVERY)
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error == "none of your exports could be read (Facebook: parsing)"
