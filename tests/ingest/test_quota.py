"""A storage quota per applicant across all their sources: an upload that would pass it is
refused with a sentence and loses nothing already stored; images copied out of an export
stop at what the quota leaves."""
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ingest import services
from ingest.archive import ArchiveRefused
from ingest.models import DataSource
from ingest.quota import quota_refusal

from . import exports

pytestmark = pytest.mark.django_db


def upload_of(path, name="export.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, path.read_bytes(), content_type="application/zip")


def test_the_sentence_names_what_is_stored_and_the_limit():
    assert quota_refusal(used=3 * 1024**2, incoming=2 * 1024**2, quota=4 * 1024**2) == (
        "This upload would take the data you keep with us past your limit of 4.0 MB "
        "(3.0 MB already stored, 2.0 MB in this file). Delete a source you no longer need, or upload a smaller export."
    )
    assert quota_refusal(used=3 * 1024**2, incoming=1024**2, quota=4 * 1024**2) is None


def test_an_upload_past_the_quota_is_refused_and_the_other_sources_kept(alice, bob, media_root, tmp_path, settings):
    linkedin = services.source_store(owner=alice, platform="linkedin", uploaded_file=upload_of(exports.write_linkedin(tmp_path / "li.zip").path))
    facebook = exports.write_facebook(tmp_path / "fb.zip").path
    settings.UPLOAD_QUOTA_BYTES = linkedin.stored_bytes() + facebook.stat().st_size - 1
    with pytest.raises(ArchiveRefused, match=r"^This upload would take the data you keep with us past your limit"):
        services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(facebook))
    assert list(DataSource.objects.filter(owner=alice).values_list("platform", flat=True)) == ["linkedin"]
    assert (linkedin.files_dir / "archive.zip").exists()
    # The quota is alice's alone: bob's upload of the same file is within his.
    assert services.source_store(owner=bob, platform="facebook", uploaded_file=upload_of(facebook)).status == DataSource.Status.RECEIVED


def test_replacing_a_source_does_not_count_what_it_replaces(alice, media_root, tmp_path, settings):
    path = exports.write_facebook(tmp_path / "fb.zip").path
    settings.UPLOAD_QUOTA_BYTES = path.stat().st_size + 10
    services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(path))
    again = services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(path))
    assert again.status == DataSource.Status.RECEIVED


def test_stored_bytes_count_the_archive_and_the_images_kept(alice, media_root, tmp_path):
    path = exports.write_facebook(tmp_path / "fb.zip").path
    source = services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(path))
    assert source.stored_bytes() == path.stat().st_size
    services.source_parse(source)
    kept = sum(f.stat().st_size for f in (source.files_dir / "media").iterdir())
    assert kept > 0 and source.stored_bytes() == kept


def test_images_stop_where_the_quota_ends_with_a_warning(alice, media_root, tmp_path, settings):
    path = exports.write_facebook(tmp_path / "fb.zip").path
    first_photo = len(exports.tiny_png(0))
    settings.KEEP_RAW_ARCHIVES = True  # the archive stays, and counts
    settings.UPLOAD_QUOTA_BYTES = path.stat().st_size + first_photo
    source = services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(path))
    services.source_parse(source)
    assert source.status == DataSource.Status.PARSED
    assert [m.get("stored") for m in source.profile["media"]] == ["00000.png", None]
    assert "Only 1 image was kept for analysis: the rest would take your stored data past your limit." in source.profile["warnings"]


def test_the_page_says_the_quota_is_reached(alice_client, alice, media_root, tmp_path, settings):
    services.source_store(owner=alice, platform="linkedin", uploaded_file=upload_of(exports.write_linkedin(tmp_path / "li.zip").path))
    settings.UPLOAD_QUOTA_BYTES = 1024
    upload = upload_of(exports.write_twitter(tmp_path / "x.zip").path)
    response = alice_client.post(reverse("ingest:upload"), {"platform": "twitter", "archive": upload})
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(messages) == 1
    assert messages[0].startswith("Your X / Twitter export was refused: This upload would take the data you keep with us past your limit of 1 KB")
    assert not DataSource.objects.filter(platform="twitter").exists()
