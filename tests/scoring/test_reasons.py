"""Reasons have one shape for every method, in what the methods write and in stored rows."""
import importlib
import re
from datetime import date

import pytest
from django.apps import apps

from scoring import services
from scoring.fuzzy.service import score_fuzzy
from scoring.models import ScoreResult
from scoring.reasons import FIELDS, Reason, from_sentences, read

from .documents import analysis, facebook, linkedin
from .test_fuzzy_service import ANALYSIS, alice_profiles
from .test_indices import AS_OF

one_shape = importlib.import_module("scoring.migrations.0011_one_reason_shape")
INTERNAL_CODE = re.compile(r"\b[ABC]\d{1,2}\b")


def assert_one_shape(stored: list, method: str) -> None:
    assert stored, "no reasons to check"
    for reason in stored:
        assert set(reason) == set(FIELDS)
        assert reason["method"] == method and reason["text"].strip()
        assert not INTERNAL_CODE.search(reason["text"]), reason["text"]


def test_a_stored_reason_reads_back_as_it_was_written():
    reason = Reason("priority", "Few skills listed", feature="skills", code="few_skills", points_lost=40.0)
    assert Reason.from_dict(reason.as_dict()) == reason
    assert str(reason) == "Few skills listed"


def test_a_reason_of_another_shape_is_refused_naming_what_it_lacks():
    with pytest.raises(ValueError, match="lacks method, points_lost"):
        Reason.from_dict({"code": "few_skills", "feature": "skills", "text": "Few skills listed"})


def test_reading_skips_blank_sentences_and_keeps_the_methods_order():
    stored = [*from_sentences("express", ["first", "  ", "second", "third"])]
    assert [r.text for r in read(stored)] == ["first", "second", "third"]
    assert [r.text for r in read(stored, 2)] == ["first", "second"]


@pytest.mark.django_db
def test_the_priority_method_writes_the_one_shape(alice):
    result = services.score_applicant(owner=alice, profiles=[facebook(), linkedin()], analysis=analysis(),
                                      as_of=date(2026, 11, 24))
    assert_one_shape(result.reasons, "priority")
    assert all(r["code"] and r["feature"] and r["points_lost"] > 0 for r in result.reasons)


@pytest.mark.django_db
def test_an_unscorable_priority_result_names_what_is_missing_in_words(alice):
    result = services.score_applicant(owner=alice, profiles=[], analysis={}, as_of=date(2026, 11, 24))
    assert_one_shape(result.reasons, "priority")
    assert "skills listed" in result.reasons[0]["text"] and "likes_per_post" not in result.reasons[0]["text"]


@pytest.mark.django_db
def test_the_fuzzy_method_writes_the_one_shape_with_the_index_as_feature(alice):
    result = score_fuzzy(owner=alice, profiles=alice_profiles(), analysis=ANALYSIS, as_of=AS_OF)
    assert_one_shape(result.reasons, "fuzzy")
    assert all(r["feature"] in result.contributions and r["points_lost"] is None for r in result.reasons)
    nothing = score_fuzzy(owner=alice, profiles=[], analysis={}, as_of=AS_OF)
    assert_one_shape(nothing.reasons, "fuzzy")


@pytest.mark.django_db
def test_stored_rows_of_the_old_shapes_are_migrated_to_the_one_shape_and_back(alice):
    priority = ScoreResult.objects.create(owner=alice, method="priority", reasons=[
        {"code": "few_connections", "feature": "connections", "text": "Few connections", "points_lost": 79.6}])
    fuzzy = ScoreResult.objects.create(
        owner=alice, method="fuzzy", contributions={"B12": {"name": "Last login time", "score": 35.0}},
        reasons=["Last login time: last activity 2026-04-01 (237 days ago) (35 of 100)", "Something else (10 of 100)"])
    express = ScoreResult.objects.create(owner=alice, method="express", reasons=["user type individual: 18 digits"])
    empty = ScoreResult.objects.create(owner=alice, method="priority", reasons=[])

    one_shape.forwards(apps, None)
    for row in (priority, fuzzy, express):
        row.refresh_from_db()
        assert all(set(r) == set(FIELDS) and r["method"] == row.method for r in row.reasons)
    assert priority.reasons[0] | {"method": None} == Reason(None, "Few connections", feature="connections",
                                                            code="few_connections", points_lost=79.6).as_dict()
    assert [r["feature"] for r in fuzzy.reasons] == ["B12", None]
    assert express.reasons[0]["text"] == "user type individual: 18 digits"
    empty.refresh_from_db()
    assert empty.reasons == []

    one_shape.backwards(apps, None)
    for row in (priority, fuzzy, express):
        row.refresh_from_db()
    assert priority.reasons == [
        {"code": "few_connections", "feature": "connections", "text": "Few connections", "points_lost": 79.6}]
    assert fuzzy.reasons[1] == "Something else (10 of 100)"
    assert express.reasons == ["user type individual: 18 digits"]
