"""Lawful inputs: age never lowers a score for being older; minors stay ineligible."""
from dataclasses import replace

import pytest

from scoring.priority import curves, engine, lawful
from scoring.priority.defaults import SPECS, default_config

AGE = SPECS["age"]


def vector(age):
    values = {"age": age, "connections": 500, "skills": 3, "likes_per_post": 4, "education": 1}
    return {name: {"value": value, "sources": ["facebook"]} for name, value in values.items()}


def with_age(params, enabled=True):
    config = default_config()
    return replace(config, specs={**config.specs, "age": engine.Spec(priority=1, kind="tent", params=params, enabled=enabled)})


def test_the_default_age_curve_is_lawful_and_switched_off():
    assert curves.validate(AGE["kind"], AGE["params"]) == []
    assert lawful.age_problems(AGE["kind"], AGE["params"]) == []
    assert AGE["enabled"] is False


def test_switched_on_the_default_curve_never_scores_an_older_applicant_lower():
    config = with_age(AGE["params"])
    scores = [engine.score(vector(age), config)["normalized"] for age in range(18, 121)]
    assert None not in scores  # nobody over the minimum age is ineligible
    assert all(younger <= older for younger, older in zip(scores, scores[1:]))
    assert scores[-1] == scores[35 - 18]  # from the peak on, every age scores in full


@pytest.mark.parametrize("enabled", [True, False])
def test_a_minor_is_ineligible_whether_age_is_scored_or_not(enabled):
    result = engine.score(vector(17), with_age(AGE["params"], enabled))
    assert not result["eligible"] and result["reasons"][0]["code"] == "age_below_minimum"


@pytest.mark.parametrize(("kind", "params", "message"), [
    ("tent", {"low": 18, "peak": 35, "high": 65}, "Leave out high (65)"),
    ("tent", {"low": 16, "peak": 35}, "at least 18"),
    ("penalty", {"low": 18, "high": 90}, "Age must use a tent curve"),
    ("saturating", {"cap": 40}, "Age must use a tent curve"),
])
def test_a_curve_that_scores_older_applicants_down_or_minors_at_all_is_refused(kind, params, message):
    problems = lawful.age_problems(kind, params)
    assert any(message in p for p in problems), problems


def test_the_seed_tent_did_score_older_applicants_down():
    """Why the rule exists: version 1's tent gave 60 fewer points than 35 and refused 66."""
    seed = with_age({"low": 18, "peak": 35, "high": 65, "floor": 0.0})
    assert engine.score(vector(60), seed)["normalized"] < engine.score(vector(35), seed)["normalized"]
    assert not engine.score(vector(66), seed)["eligible"]
