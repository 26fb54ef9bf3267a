"""Lender-facing pages: import shipment records, list the scored subjects, read one subject.
Lenders and admins only; an applicant gets 403, a visitor the login page."""
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import lender_required

from .forms import ShipmentImportForm
from .models import ExpressScore, ExpressSubject, ShipmentImport
from .services import import_create, saved_mapping


@lender_required
@require_http_methods(["GET", "POST"])
def import_records(request):
    form = ShipmentImportForm(request.POST or None, request.FILES or None, mapping=saved_mapping(request.user))
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        if uploaded.size > settings.UPLOAD_MAX_BYTES:
            form.add_error("file", f"The file is larger than the {settings.UPLOAD_MAX_BYTES // 1024**2} MiB limit.")
        else:
            shipment_import = import_create(uploaded_file=uploaded, imported_by=request.user,
                                            as_of=form.cleaned_data["as_of"], mapping=form.mapping())
            return redirect("express:report", pk=shipment_import.pk)
    imports = ShipmentImport.objects.filter(imported_by=request.user)[:10]
    return render(request, "express/import.html", {"form": form, "imports": imports})


@lender_required
@require_GET
def import_report(request, pk: int):
    shipment_import = get_object_or_404(ShipmentImport, pk=pk)
    return render(request, "express/report.html", {"import": shipment_import, "report": shipment_import.report})


@lender_required
@require_GET
def subjects(request):
    kind = request.GET.get("type", "")
    query = request.GET.get("q", "").strip()
    subjects = ExpressSubject.objects.prefetch_related(
        Prefetch("scores", queryset=ExpressScore.objects.defer("features"))
    ).select_related("user")
    if kind in dict(ExpressSubject.TYPES):
        subjects = subjects.filter(user_type=kind)
    if query:
        subjects = subjects.filter(Q(key__icontains=query) | Q(name__icontains=query))
    page = Paginator(subjects, 50).get_page(request.GET.get("page"))
    rows = [(subject, subject.scores.all()[0] if subject.scores.all() else None) for subject in page]
    return render(request, "express/subjects.html", {
        "page": page, "rows": rows, "kind": kind, "query": query, "types": ExpressSubject.TYPES,
    })


@lender_required
@require_GET
def subject(request, pk: int):
    subject = get_object_or_404(ExpressSubject.objects.select_related("user"), pk=pk)
    scores = list(subject.scores.select_related("source_import")[:10])
    latest = scores[0] if scores else None
    features = latest.features if latest else {}
    periods = list(zip(features.get("periods", []), features.get("parcels_per_period", []),
                       features.get("addresses_per_period", [])))
    return render(request, "express/subject.html", {
        "subject": subject, "latest": latest, "history": scores, "periods": periods,
    })
