"""From leaf index scores to everything a fuzzy ``ScoreResult`` keeps, pure.

One function, ``outcome``, used both when an applicant is scored from their profiles and
when everyone is rescored from the index scores their last result stored (a new AHP
version changes the weights, not what the indices found), so the two cannot drift apart.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from .. import bands
from ..reasons import Reason
from .ahp import AhpResult
from .evaluation import GRADES, PARAMETERS, FuzzyResult, NothingToEvaluate, evaluate, grade_of
from .hierarchy import ROOT, Hierarchy, code_key
from .indices import IndexScore

METHOD = "fuzzy"
MAX_REASONS = 4
NO_RULE = "no scoring rule for this index"
NOTHING_TO_GRADE = "None of the data given tells us anything the method can grade."


def global_weights(tree: Hierarchy, used: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """Each node's share of the whole score: the product of the effective weights on its path."""
    shares = {ROOT: 1.0}
    for code in reversed(tree.inner()):  # root first, then shallower before deeper
        for child, weight in zip(tree.children(code), used.get(code, ())):
            shares[child] = shares.get(code, 0.0) * weight
    return shares


def reasons(tree: Hierarchy, indices: Mapping[str, IndexScore], shares: Mapping[str, float]) -> list[dict]:
    """The indices that cost the most, most costly first: global weight times the part of 100
    the index did not reach (``scoring.reasons``' one shape).

    ``points_lost`` stays None: the evaluation goes through membership grades, not a weighted
    sum, so no index's share of the final score can be stated in points.
    """
    lost = []
    for code, index in indices.items():
        share = shares.get(code, 0.0)
        if index.score is None or share <= 0 or index.score >= 100:
            continue
        lost.append((share * (100 - index.score), code, index))
    lost.sort(key=lambda item: (-item[0], code_key(item[1])))
    return [
        Reason(METHOD, f"{tree.name(code)}: {index.evidence} ({index.score:.0f} of 100)", feature=code).as_dict()
        for _, code, index in lost[:MAX_REASONS]
    ]


def explain(
    tree: Hierarchy,
    ahp_results: Mapping[str, AhpResult],
    indices: Mapping[str, IndexScore],
    result: FuzzyResult,
    as_of: date,
) -> dict:
    """The ``detail`` document: every layer's vector, the weights used and why. ``grade`` is
    the paper's grade (largest membership); the band shown is the band of the score."""
    return {
        "method": "AHP + fuzzy comprehensive evaluation (Yu, Yao, Chen)",
        "as_of": as_of.isoformat(),
        "grades": list(GRADES),
        "L": list(PARAMETERS),
        "E0": list(result.e0),
        "E0_normalized": list(result.e0_normalized),
        "grade": result.grade,
        "layers": {code: list(result.layers[code]) for code in sorted(result.layers, key=code_key) if code != ROOT},
        "layer_grades": {code: grade_of(vector) for code, vector in result.layers.items()},
        "memberships": {code: list(row) for code, row in result.memberships.items()},
        "weights": {code: list(r.weights) for code, r in ahp_results.items()},
        "effective_weights": {code: list(w) for code, w in result.weights.items()},
        "redistributed": {code: list(children) for code, children in result.redistributed.items()},
        "ahp": {code: r.as_dict() for code, r in ahp_results.items()},
        "indices": {code: index.as_dict() for code, index in indices.items()},
    }


def index_table(tree: Hierarchy, scored: Mapping[str, IndexScore]) -> dict[str, IndexScore]:
    """Every leaf of ``tree`` with its score; a leaf an admin added without a scoring rule is
    missing, like one no source informs."""
    return {code: scored.get(code) or IndexScore(code, None, (), NO_RULE) for code in tree.leaves()}


def stored_indices(detail: Mapping) -> dict[str, IndexScore]:
    """The index scores a stored result's ``detail`` kept (``explain``), as ``IndexScore``s."""
    return {
        code: IndexScore(code, entry.get("score"), tuple(entry.get("sources") or ()), str(entry.get("evidence") or ""))
        for code, entry in (detail.get("indices") or {}).items()
        if isinstance(entry, Mapping)
    }


def outcome(tree: Hierarchy, ahp_results: Mapping[str, AhpResult], indices: Mapping[str, IndexScore],
            as_of: date) -> dict:
    """The fields of a fuzzy ``ScoreResult`` (all but owner, method and version) for these
    leaf index scores under these AHP weights. Unscorable when no index is informed."""
    indices = index_table(tree, indices)
    try:
        result = evaluate(tree, {code: r.weights for code, r in ahp_results.items()},
                          {code: index.score for code, index in indices.items()})
    except NothingToEvaluate:
        return {
            "unscorable": True,
            "flags": ["no_index_informed"],
            "missing": list(tree.leaves()),
            "reasons": [Reason(METHOD, NOTHING_TO_GRADE, code="no_index_informed").as_dict()],
            "detail": {"indices": {code: index.as_dict() for code, index in indices.items()}, "as_of": as_of.isoformat()},
        }
    shares = global_weights(tree, result.weights)
    contributions = {}
    for code, index in indices.items():
        entry = {"name": tree.name(code), **index.as_dict(), "global_weight": shares.get(code, 0.0)}
        if code in result.memberships:
            entry["membership"] = list(result.memberships[code])
        contributions[code] = entry
    score = round(result.score, 4)
    return {
        "score": score,
        "max_score": 100.0,
        "normalized": score,
        "band": bands.band_of(score),
        "missing": list(result.missing),
        "contributions": contributions,
        "reasons": reasons(tree, indices, shares),
        "detail": explain(tree, ahp_results, indices, result, as_of),
    }
