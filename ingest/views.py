"""The applicant's "connect your data" page: upload exports, give a handle, delete sources.

Views stay thin: validate a form, call one service, say what happened with the messages
framework. An applicant only ever reaches their own sources (every lookup is filtered by
``owner=request.user``), and a source of somebody else is a plain 404.
"""
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import applicant_required
from accounts.throttling import throttled

from .archive import ArchiveRefused
from .forms import HandleForm, UploadForm
from .models import DataSource, Platform
from .parsers.twitter_api import TwitterUnavailable
from .services import source_delete, source_store, twitter_handle_store, twitter_handles_available
from .uploads import upload_refusal

HELP = {
    Platform.FACEBOOK: "Settings → Your information → Download your information; choose JSON.",
    Platform.LINKEDIN: "Settings → Data privacy → Get a copy of your data.",
    Platform.INSTAGRAM: "Accounts Centre → Your information and permissions → Download your information; choose JSON.",
    Platform.TWITTER: "Settings → Your account → Download an archive of your data.",
    Platform.WEIBO: (
        "Weibo has no download of your data: run the open-source weibo-crawler (github.com/dataabc/weibo-crawler) "
        "with your own user id in user_id_list and write_mode [\"csv\"] or [\"json\"], then zip the weibo folder it "
        "writes (users.csv and the folder named after you) and upload the zip."
    ),
}


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return "The form is incomplete."


@require_GET
@applicant_required
def sources(request):
    own = {s.platform: s for s in DataSource.objects.filter(owner=request.user)}
    cards = [
        {"platform": value, "label": label, "help": HELP[value], "source": own.get(value), "form": UploadForm(initial={"platform": value})}
        for value, label in Platform.choices
    ]
    context = {
        "cards": cards,
        "handle_form": HandleForm(),
        "twitter_token": twitter_handles_available(),
        "upload_max_mb": settings.UPLOAD_MAX_BYTES // 1024**2,
        "upload_max_bytes": settings.UPLOAD_MAX_BYTES,
    }
    return render(request, "ingest/sources.html", context)


def _report(request, source: DataSource, what: str) -> None:
    """Say what became of a stored source; parsing may already be over (eager tasks)."""
    source.refresh_from_db()
    if source.status == DataSource.Status.REFUSED:
        messages.error(request, f"{what} was refused: {source.error}")
    elif source.status == DataSource.Status.PARSED:
        messages.success(request, f"{what} was read.")
    else:
        messages.success(request, f"{what} was received and is being read.")


@require_POST
@applicant_required
@throttled("uploads")
def upload(request):
    form = UploadForm(request.POST, request.FILES)
    too_large = upload_refusal(request)  # read after request.FILES: the upload stops while it is parsed
    if too_large:
        messages.error(request, f"Nothing was uploaded: {too_large}")
        return redirect("ingest:sources")
    if not form.is_valid():
        messages.error(request, f"Nothing was uploaded: {_first_error(form)}")
        return redirect("ingest:sources")
    platform = form.cleaned_data["platform"]
    label = Platform(platform).label
    try:
        source = source_store(owner=request.user, platform=platform, uploaded_file=form.cleaned_data["archive"])
    except ArchiveRefused as exc:
        messages.error(request, f"Your {label} export was refused: {exc}")
        return redirect("ingest:sources")
    _report(request, source, f"Your {label} export")
    return redirect("ingest:sources")


@require_POST
@applicant_required
@throttled("handle")
def handle(request):
    form = HandleForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing was fetched: {_first_error(form)}")
        return redirect("ingest:sources")
    try:
        source = twitter_handle_store(owner=request.user, handle=form.cleaned_data["handle"])
    except TwitterUnavailable as exc:
        messages.error(request, f"{exc} Upload your X/Twitter archive instead.")
        return redirect("ingest:sources")
    _report(request, source, f"The X/Twitter account @{source.handle}")
    return redirect("ingest:sources")


@require_http_methods(["GET", "POST"])
@applicant_required
def delete(request, pk: int):
    """GET asks first (an upload once went on a single click); POST deletes."""
    source = get_object_or_404(DataSource, pk=pk, owner=request.user)
    label = source.get_platform_display()
    if request.method == "GET":
        return render(request, "ingest/delete_confirm.html", {"source": source, "label": label})
    source_delete(source)
    messages.success(request, f"Your {label} data was deleted.")
    return redirect("ingest:sources")
