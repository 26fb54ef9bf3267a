"""Reads for the dashboards and the API: who may see whom, latest scores, history, population.

Access rules live here, once, so pages, CSV and API cannot disagree: an applicant sees only
themselves; a lender sees the applicants with a live application to their organisation, and
of them only the scores of the methods the application shares (``lending.selectors``); an
admin sees every live application's applicant.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce

from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from ingest.models import DataSource
from lending.selectors import live_shared_with
from pipeline.models import ScoringJob
from scoring.models import ScoreResult

from . import core

# Applicants without a score (ineligible, unscorable) go last either way, on every database.
SORTS = {
    "-date": ("-created_at", "-pk"),
    "date": ("created_at", "pk"),
    "-score": (F("normalized").desc(nulls_last=True), "-created_at"),
    "score": (F("normalized").asc(nulls_last=True), "-created_at"),
}


def can_read_applicants(user: User) -> bool:
    """Lenders read applicants who applied to them; admins may too (``accounts.roles.READERS``)."""
    return user.is_authenticated and user.reads_applicants


def visible_applicants(user: User) -> QuerySet[User]:
    """The applicants whose file ``user`` may open."""
    if not user.is_authenticated:
        return User.objects.none()
    if can_read_applicants(user):
        return User.objects.filter(pk__in=live_shared_with(user).values("applicant"), is_active=True)
    if user.is_applicant:
        return User.objects.filter(pk=user.pk)
    return User.objects.none()


def visible_results(user: User) -> QuerySet[ScoreResult]:
    """Every score ``user`` may read: an applicant their own; a lender or admin, per method,
    the scores of applicants whose live application shares that method."""
    if can_read_applicants(user):
        live = live_shared_with(user).filter(applicant__is_active=True)
        shared = (
            Q(method=method, owner__in=live.sharing(method).values("applicant"))
            for method in ScoreResult.Method.values
        )
        return ScoreResult.objects.filter(reduce(operator.or_, shared))
    if user.is_authenticated and user.is_applicant:
        return ScoreResult.objects.filter(owner=user)
    return ScoreResult.objects.none()


def latest_results(results: QuerySet[ScoreResult]) -> QuerySet[ScoreResult]:
    """Of ``results``, only the newest per applicant and method."""
    newest = ScoreResult.objects.filter(owner=OuterRef("owner"), method=OuterRef("method")).order_by("-created_at", "-pk")
    return results.filter(pk=Subquery(newest.values("pk")[:1]))


def latest_by_method(owner: User, viewer: User | None = None) -> dict[str, ScoreResult]:
    """The newest score of every method, of those ``viewer`` may read (all without a viewer)."""
    results = latest_results(_readable(owner, viewer))
    return {r.method: r for r in results}


def score_history(owner: User, viewer: User | None = None) -> QuerySet[ScoreResult]:
    return _readable(owner, viewer).order_by("created_at", "pk")


def _readable(owner: User, viewer: User | None) -> QuerySet[ScoreResult]:
    results = visible_results(viewer) if viewer is not None else ScoreResult.objects.all()
    return results.filter(owner=owner)


def latest_job(owner: User) -> ScoringJob | None:
    return ScoringJob.objects.filter(owner=owner).order_by("-created_at", "-pk").first()


@dataclass
class SourceView:
    source: DataSource
    data_date: datetime | None

    @property
    def platform(self) -> str:
        return self.source.get_platform_display()


def sources_of(owner: User) -> list[SourceView]:
    return [SourceView(source=s, data_date=core.data_date(s.profile)) for s in DataSource.objects.filter(owner=owner)]


@dataclass
class ApplicantOverview:
    """Everything the applicant's own page and a lender's detail page show about one person."""

    owner: User
    results: dict[str, ScoreResult]
    sources: list[SourceView]
    job: ScoringJob | None
    history: list[ScoreResult] = field(default_factory=list)

    def ordered(self, primary: str, *, social_only: bool = False) -> list[ScoreResult]:
        """The scores, the primary method's first: it is the answer, the rest are second
        opinions. ``social_only`` leaves out express-delivery scores, which come from a
        lender's shipment records, not from anything the applicant gave."""
        methods = [m for m in ScoreResult.Method.values if not (social_only and m == ScoreResult.Method.EXPRESS)]
        order = [primary] + [m for m in methods if m != primary]
        return [self.results[m] for m in order if m in self.results and m in methods]

    @property
    def all_refused(self) -> bool:
        """Every upload was refused: nothing could be read, so nothing waits to be scored."""
        return bool(self.sources) and all(s.source.status == DataSource.Status.REFUSED for s in self.sources)

    @property
    def job_running(self) -> bool:
        return self.job is not None and self.job.is_active

    @property
    def sources_pending(self) -> bool:
        return any(s.source.status in (DataSource.Status.RECEIVED, DataSource.Status.PARSING) for s in self.sources)


