"""Hostile archives found by trying the reader as an attacker would: compression methods
that inflate without bound, a directory that lies about its own size, images of any size,
and, the other way round, a genuine small member that compresses very well."""
import tracemalloc
import zipfile
from pathlib import Path
from unittest import mock

import pytest

from ingest.archive import ArchiveLimits, ArchiveRefused, SafeArchive
from ingest.media import store_images
from ingest.parsers import parse_export

from . import exports


def refusal(path: Path, limits: ArchiveLimits | None = None) -> str:
    with pytest.raises(ArchiveRefused) as caught:
        parse_export("facebook", path, limits)
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("method, label", [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "LZMA")])
def test_it_refuses_bzip2_and_lzma_members_before_inflating_anything(tmp_path, method, label):
    path = exports.write_facebook(tmp_path / "fb.zip", top="").path
    exports.rewrite_zip(path, compression=method)
    with mock.patch.object(zipfile.ZipFile, "open", side_effect=AssertionError("a member was inflated")):
        message = refusal(path)
    assert message.startswith(f"The archive uses {label} compression (")
    assert message.endswith("); exports are never packed that way, so it was refused.")


def test_a_stored_or_deflated_export_is_still_read(tmp_path):
    path = exports.write_facebook(tmp_path / "fb.zip", top="").path
    exports.rewrite_zip(path, compression=zipfile.ZIP_STORED)
    assert parse_export("facebook", path).document()["counts"]["friends"] == len(exports.FRIENDS)


def test_a_directory_with_more_entries_than_declared_is_refused_cheaply(tmp_path):
    """Declared 1, supplied 300,000: zipfile alone would build every entry (about 144 MB)."""
    path = exports.write_lying_directory(tmp_path / "lie.zip", declared=1, entries=300_000)
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveRefused) as caught:
            SafeArchive(path).__enter__()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (
        "The zip file is damaged: its table of contents does not match its own count of files (1). "
        "Download the export again and upload the whole file."
    )
    assert peak < 4 * 1024 * 1024


def test_a_directory_with_fewer_entries_than_declared_is_refused(tmp_path):
    path = exports.write_lying_directory(tmp_path / "lie.zip", declared=3, entries=2)
    assert refusal(path).startswith("The zip file is damaged: its table of contents does not match its own count of files (3).")


def test_a_directory_over_the_member_limit_is_refused_before_zipfile_reads_it(tmp_path):
    path = exports.write_lying_directory(tmp_path / "many.zip", declared=1, entries=5_000)
    with mock.patch.object(zipfile, "ZipFile", side_effect=AssertionError("the directory was read")):
        message = refusal(path, ArchiveLimits(max_members=100))
    assert message.startswith("The zip file is damaged: its table of contents")


def test_a_huge_image_is_skipped_with_a_warning_and_never_opened(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip")
    big_photo = written.media[1]
    exports.rewrite_zip(written.path, replace={big_photo: bytes(3 * 1024 * 1024)})
    limits = ArchiveLimits(max_image_bytes=1024 * 1024)
    parsed = parse_export("facebook", written.path, limits)
    opened = []
    real_open = SafeArchive.open

    def spy(self, name, *args, **kwargs):
        opened.append(name)
        return real_open(self, name, *args, **kwargs)

    with mock.patch.object(SafeArchive, "open", spy):
        stored = store_images(written.path, parsed, tmp_path / "media", limits)
    profile = parsed.document()
    assert stored == 1
    assert big_photo not in opened
    assert f"{big_photo} is too large to analyse as an image (3 MB; the limit is 1 MB) and was skipped." in profile["warnings"]
    assert [m.get("stored") for m in profile["media"]] == ["00000.png", None]


def test_the_default_image_limit_is_far_below_the_member_limit():
    limits = ArchiveLimits()
    assert limits.max_image_bytes <= 64 * 1024**2 < limits.max_member_bytes


def test_a_small_member_is_accepted_whatever_its_ratio(tmp_path):
    """5 MB of one repeated character deflates well over 200 to one, yet holds no danger:
    a genuine export with one very long field must not be lost."""
    written = exports.write_facebook(tmp_path / "fb.zip", top="")
    long_bio = {"profile_v2": {**exports.facebook_profile_v2()["profile_v2"], "intro_bio": "ha" * (5 * 512 * 1024)}}
    exports.rewrite_zip(written.path, replace={"profile_information/profile_information.json": exports.meta_json(long_bio)})
    with zipfile.ZipFile(written.path) as archive:
        info = archive.getinfo("profile_information/profile_information.json")
    assert info.file_size > 200 * info.compress_size and info.file_size > 5 * 1024 * 1024
    profile = parse_export("facebook", written.path).document()
    assert profile["profile"]["bio"] == "ha" * (5 * 512 * 1024)


def test_the_ratio_threshold_comes_from_settings(settings):
    settings.ARCHIVE_LIMITS = {"ratio_min_bytes": 12345, "max_image_bytes": 678}
    limits = ArchiveLimits.from_settings()
    assert (limits.ratio_min_bytes, limits.max_image_bytes) == (12345, 678)


def test_a_large_member_over_the_ratio_is_still_refused(tmp_path):
    path = exports.write_bomb(tmp_path / "bomb.zip", inflated_bytes=4 * 1024 * 1024)
    message = refusal(path, ArchiveLimits(ratio_min_bytes=1024 * 1024))
    assert message.startswith("The archive looks like a zip bomb: posts/your_posts_1.json would expand more than 200 times.")


def test_a_directory_entry_far_longer_than_any_exports_is_refused(tmp_path):
    """zipfile keeps every name and extra field of the directory in memory: entries of 64 KB
    names would let the directory cost as much memory as the upload's size."""
    path = tmp_path / "long.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("posts/your_posts_1.json", b"[]")
        archive.writestr("posts/" + "x" * 5000 + ".json", b"[]")
    assert refusal(path) == (
        "The zip file is damaged or crafted: an entry of its table of contents is far longer than any export's. It was refused."
    )
