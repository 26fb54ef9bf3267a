"""Scoring an applicant end to end in the database, and rescoring everyone."""
from datetime import date

import pytest

from scoring import services
from scoring.priority.defaults import default_config
from scoring.models import FeatureVector, ScoreResult, ScoringConfig

from .documents import analysis, facebook, linkedin

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


def test_the_migrations_leave_the_default_config_current():
    config = ScoringConfig.objects.current()
    assert config.version == 2 and config.to_engine() == default_config(version=2)
    assert ScoringConfig.objects.get(version=1).features.get(name="age").params["high"] == 65  # the seed's, kept


def test_score_applicant_stores_the_vector_and_an_explained_result(alice):
    result = services.score_applicant(owner=alice, profiles=[facebook(), linkedin()], analysis=analysis(), as_of=TODAY)
    result.refresh_from_db()
    assert result.method == "priority" and result.config_version == ScoringConfig.objects.current().version
    assert result.score is not None and 0 <= result.normalized <= 100 and result.band
    assert result.contributions["connections"]["sources"] == ["facebook", "linkedin"]
    assert len(result.reasons) <= 4 and result.reasons[0]["text"]
    assert result.detail == {"as_of": "2026-11-24"}
    vector = FeatureVector.objects.get(owner=alice)
    assert vector.features["age"]["value"] == 36 and vector.as_of == TODAY


def test_same_profile_and_version_give_the_same_stored_result(alice):
    fields = ("score", "max_score", "normalized", "band", "eligible", "unscorable", "flags", "contributions",
              "missing", "reasons", "config_version")
    first = services.score_applicant(owner=alice, profiles=[facebook(), linkedin()], analysis=analysis(), as_of=TODAY)
    second = services.score_applicant(owner=alice, profiles=[linkedin(), facebook()], analysis=analysis(), as_of=TODAY)
    first.refresh_from_db()
    second.refresh_from_db()
    assert [getattr(first, f) for f in fields] == [getattr(second, f) for f in fields]
    assert FeatureVector.objects.filter(owner=alice).count() == 1


def test_ineligible_applicant_gets_no_score(alice):
    result = services.score_applicant(owner=alice, profiles=[facebook(birth_date="2010-01-01")], analysis=analysis(),
                                      as_of=TODAY)
    assert not result.eligible and result.score is None
    assert result.reasons[0]["code"] == "age_below_minimum"


def test_rescore_all_writes_the_same_results_as_scoring_one_by_one(alice, bob):
    a = services.score_applicant(owner=alice, profiles=[facebook(), linkedin()], analysis=analysis(), as_of=TODAY)
    b = services.score_applicant(owner=bob, profiles=[linkedin()], analysis=analysis(), as_of=TODAY)
    seen = []
    version = ScoringConfig.objects.current().version
    assert services.rescore_all(version=version, progress=lambda done, total: seen.append((done, total)), batch_size=1) == 2
    assert seen == [(1, 2), (2, 2)]
    for owner, original in ((alice, a), (bob, b)):
        again = ScoreResult.objects.filter(owner=owner).order_by("-id").first()
        assert again.pk != original.pk
        original.refresh_from_db()
        for field in ("score", "normalized", "band", "contributions", "missing", "reasons", "flags"):
            assert getattr(again, field) == pytest.approx(getattr(original, field)) if field in (
                "score", "normalized") else getattr(again, field) == getattr(original, field), field


def test_rescore_all_stores_exactly_what_the_engine_explains():
    from accounts.models import User
    from scoring.priority import engine

    from .test_rescore import random_vectors

    vectors = random_vectors(120, seed=5)
    vectors[0]["skills"]["sources"] = ["linkedin", "facebook"]
    vectors[1]["age"] = {"value": 30.0}  # no sources recorded
    for vector in vectors[2::2]:
        if vector["negative_images"]["value"] is not None:
            vector["negative_images"]["of"] = 12  # how many images the share is of
    users = User.objects.bulk_create([User(username=f"rescored{n}", password="!") for n in range(len(vectors))])
    FeatureVector.objects.bulk_create(FeatureVector(owner=u, features=v, as_of=TODAY) for u, v in zip(users, vectors))
    current = ScoringConfig.objects.current()
    assert services.rescore_all(version=current.version, batch_size=50) == len(vectors)
    fields = ("config_version", "score", "max_score", "normalized", "band", "eligible", "unscorable", "flags",
              "contributions", "missing", "reasons")
    for user, vector in zip(users, vectors):
        stored = ScoreResult.objects.get(owner=user)
        expected = engine.score(vector, current.to_engine())
        assert [getattr(stored, f) for f in fields] == [expected[f] for f in fields]
        assert stored.method == "priority" and stored.detail == {} and stored.created_at is not None


def test_publishing_rescores_everyone_with_the_new_version(alice, dave, eager_celery,
                                                            django_capture_on_commit_callbacks):
    services.score_applicant(owner=alice, profiles=[facebook(), linkedin()], analysis=analysis(), as_of=TODAY)
    base = ScoringConfig.objects.current()
    cfg = base.to_engine()
    candidate = type(cfg)(version=None, weights={1: 100, 2: 80, 3: 0}, specs=cfg.specs, min_features=4)
    with django_capture_on_commit_callbacks(execute=True):
        published = services.config_publish(base=base, candidate=candidate, note="no priority three", user=dave)
    assert published.version == base.version + 1 and published.changes == ["priority 3 weight 50 -> 0"]
    latest = ScoreResult.objects.filter(owner=alice).order_by("-id").first()
    assert latest.config_version == published.version
    assert all(c["weight"] == 0 for c in latest.contributions.values() if c["priority"] == 3)


def test_publishing_an_unchanged_config_makes_no_version(dave):
    base = ScoringConfig.objects.current()
    assert services.config_publish(base=base, candidate=base.to_engine(), user=dave) is None
    assert ScoringConfig.objects.current() == base


def test_an_outdated_rescore_stops(alice, dave):
    services.score_applicant(owner=alice, profiles=[linkedin()], analysis=analysis(), as_of=TODAY)
    base = ScoringConfig.objects.current()
    cfg = base.to_engine()
    services.config_publish(base=base, user=dave,
                            candidate=type(cfg)(version=None, weights={1: 1, 2: 1, 3: 1}, specs=cfg.specs))
    before = ScoreResult.objects.count()
    assert services.rescore_all(version=base.version) == 0
    assert ScoreResult.objects.count() == before


def test_a_flushed_database_gets_the_defaults_back():
    ScoringConfig.objects.all().delete()
    assert ScoringConfig.objects.current().to_engine() == default_config(version=1)


def test_the_rescore_task_runs_the_service(alice, bob, eager_celery):
    from scoring.tasks import rescore_all

    for owner in (alice, bob):
        services.score_applicant(owner=owner, profiles=[linkedin()], analysis=analysis(), as_of=TODAY)
    version = ScoringConfig.objects.current().version
    assert rescore_all.delay(version).get() == 2
    assert ScoreResult.objects.filter(config_version=version).count() == 4
