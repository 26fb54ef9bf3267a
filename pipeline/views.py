from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from pipeline.models import ScoringJob
from pipeline.sweep import sweep


def _score_url() -> str | None:
    try:
        return reverse("dashboards:applicant")
    except NoReverseMatch:  # the dashboard is another part; the endpoint works without it
        return None


@login_required
@require_GET
def progress(request: HttpRequest) -> JsonResponse:
    """The logged-in applicant's latest scoring job, for the dashboard to poll.

    Polling also sweeps this applicant's own jobs, so a job whose messages or worker were
    lost is resumed (or failed with its reason) even where no beat process runs the sweep.
    """
    sweep(owner=request.user)
    job = ScoringJob.objects.filter(owner=request.user).first()
    if job is None:
        return JsonResponse({"job": None, "state": None, "stage": "No scoring job yet", "percent": 0,
                             "error": "", "score_url": None})
    return JsonResponse({
        "job": job.pk,
        "state": job.state,
        "stage": job.stage,
        "percent": job.percent,
        "error": job.error,
        "score_url": _score_url() if job.state == ScoringJob.State.DONE else None,
    })
