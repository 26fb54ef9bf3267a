"""/api/applications/: applicants apply and withdraw; lenders list their organisation's
applications; everyone else sees none of them."""
import pytest
from rest_framework.test import APIClient

from lending.models import Application
from tests.dashboards.test_scoping import api

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    return {a["id"] for a in response.json()["results"]}


def test_an_applicant_applies_with_a_slug_and_a_purpose(alice, carol, frank, north):
    response = api(alice).post("/api/applications/", {"organisation": "north", "purpose": "personal loan"}, format="json")
    assert response.status_code == 201, response.content
    application = Application.objects.get(pk=response.json()["id"])
    assert application.applicant == alice and application.organisation == north and application.is_live
    assert response.json()["methods"] == ["priority", "fuzzy"] and response.json()["organisation_name"] == "North Bank"
    assert api(carol).get(f"/api/applicants/{alice.pk}/").status_code == 200
    assert api(frank).get(f"/api/applicants/{alice.pk}/").status_code == 404


def test_the_applicant_may_choose_the_methods(alice, north):
    body = {"organisation": "north", "purpose": "loan", "methods": ["express"]}
    assert api(alice).post("/api/applications/", body, format="json").json()["methods"] == ["express"]


@pytest.mark.parametrize(
    ("body", "sentence"),
    [
        ({"organisation": "nowhere", "purpose": "loan"}, "There is no lender called nowhere."),
        ({"organisation": "north", "purpose": "   "}, "Say what you are applying for"),
        ({"organisation": "north", "purpose": "loan", "methods": ["astrology"]}, "is not a valid choice"),
    ],
)
def test_bad_applications_are_refused_in_a_sentence(alice, north, body, sentence):
    response = api(alice).post("/api/applications/", body, format="json")
    assert response.status_code == 400 and sentence in response.content.decode()
    assert not Application.objects.exists()


def test_applying_twice_to_the_same_organisation_is_refused(world):
    response = api(world.alice).post("/api/applications/", {"organisation": "north", "purpose": "again"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "You already share with North Bank; withdraw that first to apply again."}


def test_only_applicants_apply(world):
    for user in (world.carol, world.dave):
        response = api(user).post("/api/applications/", {"organisation": "north", "purpose": "loan"}, format="json")
        assert response.status_code == 403 and "Only applicants apply" in response.json()["detail"]
    assert APIClient().post("/api/applications/", {"organisation": "north", "purpose": "loan"}).status_code == 401


def test_each_persona_lists_exactly_their_applications(world):
    apps = world.applications
    assert ids(api(world.alice).get("/api/applications/")) == {a.pk for a in apps["alice"]}
    assert ids(api(world.gina).get("/api/applications/")) == {a.pk for a in apps["gina"]}  # her withdrawn one
    assert ids(api(world.bob).get("/api/applications/")) == set()
    north = {apps["alice"][0].pk, apps["erin"][0].pk, apps["gina"][0].pk}
    assert ids(api(world.carol).get("/api/applications/")) == north
    assert ids(api(world.frank).get("/api/applications/")) == {apps["erin"][1].pk}
    assert ids(api(world.dave).get("/api/applications/")) == north | {apps["erin"][1].pk}
    gina = next(a for a in api(world.carol).get("/api/applications/").json()["results"] if a["applicant_username"] == "gina")
    assert gina["live"] is False and gina["withdrawn_at"]


def test_one_application_is_read_by_its_applicant_and_its_organisation_only(world):
    pk = world.applications["erin"][1].pk  # erin's, to South Credit
    for user, expected in ((world.erin, 200), (world.frank, 200), (world.dave, 200), (world.carol, 404),
                           (world.alice, 404), (world.bob, 404)):
        assert api(user).get(f"/api/applications/{pk}/").status_code == expected, user
    assert APIClient().get(f"/api/applications/{pk}/").status_code == 401


def test_the_applicant_withdraws_and_the_organisation_sees_nothing_more(world):
    application = world.applications["alice"][0]
    assert api(world.carol).delete(f"/api/applications/{application.pk}/").status_code == 403
    for outsider in (world.frank, world.bob, world.erin):
        assert api(outsider).delete(f"/api/applications/{application.pk}/").status_code == 404
    assert APIClient().delete(f"/api/applications/{application.pk}/").status_code == 401
    application.refresh_from_db()
    assert application.is_live
    assert api(world.alice).delete(f"/api/applications/{application.pk}/").status_code == 204
    application.refresh_from_db()
    assert not application.is_live
    assert api(world.carol).get(f"/api/applicants/{world.alice.pk}/").status_code == 404
    assert api(world.alice).delete(f"/api/applications/{application.pk}/").status_code == 204  # again: no change


def test_applications_cannot_be_edited(world):
    pk = world.applications["alice"][0].pk
    for user in (world.alice, world.carol):
        assert api(user).put(f"/api/applications/{pk}/", {"purpose": "x"}).status_code == 405
        assert api(user).patch(f"/api/applications/{pk}/", {"purpose": "x"}).status_code == 405
