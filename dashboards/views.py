"""Pages for applicants and lenders. Thin: read through ``selectors``, write through
``lending.services`` (the access log), describe scores through ``core`` and ``charts``."""
from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from accounts.decorators import applicant_required, lender_required
from express.selectors import visible_subjects
from ingest.services import twitter_handles_available
from lending.models import FileAccess
from lending.selectors import live_shared_with, own_applications
from lending.services import access_record
from pipeline.services import score_again as pipeline_score_again
from scoring import bands, methods
from scoring.models import ScoreResult

from . import charts, core, selectors
from .api.auth import expires_at, has_expired
from .forms import ApplicantFilterForm

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own work: applicants on their score, lenders on the table."""
    user = request.user
    if user.is_authenticated and user.is_applicant:
        return redirect("dashboards:applicant")
    if selectors.can_read_applicants(user):
        return redirect("dashboards:lender_list")
    return render(request, "home.html", {"twitter_handles": twitter_handles_available()})


def _charts(rows: list[core.BreakdownRow], indices: list[core.IndexRow],
            memberships: list[tuple[str, float]] | None) -> dict:
    """The SVG charts of one score (escaped in ``charts``, so marked safe here)."""
    breakdown = charts.hbars([(r.label, r.earned, r.possible) for r in rows],
                             "Points earned of points possible, by what was found", stacked=True)
    index_chart = charts.hbars([(r.name, r.score, 100.0) for r in indices], "Score of each index, out of 100", unit="")
    grades = charts.hbars([(bands.label(g), v, 1.0) for g, v in memberships or ()], "Membership in each grade",
                          percent=True, width=480)
    return {
        "breakdown": mark_safe(breakdown) if rows else None,  # noqa: S308 - escaped in charts
        "index_chart": mark_safe(index_chart) if indices else None,  # noqa: S308 - escaped in charts
        "memberships_chart": mark_safe(grades) if memberships else None,  # noqa: S308 - escaped in charts
    }


def score_card(result: ScoreResult | None, *, lead: bool = False, improve: bool = False) -> dict | None:
    """What every page shows about one score: its band and what the band means, gauge,
    breakdown, reasons, missing data; ``lead`` for the primary method's answer (the others
    are second opinions) and ``improve`` for the actions that would raise it."""
    if result is None:
        return None
    contributions = result.contributions or {}
    rows = core.breakdown_rows(contributions)
    indices = [] if rows else core.index_rows(contributions)
    memberships = core.grade_memberships(result.detail or {})
    return {
        "result": result,
        "lead": lead,
        "method": methods.label(result.method),
        "version": methods.version_label(result),
        "band": bands.label(result.band),
        "band_rank": bands.rank(result.band),
        "band_meaning": bands.meaning(result.band),
        "gauge": mark_safe(charts.score_gauge(result.normalized, result.band)),  # noqa: S308 - escaped in charts
        "rows": rows,
        "indices": indices,
        "reasons": core.top_reasons(result.reasons or []),
        "missing": core.missing_labels(result.missing or [], contributions),
        "memberships": memberships,
        "paper_grade": bands.label((result.detail or {}).get("grade")) if memberships else "",
        "improvements": methods.improvements(result) if improve else [],
        **_charts(rows, indices, memberships),
    }


def _cards(results: list[ScoreResult], *, improve: bool) -> tuple[dict | None, list[dict]]:
    """The answer (the first result, the primary method's when it has one) and the second opinions."""
    cards = [score_card(r, lead=i == 0, improve=improve and i == 0) for i, r in enumerate(results)]
    return (cards[0] if cards else None), cards[1:]


@applicant_required
def applicant(request: HttpRequest) -> HttpResponse:
    overview = selectors.applicant_overview(request.user)
    card, second_opinions = _cards(overview.ordered(methods.primary(), social_only=True), improve=True)
    applications = list(own_applications(request.user))
    return render(
        request,
        "dashboards/applicant.html",
        {
            "overview": overview,
            "live": [a for a in applications if a.is_live],
            "withdrawn": [a for a in applications if not a.is_live],
            "card": card,
            "second_opinions": second_opinions,
            "waiting": overview.job_running or overview.sources_pending,
            "twitter_handles": twitter_handles_available(),
        },
    )


@applicant_required
@require_POST
def score_again(request: HttpRequest) -> HttpResponse:
    """Run the scoring again after a failed job, from the data already read."""
    if pipeline_score_again(request.user) is None:
        messages.info(request, "There is nothing to score again: your last scoring did not fail.")
    else:
        messages.success(request, "Scoring again from the data you gave; this page shows the progress.")
    return redirect("dashboards:applicant")


def _querystring(request: HttpRequest, **overrides: str) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    for key, value in overrides.items():
        params[key] = value
    return params.urlencode()


def _opinion(result: ScoreResult, primary: str) -> dict:
    return {
        "result": result,
        "method": core.METHOD_SHORT.get(result.method, result.method),
        "primary": result.method == primary,
        "band": bands.label(result.band),
        "band_rank": bands.rank(result.band),
        "band_meaning": bands.meaning(result.band),
    }


@lender_required
def lender_list(request: HttpRequest) -> HttpResponse:
    """One row per applicant with the primary method's score; the other methods' scores are
    second opinions a click away in the row (with a method chosen, those of the others)."""
    primary = methods.primary()
    form = ApplicantFilterForm(request.GET, default_method=primary)
    query = form.query()
    page = Paginator(selectors.lender_table(request.user, query), PAGE_SIZE).get_page(request.GET.get("page"))
    access_record(viewer=request.user, applicant_ids=[r.owner_id for r in page], channel=FileAccess.Channel.PAGE,
                  what="applicant list page")
    others = selectors.second_opinions(request.user, list(page)) if query.method else {}
    rows = [
        {
            **_opinion(r, primary),
            "reasons": core.top_reasons(r.reasons or [], 1),
            "second_opinions": [_opinion(o, primary) for o in others.get(r.owner_id, [])],
        }
        for r in page
    ]
    return render(
        request,
        "dashboards/lender_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query,
            "filters": _querystring(request),
            "sort_score": _querystring(request, sort="-score" if query.sort != "-score" else "score"),
            "sort_date": _querystring(request, sort="-date" if query.sort != "-date" else "date"),
            "primary_label": methods.label(primary),
            "bands": bands.BANDS,
        },
    )


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


