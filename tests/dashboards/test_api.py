"""The REST API by token: the same access rules as the pages, read-only scores and
configuration. Applications: test_applications_api.py; every endpoint for every persona:
test_scoping.py."""
import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pipeline.models import ScoringJob
from tests.conftest import apply
from tests.dashboards.conftest import score_for

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
    assert [r["text"] for r in scores["priority"]["reasons"]] == ["Few posts with positive sentiment"]
    assert scores["priority"]["contributions"]["connections"]["possible"] == 100
    assert api(carol).get(f"/api/applicants/{bob.pk}/").status_code == 404
    assert api(carol).get(f"/api/applicants/{shared.pk}/").json()["username"] == "alice"


def test_an_applicants_token_sees_only_their_own_data(alice, bob, north):
    apply(bob, north)
    score_for(bob, 90)
    score_for(alice, 40)
    client = api(alice)
    assert ids(client.get("/api/applicants/")) == [alice.pk]  # even without applying anywhere
    assert client.get(f"/api/applicants/{bob.pk}/").status_code == 404
    assert client.get(f"/api/applicants/{bob.pk}/history/").status_code == 404


def test_history_lists_every_score_oldest_first(carol, shared):
    score_for(shared, 30, days_ago=9, version=1)
    score_for(shared, 60, days_ago=1, version=2)
    history = api(carol).get(f"/api/applicants/{shared.pk}/history/").json()
    assert [(h["normalized"], h["config_version"]) for h in history] == [(30, 1), (60, 2)]


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


def test_the_openapi_schema_is_served():
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/applicants/{id}/history/" in paths and "/api/applicants/{id}/twitter/" not in paths
    assert "/api/jobs/{id}/" in paths
    assert set(paths["/api/applications/"]) == {"get", "post"}
    assert {"get", "delete"} <= set(paths["/api/applications/{id}/"])
