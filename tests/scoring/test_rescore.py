"""The vectorised rescorer gives what the single-applicant engine gives, row for row."""
import json
from dataclasses import replace

import numpy as np
import pytest

from scoring.priority import engine, rescore
from scoring.priority.defaults import default_config
from scoring.priority.features import FEATURE_NAMES

CONFIG = default_config()


def random_vectors(n: int, seed: int = 3) -> list[dict]:
    rng = np.random.default_rng(seed)
    scale = {"age": (10, 80), "connections": (0, 200_000), "skills": (0, 40), "likes_per_post": (0, 80),
             "education": (0, 4), "interaction_frequency": (0, 8)}
    vectors = []
    for _ in range(n):
        vector, gaps = {}, rng.random()  # some applicants have almost nothing, some almost everything
        for name in FEATURE_NAMES:
            low, high = scale.get(name, (0, 1))
            value = None if rng.random() < gaps else float(rng.uniform(low, high))
            if name == "age" and value is not None:
                value = float(int(value))
            vector[name] = {"value": value, "sources": ["facebook"]}
        vectors.append(vector)
    return vectors


def assert_agrees(vectors, scores: rescore.Scores, config):
    for i, vector in enumerate(vectors):
        expected = engine.score(vector, config)
        assert bool(scores.eligible[i]) == expected["eligible"]
        assert bool(scores.unscorable[i]) == expected["unscorable"]
        if expected["score"] is None:
            assert np.isnan(scores.score[i]) and scores.band[i] == -1
        else:
            assert scores.score[i] == pytest.approx(expected["score"])
            assert scores.max_score[i] == expected["max_score"]
            assert scores.normalized[i] == pytest.approx(expected["normalized"])
            assert rescore.BAND_NAMES[scores.band[i]] == expected["band"]


def test_vectorised_scores_match_the_engine():
    vectors = random_vectors(400)
    scores = rescore.Rescorer(rescore.to_matrix(vectors)).score(CONFIG)
    assert (~scores.eligible).any() and scores.unscorable.any() and (scores.band >= 0).any()
    assert_agrees(vectors, scores, CONFIG)


def test_cached_curves_follow_weight_curve_and_switch_changes():
    vectors = random_vectors(300, seed=9)
    rescorer = rescore.Rescorer(rescore.to_matrix(vectors))
    rescorer.score(CONFIG)
    specs = dict(CONFIG.specs)
    specs["connections"] = replace(specs["connections"], params={"cap": 5000, "shape": "linear"})
    specs["age"] = replace(specs["age"], enabled=False)
    changes = [
        replace(CONFIG, weights={1: 10, 2: 80, 3: 200}),
        replace(CONFIG, specs=specs, min_features=2),
        CONFIG,
    ]
    for config in changes:
        assert_agrees(vectors, rescorer.score(config), config)


def test_outputs_feed_the_engine_explanation():
    vectors = random_vectors(100, seed=4)
    outputs = rescore.Rescorer(rescore.to_matrix(vectors)).outputs(CONFIG)
    for vector, row in zip(vectors, outputs):
        by_name = {n: (None if np.isnan(x) else float(x)) for n, x in zip(FEATURE_NAMES, row) if n in CONFIG.enabled_names}
        assert engine.explain(vector, by_name, CONFIG) == engine.score(vector, CONFIG)


def test_compare_counts_band_changes():
    vectors = random_vectors(200, seed=1)
    rescorer = rescore.Rescorer(rescore.to_matrix(vectors))
    before = rescorer.score(CONFIG)
    after = rescorer.score(replace(CONFIG, weights={1: 100, 2: 0, 3: 0}))
    preview = rescore.compare(before, after)
    moved = sum(1 for i in range(200) if before.band[i] != after.band[i]
                or before.unscorable[i] != after.unscorable[i])
    assert preview["changing_band"] == moved > 0
    assert sum(preview["before"]) == int((before.band >= 0).sum())
    assert preview["applicants"] == 200
    assert rescore.compare(before, before)["changing_band"] == 0


def test_empty_population():
    scores = rescore.Rescorer(rescore.to_matrix([])).score(CONFIG)
    assert scores.score.shape == (0,)
    assert rescore.compare(scores, scores)["before"] == [0] * 10


def engine_columns(vector: dict, config) -> tuple:
    result = engine.score(vector, config)
    return tuple(json.dumps(result[c]) if c in ("flags", "contributions", "missing", "reasons") else result[c]
                 for c in rescore.EXPLAINED_COLUMNS)


def provenance(vectors: list[dict]) -> list[list[str]]:
    return [[rescore.provenance_text(v[name]) for name in FEATURE_NAMES] for v in vectors]


@pytest.mark.parametrize("change", ["none", "age_off", "zero_weight", "few_needed"])
def test_explained_rows_are_the_engines_text_exactly(change):
    vectors = random_vectors(600, seed=11)
    for n, vector in enumerate(vectors):
        vector["connections"]["sources"] = ["facebook", "linkedin"][: 1 + n % 2]
        if vector["positive_posts"]["value"] is not None and n % 3:
            vector["positive_posts"]["of"] = 7 + n  # shares record how many items they are a share of
    specs = dict(CONFIG.specs)
    config = {
        "none": CONFIG,
        "age_off": replace(CONFIG, specs={**specs, "age": replace(specs["age"], enabled=False)}),
        "zero_weight": replace(CONFIG, weights={1: 100, 2: 0, 3: 35.5}),
        "few_needed": replace(CONFIG, min_features=1),
    }[change]
    rows = rescore.explain_rows(rescore.to_matrix(vectors), provenance(vectors), config)
    expected = [engine_columns(v, config) for v in vectors]
    assert rows == expected
    kinds = {(row[4], row[5]) for row in rows}
    assert kinds == {(True, False), (False, False), (True, True)}  # scored, ineligible and unscorable rows
    assert any('"of": ' in row[7] for row in rows)


def test_explained_rows_of_nothing():
    assert rescore.explain_rows(rescore.to_matrix([]), [], CONFIG) == []
