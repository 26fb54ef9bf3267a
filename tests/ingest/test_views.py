"""The "connect your data" page: uploads, replacement, refusals and who may see what.
bob is the outsider whenever alice's sources are at stake."""
import pytest
import responses
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ingest.models import DataSource

from . import exports
from . import twitter_payloads as api

pytestmark = pytest.mark.django_db


def post_upload(client, platform, path, name="export.zip"):
    upload = SimpleUploadedFile(name, path.read_bytes(), content_type="application/zip")
    return client.post(reverse("ingest:upload"), {"platform": platform, "archive": upload})


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_an_upload_is_stored_then_parsed(alice_client, alice, media_root, tmp_path, eager_celery, django_capture_on_commit_callbacks):
    written = exports.write_facebook(tmp_path / "fb.zip")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_upload(alice_client, "facebook", written.path, "facebook-zoe.zip")
    assert response.status_code == 302 and response.url == reverse("ingest:sources")
    assert messages_of(response) == ["Your Facebook export was received and is being read."]
    source = DataSource.objects.get(owner=alice)
    assert source.status == DataSource.Status.PARSED
    page = alice_client.get(reverse("ingest:sources")).content.decode()
    assert "facebook-zoe.zip" in page
    assert 'data-source-status="parsed"' in page
    assert f"{len(written.posts)} posts" in page


def test_uploading_again_replaces_the_platforms_source(alice_client, alice, media_root, tmp_path):
    post_upload(alice_client, "linkedin", exports.write_linkedin(tmp_path / "a.zip", connections=3).path, "old.zip")
    post_upload(alice_client, "linkedin", exports.write_linkedin(tmp_path / "b.zip", connections=5).path, "new.zip")
    assert list(DataSource.objects.filter(owner=alice).values_list("original_name", flat=True)) == ["new.zip"]


@pytest.mark.parametrize(
    "writer, message",
    [
        (exports.write_not_a_zip, "This is not a zip file. Upload the .zip archive exactly as the platform sent it."),
        (exports.write_traversal, "The archive contains a file whose path leaves the archive (../../etc/cron.d/evil); it was refused."),
        (exports.write_linkedin, "This looks like a LinkedIn export, not a Facebook one; upload it as LinkedIn."),
    ],
)
def test_a_refused_file_is_said_so_plainly(alice_client, alice, media_root, tmp_path, writer, message):
    path = tmp_path / "x.zip"
    writer(path)
    response = post_upload(alice_client, "facebook", path)
    assert messages_of(response) == [f"Your Facebook export was refused: {message}"]
    source = DataSource.objects.get(owner=alice)
    assert (source.status, source.error) == (DataSource.Status.REFUSED, message)
    page = alice_client.get(reverse("ingest:sources")).content.decode()
    assert 'data-source-status="refused"' in page


def test_an_upload_over_the_limit_is_refused_clearly(alice_client, media_root, settings, tmp_path):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = tmp_path / "big.zip"
    exports.write_sized_members(big, [int(1.5 * 1024 * 1024)])
    response = post_upload(alice_client, "instagram", big)
    assert messages_of(response) == ["Nothing was uploaded: The file is too large (2 MB; the limit is 1 MB)."]
    assert not DataSource.objects.exists()


def test_an_outsider_never_sees_or_deletes_anothers_source(alice_client, alice, bob_client, media_root, tmp_path):
    post_upload(alice_client, "twitter", exports.write_twitter(tmp_path / "x.zip").path, "alice-secret-archive.zip")
    source = DataSource.objects.get(owner=alice)
    page = bob_client.get(reverse("ingest:sources")).content.decode()
    assert "alice-secret-archive.zip" not in page
    assert bob_client.get(reverse("ingest:delete", args=[source.pk])).status_code == 404
    assert bob_client.post(reverse("ingest:delete", args=[source.pk])).status_code == 404
    assert DataSource.objects.filter(pk=source.pk).exists()
    assert source.files_dir.exists()


