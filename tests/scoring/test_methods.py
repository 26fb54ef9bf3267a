"""The registry: the primary method, what a version number counts, improvements of a stored score."""
from datetime import date

import pytest

from scoring import methods, services
from scoring.fuzzy.service import score_fuzzy
from scoring.models import AhpConfig, FeatureVector, ScoreResult, ScoringMethodSetting
from scoring.priority import improvements

from .documents import analysis, facebook
from .test_fuzzy_service import ANALYSIS, alice_profiles
from .test_indices import AS_OF

pytestmark = pytest.mark.django_db


def test_the_primary_method_is_the_site_setting():
    assert methods.primary() == "priority"
    ScoringMethodSetting(default_method="fuzzy").save()
    assert methods.primary() == "fuzzy"


def test_each_score_names_the_version_of_what_made_it(alice):
    assert methods.version_label(ScoreResult(method="priority", config_version=3)) == "configuration v3"
    assert methods.version_label(ScoreResult(method="fuzzy", config_version=2)) == "AHP configuration v2"
    assert methods.version_label(ScoreResult(method="express", config_version=1)) == "express model v1"
    assert methods.version_label(ScoreResult(method="priority")) == ""


def test_a_stored_priority_score_is_improved_from_its_own_vector_and_version(alice):
    result = services.score_applicant(owner=alice, profiles=[facebook()], analysis=analysis(), as_of=date(2026, 11, 24))
    found = methods.improvements(result)
    config = services.config_get(result.config_version).to_engine()
    expected = improvements.improvements(FeatureVector.objects.get(owner=alice).features, config)
    assert found and [i.as_dict() for i in found] == [i.as_dict() for i in expected]


def test_a_stored_fuzzy_score_is_improved_with_its_ahp_version(alice):
    result = score_fuzzy(owner=alice, profiles=alice_profiles(), analysis=ANALYSIS, as_of=AS_OF)
    found = methods.improvements(result)
    assert 0 < len(found) <= 4
    assert any(i.action.startswith("Connect LinkedIn") for i in found)  # B51 only LinkedIn tells
    assert result.config_version == AhpConfig.objects.current().version


def test_no_improvements_without_a_score_or_for_parcels(alice):
    assert methods.improvements(None) == []
    unscored = ScoreResult.objects.create(owner=alice, method="priority", config_version=1, unscorable=True)
    assert methods.improvements(unscored) == []
    express = ScoreResult.objects.create(owner=alice, method="express", normalized=50, score=50, config_version=1)
    assert methods.improvements(express) == []
