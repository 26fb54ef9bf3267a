"""The REST API by token: the same access rules as the pages, read-only scores and
configuration. Applications: test_applications_api.py; every endpoint for every persona:
test_scoping.py."""
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pipeline.models import ScoringJob
from scoring import bands, methods, services
from scoring.models import ScoringMethodSetting
from tests.conftest import apply
from tests.dashboards.conftest import fuzzy_for, score_for
from tests.scoring.documents import analysis, facebook

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def ids(response) -> list[int]:
    return [a["id"] for a in response.json()["results"]]


def test_it_needs_a_token():
    assert api().get("/api/applicants/").status_code == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert bad.get("/api/applicants/").status_code == 401


def test_a_token_is_issued_for_a_username_and_password(carol):
    from tests.conftest import PASSWORD

    response = APIClient().post(reverse("api-token"), {"username": "carol", "password": PASSWORD})
    assert response.status_code == 200
    assert api().get("/api/applicants/", HTTP_AUTHORIZATION=f"Token {response.json()['token']}").status_code == 200


def test_a_lender_sees_applicants_who_applied_with_latest_scores(carol, shared, bob):
    score_for(shared, 30, days_ago=2)
    score_for(shared, 77, reasons=["Few posts with positive sentiment"])
    score_for(shared, 51, method="fuzzy")
    score_for(bob, 90)
    response = api(carol).get("/api/applicants/")
    assert ids(response) == [shared.pk]
    scores = {s["method"]: s for s in response.json()["results"][0]["latest_scores"]}
    assert set(scores) == {"priority", "fuzzy"}
    assert scores["priority"]["normalized"] == 77
    assert api(carol).get(f"/api/applicants/{bob.pk}/").status_code == 404
    detail = api(carol).get(f"/api/applicants/{shared.pk}/").json()
    assert detail["username"] == "alice"
    scores = {s["method"]: s for s in detail["latest_scores"]}
    assert [r["text"] for r in scores["priority"]["reasons"]] == ["Few posts with positive sentiment"]
    assert scores["priority"]["contributions"]["connections"]["possible"] == 100


def test_an_applicants_token_sees_only_their_own_data(alice, bob, north):
    apply(bob, north)
    score_for(bob, 90)
    score_for(alice, 40)
    client = api(alice)
    assert ids(client.get("/api/applicants/")) == [alice.pk]  # even without applying anywhere
    assert client.get(f"/api/applicants/{bob.pk}/").status_code == 404
    assert client.get(f"/api/applicants/{bob.pk}/history/").status_code == 404


def test_history_lists_every_score_oldest_first_a_page_at_a_time(carol, shared):
    for days_ago in range(51, 0, -1):  # one more than a page of 50
        score_for(shared, days_ago, days_ago=days_ago, version=days_ago)
    page = api(carol).get(f"/api/applicants/{shared.pk}/history/").json()
    assert page["count"] == 51 and page["next"]
    assert [(h["normalized"], h["config_version"]) for h in page["results"][:2]] == [(51, 51), (50, 50)]
    rest = api(carol).get(page["next"]).json()
    assert [h["normalized"] for h in rest["results"]] == [1]


def test_job_status_follows_the_same_rules(carol, alice, bob, north):
    job = ScoringJob.objects.create(owner=alice, state=ScoringJob.State.ANALYSING, chunks_done=2, chunks_total=5)
    assert api(carol).get(f"/api/jobs/{job.pk}/").status_code == 404
    apply(alice, north)
    body = api(carol).get(f"/api/jobs/{job.pk}/").json()
    assert body["state"] == "analysing" and body["chunks_done"] == 2
    assert body["stage"] and 0 < body["percent"] < 100
    assert api(alice).get(f"/api/jobs/{job.pk}/").status_code == 200
    assert api(bob).get(f"/api/jobs/{job.pk}/").status_code == 404
    assert [j["id"] for j in api(alice).get("/api/jobs/").json()["results"]] == [job.pk]


def test_scores_cannot_be_written_through_the_api(carol, dave, shared):
    score_for(shared)
    for user in (carol, dave):
        client = api(user)
        assert client.put(f"/api/applicants/{shared.pk}/", {"username": "x"}).status_code == 405
        assert client.delete(f"/api/applicants/{shared.pk}/").status_code == 405
        assert client.post("/api/applicants/", {"username": "x"}).status_code == 405


def test_lenders_cannot_give_an_applicants_handle(carol, dave, shared, settings):
    """Only the applicant adds or replaces their sources, on the sources page: the lender-side
    "fetch this handle" action is gone, so a lender cannot swap someone's data for another's."""
    settings.TWITTER_BEARER_TOKEN = "recorded-responses-only"  # noqa: S105 - nothing is fetched in this test
    for user in (carol, dave, shared):
        assert api(user).post(f"/api/applicants/{shared.pk}/twitter/", {"handle": "alice_1"}).status_code == 404
    assert not shared.sources.exists()


def test_the_openapi_schema_is_served_to_people_logged_in(carol, carol_client):
    assert APIClient().get("/api/schema/").status_code == 401
    for client in (api(carol), carol_client):
        response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/applicants/{id}/history/" in paths and "/api/applicants/{id}/twitter/" not in paths
    assert "/api/jobs/{id}/" in paths
    assert set(paths["/api/applications/"]) == {"get", "post"}
    assert {"get", "delete"} <= set(paths["/api/applications/{id}/"])
    history = paths["/api/applicants/{id}/history/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert history["schema"]["$ref"].endswith("PaginatedHistoryEntryList")


def test_the_api_documentation_is_browsable_behind_login(client, carol_client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    page = carol_client.get(reverse("api-docs")).content.decode()
    assert "swagger-ui" in page and reverse("api-schema") in page
    assert "cdn" not in page.lower(), "the assets are vendored"


def test_the_api_leads_with_the_primary_method_and_labels_second_opinions(carol, shared):
    score_for(shared, 77)
    fuzzy_for(shared, 41)
    ScoringMethodSetting(default_method="fuzzy").save()
    (applicant,) = api(carol).get("/api/applicants/").json()["results"]
    assert applicant["primary_method"] == "fuzzy"
    assert [(s["method"], s["opinion"]) for s in applicant["latest_scores"]] == [
        ("fuzzy", "primary"), ("priority", "second opinion")]
    first = applicant["latest_scores"][0]
    assert (first["band"], first["band_label"], first["band_meaning"]) == ("general", "General", bands.meaning("general"))


def test_the_applicant_detail_gives_what_would_raise_the_primary_score(alice):
    result = services.score_applicant(owner=alice, profiles=[facebook()], analysis=analysis(), as_of=date(2026, 11, 24))
    detail = api(alice).get(f"/api/applicants/{alice.pk}/").json()
    assert detail["improvements"] == [item.as_dict() for item in methods.improvements(result)]
    assert 0 < len(detail["improvements"]) <= 4
    effects = [item["effect"] for item in detail["improvements"]]
    assert effects == sorted(effects, reverse=True)
    assert all("age" not in item["feature"].split(", ") for item in detail["improvements"])
    assert "improvements" not in api(alice).get("/api/applicants/").json()["results"][0]  # the detail's alone
