"""Delete all my data: every source, file, job and score of the applicant goes, and only theirs."""
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from ingest.models import DataSource
from pipeline.models import ScoringJob
from scoring.models import ScoreResult
from tests.dashboards.conftest import score_for, source_with_files

pytestmark = pytest.mark.django_db


def test_the_confirmation_page_deletes_nothing(alice_client, alice):
    source = source_with_files(alice)
    score_for(alice)
    page = alice_client.get(reverse("dashboards:delete_all")).content.decode()
    assert "1 connected source" in page and "1 score" in page
    assert DataSource.objects.filter(owner=alice).exists() and ScoreResult.objects.filter(owner=alice).exists()
    assert (source.files_dir / "archive.zip").exists()


def test_it_removes_rows_and_files_of_the_applicant_only(alice_client, alice, bob, django_capture_on_commit_callbacks):
    facebook = source_with_files(alice, "facebook")
    linkedin = source_with_files(alice, "linkedin")
    ScoringJob.objects.create(owner=alice, state=ScoringJob.State.DONE)
    score_for(alice)
    score_for(alice, method="fuzzy", detail={"E0": [0.1, 0.2, 0.3, 0.2, 0.2]})
    # a folder left by an interrupted upload, with no row
    orphan = Path(settings.MEDIA_ROOT) / "sources" / f"{alice.pk}-instagram"
    orphan.mkdir(parents=True)
    (orphan / "archive.zip").write_bytes(b"partial")
    bobs = source_with_files(bob, "facebook")
    score_for(bob)

    # files go once the rows' transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("dashboards:delete_all"), follow=True)

    assert "All your data was deleted" in response.content.decode()
    assert not DataSource.objects.filter(owner=alice).exists()
    assert not ScoreResult.objects.filter(owner=alice).exists()
    assert not ScoringJob.objects.filter(owner=alice).exists()
    for folder in (facebook.files_dir, linkedin.files_dir, orphan):
        assert not folder.exists(), folder
    assert (bobs.files_dir / "media" / "photo.jpg").exists()
    assert DataSource.objects.filter(owner=bob).count() == 1 and ScoreResult.objects.filter(owner=bob).count() == 1
    alice.refresh_from_db()  # the account stays
    assert alice.is_active


def test_lenders_see_nothing_of_an_applicant_who_deleted(alice_client, carol_client, shared):
    score_for(shared)
    assert "alice" in carol_client.get(reverse("dashboards:lender_list")).content.decode()
    alice_client.post(reverse("dashboards:delete_all"))
    page = carol_client.get(reverse("dashboards:lender_list")).content.decode()
    assert "alice" not in page
