"""Rate limits on pages: signing up, uploading and giving a handle answer 429 with a sentence
past their scope's rate, per visitor address or per applicant; other people are not slowed."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.throttling import come_back_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rate(scope: str, rate: str) -> None:
        throttle_rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], scope: rate}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": throttle_rates}

    return set_rate


def sign_up(client: Client, name: str):
    password = "a-long-pass-phrase-1"
    return client.post(reverse("accounts:signup"), {"username": name, "email": f"{name}@example.org", "password1": password, "password2": password})


def test_signing_up_is_limited_per_address(rates):
    rates("signup", "2/hour")
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    codes = [sign_up(visitor, f"erin{n}").status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert "Too many requests in a short time. Please try again in 60 minutes." in sign_up(visitor, "erin9").content.decode()
    assert not User.objects.filter(username__in=["erin2", "erin9"]).exists()
    assert sign_up(Client(REMOTE_ADDR="198.51.100.4"), "frank").status_code == 302
    assert visitor.get(reverse("accounts:signup")).status_code == 200, "only posts are counted"


def test_uploads_are_limited_per_applicant(alice_client, bob_client, rates):
    rates("uploads", "1/hour")

    def upload(client):
        archive = SimpleUploadedFile("x.zip", b"not a zip", content_type="application/zip")
        return client.post(reverse("ingest:upload"), {"platform": "facebook", "archive": archive})

    assert upload(alice_client).status_code == 302
    assert upload(alice_client).status_code == 429
    assert upload(bob_client).status_code == 302


def test_giving_a_handle_is_limited_per_applicant(alice_client, rates):
    rates("handle", "1/hour")
    assert alice_client.post(reverse("ingest:handle"), {"handle": "zoe"}).status_code == 302
    assert alice_client.post(reverse("ingest:handle"), {"handle": "zoe"}).status_code == 429


@pytest.mark.parametrize(("seconds", "sentence"), [
    (None, "Please try again in a minute."),
    (59.2, "Please try again in a minute."),
    (61, "Please try again in 2 minutes."),
    (3600, "Please try again in 60 minutes."),
])
def test_the_wait_is_said_in_minutes(seconds, sentence):
    assert come_back_in(seconds) == sentence