def applicant_overview(owner: User, *, viewer: User | None = None, with_history: bool = False) -> ApplicantOverview:
    """What ``viewer`` may see of ``owner`` (everything when the owner looks themselves)."""
    return ApplicantOverview(
        owner=owner,
        results=latest_by_method(owner, viewer),
        sources=sources_of(owner),
        job=latest_job(owner),
        history=list(score_history(owner, viewer)) if with_history else [],
    )


@dataclass(frozen=True)
class TableQuery:
    """The lender table's filters, already validated (see ``dashboards.forms``)."""

    q: str = ""
    band: str = ""
    method: str = ""
    sort: str = "-date"


def lender_table(viewer: User, query: TableQuery) -> QuerySet[ScoreResult]:
    """Latest result per readable applicant and method, filtered and sorted for the table
    and its CSV export (the same rows, so the export is exactly what the lender sees).

    The search matches part of a username (the table shows usernames anyway) or a whole
    e-mail address, never part of one: a lender must not spell out an address letter by letter.
    """
    results = latest_results(visible_results(viewer)).select_related("owner")
    if query.q:
        results = results.filter(Q(owner__username__icontains=query.q) | Q(owner__email__iexact=query.q))
    if query.method:
        results = results.filter(method=query.method)
    if query.band:
        results = results.filter(band=query.band)
    return results.order_by(*SORTS.get(query.sort, SORTS["-date"]))


def second_opinions(viewer: User, rows: list[ScoreResult]) -> dict[int, list[ScoreResult]]:
    """For the table's rows: each applicant's newest scores by the other methods that
    ``viewer`` may read, in one query."""
    shown = {(r.owner_id, r.method) for r in rows}
    others = latest_results(visible_results(viewer).filter(owner__in={owner for owner, _ in shown}))
    found: dict[int, list[ScoreResult]] = {}
    for result in others.order_by("method"):
        if (result.owner_id, result.method) not in shown:
            found.setdefault(result.owner_id, []).append(result)
    return found


@dataclass
class Population:
    method: str
    version: int | None
    versions: list[int]
    histogram: core.Histogram
    shares: list[tuple[str, int, float]]
    by_version: list[dict]


def population(viewer: User, *, method: str = ScoreResult.Method.PRIORITY, version: int | None = None) -> Population:
    """Scores readable by ``viewer`` (their organisation's live applications) for one method
    and configuration version: each applicant counted once, with their newest result under
    that version."""
    base = visible_results(viewer).filter(method=method)
    versions = sorted({v for v in base.values_list("config_version", flat=True) if v is not None}, reverse=True)
    newest = ScoreResult.objects.filter(
        owner=OuterRef("owner"), method=OuterRef("method"), config_version=OuterRef("config_version")
    ).order_by("-created_at", "-pk")
    per_version = base.filter(pk=Subquery(newest.values("pk")[:1]))

    def rows_for(v: int | None) -> list[tuple[float | None, str]]:
        return list(per_version.filter(config_version=v).values_list("normalized", "band"))

    if version is None and versions:
        version = versions[0]
    rows = rows_for(version) if versions else []
    by_version = []
    for v in versions:
        vrows = rows if v == version else rows_for(v)
        scored = [n for n, _ in vrows if n is not None]
        by_version.append(
            {
                "version": v,
                "people": len(vrows),
                "mean": sum(scored) / len(scored) if scored else None,
                "shares": core.band_shares(b for n, b in vrows if n is not None),
            }
        )
    return Population(
        method=method,
        version=version,
        versions=versions,
        histogram=core.histogram(n for n, _ in rows),
        shares=core.band_shares(b for n, b in rows if n is not None),
        by_version=by_version,
    )
