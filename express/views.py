"""Lender-facing pages: import shipment records, list the scored subjects, read one subject,
reveal a resident ID number. Lenders and admins only; an applicant gets 403, a visitor the
login page. A lender reaches only their organisation's imports and subjects (``selectors``);
anything else is 404."""
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import lender_required

from .forms import ShipmentImportForm
from .models import ExpressScore, IdentityReveal
from .selectors import shown_account, visible_imports, visible_subjects
from .services import import_create, saved_mapping

NO_ORGANISATION = "Imports belong to a lender organisation, and you are not a member of one."


@lender_required
@require_http_methods(["GET", "POST"])
def import_records(request):
    organisation = request.user.organisation
    form = ShipmentImportForm(request.POST or None, request.FILES or None, mapping=saved_mapping(request.user))
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        if organisation is None:
            form.add_error(None, NO_ORGANISATION)
        elif uploaded.size > settings.UPLOAD_MAX_BYTES:
            form.add_error("file", f"The file is larger than the {settings.UPLOAD_MAX_BYTES // 1024**2} MiB limit.")
        else:
            shipment_import = import_create(uploaded_file=uploaded, imported_by=request.user, organisation=organisation,
                                            as_of=form.cleaned_data["as_of"], mapping=form.mapping())
            return redirect("express:report", pk=shipment_import.pk)
    imports = visible_imports(request.user)[:10]
    return render(request, "express/import.html", {
        "form": form, "imports": imports, "no_organisation": NO_ORGANISATION if organisation is None else "",
    })


@lender_required
@require_GET
def import_report(request, pk: int):
    shipment_import = get_object_or_404(visible_imports(request.user), pk=pk)
    return render(request, "express/report.html", {"import": shipment_import, "report": shipment_import.report})


@lender_required
@require_GET
def subjects(request):
    """The organisation's subjects; the search matches a whole identity, or part of a name
    (never part of an identity: a number must not be guessed digit by digit)."""
    kind = request.GET.get("type", "")
    query = request.GET.get("q", "").strip()
    subjects = visible_subjects(request.user).prefetch_related(
        Prefetch("scores", queryset=ExpressScore.objects.defer("features"))
    ).select_related("user")
    if kind in dict(subjects.model.TYPES):
        subjects = subjects.filter(user_type=kind)
    if query:
        subjects = subjects.filter(Q(key=query) | Q(identity=query) | Q(name__icontains=query))
    page = Paginator(subjects, 50).get_page(request.GET.get("page"))
    rows = [(subject, subject.scores.all()[0] if subject.scores.all() else None, shown_account(subject, request.user))
            for subject in page]
    return render(request, "express/subjects.html", {
        "page": page, "rows": rows, "kind": kind, "query": query, "types": subjects.model.TYPES,
    })


def _subject_page(request, subject, *, revealed: bool):
    scores = list(subject.scores.select_related("source_import")[:10])
    latest = scores[0] if scores else None
    features = latest.features if latest else {}
    periods = list(zip(features.get("periods", []), features.get("parcels_per_period", []),
                       features.get("addresses_per_period", [])))
    return render(request, "express/subject.html", {
        "subject": subject, "latest": latest, "history": scores, "periods": periods, "revealed": revealed,
        "account": shown_account(subject, request.user), "reveals": subject.reveals.select_related("viewer")[:10],
    })


@lender_required
@require_GET
def subject(request, pk: int):
    return _subject_page(request, get_object_or_404(visible_subjects(request.user), pk=pk), revealed=False)


@lender_required
@require_POST
def reveal(request, pk: int):
    """Show the full resident ID number, once, and log that it was shown to whom."""
    subject = get_object_or_404(visible_subjects(request.user), pk=pk)
    if not subject.identity:
        messages.info(request, "This subject has no resident ID number to reveal.")
        return redirect("express:subject", pk=subject.pk)
    IdentityReveal.objects.create(subject=subject, viewer=request.user, organisation=request.user.organisation)
    return _subject_page(request, subject, revealed=True)
