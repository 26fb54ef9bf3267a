"""The applicant's data rights: see what is kept and for how long, download everything, delete
all data, delete the account. Thin: the work is in ``export`` and ``services``."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import applicant_required
from pipeline.models import RetentionSetting

from . import export, services
from .forms import DeleteAccountForm


@applicant_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dashboards/my_data.html",
        {"login_days": settings.LOGIN_LOG_RETENTION_DAYS, "keep_texts": RetentionSetting.keeps_texts()},
    )


@applicant_required
@require_GET
def download(request: HttpRequest) -> FileResponse:
    return FileResponse(export.archive_file(request.user), as_attachment=True, filename=export.FILENAME,
                        content_type="application/zip")


def _counts(user) -> dict[str, int]:
    return {"sources": user.sources.count(), "scores": user.scores.count(), "jobs": user.scoring_jobs.count(),
            "applications": user.applications.count()}


@applicant_required
@require_http_methods(["GET", "POST"])
def delete_all(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        deleted = services.applicant_data_delete(user=request.user)
        total = sum(deleted.values())
        messages.success(request, f"All your data was deleted ({total} records and every uploaded file).")
        return redirect("dashboards:applicant")
    return render(request, "dashboards/delete_confirm.html", _counts(request.user))


@applicant_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account and everything with it, once the password confirms it is the owner."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, "Your account and all your data were deleted.")
        return redirect("home")
    return render(request, "dashboards/delete_account.html", {"form": form, **_counts(request.user)})
