from datetime import date

import pytest

from scoring import bands
from scoring.fuzzy.evaluation import GRADES
from scoring.fuzzy.service import score_fuzzy
from scoring.fuzzy.hierarchy import PAPER_HIERARCHY
from scoring.models import AhpConfig, ScoreResult

from .test_indices import AS_OF, profile, when

pytestmark = pytest.mark.django_db


def alice_profiles() -> list[dict]:
    fb = profile(
        "facebook",
        profile={"name": "Alice Martin", "emails": ["a@example.org"], "location": "Lyon", "registered_at": "2015-01-01T00:00:00Z"},
        counts={"friends": 250, "reactions_given": 40},
        posts=[{"text": f"post {k}", "created_at": when(k * 9), "likes": 3, "shares": 1} for k in range(8)],
        comments=[{"text": f"comment {k}", "created_at": when(k * 5)} for k in range(6)],
        groups=["Lyon runners"],
    )
    tw = profile("twitter", profile={"name": "alice", "verified": True}, counts={"followers": 80, "following": 60},
                 posts=[{"text": "RT @news: hello", "created_at": when(3), "likes": None, "shares": None}])
    return [fb, tw]


ANALYSIS = {"profanity": {"groups": [], "pages": [], "groups_total": 1, "pages_total": 0, "posts": 0, "comments": 1}}


def test_a_fuzzy_score_keeps_every_layer(alice):
    result = score_fuzzy(owner=alice, profiles=alice_profiles(), analysis=ANALYSIS, as_of=AS_OF)
    result.refresh_from_db()
    assert result.method == ScoreResult.Method.FUZZY
    assert result.config_version == AhpConfig.objects.current().version
    detail = result.detail
    assert set(detail["layers"]) == set(PAPER_HIERARCHY.inner()) - {"0"} - set(result.missing)
    assert "B5" in result.missing  # no source informs it: no vector, and it says so
    assert len(detail["E0"]) == 5 and detail["grades"] == list(GRADES)
    assert sum(detail["E0_normalized"]) == pytest.approx(1)
    assert result.score == pytest.approx(sum(v * l for v, l in zip(detail["E0_normalized"], (90, 70, 50, 30, 10))), abs=1e-4)
    assert detail["grade"] == GRADES[max(range(5), key=lambda k: (detail["E0"][k], k))]  # the paper's grade
    assert result.band == bands.band_of(result.normalized)  # the band shown: where the score falls
    assert 0 <= result.normalized <= 100 and result.max_score == 100
    # E = W . R at the top, from the stored vectors alone.
    w0 = detail["effective_weights"]["0"]
    e0 = [sum(w * detail["layers"][c][k] for w, c in zip(w0, "ABC")) for k in range(5)]
    assert detail["E0"] == pytest.approx(e0)
    assert detail["ahp"]["B"]["RI_table"].startswith("Saaty")
    assert detail["ahp"]["B"]["CR"] == pytest.approx(0.0609, abs=1e-4)


def test_missing_indices_are_reported_and_their_weight_redistributed(alice):
    result = score_fuzzy(owner=alice, profiles=alice_profiles(), analysis=ANALYSIS, as_of=AS_OF)
    assert {"B51", "B52", "B5", "C22", "C23"} <= set(result.missing)  # no LinkedIn, no medals, no group sizes
    assert result.detail["redistributed"]["B"] == ["B5"]
    assert result.detail["effective_weights"]["B"][4] == 0
    assert sum(result.detail["effective_weights"]["B"]) == pytest.approx(1)
    assert result.contributions["C22"]["score"] is None
    assert "group" in result.contributions["C22"]["evidence"]
    assert result.contributions["B12"]["rule"].startswith("Eq. 9")
    assert result.contributions["B42"]["score"] == 90  # one profane comment


def test_reasons_name_the_costliest_indices(alice):
    result = score_fuzzy(owner=alice, profiles=alice_profiles(), analysis=ANALYSIS, as_of=AS_OF)
    assert 1 <= len(result.reasons) <= 4
    assert all("of 100" in reason["text"] for reason in result.reasons)


def test_no_data_is_unscorable_not_a_low_score(alice):
    result = score_fuzzy(owner=alice, profiles=[], analysis={}, as_of=date(2026, 1, 1))
    assert result.unscorable and result.score is None
    assert set(result.missing) == set(PAPER_HIERARCHY.leaves())


def test_a_new_version_is_used_and_recorded(alice, dave):
    v1 = AhpConfig.objects.current()
    before = score_fuzzy(owner=alice, profiles=alice_profiles(), analysis=ANALYSIS, as_of=AS_OF)
    matrices = {**v1.matrices, "0": [[1, 9, 9], [1 / 9, 1, 1], [1 / 9, 1, 1]]}  # identification dominates
    v2 = AhpConfig.publish(hierarchy=v1.hierarchy, matrices=matrices, note="test", user=dave)
    after = score_fuzzy(owner=alice, profiles=alice_profiles(), analysis=ANALYSIS, as_of=AS_OF)
    assert (before.config_version, after.config_version) == (v1.version, v2.version)
    assert after.detail["weights"]["0"][0] == pytest.approx(9 / 11)
    assert after.score != pytest.approx(before.score)


def test_a_flushed_database_gets_the_papers_ahp_configuration_back(alice):
    migrated = AhpConfig.objects.get(version=1)
    AhpConfig.objects.all().delete()
    result = score_fuzzy(owner=alice, profiles=alice_profiles(), analysis=ANALYSIS, as_of=AS_OF)
    restored = AhpConfig.objects.get()
    assert result.config_version == restored.version == 1
    assert restored.hierarchy == migrated.hierarchy
    assert restored.matrices.keys() == migrated.matrices.keys()
    for code, matrix in migrated.matrices.items():
        assert restored.matrices[code] == [pytest.approx(row) for row in matrix], code
