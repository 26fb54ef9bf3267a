"""The sweep: what keeps jobs moving when a message, a worker or a server was lost.

Runs from Celery beat every ``PIPELINE_SWEEP_SECONDS``, from ``manage.py sweep_jobs``, and
for an applicant's own jobs whenever the progress endpoint is polled. For every active job:

- older than ``PIPELINE_JOB_SECONDS``: failed ("gave up after ...");
- no progress (no transition, no chunk stored) for ``PIPELINE_STALL_SECONDS``, doubled after
  each resume: resumed, that is what it misses is published again from the rows already
  stored (only the missing chunks; a broker restarted without its queue loses nothing
  else); after ``PIPELINE_MAX_RESUMES`` resumes it is failed ("no progress for ...").

And every failed job marked ``retryable`` (a fault of our database or broker, not of the
applicant's data) that is still its applicant's latest is scored again, once the stall
delay has passed, up to ``PIPELINE_AUTO_ATTEMPTS`` attempts in all.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import ScoringJob, minutes
from .services import resume, start_job


@dataclass
class SweepReport:
    resumed: int = 0
    failed: int = 0
    scored_again: int = 0

    def __str__(self) -> str:
        return f"{self.resumed} resumed, {self.failed} failed, {self.scored_again} scored again"


def stall_limit(resumes: int) -> timedelta:
    """How long a job may show no progress before its next resume: doubling, so a job that
    waits behind a long queue is not flooded with copies of its own messages."""
    return timedelta(seconds=settings.PIPELINE_STALL_SECONDS * 2**resumes)


def _sweep_active(job: ScoringJob, now: datetime, report: SweepReport) -> None:
    reason = job.stale_reason(now, limit=timedelta(seconds=settings.PIPELINE_JOB_SECONDS))
    stalled = job.stalled_for(now)
    if reason is None and stalled > stall_limit(job.resumes) and job.resumes >= settings.PIPELINE_MAX_RESUMES:
        reason = f"no progress for {minutes(stalled)} while {job.stage.lower()}"
    if reason is not None:
        report.failed += job.fail(reason)
    elif stalled > stall_limit(job.resumes):
        report.resumed += resume(job)


def _score_again(job: ScoringJob, now: datetime) -> bool:
    """Start the next attempt of a job our infrastructure failed; claimed by a conditional
    update, so two sweeps at once start one."""
    if now - job.finished_at < stall_limit(0):
        return False
    claimed = ScoringJob.objects.filter(pk=job.pk, retryable=True).update(retryable=False)
    latest = ScoringJob.objects.filter(owner_id=job.owner_id).order_by("-created_at", "-pk").first()
    if not claimed or job.attempt >= settings.PIPELINE_AUTO_ATTEMPTS or latest is None or latest.pk != job.pk:
        return False
    start_job(job.owner, attempt=job.attempt + 1)
    return True


def sweep(*, now: datetime | None = None, owner=None) -> SweepReport:
    """Resume, fail or score again every job that needs it (``owner``'s only, if given)."""
    now = now or timezone.now()
    report = SweepReport()
    jobs = ScoringJob.objects.all() if owner is None else ScoringJob.objects.filter(owner=owner)
    for job in jobs.filter(state__in=ScoringJob.ACTIVE_STATES):
        _sweep_active(job, now, report)
    for job in jobs.filter(state=ScoringJob.State.FAILED, retryable=True):
        report.scored_again += _score_again(job, now)
    return report
