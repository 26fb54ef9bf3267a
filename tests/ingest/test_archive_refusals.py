"""Every hostile or broken file is refused, with one line a person understands, and
before anything is inflated when the central directory already tells."""
import zipfile
from unittest import mock

import pytest

from ingest.archive import ArchiveLimits, ArchiveRefused, SafeArchive
from ingest.parsers import parse_export

from . import exports


def refusal(path, limits=None, platform="facebook") -> str:
    with pytest.raises(ArchiveRefused) as caught:
        parse_export(platform, path, limits)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_it_refuses_a_file_that_is_not_a_zip(tmp_path):
    message = refusal(exports.write_not_a_zip(tmp_path / "x.zip"))
    assert message == "This is not a zip file. Upload the .zip archive exactly as the platform sent it."


def test_it_refuses_an_empty_file_as_not_a_zip(tmp_path):
    (tmp_path / "empty.zip").write_bytes(b"")
    assert refusal(tmp_path / "empty.zip").startswith("This is not a zip file.")


def test_it_refuses_a_truncated_zip(tmp_path):
    message = refusal(exports.write_truncated(tmp_path / "t.zip"))
    assert message.startswith("The zip file is incomplete (truncated)")


def test_it_refuses_a_zip_whose_data_is_damaged(tmp_path):
    message = refusal(exports.write_corrupt(tmp_path / "c.zip"))
    assert message.startswith("The archive is damaged: posts/your_posts_1.json cannot be read")


def test_it_refuses_path_traversal(tmp_path):
    message = refusal(exports.write_traversal(tmp_path / "p.zip"))
    assert message == "The archive contains a file whose path leaves the archive (../../etc/cron.d/evil); it was refused."


def test_it_refuses_absolute_paths(tmp_path):
    message = refusal(exports.write_absolute(tmp_path / "a.zip"))
    assert message == "The archive contains a file with an absolute path (/etc/passwd); it was refused."


def test_it_refuses_windows_drive_paths(tmp_path):
    path = tmp_path / "w.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("C:/Windows/evil.dll", b"MZ")
    assert "absolute path (C:/Windows/evil.dll)" in refusal(path)


def test_it_refuses_symlink_members(tmp_path):
    message = refusal(exports.write_symlink(tmp_path / "s.zip"))
    assert message == (
        "The archive contains a symbolic link (profile_information/profile_information.json); "
        "exports never do, so it was refused."
    )


def test_it_refuses_nested_archives(tmp_path):
    message = refusal(exports.write_nested(tmp_path / "n.zip"))
    assert message == (
        "The archive contains another archive (backup/older_export.zip); upload the export itself, not a zip of zips."
    )


def test_it_refuses_too_many_members_before_building_the_member_list(tmp_path):
    path = exports.write_many_members(tmp_path / "m.zip", 60)
    with mock.patch.object(zipfile, "ZipFile", side_effect=AssertionError("the directory was read")):
        message = refusal(path, ArchiveLimits(max_members=50))
    assert message == "The archive has too many files (60; the limit is 50)."


def test_it_refuses_a_member_over_the_size_limit(tmp_path):
    path = exports.write_sized_members(tmp_path / "big.zip", [3 * 1024 * 1024])
    message = refusal(path, ArchiveLimits(max_member_bytes=2 * 1024 * 1024))
    assert message == "photos/p0.jpg is too large (3 MB; the limit per file is 2 MB)."


def test_it_refuses_a_total_over_the_limit(tmp_path):
    path = exports.write_sized_members(tmp_path / "total.zip", [1024 * 1024] * 4)
    message = refusal(path, ArchiveLimits(max_total_bytes=3 * 1024 * 1024))
    assert message == "The archive is too large once unpacked (over 3 MB)."


def test_it_refuses_a_zip_bomb_without_inflating_it(tmp_path):
    path = exports.write_bomb(tmp_path / "bomb.zip")
    assert path.stat().st_size < 100_000  # 8 MB of zeros, deflated
    with mock.patch.object(zipfile.ZipFile, "open", side_effect=AssertionError("a member was inflated")):
        message = refusal(path)
    assert message == (
        "The archive looks like a zip bomb: posts/your_posts_1.json would expand more than 200 times. It was not unpacked."
    )


def test_it_refuses_password_protected_members(tmp_path):
    message = refusal(exports.write_encrypted(tmp_path / "enc.zip"))
    assert message == "The archive is password-protected (posts/your_posts_1.json); upload it without a password."


def test_the_bounded_reader_stops_at_its_limit(tmp_path):
    """Should the directory lie, the stream still stops at the first byte over the limit."""
    import io

    from ingest.archive import BoundedReader

    reader = BoundedReader(io.BytesIO(b"x" * 100), limit=10, name="m", reason="too much data in m")
    with pytest.raises(ArchiveRefused, match="too much data in m"):
        reader.read()
    assert reader.delivered == 11


def test_limits_come_from_settings(settings):
    settings.ARCHIVE_LIMITS = {"max_members": 7, "max_member_bytes": 8, "max_total_bytes": 9, "max_ratio": 10.0}
    assert ArchiveLimits.from_settings() == ArchiveLimits(7, 8, 9, 10.0)


def test_find_and_resolve_ignore_the_top_folder(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip")
    with SafeArchive(written.path) as archive:
        assert archive.find("your_posts_1.json") == "facebook-zoe-2024-01-05/posts/your_posts_1.json"
        assert archive.find("posts_1.json") is None  # only at a folder boundary
        assert archive.resolve("posts/media/TimelinePhotos_x1/photo_0.png") == written.media[0]
        assert archive.resolve("posts/media/nowhere.png") is None
        assert all(not n.endswith("/") for n in archive.names())
