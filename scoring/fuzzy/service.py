"""Score an applicant by the Weibo paper's method: index scores -> fuzzy evaluation with the
current AHP weights -> a ``ScoreResult(method="fuzzy")`` that keeps every layer's vector."""
from __future__ import annotations

from datetime import date
from typing import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from .ahp import AhpResult
from .evaluation import GRADES, PARAMETERS, FuzzyResult, NothingToEvaluate, band_of_score, evaluate, grade_of
from .hierarchy import ROOT, Hierarchy, code_key
from .indices import IndexScore, score_indices
from ..models import AhpConfig, ScoreResult

MAX_REASONS = 4


class NoAhpConfiguration(RuntimeError):
    pass


def current_config() -> AhpConfig:
    config = AhpConfig.objects.current()
    if config is None:
        raise NoAhpConfiguration("there is no AHP configuration: run 'manage.py migrate' to load the defaults.")
    return config


def global_weights(tree: Hierarchy, used: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """Each node's share of the whole score: the product of the effective weights on its path."""
    shares = {ROOT: 1.0}
    for code in reversed(tree.inner()):  # root first, then shallower before deeper
        for child, weight in zip(tree.children(code), used.get(code, ())):
            shares[child] = shares.get(code, 0.0) * weight
    return shares


def reasons(tree: Hierarchy, result: FuzzyResult, indices: Mapping[str, IndexScore], shares: Mapping[str, float]) -> list[str]:
    """The indices that cost the most points, in plain language, most costly first."""
    lost = []
    for code, index in indices.items():
        share = shares.get(code, 0.0)
        if index.score is None or share <= 0 or index.score >= 100:
            continue
        lost.append((share * (100 - index.score), code, index))
    lost.sort(key=lambda item: (-item[0], code_key(item[1])))
    return [f"{tree.name(code)}: {index.evidence} ({index.score:.0f} of 100)" for _, code, index in lost[:MAX_REASONS]]


def explain(
    tree: Hierarchy,
    ahp_results: Mapping[str, AhpResult],
    indices: Mapping[str, IndexScore],
    result: FuzzyResult,
    as_of: date,
) -> dict:
    """The ``detail`` document: every layer's vector, the weights used and why."""
    return {
        "method": "AHP + fuzzy comprehensive evaluation (Yu, Yao, Chen)",
        "as_of": as_of.isoformat(),
        "grades": list(GRADES),
        "L": list(PARAMETERS),
        "E0": list(result.e0),
        "E0_normalized": list(result.e0_normalized),
        "grade": result.grade,
        "score_band": band_of_score(result.score),
        "layers": {code: list(result.layers[code]) for code in sorted(result.layers, key=code_key) if code != ROOT},
        "layer_grades": {code: grade_of(vector) for code, vector in result.layers.items()},
        "memberships": {code: list(row) for code, row in result.memberships.items()},
        "weights": {code: list(r.weights) for code, r in ahp_results.items()},
        "effective_weights": {code: list(w) for code, w in result.weights.items()},
        "redistributed": {code: list(children) for code, children in result.redistributed.items()},
        "ahp": {code: r.as_dict() for code, r in ahp_results.items()},
        "indices": {code: index.as_dict() for code, index in indices.items()},
    }


def _leaf_scores(tree: Hierarchy, indices: Mapping[str, IndexScore]) -> dict[str, float | None]:
    # A leaf an admin added without a scoring rule is missing, like one no source informs.
    return {code: (indices[code].score if code in indices else None) for code in tree.leaves()}


def _index_table(tree: Hierarchy, profiles: Sequence[Mapping], analysis: Mapping, as_of: date) -> dict[str, IndexScore]:
    scored = score_indices(profiles, analysis, as_of=as_of)
    return {
        code: scored.get(code) or IndexScore(code, None, (), "no scoring rule for this index")
        for code in tree.leaves()
    }


@transaction.atomic
def score_fuzzy(
    *,
    owner,
    profiles: list[dict],
    analysis: dict,
    as_of: date | None = None,
) -> ScoreResult:
    """Score one applicant by the AHP + fuzzy method with the current AHP configuration."""
    config = current_config()
    tree = config.tree()
    ahp_results = config.results()
    as_of = as_of or timezone.now().date()
    indices = _index_table(tree, profiles, analysis, as_of)
    base = {"owner": owner, "method": ScoreResult.Method.FUZZY, "config_version": config.version}
    try:
        result = evaluate(tree, {code: r.weights for code, r in ahp_results.items()}, _leaf_scores(tree, indices))
    except NothingToEvaluate:
        return ScoreResult.objects.create(
            **base,
            unscorable=True,
            flags=["no_index_informed"],
            missing=list(tree.leaves()),
            reasons=["None of the data given tells us anything the method can grade."],
            detail={"indices": {code: index.as_dict() for code, index in indices.items()}, "as_of": as_of.isoformat()},
        )
    shares = global_weights(tree, result.weights)
    contributions = {}
    for code, index in indices.items():
        entry = {"name": tree.name(code), **index.as_dict(), "global_weight": shares.get(code, 0.0)}
        if code in result.memberships:
            entry["membership"] = list(result.memberships[code])
        contributions[code] = entry
    return ScoreResult.objects.create(
        **base,
        score=round(result.score, 4),
        max_score=100.0,
        normalized=round(result.score, 4),
        band=result.grade,
        missing=list(result.missing),
        contributions=contributions,
        reasons=reasons(tree, result, indices, shares),
        detail=explain(tree, ahp_results, indices, result, as_of),
    )
