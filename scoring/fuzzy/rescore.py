"""Rescoring everyone with a new AHP version, pure: what changed, and what it would do.

A new version changes the weights (and perhaps the hierarchy), not what the indices found:
every applicant is rescored from the leaf index scores their last fuzzy result stored
(``outcome.stored_indices``), without reading a profile or running a model again. The
preview is the priority configuration's (``priority.rescore.compare``), so an admin reads
both the same way.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..priority import rescore
from .ahp import AhpResult
from .evaluation import NothingToEvaluate, evaluate
from .hierarchy import Hierarchy
from .indices import IndexScore


def score_of(tree: Hierarchy, ahp_results: Mapping[str, AhpResult], indices: Mapping[str, IndexScore]) -> float | None:
    """The fuzzy score S of these index scores under these weights; ``None`` when unscorable."""
    scores = {code: indices[code].score if code in indices else None for code in tree.leaves()}
    try:
        return round(evaluate(tree, {code: r.weights for code, r in ahp_results.items()}, scores).score, 4)
    except NothingToEvaluate:
        return None


def preview(before: Iterable[float | None], after: Iterable[float | None]) -> dict:
    """Histogram before and after, band counts and how many change band (``rescore.compare``)."""
    return rescore.compare(rescore.Scores.from_normalized(before), rescore.Scores.from_normalized(after))


def _weights(code: str, results: Mapping[str, AhpResult]) -> str:
    return ", ".join(f"{w:.3f}" for w in results[code].weights)


def describe_changes(old_tree: Hierarchy, old: Mapping[str, AhpResult], new_tree: Hierarchy,
                     new: Mapping[str, AhpResult]) -> list[str]:
    """One line per difference between two versions, for the admin's preview."""
    lines = [f"{new_tree.label(c)} added" for c in _codes(new_tree) if c not in _codes(old_tree)]
    lines += [f"{old_tree.label(c)} removed" for c in _codes(old_tree) if c not in _codes(new_tree)]
    for code in new_tree.inner():
        if code not in old or old_tree.children(code) != new_tree.children(code):
            continue
        if not _close(old[code].weights, new[code].weights):
            lines.append(f"{new_tree.label(code)} weights {_weights(code, old)} -> {_weights(code, new)}")
    return lines


def _codes(tree: Hierarchy) -> list[str]:
    return [*tree.leaves(), *tree.inner()]


def _close(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) < 5e-4 for x, y in zip(a, b))
