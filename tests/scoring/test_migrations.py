"""The data migrations of this round, run on rows as older code left them."""
from importlib import import_module

import pytest
from django.apps import apps

from scoring.models import ScoreResult

pytestmark = pytest.mark.django_db


def run(name: str) -> None:
    import_module(f"scoring.migrations.{name}").rewrite(apps, None)


def test_stored_bands_are_rewritten_onto_the_one_scale_from_their_scores(alice):
    stored = [
        ("priority", 85.0, "very_good", "very_good"),
        ("fuzzy", 73.0, "very good", "good"),  # the grade of largest membership, not where 73 falls
        ("fuzzy", 30.0, "very poor", "poor"),
        ("express", 80.0, "excellent", "good"),  # 80 is the top of "good": above the floor earns a band
        ("express", 45.0, "watch", "general"),
        ("express", 10.0, "high risk", "very_poor"),
        ("express", 35.0, "high risk", "poor"),
        ("priority", None, "", ""),
        ("express", None, "high risk", ""),
    ]
    rows = [ScoreResult.objects.create(owner=alice, method=m, normalized=n, score=n, band=b) for m, n, b, _ in stored]
    run("0011_bands_on_one_scale")
    assert [ScoreResult.objects.get(pk=r.pk).band for r in rows] == [new for *_, new in stored]

