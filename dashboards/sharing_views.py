"""The applicant's side of sharing: apply to a lender, withdraw, and see who opened their file.
Thin: the rules are ``lending.services`` and ``lending.selectors``."""
from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import applicant_required
from lending import consent
from lending.selectors import access_log, own_applications
from lending.services import ApplicationRefused, application_create, application_withdraw, social_methods

from .forms import ApplyForm

ACCESS_PAGE_SIZE = 50


@applicant_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = ApplyForm(request.POST or None, initial={"methods": social_methods()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = application_create(
                applicant=request.user, organisation=data["organisation"], purpose=data["purpose"], methods=data["methods"]
            )
        except ApplicationRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{application.organisation.name} can now see your score for “{application.purpose}”.")
            return redirect("dashboards:applicant")
    return render(
        request,
        "dashboards/apply.html",
        {"form": form, "consent_text": consent.consent_text("the lender I choose", ["the methods I tick"]),
         "consent_version": consent.CONSENT_VERSION},
    )


@applicant_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(own_applications(request.user), pk=pk)
    if application.is_live:
        application_withdraw(application=application)
        messages.success(request, f"You withdrew your application to {application.organisation.name}: "
                                  "they no longer see anything of yours.")
    return redirect("dashboards:applicant")


@applicant_required
@require_GET
def access(request: HttpRequest) -> HttpResponse:
    page = Paginator(access_log(request.user), ACCESS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dashboards/access_log.html", {"page": page})
