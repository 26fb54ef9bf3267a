"""``{% scoring_progress %}``: the live progress bar of the applicant's scoring job, for any
page an applicant waits on (their score page, the upload page); ``|band_label`` and
``|band_meaning``: a stored band key in words (``scoring.bands``)."""
from django import template
from django.urls import reverse

from ingest.models import DataSource
from scoring import bands

from .. import selectors

register = template.Library()


@register.inclusion_tag("dashboards/_progress.html", takes_context=True)
def scoring_progress(context: template.Context) -> dict:
    """Shown while a job runs or an upload waits for one; static/js/progress.js polls the
    pipeline's ``pipeline:progress`` endpoint and ends on the score or a failure message."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"show": False}
    job = selectors.latest_job(user)
    running = job is not None and job.is_active
    waiting = DataSource.objects.filter(
        owner=user, status__in=(DataSource.Status.RECEIVED, DataSource.Status.PARSING)
    ).exists()
    return {
        "show": running or waiting,
        "progress_url": reverse("pipeline:progress"),
        # A finished job's result is old news when new data waits: the bar waits for the next.
        "finished_job": job.pk if job is not None and not running else None,
    }


@register.filter
def band_label(key: str | None) -> str:
    return bands.label(key)


@register.filter
def band_meaning(key: str | None) -> str:
    return bands.meaning(key)
