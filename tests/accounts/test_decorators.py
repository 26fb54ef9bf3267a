"""The role decorators on real pages of each role: alice applies, carol lends, dave
administers; an anonymous visitor and erin, logged in with no role, are the outsiders."""
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from accounts.decorators import role_required
from accounts.models import User
from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

# One page of each app that guards its views with accounts.decorators.
APPLICANT_PAGES = ("dashboards:applicant", "ingest:sources")
LENDER_PAGES = ("dashboards:lender_list", "express:subjects")


@pytest.fixture
def erin_client(db) -> Client:
    """Logged in, but in no role group: what a half-made account looks like."""
    return client_for(User.objects.create_user(username="erin", password=PASSWORD))


@pytest.mark.parametrize("name", APPLICANT_PAGES + LENDER_PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client, name):
    path = reverse(name)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={quote(path)}"


@pytest.mark.parametrize("name", APPLICANT_PAGES)
def test_applicant_pages_open_to_applicants_alone(name, alice_client, carol_client, dave_client, erin_client):
    assert alice_client.get(reverse(name)).status_code == 200
    for outsider in (carol_client, dave_client, erin_client):
        assert outsider.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", LENDER_PAGES)
def test_lender_pages_open_to_lenders_and_admins(name, alice_client, carol_client, dave_client, erin_client):
    assert carol_client.get(reverse(name)).status_code == 200
    assert dave_client.get(reverse(name)).status_code == 200
    for outsider in (alice_client, erin_client):
        assert outsider.get(reverse(name)).status_code == 403


def test_the_admin_site_opens_to_admins_alone(alice_client, carol_client, dave_client, erin_client):
    index = reverse("admin:index")
    assert dave_client.get(index).status_code == 200
    for outsider in (alice_client, carol_client, erin_client):
        assert outsider.get(index).url.startswith(reverse("admin:login"))


def test_a_superuser_outside_the_admin_group_reads_what_lenders_read():
    root = User.objects.create_superuser(username="root", password=PASSWORD)
    assert not root.groups.exists()
    assert client_for(root).get(reverse("dashboards:lender_list")).status_code == 200


def test_the_refusal_says_why_and_offers_a_way_back(carol_client):
    path = reverse("dashboards:applicant")
    response = carol_client.get(path)
    page = response.content.decode()
    assert response.status_code == 403
    assert "This page is for applicants." in page and "You are logged in as carol." in page
    assert f'href="{reverse("home")}"' in page
    assert f'href="{reverse("accounts:login")}?next={quote(path)}"' in page


def test_logging_in_as_someone_else_from_the_refusal_opens_the_page(carol_client, alice):
    path = reverse("dashboards:applicant")
    response = carol_client.post(f"{reverse('accounts:login')}?next={path}",
                                 {"username": "alice", "password": PASSWORD, "next": path})
    assert response.url == path
    assert carol_client.get(path).status_code == 200


def test_a_role_the_site_does_not_have_is_refused_when_the_view_is_defined():
    with pytest.raises(ValueError, match="role_required needs roles"):
        role_required("auditor", refusal="no")
    with pytest.raises(ValueError, match="role_required needs roles"):
        role_required(refusal="no")
