"""The access log: every lender page and API call that shows an applicant's data is written
down for that applicant, with the organisation, the time and the page or call; the applicant
reads it on /me/access/, and nobody else's."""
import pytest
from django.urls import reverse

from lending.models import FileAccess
from tests.conftest import client_for
from tests.dashboards.conftest import score_for
from tests.dashboards.test_scoping import api

pytestmark = pytest.mark.django_db


def entries(person) -> list[tuple[str, str, str]]:
    return [(e.organisation.slug if e.organisation else "admin", e.channel, e.what)
            for e in FileAccess.objects.filter(applicant=person).order_by("pk")]


@pytest.fixture
def scored(world):
    for person in (world.alice, world.erin):
        score_for(person)
    return world


def test_each_lender_page_is_logged_for_the_applicants_it_showed(scored):
    carol = client_for(scored.carol)
    carol.get(reverse("dashboards:lender_detail", args=[scored.alice.pk]))
    carol.get(reverse("dashboards:lender_list"))
    b"".join(carol.get(reverse("dashboards:lender_csv")).streaming_content)
    assert entries(scored.alice) == [
        ("north", "page", "applicant page"),
        ("north", "page", "applicant list page"),
        ("north", "page", "CSV export"),
    ]
    assert [e[2] for e in entries(scored.erin)] == ["applicant list page", "CSV export"]
    assert entries(scored.bob) == [] and entries(scored.gina) == []


def test_each_api_call_is_logged_with_its_method_and_path(scored):
    frank = api(scored.frank)
    frank.get(f"/api/applicants/{scored.erin.pk}/")
    frank.get(f"/api/applicants/{scored.erin.pk}/history/")
    frank.get("/api/applicants/")
    assert entries(scored.erin) == [
        ("south", "api", f"GET /api/applicants/{scored.erin.pk}/"),
        ("south", "api", f"GET /api/applicants/{scored.erin.pk}/history/"),
        ("south", "api", "GET /api/applicants/"),
    ]
    assert entries(scored.alice) == []  # not in frank's organisation, not shown, not logged


def test_a_refused_look_and_the_applicants_own_look_are_not_logged(scored):
    client_for(scored.frank).get(reverse("dashboards:lender_detail", args=[scored.alice.pk]))  # 404
    api(scored.alice).get(f"/api/applicants/{scored.alice.pk}/")
    client_for(scored.alice).get(reverse("dashboards:applicant"))
    assert entries(scored.alice) == []


def test_the_applicant_reads_their_log_and_only_theirs(scored):
    client_for(scored.carol).get(reverse("dashboards:lender_detail", args=[scored.erin.pk]))
    api(scored.frank).get(f"/api/applicants/{scored.erin.pk}/")
    client_for(scored.dave).get(reverse("dashboards:lender_detail", args=[scored.erin.pk]))
    page = client_for(scored.erin).get(reverse("dashboards:access_log")).content.decode()
    log = page.split('data-testid="access-log"')[1]
    assert "North Bank" in log and "Page: applicant page" in log
    assert "South Credit" in log and f"API: GET /api/applicants/{scored.erin.pk}/" in log
    assert "CredSly administrator" in log
    page = client_for(scored.alice).get(reverse("dashboards:access_log")).content.decode()
    assert 'data-testid="access-log-empty"' in page and "South Credit" not in page
