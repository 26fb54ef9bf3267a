"""The applicant's own page: their score explained, progress; nobody else's data. Applying
and withdrawing: test_sharing.py."""
import pytest
from django.urls import reverse

from pipeline.models import ScoringJob

from scoring.models import ScoringMethodSetting
from tests.dashboards.conftest import fuzzy_for, score_for, source_with_files

pytestmark = pytest.mark.django_db


def test_home_sends_each_role_to_its_own_page(client, alice_client, carol_client, dave_client):
    assert alice_client.get(reverse("home")).url == reverse("dashboards:applicant")
    assert carol_client.get(reverse("home")).url == reverse("dashboards:lender_list")
    assert dave_client.get(reverse("home")).url == reverse("dashboards:lender_list")
    assert client.get(reverse("home")).status_code == 200


def test_it_needs_a_login(client):
    response = client.get(reverse("dashboards:applicant"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_it_shows_the_score_with_band_in_words_breakdown_reasons_and_missing(alice_client, alice):
    result = score_for(alice, 72.0, version=3)
    source_with_files(alice, "linkedin")
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert ">72<" in page and "Good" in page
    assert "72 of 100 · Good" in page  # the gauge says it in text too
    assert "Few connections across your accounts" in page
    assert "configuration v3" in page
    assert result.created_at.strftime("%Y") in page
    assert "Skills count" in page  # missing feature, by name
    assert "72 of 100 points" in page  # connections: 72% of 100 possible, earned of possible
    assert "LinkedIn" in page and "1 Mar 2026" in page  # source and its data date


def test_it_shows_only_the_applicants_own_scores(alice_client, alice, bob):
    score_for(alice, 41.0, reasons=["Alice's own reason"])
    score_for(bob, 93.0, reasons=["Bob's secret reason"])
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert "Alice&#x27;s own reason" in page
    assert "secret reason" not in page and "93 of 100" not in page


def test_the_sites_default_method_comes_first(alice_client, alice):
    score_for(alice, 70)
    fuzzy_for(alice, 44)
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert page.index("Priority-weighted curves") < page.index("AHP + fuzzy evaluation")
    ScoringMethodSetting(default_method="fuzzy").save()
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert page.index("AHP + fuzzy evaluation") < page.index("Priority-weighted curves")


def test_unscorable_is_said_plainly_not_shown_as_a_low_score(alice_client, alice):
    score_for(alice, 0, score=None, normalized=None, band="", unscorable=True, flags=["TOO_FEW_FEATURES"])
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert "Not enough data to give a score" in page and "TOO_FEW_FEATURES" in page
    assert 'data-testid="score"' not in page


def test_a_running_job_shows_the_progress_bar(alice_client, running_job):
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert 'id="job-progress"' in page and 'role="progressbar"' in page and "js/progress.js" in page
    assert f'data-progress-url="{reverse("pipeline:progress")}"' in page


def test_a_finished_job_shows_no_progress_bar(alice_client, alice):
    ScoringJob.objects.create(owner=alice, state=ScoringJob.State.DONE)
    score_for(alice)
    assert 'id="job-progress"' not in alice_client.get(reverse("dashboards:applicant")).content.decode()


@pytest.mark.parametrize("name", ["dashboards:applicant", "dashboards:delete_all"])
def test_lenders_have_no_applicant_pages(carol_client, name):
    assert carol_client.get(reverse(name)).status_code == 403
