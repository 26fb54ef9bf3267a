"""The applicant's sharing pages: apply to an organisation, see who can see the score and
since when, withdraw. Lenders and visitors cannot use them."""
import pytest
from django.urls import reverse

from lending.consent import CONSENT_VERSION
from lending.models import Application
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_apply_page_offers_every_organisation_and_the_consent_text(alice_client, north, south):
    page = alice_client.get(reverse("dashboards:apply")).content.decode()
    assert 'value="north"' in page and "North Bank" in page and "South Credit" in page
    assert f"version {CONSENT_VERSION}" in page and "until I withdraw" in page
    # the social-media scores are ticked; the express score, from a lender's records, is not
    assert 'value="priority" id="id_methods_0" checked>' in page and 'value="fuzzy" id="id_methods_1" checked>' in page
    assert 'value="express" id="id_methods_2">' in page


def test_applying_shares_with_that_organisation_only(alice_client, alice, north):
    response = alice_client.post(reverse("dashboards:apply"),
                                 {"organisation": "north", "purpose": "personal loan", "methods": ["priority", "fuzzy"]},
                                 follow=True)
    page = response.content.decode()
    assert "North Bank can now see your score for “personal loan”." in page
    application = Application.objects.get(applicant=alice)
    assert application.organisation == north and application.methods == ["priority", "fuzzy"]
    sharing = page.split('data-testid="sharing"')[1].split("</ul>")[0]
    assert "North Bank" in sharing and "personal loan" in sharing
    assert application.consented_at.strftime("%Y") in sharing  # since when


def test_a_refused_application_is_explained_on_the_form(alice_client, world):
    response = alice_client.post(reverse("dashboards:apply"),
                                 {"organisation": "north", "purpose": "again", "methods": ["priority"]})
    assert response.status_code == 200
    assert "You already share with North Bank" in response.content.decode()
    response = alice_client.post(reverse("dashboards:apply"), {"organisation": "south", "purpose": "", "methods": []})
    assert "This field is required" in response.content.decode()
    assert Application.objects.filter(applicant=world.alice).count() == 1


def test_the_page_lists_live_and_withdrawn_applications(world):
    page = client_for(world.erin).get(reverse("dashboards:applicant")).content.decode()
    sharing = page.split('data-testid="sharing"')[1].split("</ul>")[0]
    assert "North Bank" in sharing and "South Credit" in sharing
    page = client_for(world.gina).get(reverse("dashboards:applicant")).content.decode()
    assert 'data-testid="sharing-none"' in page and "Withdrawn applications (1)" in page
    page = client_for(world.bob).get(reverse("dashboards:applicant")).content.decode()
    assert 'data-testid="sharing-none"' in page and "Withdrawn applications" not in page


def test_withdrawing_by_post_ends_the_organisations_view(world):
    application = world.applications["alice"][0]
    url = reverse("dashboards:withdraw", args=[application.pk])
    alice = client_for(world.alice)
    assert alice.get(url).status_code == 405
    response = alice.post(url, follow=True)
    assert "You withdrew your application to North Bank" in response.content.decode()
    application.refresh_from_db()
    assert not application.is_live
    assert client_for(world.carol).get(reverse("dashboards:lender_detail", args=[world.alice.pk])).status_code == 404


def test_nobody_withdraws_somebody_elses_application(world, client):
    application = world.applications["erin"][0]
    url = reverse("dashboards:withdraw", args=[application.pk])
    assert client_for(world.alice).post(url).status_code == 404
    assert client_for(world.bob).post(url).status_code == 404
    assert client_for(world.carol).post(url).status_code == 403  # her organisation's, but not hers
    assert client.post(url).status_code == 302  # to the login page
    application.refresh_from_db()
    assert application.is_live


@pytest.mark.parametrize("name", ["dashboards:apply", "dashboards:access_log"])
def test_lenders_and_visitors_have_no_sharing_pages(carol_client, dave_client, client, name):
    assert carol_client.get(reverse(name)).status_code == 403
    assert dave_client.get(reverse(name)).status_code == 403
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
