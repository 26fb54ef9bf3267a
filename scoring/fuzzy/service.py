"""The AHP + fuzzy method in the database: score an applicant (index scores -> fuzzy
evaluation with the current AHP weights -> a ``ScoreResult(method="fuzzy")`` that keeps every
layer's vector), rescore everyone with an AHP version (``scoring.services.ahp_publish``
publishes one), preview what a version would do, and find what would raise a stored score.
The arithmetic is in the pure modules (``indices``, ``evaluation``, ``outcome``, ``rescore``,
``improvements``)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from ..improvements import Improvement
from ..models import AhpConfig, ScoreResult
from ..services import RESCORE_BATCH, results_insert
from . import improvements, rescore
from .ahp import AhpResult
from .hierarchy import Hierarchy
from .indices import score_indices
from .outcome import outcome, stored_indices


def improvements_for(result: ScoreResult) -> list[Improvement]:
    """What would raise a stored fuzzy score most, evaluated with the AHP version that made it."""
    config = AhpConfig.objects.filter(version=result.config_version).first()
    indices = (result.detail or {}).get("indices") or {}
    if config is None or result.normalized is None or not indices:
        return []
    tree = config.tree()
    scores = {code: (indices.get(code) or {}).get("score") for code in tree.leaves()}
    connected = {source for entry in indices.values() for source in entry.get("sources") or ()}
    return improvements.improvements(tree, config.weights(), scores, connected)


@transaction.atomic
def score_fuzzy(
    *,
    owner,
    profiles: list[dict],
    analysis: dict,
    as_of: date | None = None,
) -> ScoreResult:
    """Score one applicant by the AHP + fuzzy method with the current AHP configuration."""
    config = AhpConfig.objects.current()
    as_of = as_of or timezone.now().date()
    indices = score_indices(profiles, analysis, as_of=as_of)
    fields = outcome(config.tree(), config.results(), indices, as_of)
    return ScoreResult.objects.create(owner=owner, method=ScoreResult.Method.FUZZY, config_version=config.version,
                                      **fields)


def latest_results() -> QuerySet[ScoreResult]:
    """Each applicant's newest fuzzy result that kept its index scores, in owner order."""
    newest = ScoreResult.objects.filter(owner=OuterRef("owner"), method=ScoreResult.Method.FUZZY)
    rows = ScoreResult.objects.filter(method=ScoreResult.Method.FUZZY, detail__has_key="indices",
                                      pk=Subquery(newest.order_by("-created_at", "-pk").values("pk")[:1]))
    return rows.order_by("owner_id")


def config_preview(*, hierarchy: dict, matrices: dict) -> dict:
    """How these matrices would move the stored applicants' fuzzy scores, writing nothing."""
    tree = Hierarchy.from_json(hierarchy)
    results = AhpConfig.analyse(tree, matrices)
    before, after = [], []
    for row in latest_results().only("normalized", "detail").iterator(chunk_size=RESCORE_BATCH):
        before.append(row.normalized)
        after.append(rescore.score_of(tree, results, stored_indices(row.detail)))
    return rescore.preview(before, after)


def rescore_all(*, version: int | None = None, progress: Callable[[int, int], None] | None = None,
                batch_size: int = RESCORE_BATCH) -> int:
    """Store a new fuzzy ``ScoreResult`` for everyone with one, from the index scores it kept.

    Stops early (returning the count so far) when a newer version has been published
    meanwhile, whose own rescore supersedes this one.
    """
    config = AhpConfig.objects.current() if version is None else AhpConfig.objects.get(version=version)
    tree, results = config.tree(), config.results()
    total = latest_results().count()
    done, last_owner = 0, 0
    AhpConfig.objects.filter(pk=config.pk).update(rescored=0, rescore_total=total)
    while AhpConfig.objects.current().version == config.version:
        batch = list(latest_results().filter(owner_id__gt=last_owner).only("owner_id", "detail")[:batch_size])
        if not batch:
            break
        results_insert([_rescored(row, config.version, tree, results) for row in batch])
        done, last_owner = done + len(batch), batch[-1].owner_id
        AhpConfig.objects.filter(pk=config.pk).update(rescored=done)
        if progress:
            progress(done, total)
    return done


def _rescored(row: ScoreResult, version: int, tree: Hierarchy, results: Mapping[str, AhpResult]) -> ScoreResult:
    as_of = date.fromisoformat(row.detail.get("as_of") or timezone.localdate().isoformat())
    fields = outcome(tree, results, stored_indices(row.detail), as_of)
    return ScoreResult(owner_id=row.owner_id, method=ScoreResult.Method.FUZZY, config_version=version, **fields)
