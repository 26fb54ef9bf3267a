"""Admin pages of the pipeline: jobs are read-only; the profanity allow-list is editable."""
import pytest
from django.urls import reverse

from pipeline.models import ProfanityAllowPhrase, ScoringJob

pytestmark = pytest.mark.django_db


def test_an_admin_sees_jobs_but_cannot_add_or_change_them(dave_client, alice):
    job = ScoringJob.objects.create(owner=alice)
    job.fail("no progress for 20 minutes while reading your exports")
    page = dave_client.get(reverse("admin:pipeline_scoringjob_changelist"))
    assert page.status_code == 200 and "no progress for 20 minutes" in page.content.decode()
    assert dave_client.get(reverse("admin:pipeline_scoringjob_add")).status_code == 403
    assert dave_client.post(reverse("admin:pipeline_scoringjob_change", args=[job.pk]), {"state": "done"}).status_code == 403
    job.refresh_from_db()
    assert job.state == "failed"


def test_an_admin_adds_a_phrase_to_the_allow_list(dave_client):
    response = dave_client.post(
        reverse("admin:pipeline_profanityallowphrase_add"),
        {"phrase": "Breast Cancer Awareness", "reason": "health charity"},
    )
    assert response.status_code == 302
    assert "breast cancer awareness" in ProfanityAllowPhrase.phrases()


def test_an_applicant_cannot_open_the_allow_list(alice_client):
    response = alice_client.get(reverse("admin:pipeline_profanityallowphrase_changelist"))
    assert response.status_code == 302


def test_an_admin_scores_a_failed_job_again(dave_client, alice, bob, django_capture_on_commit_callbacks):
    from tests.pipeline.jobs import published_tasks

    failed = ScoringJob.objects.create(owner=alice)
    failed.fail("computing your score failed: a fault on our side stopped it; it has been logged for us to fix")
    done = ScoringJob.objects.create(owner=bob, state="done")
    action = {"action": "score_again", "_selected_action": [failed.pk, done.pk]}
    with published_tasks() as sent, django_capture_on_commit_callbacks(execute=True):
        response = dave_client.post(reverse("admin:pipeline_scoringjob_changelist"), action, follow=True)
    page = response.content.decode()
    assert "1 job started again." in page and "1 left alone: their latest job did not fail." in page
    again = ScoringJob.objects.filter(owner=alice).first()
    assert (again.state, again.attempt) == ("queued", 2)
    assert sent == [("scoring.tasks.parse_sources", (again.pk,))]
    assert ScoringJob.objects.filter(owner=bob).count() == 1
