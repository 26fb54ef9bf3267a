"""Nobody but admins changes configuration: every admin page refuses applicants and lenders."""
import pytest
from django.contrib import admin
from django.urls import reverse

from pipeline.models import ScoringJob

pytestmark = pytest.mark.django_db

# Scoring configuration, AHP matrices, region tables, users and roles: whatever the apps register.
CONFIG_APPS = {"scoring", "ingest", "express", "accounts", "auth", "authtoken"}


def admin_pages() -> list[str]:
    pages = []
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label in CONFIG_APPS:
            pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
            pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    return pages


def test_there_are_configuration_pages_to_guard():
    assert reverse("admin:accounts_user_changelist") in admin_pages()


@pytest.mark.parametrize("persona", ["alice_client", "carol_client"])
def test_applicants_and_lenders_cannot_open_or_post_admin_pages(persona, request):
    client = request.getfixturevalue(persona)
    for url in admin_pages():
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code == 302 and reverse("admin:login") in response.url, url


def test_admins_can(dave_client):
    for url in admin_pages():
        assert dave_client.get(url).status_code in (200, 403), url  # 403: a model that allows no adding
    assert dave_client.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_admins_see_every_job_with_its_state_and_error(dave_client, alice):
    ScoringJob.objects.create(owner=alice, state=ScoringJob.State.FAILED, error="the Facebook export could not be read")
    page = dave_client.get(reverse("admin:pipeline_scoringjob_changelist"), {"state__exact": "failed"}).content.decode()
    assert "the Facebook export could not be read" in page and "alice" in page