CSV_HEADER = (
    "applicant_id",
    "username",
    "method",
    "score",
    "max_score",
    "normalized",
    "band",
    "config_version",
    "scored_at",
    "top_reasons",
)


CSV_LOG_BATCH = 1000


def _csv_rows(results, viewer) -> Iterator[list]:
    """The CSV's lines; every applicant in it is logged as their row goes out (in batches)."""
    yield list(CSV_HEADER)
    shown: list[int] = []
    for r in results.iterator():
        shown.append(r.owner_id)
        if len(shown) >= CSV_LOG_BATCH:
            access_record(viewer=viewer, applicant_ids=shown, channel=FileAccess.Channel.PAGE, what="CSV export")
            shown = []
        yield [
            r.owner_id,
            core.csv_safe(r.owner.username),
            r.method,
            "" if r.score is None else round(r.score, 2),
            "" if r.max_score is None else round(r.max_score, 2),
            "" if r.normalized is None else round(r.normalized, 2),
            bands.label(r.band) if r.band else "",
            "" if r.config_version is None else r.config_version,
            r.created_at.isoformat(),
            core.csv_safe(" | ".join(reason.text for reason in core.top_reasons(r.reasons or []))),
        ]
    access_record(viewer=viewer, applicant_ids=shown, channel=FileAccess.Channel.PAGE, what="CSV export")


@lender_required
def lender_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The table's rows, every page of them, under the same filters and order."""
    query = ApplicantFilterForm(request.GET, default_method=methods.primary()).query()
    writer = csv.writer(_Echo())
    results = selectors.lender_table(request.user, query)
    response = StreamingHttpResponse((writer.writerow(row) for row in _csv_rows(results, request.user)), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="credsly-applicants.csv"'
    return response


@lender_required
def lender_detail(request: HttpRequest, pk: int) -> HttpResponse:
    owner = get_object_or_404(selectors.visible_applicants(request.user), pk=pk)
    access_record(viewer=request.user, applicant_ids=[owner.pk], channel=FileAccess.Channel.PAGE,
                  what="applicant page")
    overview = selectors.applicant_overview(owner, viewer=request.user, with_history=True)
    card, second_opinions = _cards(overview.ordered(methods.primary()), improve=False)
    series = []
    for method, label in ScoreResult.Method.choices:
        points = [(r.created_at, r.normalized) for r in overview.history if r.method == method and r.normalized is not None]
        if points:
            series.append((label, points))
    express = overview.results.get(ScoreResult.Method.EXPRESS)
    subject = (express.detail or {}).get("subject") if express else None
    # The record behind a shared express score is linked only for the organisation that holds it.
    if subject and not visible_subjects(request.user).filter(pk=subject).exists():
        subject = None
    return render(
        request,
        "dashboards/lender_detail.html",
        {
            "overview": overview,
            "owner": owner,
            "card": card,
            "second_opinions": second_opinions,
            "history_chart": mark_safe(charts.line_chart(series, "Normalized score over time")),  # noqa: S308
            "history": list(reversed(overview.history)),
            "applications": live_shared_with(request.user).filter(applicant=owner),
            "express_url": reverse("express:subject", args=[subject]) if subject else None,
        },
    )


@lender_required
def lender_population(request: HttpRequest) -> HttpResponse:
    method = request.GET.get("method") or methods.primary()
    if method not in ScoreResult.Method.values:
        raise Http404("Unknown scoring method.")
    try:
        version = int(request.GET["version"]) if request.GET.get("version") else None
    except ValueError:
        raise Http404("Unknown configuration version.") from None
    pop = selectors.population(request.user, method=method, version=version)
    return render(
        request,
        "dashboards/population.html",
        {
            "pop": pop,
            "methods": ScoreResult.Method.choices,
            "chart": mark_safe(  # noqa: S308 - escaped in charts
                charts.histogram_chart(pop.histogram, f"Scores of {pop.histogram.total} applicants")
            ),
            "shares_chart": mark_safe(  # noqa: S308 - escaped in charts
                charts.hbars([(bands.label(b), s, 1.0) for b, _, s in pop.shares], "Share in each band", percent=True, width=420)
            ),
        },
    )


@lender_required
@require_http_methods(["GET", "POST"])
def lender_api(request: HttpRequest) -> HttpResponse:
    """Where a lender gets the token the REST API asks for (and replaces a leaked one)."""
    if request.method == "POST":
        replaced, _ = Token.objects.filter(user=request.user).delete()
        Token.objects.create(user=request.user)
        if replaced:
            messages.success(request, "A new API token was created; the old one no longer works.")
        else:
            messages.success(request, "Your API token was created.")
        return redirect("dashboards:lender_api")
    token = Token.objects.filter(user=request.user).first()
    return render(
        request,
        "dashboards/lender_api.html",
        {
            "token": token,
            "token_expires": expires_at(token) if token else None,
            "token_expired": bool(token and has_expired(token)),
            "schema_url": reverse("api-schema"),
            "docs_url": reverse("api-docs"),
        },
    )
