"""E-mail: confirming the address (needed before a first application) and resetting a
password, both by a link mailed to the account's address (Django's tokens and views)."""
import re

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles
from accounts.models import User
from accounts.services import user_create
from lending.models import Application
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def link_in(mail) -> str:
    return re.search(r"https?://testserver(/\S+)", mail.body).group(1)


def sign_up(client, username: str = "nora"):
    return client.post(reverse("accounts:signup"), {"username": username, "email": f"{username}@example.org",
                                                    "password1": "a-long-pass-phrase-1", "password2": "a-long-pass-phrase-1"})


def test_signing_up_mails_a_link_that_confirms_the_address(client, mailoutbox):
    sign_up(client)
    nora = User.objects.get(username="nora")
    assert not nora.email_verified
    [mail] = mailoutbox
    assert mail.to == ["nora@example.org"] and "Confirm your e-mail address" in mail.subject
    response = client.get(link_in(mail), follow=True)
    assert "nora@example.org is confirmed" in response.content.decode()
    nora.refresh_from_db()
    assert nora.email_verified
    assert client.get(link_in(mail)).status_code == 400  # spent


def test_an_address_is_required_to_sign_up(client):
    response = client.post(reverse("accounts:signup"), {"username": "nora", "password1": "a-long-pass-phrase-1",
                                                        "password2": "a-long-pass-phrase-1"})
    assert "This field is required" in response.content.decode() and not User.objects.exists()


def test_a_bad_or_foreign_link_confirms_nothing(client, mailoutbox):
    sign_up(client)
    link = link_in(mailoutbox[0])
    assert client.get(link[:-3] + "xyz/").status_code == 400
    assert client.get(reverse("accounts:verify", args=["bm9wZQ", "token"])).status_code == 400
    assert not User.objects.get(username="nora").email_verified


def test_an_unconfirmed_applicant_cannot_apply_until_confirmed(client, mailoutbox, north):
    sign_up(client)
    page = client.get(reverse("dashboards:applicant")).content.decode()
    assert 'data-testid="confirm-email"' in page
    response = client.post(reverse("dashboards:apply"), {"organisation": "north", "purpose": "loan", "methods": ["priority"]})
    assert "Confirm your e-mail address before your first application" in response.content.decode()
    nora = User.objects.get(username="nora")
    token = Token.objects.create(user=nora)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    refused = api.post("/api/applications/", {"organisation": "north", "purpose": "loan"}, format="json")
    assert refused.status_code == 400 and "Confirm your e-mail address" in refused.json()["detail"]
    client.post(reverse("accounts:verify_send"))
    assert len(mailoutbox) == 2
    client.get(link_in(mailoutbox[-1]))
    assert api.post("/api/applications/", {"organisation": "north", "purpose": "loan"}, format="json").status_code == 201
    assert Application.objects.filter(applicant__username="nora").count() == 1
    assert 'data-testid="confirm-email"' not in client.get(reverse("dashboards:applicant")).content.decode()


def test_asking_again_needs_a_login_and_a_post(client, alice_client, mailoutbox):
    response = client.post(reverse("accounts:verify_send"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert alice_client.get(reverse("accounts:verify_send")).status_code == 405
    alice_client.post(reverse("accounts:verify_send"), follow=True)
    assert mailoutbox == []  # alice is confirmed already


def test_a_password_is_reset_through_the_mailed_link(client, alice, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    [mail] = mailoutbox
    assert mail.to == ["alice@example.org"] and mail.subject == "Reset your CredSly password"
    form_url = client.get(link_in(mail), follow=True).redirect_chain[-1][0]
    new = "an-entirely-new-phrase-7"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(new)
    assert "no longer works" in client.get(link_in(mail), follow=True).content.decode()


def test_a_reset_for_an_unknown_address_says_the_same_and_mails_nothing(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "If an account has that address" in response.content.decode() and mailoutbox == []


def test_the_login_page_links_the_reset(client):
    assert reverse("accounts:password_reset") in client.get(reverse("accounts:login")).content.decode()


def test_a_lender_gets_a_reset_too(client, mailoutbox):
    user_create(username="lou", password=PASSWORD, role=roles.LENDER, email="lou@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "lou@example.org"})
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["lou@example.org"]
