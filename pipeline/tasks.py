"""Celery tasks of the pipeline: thin shells around ``pipeline.services``, which decides what
runs next. Task names keep their original ``scoring.tasks.*`` spelling, so messages already
queued when the pipeline moved into its own app still run."""
from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services as pipeline
from .models import ScoringJob

# Database hiccups (SQLite "database is locked", a dropped PostgreSQL connection) are
# transient: retried with exponential backoff and jitter. Anything else is a real error and
# reaches the job's errback, which fails the job with its reason instead of retrying forever.
TRANSIENT = (OperationalError, InterfaceError)
RETRY = {"autoretry_for": TRANSIENT, "retry_backoff": 1, "retry_backoff_max": 30, "max_retries": 5}


@shared_task(name="scoring.tasks.parse_sources", **RETRY)
def parse_sources(job_id: int) -> None:
    pipeline.parse_sources(job_id)


# Waiting for another job's parse: up to ~10 minutes, then the job fails with the reason.
@shared_task(
    name="scoring.tasks.plan_analysis",
    autoretry_for=(*TRANSIENT, pipeline.SourcesBusy),
    retry_backoff=1,
    retry_backoff_max=30,
    max_retries=25,
)
def plan_analysis(job_id: int) -> None:
    pipeline.plan_analysis(job_id)


@shared_task(name="scoring.tasks.record_chunk", **RETRY)
def record_chunk(output: dict, job_id: int, chunk_id: str, kind: str) -> bool:
    return pipeline.record_chunk(output, job_id, chunk_id, kind)


@shared_task(
    name="scoring.tasks.finish_job",
    autoretry_for=(*TRANSIENT, pipeline.ChunksMissing),
    retry_backoff=1,
    retry_backoff_max=10,
    max_retries=20,
)
def finish_job(job_id: int) -> None:
    pipeline.finish_job(job_id)


@shared_task(name="scoring.tasks.fail_job", **RETRY)
def fail_job(failed_task_id: str, job_id: int, doing: str) -> bool:
    return pipeline.fail_job(failed_task_id, job_id, doing)


@shared_task(name="scoring.tasks.sweep_stale_jobs", **RETRY)
def sweep_stale_jobs() -> int:
    return ScoringJob.fail_stale()

