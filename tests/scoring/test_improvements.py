"""How to improve: each action's effect is the engine's own score of a changed copy; never age."""
from dataclasses import replace
from datetime import date

import pytest

from scoring import improvements as core
from scoring.fuzzy import improvements as fuzzy
from scoring.fuzzy.evaluation import evaluate
from scoring.fuzzy.hierarchy import PAPER_HIERARCHY, PAPER_MATRICES
from scoring.fuzzy.ahp import analyse
from scoring.fuzzy.indices import score_indices
from scoring.priority import engine
from scoring.priority import improvements as priority
from scoring.priority.defaults import default_config
from scoring.priority.features import extract_features

from .documents import EMPTY_ANALYSIS, analysis, facebook, linkedin

TODAY = date(2026, 11, 24)
DEFAULT = default_config()
AGE_ON = replace(DEFAULT, specs={**DEFAULT.specs, "age": replace(DEFAULT.specs["age"], enabled=True)})


def features_of(*profiles, **analysis_overrides):
    return extract_features(list(profiles), analysis(**analysis_overrides), as_of=TODAY)


@pytest.mark.parametrize("config", [DEFAULT, AGE_ON], ids=["default", "age on"])
@pytest.mark.parametrize("sources", [("facebook",), ("facebook", "linkedin"), ("linkedin",)])
def test_each_effect_is_the_rescored_changed_vector_minus_the_score(config, sources):
    profiles = {"facebook": facebook(birth_date="2004-01-01"), "linkedin": linkedin()}
    features = features_of(*(profiles[s] for s in sources))
    base = engine.score(features, config)["normalized"]
    found = priority.improvements(features, config)
    assert found, "an imperfect applicant can always do something"
    for item in found:
        rescored = engine.score(priority.changed(features, item.changes), config)["normalized"]
        assert item.effect == round(rescored - base, 1) >= core.MIN_EFFECT
        assert f"+{item.effect:.0f}" in item.action or f"+{item.effect:.1f}" in item.action


@pytest.mark.parametrize("config", [DEFAULT, AGE_ON], ids=["default", "age on"])
def test_at_most_four_the_largest_first_and_never_age(config):
    # A young applicant (age 20 earns little on the tent) with much to improve.
    features = features_of(facebook(birth_date="2006-01-01"))
    found = priority.improvements(features, config)
    assert 0 < len(found) <= 4
    assert [i.effect for i in found] == sorted((i.effect for i in found), reverse=True)
    for item in found:
        assert "age" not in item.changes and "age" not in item.feature.split(", ")
        assert "age" not in item.action.lower().split()
    all_levers = priority.levers(features, config)
    assert not any("age" in lever.changes for lever in all_levers)


def test_a_lever_on_a_protected_input_is_never_offered_whatever_a_method_says():
    levers = [core.Lever("age", {"age": 35.0}, "Be older ({effect})"),
              core.Lever("skills, gender", {"skills": 25.0, "gender": 1.0}, "x ({effect})"),
              core.Lever("skills", {"skills": 25.0}, "List skills ({effect})")]
    found = core.best(levers, score=50.0, rescore=lambda changes: 90.0)
    assert [i.feature for i in found] == ["skills"] and found[0].effect == 40.0


def test_connecting_linkedin_is_offered_to_a_facebook_only_applicant_as_an_upper_bound():
    features = features_of(facebook())
    found = {i.action.split(":")[0]: i for i in priority.improvements(features, DEFAULT)}
    assert "Connect LinkedIn" in found
    item = found["Connect LinkedIn"]
    assert item.action.startswith("Connect LinkedIn: skills") and "(up to +" in item.action
    assert "skills" in item.feature.split(", ")
    # Every feature it fills is set to the value that earns its full points.
    for name, value in item.changes.items():
        spec = DEFAULT.specs[name]
        assert engine.curves.evaluate(spec.kind, spec.params, value) == 1.0


def test_a_connected_platform_is_not_offered_again():
    features = features_of(facebook(), linkedin())
    assert not any(i.action.startswith(("Connect LinkedIn", "Connect Facebook"))
                   for i in priority.improvements(features, DEFAULT))


def test_fewer_negative_posts_reads_as_the_issue_asks():
    features = features_of(facebook(), linkedin())
    negative = [i for i in priority.improvements(features, DEFAULT) if i.feature == "negative_posts"]
    assert negative and negative[0].action.startswith("Fewer posts with negative sentiment over the next months (+")
    assert negative[0].action.endswith("for a share 10 points lower)")


def test_nothing_to_raise_without_a_score():
    features = extract_features([], EMPTY_ANALYSIS, as_of=TODAY)  # nothing connected: unscorable
    assert engine.score(features, DEFAULT)["unscorable"]
    assert priority.improvements(features, DEFAULT) == []


def test_a_stored_result_gives_back_the_vector_that_scores_the_same():
    features = features_of(facebook(), linkedin())
    result = engine.score(features, DEFAULT)
    vector = priority.vector_of(result)
    assert engine.score(vector, DEFAULT)["normalized"] == result["normalized"]
    assert [i.as_dict() for i in priority.improvements(vector, DEFAULT)] == [
        i.as_dict() for i in priority.improvements(features, DEFAULT)]


def test_as_dict_is_the_contract():
    features = features_of(facebook())
    for item in priority.improvements(features, DEFAULT):
        assert set(item.as_dict()) == {"action", "feature", "effect"}


WEIGHTS = {code: analyse(matrix, PAPER_HIERARCHY.children(code)).weights for code, matrix in PAPER_MATRICES.items()}


def leaf_scores(*profiles):
    scored = score_indices(list(profiles), analysis(), as_of=TODAY)
    return {code: scored[code].score for code in PAPER_HIERARCHY.leaves() if code in scored}


def test_fuzzy_effects_are_the_evaluation_of_the_changed_leaf_scores():
    scores = leaf_scores(facebook(name="Alice Martin"))
    base = evaluate(PAPER_HIERARCHY, WEIGHTS, scores).score
    found = fuzzy.improvements(PAPER_HIERARCHY, WEIGHTS, scores, {"facebook"})
    assert 0 < len(found) <= 4
    assert [i.effect for i in found] == sorted((i.effect for i in found), reverse=True)
    for item in found:
        rescored = evaluate(PAPER_HIERARCHY, WEIGHTS, {**scores, **item.changes}).score
        assert item.effect == round(rescored - base, 1)
        assert not set(item.changes) - set(PAPER_HIERARCHY.leaves())


def test_fuzzy_offers_linkedin_for_the_indices_only_its_export_tells():
    scores = leaf_scores(facebook(name="Alice Martin"))
    levers = {lever.action.split(":")[0]: lever for lever in fuzzy.levers(PAPER_HIERARCHY, scores, {"facebook"})}
    assert levers["Connect LinkedIn"].changes == {"B51": 100.0}
    assert "Connect Facebook" not in levers


def test_platforms_that_would_fill_the_same_gaps_are_offered_together():
    levers = core.connect_levers({"instagram": ("negative_images",), "twitter": ("negative_images",), "linkedin": ()},
                                 {"instagram": "Instagram", "twitter": "X", "linkedin": "LinkedIn"},
                                 {"negative_images": "images"}, lambda missing: dict.fromkeys(missing, 0.0))
    assert [lever.action for lever in levers] == ["Connect Instagram or X: images would be scored (up to {effect})"]
    assert levers[0].changes == {"negative_images": 0.0}