def test_deleting_one_source_asks_first_and_deletes_nothing_until_confirmed(alice_client, alice, media_root, tmp_path):
    post_upload(alice_client, "twitter", exports.write_twitter(tmp_path / "x.zip").path, "my-archive.zip")
    source = DataSource.objects.get(owner=alice)
    listing = alice_client.get(reverse("ingest:sources")).content.decode()
    assert f'href="{reverse("ingest:delete", args=[source.pk])}"' in listing  # a link to the question, not a form
    question = alice_client.get(reverse("ingest:delete", args=[source.pk])).content.decode()
    assert "Delete your X / Twitter data?" in question and "my-archive.zip" in question
    assert "Yes, delete my X / Twitter data" in question and 'method="post"' in question
    assert DataSource.objects.filter(pk=source.pk).exists() and source.files_dir.exists()


def test_an_applicant_deletes_their_own_source(alice_client, alice, media_root, tmp_path):
    post_upload(alice_client, "twitter", exports.write_twitter(tmp_path / "x.zip").path)
    source = DataSource.objects.get(owner=alice)
    response = alice_client.post(reverse("ingest:delete", args=[source.pk]))
    assert messages_of(response)[-1] == "Your X / Twitter data was deleted."
    assert not DataSource.objects.exists()
    assert not source.files_dir.exists()


def test_only_logged_in_applicants_reach_the_page(client, carol_client, alice_client):
    url = reverse("ingest:sources")
    assert client.get(url).url.startswith(reverse("accounts:login"))
    assert carol_client.get(url).status_code == 403
    assert alice_client.get(url).status_code == 200
    assert alice_client.post(url).status_code == 405


def test_the_nav_links_to_the_page_for_applicants(alice_client, carol_client):
    link = f'href="{reverse("ingest:sources")}"'
    assert link in alice_client.get(reverse("home"), follow=True).content.decode()
    assert link not in carol_client.get(reverse("home"), follow=True).content.decode()


def test_without_a_token_the_page_says_handles_cannot_be_fetched(alice_client, settings):
    settings.TWITTER_BEARER_TOKEN = ""
    page = alice_client.get(reverse("ingest:sources")).content.decode()
    assert "Fetching by handle is not available on this server: it has no X/Twitter API token." in page
    response = alice_client.post(reverse("ingest:handle"), {"handle": "zoe_bakes"})
    assert messages_of(response)[0].startswith("Fetching X/Twitter handles is not set up on this server")
    assert not DataSource.objects.exists()


@responses.activate
def test_a_handle_is_fetched_when_a_token_is_set(alice_client, alice, media_root, settings, eager_celery, django_capture_on_commit_callbacks):
    settings.TWITTER_BEARER_TOKEN = "test-token"
    api.register_account(responses.mock)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("ingest:handle"), {"handle": "@zoe_bakes"})
    assert messages_of(response) == ["The X/Twitter account @zoe_bakes was received and is being read."]
    source = DataSource.objects.get(owner=alice)
    assert (source.kind, source.status) == (DataSource.Kind.API, DataSource.Status.PARSED)
    assert len(source.profile["posts"]) == 4


def test_a_malformed_handle_is_refused_by_the_form(alice_client, settings):
    settings.TWITTER_BEARER_TOKEN = "test-token"
    response = alice_client.post(reverse("ingest:handle"), {"handle": "no spaces allowed"})
    assert messages_of(response) == ["Nothing was fetched: An X/Twitter handle has 1 to 15 letters, digits or underscores, like @jack."]


def test_the_page_shows_the_progress_bar_while_an_upload_waits_to_be_scored(alice_client, alice, media_root, tmp_path):
    assert 'id="job-progress"' not in alice_client.get(reverse("ingest:sources")).content.decode()
    # Without a worker (no eager tasks here) the stored upload waits for its job.
    post_upload(alice_client, "linkedin", exports.write_linkedin(tmp_path / "a.zip").path)
    assert DataSource.objects.get(owner=alice).status == DataSource.Status.RECEIVED
    page = alice_client.get(reverse("ingest:sources")).content.decode()
    assert 'id="job-progress"' in page and reverse("pipeline:progress") in page
