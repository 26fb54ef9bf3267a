"""The API's limits: scoped rate limits (429 with a sentence), a locked-out login refused
with 429, tokens that expire, and a list page light enough to page through."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import PASSWORD
from tests.dashboards.test_api import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rate(scope: str, rate: str) -> None:
        throttle_rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], scope: rate}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": throttle_rates}

    return set_rate


def test_the_token_endpoint_is_rate_limited_with_a_sentence(carol, rates):
    rates("token", "3/minute")
    client = APIClient()
    codes = [client.post(reverse("api-token"), {"username": "carol", "password": PASSWORD}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    detail = client.post(reverse("api-token"), {"username": "carol", "password": PASSWORD}).json()["detail"]
    assert detail.startswith("Request was throttled. Expected available in")


def test_a_locked_out_login_gets_429_from_the_token_endpoint(carol, settings):
    client = APIClient()
    codes = [client.post(reverse("api-token"), {"username": "carol", "password": "wrong"}).status_code
             for _ in range(settings.AXES_FAILURE_LIMIT)]
    # The failure that reaches the limit locks the login out, as on the login page.
    assert codes == [400] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    response = client.post(reverse("api-token"), {"username": "carol", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["detail"] == "Too many failed logins for this account. Please try again in 60 minutes."


def test_an_expired_token_is_refused_with_a_sentence_and_replaced_on_request(carol, settings):
    settings.API_TOKEN_DAYS = 30
    token = Token.objects.create(user=carol)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=31))
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/applicants/")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("This API token expired on ")
    fresh = APIClient().post(reverse("api-token"), {"username": "carol", "password": PASSWORD}).json()["token"]
    assert fresh != token.key
    assert APIClient(HTTP_AUTHORIZATION=f"Token {fresh}").get("/api/applicants/").status_code == 200


def test_a_token_within_its_days_works(carol, settings):
    settings.API_TOKEN_DAYS = 30
    token = Token.objects.create(user=carol)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=29))
    assert APIClient(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/applicants/").status_code == 200


def test_the_list_page_costs_under_2_kb_an_applicant(carol, alice, north, tmp_path):
    """Scores as the real methods store them (priority and fuzzy, with their breakdowns and
    reasons), from a parsed export analysed in this process, copied to 20 applicants."""
    from ingest.services import source_parse
    from pipeline.models import ScoringJob
    from scoring.methods import score_profiles
    from scoring.models import ScoreResult
    from tests.conftest import applicant as new_applicant
    from tests.conftest import apply
    from tests.pipeline.jobs import expected_analysis, upload
    from tests.scoring.exports import write_facebook

    source = source_parse(upload(alice, write_facebook(tmp_path / "fb.zip", posts=30, comments=10, names=10, photos=0)))
    score_profiles(owner=alice, profiles=[source.profile], analysis=expected_analysis(alice))
    scored = list(ScoreResult.objects.filter(owner=alice))
    assert {r.method for r in scored} == {"priority", "fuzzy"}
    for n in range(20):
        applicant = new_applicant(f"applicant-{n:02d}")
        apply(applicant, north)
        for result in scored:
            result.pk, result.owner = None, applicant
            result.save()
    ScoringJob.objects.all().delete()
    response = api(carol).get("/api/applicants/")
    assert response.json()["count"] == 20
    assert len(response.content) / 20 <= 2048
    detail = api(carol).get(f"/api/applicants/{applicant.pk}/").json()
    assert all(score["reasons"] for score in detail["latest_scores"])


def test_the_lenders_api_page_says_when_the_token_expires(carol, carol_client, settings):
    settings.API_TOKEN_DAYS = 30
    token = Token.objects.create(user=carol)
    page = carol_client.get(reverse("dashboards:lender_api")).content.decode()
    assert f"valid until {(token.created + timedelta(days=30)):%-d %b %Y}" in page
    assert reverse("api-docs") in page
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=40))
    assert "expired on" in carol_client.get(reverse("dashboards:lender_api")).content.decode()
