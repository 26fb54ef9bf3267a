import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_creates_an_applicant_and_logs_them_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "erin", "email": "erin@example.org", "password1": "a-long-pass-phrase-1", "password2": "a-long-pass-phrase-1"},
    )
    assert response.status_code == 302
    erin = User.objects.get(username="erin")
    assert erin.is_applicant and not erin.is_lender and not erin.is_staff
    assert client.get(reverse("home"), follow=True).context["user"] == erin


def test_it_explains_mismatched_passwords(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "erin", "password1": "a-long-pass-phrase-1", "password2": "something-else-2"},
    )
    assert response.status_code == 200
    assert "didn’t match" in response.content.decode()
    assert not User.objects.filter(username="erin").exists()


def test_role_groups_exist_from_the_migration():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"applicant", "lender", "admin"}
