"""Celery tasks of the pipeline: thin shells around ``pipeline.services``, which decides what
runs next. Task names of the first pipeline keep their ``scoring.tasks.*`` spelling, so
messages queued before the pipeline moved into its own app still run.

Every task of a job is a ``JobTask``: it hands the service its delivery (to count starts
against the redelivery cap), stores no result (the database is the truth; nothing reads a
task's return value), and when it fails for good it fails its job with a plain sentence,
the exception going to the log (``on_failure``; no result backend is read for it).
"""
from celery import Task, shared_task
from django.db import InterfaceError, OperationalError

from . import services as pipeline
from .sweep import sweep

# Database hiccups (SQLite "database is locked", a dropped or restarting PostgreSQL) are
# transient: retried with exponential backoff, without jitter so that the waits are known:
# 2, 4, 8, 16, 30, 30, 30, 30 s, in all 150 s, which outlasts a minute of outage. Anything
# else is a real error and fails the job with its reason instead of retrying for ever.
TRANSIENT = (OperationalError, InterfaceError)
RETRY = {"retry_backoff": 2, "retry_backoff_max": 30, "retry_jitter": False, "max_retries": 8}


class JobTask(Task):
    """A task whose first argument is its job's id."""

    ignore_result = True
    doing = "scoring your data"  # what the applicant reads when it fails for good

    def delivery(self) -> pipeline.Delivery:
        retries = self.request.retries
        return pipeline.Delivery(key=f"{self.request.id}:{retries}", task=self.name, retry=retries > 0)

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        pipeline.stage_failed(args[0], self.doing, exc)


@shared_task(base=JobTask, bind=True, name="scoring.tasks.parse_sources", autoretry_for=TRANSIENT,
             doing="reading your exports", **RETRY)
def parse_sources(self: JobTask, job_id: int) -> None:
    pipeline.parse_sources(job_id, self.delivery())


@shared_task(base=JobTask, bind=True, name="pipeline.tasks.parse_source", autoretry_for=TRANSIENT,
             doing="reading your exports", **RETRY)
def parse_source(self: JobTask, job_id: int, source_id: int) -> None:
    pipeline.parse_source(job_id, source_id, self.delivery())


# Waiting for another job's parse: up to ~10 minutes, then the job fails with the reason.
@shared_task(base=JobTask, bind=True, name="scoring.tasks.plan_analysis",
             autoretry_for=(*TRANSIENT, pipeline.SourcesBusy), doing="preparing the analysis",
             **{**RETRY, "max_retries": 25})
def plan_analysis(self: JobTask, job_id: int) -> None:
    pipeline.plan_analysis(job_id, self.delivery())


# OSError other than a missing image (a busy disk, a network mount) is worth retrying too.
@shared_task(base=JobTask, bind=True, name="pipeline.tasks.analyse_chunk",
             autoretry_for=(*TRANSIENT, OSError, MemoryError), doing="analysing your data", **RETRY)
def analyse_chunk(self: JobTask, job_id: int, chunk_id: str, kind: str, items: list[str], phrases: list[str],
                  lexicons: list[str] | None = None) -> None:
    # lexicons defaults for a message queued before the argument existed.
    pipeline.analyse_chunk(job_id, chunk_id, kind, items, phrases, lexicons, self.delivery())


@shared_task(base=JobTask, bind=True, name="scoring.tasks.finish_job",
             autoretry_for=(*TRANSIENT, pipeline.ChunksMissing), doing="computing your score",
             **{**RETRY, "max_retries": 20})
def finish_job(self: JobTask, job_id: int) -> None:
    pipeline.finish_job(job_id, self.delivery())


@shared_task(name="scoring.tasks.sweep_stale_jobs", ignore_result=True, autoretry_for=TRANSIENT, **RETRY)
def sweep_stale_jobs() -> str:
    return str(sweep())
