"""Publishing an AHP version rescores everyone, as a priority version does: preview, progress,
the version on every score; rescored from the index scores each result kept."""
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from scoring import services
from scoring.fuzzy import rescore
from scoring.fuzzy.hierarchy import Hierarchy
from scoring.fuzzy.outcome import outcome, stored_indices
from scoring.fuzzy.service import config_preview, rescore_all, score_fuzzy
from scoring.models import AhpConfig, ScoreResult

from .test_ahp_admin import form_data
from .test_fuzzy_service import ANALYSIS, alice_profiles
from .test_indices import AS_OF, profile, when

pytestmark = pytest.mark.django_db
IDENTIFICATION_FIRST = [[1, 9, 9], [1 / 9, 1, 1], [1 / 9, 1, 1]]


def bob_profiles():
    return [profile("linkedin", profile={"name": "Bob Stone", "skills": ["Python"] * 5, "bio": "hi"},
                    counts={"connections": 120},
                    posts=[{"text": f"note {k}", "created_at": when(k * 20), "likes": 1, "shares": 0} for k in range(3)])]


@pytest.fixture
def scored(alice, bob):
    return {owner: score_fuzzy(owner=owner, profiles=docs, analysis=ANALYSIS, as_of=AS_OF)
            for owner, docs in ((alice, alice_profiles()), (bob, bob_profiles()))}


def fuzzy_of(owner) -> ScoreResult:
    return ScoreResult.objects.filter(owner=owner, method="fuzzy").order_by("-pk").first()


def test_a_stored_result_rescored_with_its_own_version_is_the_same_result(scored):
    config = AhpConfig.objects.current()
    for result in scored.values():
        again = outcome(config.tree(), config.results(), stored_indices(result.detail), AS_OF)
        for field in ("score", "normalized", "band", "missing", "contributions", "reasons"):
            assert again[field] == getattr(result, field), field
        assert again["detail"]["E0"] == result.detail["E0"]


def test_publishing_rescores_everyone_with_the_new_version(scored, dave, eager_celery, django_capture_on_commit_callbacks):
    v1 = AhpConfig.objects.current()
    new = AhpConfig(hierarchy=v1.hierarchy, matrices={**v1.matrices, "0": IDENTIFICATION_FIRST}, note="identity first")
    with django_capture_on_commit_callbacks(execute=True):
        v2 = services.ahp_publish(config=new, user=dave)
    assert v2.version == v1.version + 1 and v2.created_by == dave
    for owner, before in scored.items():
        after = fuzzy_of(owner)
        assert after.pk != before.pk and after.config_version == v2.version
        expected = rescore.score_of(v2.tree(), v2.results(), stored_indices(before.detail))
        assert after.normalized == expected != before.normalized
        assert after.detail["weights"]["0"][0] == pytest.approx(9 / 11)
        assert after.detail["as_of"] == before.detail["as_of"]  # what the indices found, and when, is kept
    v2.refresh_from_db()
    assert (v2.rescored, v2.rescore_total) == (2, 2)


def test_a_rescore_with_a_superseded_version_stops(scored, dave):
    v1 = AhpConfig.objects.current()
    AhpConfig.publish(hierarchy=v1.hierarchy, matrices={**v1.matrices, "0": IDENTIFICATION_FIRST}, user=dave)
    before = ScoreResult.objects.count()
    assert rescore_all(version=v1.version) == 0
    assert ScoreResult.objects.count() == before


def test_the_preview_says_what_a_version_would_do_and_writes_nothing(scored):
    v1 = AhpConfig.objects.current()
    preview = config_preview(hierarchy=v1.hierarchy, matrices={**v1.matrices, "0": IDENTIFICATION_FIRST})
    assert preview["applicants"] == 2 and sum(preview["before"]) == sum(preview["after"]) == 2
    same = config_preview(hierarchy=v1.hierarchy, matrices=v1.matrices)
    assert same["before"] == same["after"] and same["changing_band"] == 0
    assert AhpConfig.objects.count() == 1 and ScoreResult.objects.count() == 2


def test_changes_are_described_one_line_each():
    v1 = AhpConfig.objects.current()
    tree = v1.tree()
    new = AhpConfig.analyse(tree, {**v1.matrices, "0": IDENTIFICATION_FIRST})
    before = ", ".join(f"{w:.3f}" for w in v1.results()["0"].weights)
    assert rescore.describe_changes(tree, v1.results(), tree, new) == [
        f"overall weights {before} -> 0.818, 0.091, 0.091"]  # 9/11, 1/11, 1/11: the matrix is consistent
    assert rescore.describe_changes(tree, v1.results(), tree, v1.results()) == []
    grown = Hierarchy.from_json({**v1.hierarchy, "B53": {"name": "Badges", "parent": "B5"}})
    equal = {**v1.matrices, "B5": [[1.0] * 3 for _ in range(3)]}
    assert rescore.describe_changes(tree, v1.results(), grown, AhpConfig.analyse(grown, equal)) == ["B53 Badges added"]


def test_the_admin_previews_then_publishes_and_shows_the_progress(scored, dave_client, eager_celery,
                                                                django_capture_on_commit_callbacks):
    v1 = AhpConfig.objects.current()
    data = form_data(v1, changes={"matrix_0__0__1": "9", "matrix_0__0__2": "9", "matrix_0__1__2": "1"})
    page = dave_client.post(reverse("admin:scoring_ahpconfig_add"), {**data, "_preview": "1"}).content.decode()
    assert "Preview: effect on 2 applicants with an AHP + fuzzy score" in page
    assert "overall weights" in page and "-&gt; 0.818, 0.091, 0.091" in page
    assert AhpConfig.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = dave_client.post(reverse("admin:scoring_ahpconfig_add"), data, follow=True)
    assert "being recomputed with version 2" in response.content.decode()
    listing = dave_client.get(reverse("admin:scoring_ahpconfig_changelist")).content.decode()
    assert "2 of 2" in listing
    assert {r.config_version for r in ScoreResult.objects.filter(pk__gt=max(r.pk for r in scored.values()))} == {2}


def test_the_rescore_command_rescores_fuzzy_scores_too(scored):
    out = io.StringIO()
    call_command("rescore", "--method", "fuzzy", stdout=out)
    assert out.getvalue().splitlines()[-1] == "rescored 2 applicants with AHP configuration v1"
    assert ScoreResult.objects.filter(method="fuzzy").count() == 4
