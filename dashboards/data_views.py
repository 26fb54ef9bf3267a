"""The applicant's data rights: delete all their data. Thin: the work is in ``services``."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import applicant_required

from . import services


@applicant_required
@require_http_methods(["GET", "POST"])
def delete_all(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        deleted = services.applicant_data_delete(user=request.user)
        total = sum(deleted.values())
        messages.success(request, f"All your data was deleted ({total} records and every uploaded file).")
        return redirect("dashboards:applicant")
    user = request.user
    return render(
        request,
        "dashboards/delete_confirm.html",
        {
            "sources": user.sources.count(),
            "scores": user.scores.count(),
            "jobs": user.scoring_jobs.count(),
        },
    )
