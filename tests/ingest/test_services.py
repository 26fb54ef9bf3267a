"""Storing, replacing, parsing and deleting sources through ``ingest.services``."""
import hashlib

import pytest
import responses
from django.core.files.uploadedfile import SimpleUploadedFile

from ingest import services
from ingest.archive import ArchiveRefused
from ingest.models import DataSource
from ingest.signals import source_stored

from . import exports
from . import twitter_payloads as api

pytestmark = pytest.mark.django_db


def upload_of(path, name="export.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, path.read_bytes(), content_type="application/zip")


def test_store_streams_the_file_with_its_size_and_sha256(alice, media_root, tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip")
    data = written.path.read_bytes()
    source = services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(written.path, "facebook-zoe.zip"))
    assert source.status == DataSource.Status.RECEIVED
    assert source.size == len(data)
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.original_name == "facebook-zoe.zip"
    assert (source.files_dir / "archive.zip").read_bytes() == data


def test_store_sends_source_stored_once_committed(alice, media_root, tmp_path, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, source, **kwargs):
        received.append(source.pk)

    source_stored.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            source = services.source_store(
                owner=alice, platform="linkedin", uploaded_file=upload_of(exports.write_linkedin(tmp_path / "li.zip").path)
            )
            assert received == []  # not before the commit
    finally:
        source_stored.disconnect(receiver)
    assert received == [source.pk]


def test_uploading_again_replaces_the_source_and_its_files(alice, media_root, tmp_path):
    first = services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(exports.write_facebook(tmp_path / "a.zip").path))
    (first.files_dir / "media").mkdir()
    (first.files_dir / "media" / "00000.png").write_bytes(b"old photo")
    second_path = exports.write_facebook(tmp_path / "b.zip", "2024").path
    second = services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(second_path))
    assert list(DataSource.objects.filter(owner=alice).values_list("pk", flat=True)) == [second.pk]
    assert not (second.files_dir / "media").exists()
    assert (second.files_dir / "archive.zip").read_bytes() == second_path.read_bytes()


def test_a_file_of_the_wrong_platform_is_stored_as_refused_at_once(alice, media_root, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        source = services.source_store(
            owner=alice, platform="facebook", uploaded_file=upload_of(exports.write_linkedin(tmp_path / "li.zip").path)
        )
    assert source.status == DataSource.Status.REFUSED
    assert source.error == "This looks like a LinkedIn export, not a Facebook one; upload it as LinkedIn."
    assert callbacks == []  # nothing for later stages to do


def test_a_file_over_the_upload_limit_is_refused_and_not_stored(alice, media_root, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ArchiveRefused, match=r"^The file is too large \(2 MB; the limit is 1 MB\)\.$"):
        services.source_store(owner=alice, platform="facebook", uploaded_file=SimpleUploadedFile("big.zip", b"0" * (2 * 1024 * 1024)))
    assert not DataSource.objects.exists()


def test_parse_stores_the_profile_keeps_images_and_drops_the_archive(alice, media_root, tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip")
    source = services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(written.path))
    services.source_parse(source)
    source.refresh_from_db()
    assert source.status == DataSource.Status.PARSED
    assert source.parsed_at is not None and source.error == ""
    assert [p["text"] for p in source.profile["posts"]] == written.posts
    media = source.profile["media"]
    assert [m["stored"] for m in media] == ["00000.png", "00001.png"]
    for entry, png in zip(media, [exports.tiny_png(0), exports.tiny_png(1)]):
        assert (source.files_dir / "media" / entry["stored"]).read_bytes() == png
    assert not source.archive
    assert not (source.files_dir / "archive.zip").exists()


def test_the_raw_archive_is_kept_when_settings_say_so(alice, media_root, tmp_path, settings):
    settings.KEEP_RAW_ARCHIVES = True
    source = services.source_store(owner=alice, platform="twitter", uploaded_file=upload_of(exports.write_twitter(tmp_path / "x.zip").path))
    services.source_parse(source)
    assert source.status == DataSource.Status.PARSED
    assert (source.files_dir / "archive.zip").exists()


def test_damage_found_while_parsing_refuses_and_deletes_the_archive(alice, media_root, tmp_path):
    source = services.source_store(owner=alice, platform="facebook", uploaded_file=upload_of(exports.write_corrupt(tmp_path / "c.zip")))
    assert source.status == DataSource.Status.RECEIVED  # the directory is sound; the data is not
    services.source_parse(source)
    source.refresh_from_db()
    assert source.status == DataSource.Status.REFUSED
    assert source.error.startswith("The archive is damaged: posts/your_posts_1.json cannot be read")
    assert source.profile is None
    assert not source.archive and not source.files_dir.exists()  # a refused archive is not kept


def test_a_fault_of_ours_is_logged_and_shown_as_one_line(alice, media_root, tmp_path, monkeypatch, caplog):
    source = services.source_store(owner=alice, platform="linkedin", uploaded_file=upload_of(exports.write_linkedin(tmp_path / "li.zip").path))

    def broken(archive):
        raise KeyError("a bug")

    monkeypatch.setattr("ingest.parsers.linkedin.parse", broken)
    services.source_parse(source)
    assert source.status == DataSource.Status.REFUSED
    assert source.error == services.INTERNAL_FAULT
    assert "parsing source" in caplog.text
    assert (source.files_dir / "archive.zip").exists()  # kept: our bug must not lose what was sent


@responses.activate
def test_a_handle_is_fetched_with_the_configured_token(alice, media_root, settings):
    settings.TWITTER_BEARER_TOKEN = "test-token"
    api.register_account(responses.mock)
    source = services.source_store(owner=alice, platform="twitter", handle="@zoe_bakes")
    assert source.kind == DataSource.Kind.API and source.handle == "zoe_bakes"
    services.source_parse(source)
    assert source.status == DataSource.Status.PARSED
    assert source.profile["counts"]["followers"] == 1520
    assert responses.calls[0].request.headers["Authorization"] == "Bearer test-token"


def test_delete_removes_the_row_and_every_file(alice, media_root, tmp_path):
    source = services.source_store(owner=alice, platform="instagram", uploaded_file=upload_of(exports.write_instagram(tmp_path / "ig.zip").path))
    services.source_parse(source)
    folder = source.files_dir
    assert any(folder.rglob("*.png"))
    services.source_delete(source)
    assert not folder.exists()
    assert not DataSource.objects.exists()
