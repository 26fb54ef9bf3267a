"""Who sees whom, on every lender page and API endpoint, for every persona (tests/conftest.py).

carol (North Bank) reads alice and erin; frank (South Credit) reads erin; dave (admin) reads
every live application's applicant. gina withdrew and bob never applied: nobody reads them.
Everything else is 404; applicants get 403 on lender pages and see only themselves by API;
a visitor is sent to log in (pages) or refused (API).
"""
import csv
import io

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles
from accounts.services import user_create
from pipeline.models import ScoringJob
from tests.conftest import PASSWORD, apply, client_for
from tests.dashboards.conftest import score_for

pytestmark = pytest.mark.django_db

APPLICANTS = ("alice", "bob", "erin", "gina")
READERS = {"carol": {"alice", "erin"}, "frank": {"erin"}, "dave": {"alice", "erin"}}
LEVELS = {"alice": 81, "bob": 62, "erin": 45, "gina": 23}


@pytest.fixture
def scored(world):
    """Everyone's score and a finished job."""
    for name in APPLICANTS:
        person = getattr(world, name)
        score_for(person, LEVELS[name])
        ScoringJob.objects.create(owner=person, state=ScoringJob.State.DONE)
    return world


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def listed(page: str) -> set[str]:
    body = page.split('data-testid="applicants"')[1] if 'data-testid="applicants"' in page else ""
    return {line.split('/">')[1].split("<")[0] for line in body.split('<th scope="row">')[1:]}


@pytest.mark.parametrize("reader", READERS)
def test_the_table_and_its_csv_hold_exactly_the_readers_applicants(scored, reader):
    client = client_for(getattr(scored, reader))
    assert listed(client.get(reverse("dashboards:lender_list")).content.decode()) == READERS[reader]
    response = client.get(reverse("dashboards:lender_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {r["username"] for r in rows} == READERS[reader]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("applicant", APPLICANTS)
def test_a_file_opens_only_through_a_live_application(scored, reader, applicant):
    viewer = getattr(scored, reader)
    pk = getattr(scored, applicant).pk
    expected = 200 if applicant in READERS[reader] else 404
    assert client_for(viewer).get(reverse("dashboards:lender_detail", args=[pk])).status_code == expected
    client = api(viewer)
    assert client.get(f"/api/applicants/{pk}/").status_code == expected
    assert client.get(f"/api/applicants/{pk}/history/").status_code == expected
    job = ScoringJob.objects.get(owner_id=pk)
    assert client.get(f"/api/jobs/{job.pk}/").status_code == expected


@pytest.mark.parametrize("reader", READERS)
def test_the_api_lists_exactly_the_readers_applicants_and_their_jobs(scored, reader):
    client = api(getattr(scored, reader))
    assert {a["username"] for a in client.get("/api/applicants/").json()["results"]} == READERS[reader]
    owners = {j["owner"] for j in client.get("/api/jobs/").json()["results"]}
    assert owners == {getattr(scored, name).pk for name in READERS[reader]}


@pytest.mark.parametrize("reader", READERS)
def test_population_counts_only_the_readers_applications(scored, reader):
    page = client_for(getattr(scored, reader)).get(reverse("dashboards:lender_population")).content.decode()
    assert f"Scores of {len(READERS[reader])} applicants" in page


@pytest.mark.parametrize("applicant", APPLICANTS)
def test_applicants_reach_no_lender_page_and_only_themselves_by_api(scored, applicant):
    person = getattr(scored, applicant)
    client = client_for(person)
    for name in ("dashboards:lender_list", "dashboards:lender_csv", "dashboards:lender_population",
                 "dashboards:lender_api"):
        assert client.get(reverse(name)).status_code == 403, name
    for other in APPLICANTS:
        pk = getattr(scored, other).pk
        assert client.get(reverse("dashboards:lender_detail", args=[pk])).status_code == 403
        expected = 200 if other == applicant else 404
        assert api(person).get(f"/api/applicants/{pk}/").status_code == expected
    assert [a["username"] for a in api(person).get("/api/applicants/").json()["results"]] == [applicant]


def test_a_lender_of_no_organisation_reads_nobody(scored):
    nomad = user_create(username="nomad", password=PASSWORD, role=roles.LENDER)
    client = client_for(nomad)
    assert listed(client.get(reverse("dashboards:lender_list")).content.decode()) == set()
    assert client.get(reverse("dashboards:lender_detail", args=[scored.alice.pk])).status_code == 404
    assert api(nomad).get("/api/applicants/").json()["results"] == []
    assert api(nomad).get("/api/applications/").json()["results"] == []


def test_a_visitor_is_sent_to_log_in_or_refused(client, scored):
    pk = scored.alice.pk
    for url in (reverse("dashboards:lender_list"), reverse("dashboards:lender_csv"),
                reverse("dashboards:lender_population"), reverse("dashboards:lender_api"),
                reverse("dashboards:lender_detail", args=[pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response.url, url
    anonymous = APIClient()
    for url in ("/api/applicants/", f"/api/applicants/{pk}/", f"/api/applicants/{pk}/history/", "/api/jobs/",
                "/api/applications/"):
        assert anonymous.get(url).status_code == 401, url


def test_only_the_methods_an_application_shares_are_read(world):
    score_for(world.erin, 45)
    score_for(world.erin, 33, method="express", detail={"subject": 7})
    carol, frank = api(world.carol), api(world.frank)

    def methods(client):
        return {s["method"] for s in client.get(f"/api/applicants/{world.erin.pk}/").json()["latest_scores"]}

    assert methods(carol) == methods(frank) == {"priority"}  # express was not shared with either
    page = client_for(world.carol).get(reverse("dashboards:lender_detail", args=[world.erin.pk])).content.decode()
    assert "Express-delivery record" not in page
    world.applications["erin"][0].delete()
    apply(world.erin, world.north, methods=["priority", "express"])
    assert methods(carol) == {"priority", "express"} and methods(frank) == {"priority"}
    history = {h["method"] for h in carol.get(f"/api/applicants/{world.erin.pk}/history/").json()["results"]}
    assert history == {"priority", "express"}


def test_an_unshared_express_score_is_neither_listed_nor_counted(world):
    score_for(world.alice, 70, method="express")
    client = client_for(world.carol)
    assert listed(client.get(reverse("dashboards:lender_list"), {"method": "express"}).content.decode()) == set()
    page = client.get(reverse("dashboards:lender_population"), {"method": "express"}).content.decode()
    assert "No shared score by this method yet" in page


def test_the_table_names_the_organisation_or_says_there_is_none(world):
    assert "Applicants to North Bank" in client_for(world.carol).get(reverse("dashboards:lender_list")).content.decode()
    nomad = user_create(username="nomad", password=PASSWORD, role=roles.LENDER)
    assert 'data-testid="no-organisation"' in client_for(nomad).get(reverse("dashboards:lender_list")).content.decode()
    assert 'data-testid="no-organisation"' not in client_for(world.dave).get(reverse("dashboards:lender_list")).content.decode()
