"""The scoring methods behind one registry: name -> how it scores, its label.

The pipeline scores an applicant with every method that reads social profiles; express
scores come from a lender's shipment records (the ``express`` app writes them through
``scoring.results``). Pages and the API read labels here, so a method is named one way.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .fuzzy.service import score_fuzzy
from .models import ScoreResult, ScoringMethodSetting
from .services import score_applicant

ProfileScorer = Callable[..., ScoreResult]


@dataclass(frozen=True)
class Method:
    name: str
    label: str
    # None for a method fed by something other than the applicant's social profiles.
    score_profiles: ProfileScorer | None


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method(ScoreResult.Method.PRIORITY, ScoreResult.Method.PRIORITY.label, score_applicant),
        Method(ScoreResult.Method.FUZZY, ScoreResult.Method.FUZZY.label, score_fuzzy),
        Method(ScoreResult.Method.EXPRESS, ScoreResult.Method.EXPRESS.label, None),
    )
}


def label(name: str) -> str:
    method = METHODS.get(name)
    return method.label if method else name


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
