"""The scoring methods behind one registry: name -> how it scores, its label, what its
version numbers count, and how it finds what would raise a score.

The pipeline scores an applicant with every method that reads social profiles; express
scores come from a lender's shipment records (the ``express`` app writes them). Pages and
the API read labels here, so a method is named one way, and lead with ``primary()``: the
other methods' scores are second opinions. Every method puts its score on the one band
scale of ``scoring.bands``.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import services
from .fuzzy import service as fuzzy
from .improvements import Improvement
from .models import ScoreResult, ScoringMethodSetting

ProfileScorer = Callable[..., ScoreResult]
Improver = Callable[[ScoreResult], list[Improvement]]


@dataclass(frozen=True)
class Method:
    name: str
    label: str
    # None for a method fed by something other than the applicant's social profiles.
    score_profiles: ProfileScorer | None
    # What the version number on a score is a version of.
    configuration: str
    # None where no lever is the applicant's to pull (parcels are a lender's records).
    improve: Improver | None


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method(ScoreResult.Method.PRIORITY, ScoreResult.Method.PRIORITY.label, services.score_applicant,
               "configuration", services.improvements_for),
        Method(ScoreResult.Method.FUZZY, ScoreResult.Method.FUZZY.label, fuzzy.score_fuzzy,
               "AHP configuration", fuzzy.improvements_for),
        Method(ScoreResult.Method.EXPRESS, ScoreResult.Method.EXPRESS.label, None, "express model", None),
    )
}


def label(name: str) -> str:
    method = METHODS.get(name)
    return method.label if method else name


def version_label(result: ScoreResult) -> str:
    """"configuration v3", "AHP configuration v2": which version of what made a score."""
    if result.config_version is None:
        return ""
    method = METHODS.get(result.method)
    return f"{method.configuration if method else 'configuration'} v{result.config_version}"


def improvements(result: ScoreResult | None) -> list[Improvement]:
    """At most four actions that would raise ``result``'s score the most, best first."""
    method = METHODS.get(result.method) if result is not None else None
    if method is None or method.improve is None:
        return []
    return method.improve(result)


def primary() -> str:
    """The method the site leads with (an admin setting)."""
    return ScoringMethodSetting.current()


def score_profiles(*, owner: Any, profiles: list[dict], analysis: Mapping) -> list[ScoreResult]:
    """Score ``owner`` by every method that reads social profiles; one result per method."""
    return [
        method.score_profiles(owner=owner, profiles=profiles, analysis=analysis)
        for method in METHODS.values()
        if method.score_profiles is not None
    ]
