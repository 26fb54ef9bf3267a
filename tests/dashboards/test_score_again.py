"""An applicant whose last scoring failed sees why, in a sentence, and a button to score
again from the data already read; nobody else can press it for them."""
import pytest
from django.urls import reverse

from ingest.models import DataSource
from pipeline.models import ScoringJob
from tests.pipeline.jobs import published_tasks

pytestmark = pytest.mark.django_db
FAILED = "computing your score failed: a fault on our side stopped it; it has been logged for us to fix"


@pytest.fixture
def failed(alice) -> ScoringJob:
    DataSource.objects.create(owner=alice, platform="twitter", status=DataSource.Status.PARSED,
                              profile={"platform": "twitter", "posts": [], "media": []})
    job = ScoringJob.objects.create(owner=alice)
    job.fail(FAILED)
    return job


def test_the_applicant_sees_the_reason_and_the_button(alice_client, failed):
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert f"Your last scoring did not finish: {FAILED}" in page
    assert reverse("dashboards:score_again") in page


def test_no_button_after_a_job_that_did_not_fail(alice_client, alice):
    ScoringJob.objects.create(owner=alice, state="done")
    assert reverse("dashboards:score_again") not in alice_client.get(reverse("dashboards:applicant")).content.decode()


def test_pressing_it_starts_a_new_attempt_that_reuses_what_was_read(alice_client, alice, failed, django_capture_on_commit_callbacks):
    with published_tasks() as sent, django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("dashboards:score_again"), follow=True)
    assert "Scoring again from the data you gave" in response.content.decode()
    again = ScoringJob.objects.filter(owner=alice).first()
    assert again.pk != failed.pk and (again.state, again.attempt) == ("queued", 2)
    assert sent == [("scoring.tasks.parse_sources", (again.pk,))]
    assert DataSource.objects.get(owner=alice).status == DataSource.Status.PARSED


def test_an_outsider_cannot_score_someone_else_again(bob_client, carol_client, client, alice, failed):
    response = bob_client.post(reverse("dashboards:score_again"), follow=True)
    assert "There is nothing to score again" in response.content.decode()
    assert carol_client.post(reverse("dashboards:score_again")).status_code == 403
    assert client.post(reverse("dashboards:score_again")).status_code == 302
    assert list(ScoringJob.objects.filter(owner=alice)) == [failed]


def test_only_a_post_scores_again(alice_client):
    assert alice_client.get(reverse("dashboards:score_again")).status_code == 405
