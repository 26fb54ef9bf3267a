"""The data migrations of this round, run on rows as older code left them."""
from dataclasses import replace
from importlib import import_module

import pytest
from django.apps import apps

from scoring import services
from scoring.models import ScoreResult, ScoringConfig
from scoring.priority import engine

pytestmark = pytest.mark.django_db


def run(name: str, function: str = "rewrite") -> None:
    getattr(import_module(f"scoring.migrations.{name}"), function)(apps, None)


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
    run("0012_bands_on_one_scale")
    assert [ScoreResult.objects.get(pk=r.pk).band for r in rows] == [new for *_, new in stored]



def current_age():
    config = ScoringConfig.objects.order_by("-version").first()
    return config, config.features.get(name="age")


def test_lawful_age_publishes_a_version_with_age_off_and_no_upper_limit():
    ScoringConfig.objects.filter(version__gt=1).delete()  # as the database stood before the migration
    run("0013_lawful_age", "publish")
    config, age = current_age()
    assert config.version == 2 and not age.enabled
    assert (age.kind, age.params) == ("tent", {"low": 18, "peak": 35, "floor": 0.0})
    assert config.changes == ["age switched off",
                              "age curve tent (low 18, peak 35, high 65, floor 0) -> tent (low 18, peak 35, floor 0)"]
    others = {s.name: (s.enabled, s.priority, s.kind, s.params) for s in config.features.exclude(name="age")}
    seed = ScoringConfig.objects.get(version=1).features.exclude(name="age")
    assert others == {s.name: (s.enabled, s.priority, s.kind, s.params) for s in seed}
    run("0013_lawful_age", "publish")
    assert current_age()[0].version == 2  # already lawful: nothing more


def test_lawful_age_keeps_an_admins_peak_and_raises_a_minimum_below_18(dave):
    base = ScoringConfig.objects.current()
    cfg = base.to_engine()
    specs = {**cfg.specs, "age": engine.Spec(priority=2, kind="tent", params={"low": 16, "peak": 40, "high": 70})}
    services.config_publish(base=base, candidate=replace(cfg, specs=specs), user=dave)  # as an old admin could
    run("0013_lawful_age", "publish")
    config, age = current_age()
    assert config.version == base.version + 2 and not age.enabled and age.priority == 2
    assert age.params == {"low": 18, "peak": 40}
