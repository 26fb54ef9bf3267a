"""An export uploaded as the wrong platform is refused, naming what it looks like."""
import zipfile

import pytest

from ingest.archive import ArchiveRefused, SafeArchive
from ingest.parsers import detect_platform, parse_export

from . import exports

WRITERS = {
    "facebook": exports.write_facebook,
    "linkedin": exports.write_linkedin,
    "instagram": exports.write_instagram,
    "twitter": exports.write_twitter,
}
LABELS = {"facebook": "Facebook", "linkedin": "LinkedIn", "instagram": "Instagram", "twitter": "X/Twitter"}
WITH_ARTICLE = {"facebook": "a Facebook", "linkedin": "a LinkedIn", "instagram": "an Instagram", "twitter": "an X/Twitter"}


@pytest.mark.parametrize("platform", sorted(WRITERS))
def test_each_export_is_detected_as_its_platform(tmp_path, platform):
    path = tmp_path / "export.zip"
    WRITERS[platform](path)
    with SafeArchive(path) as archive:
        assert detect_platform(archive) == platform


def test_the_2024_facebook_layout_is_not_mistaken_for_instagram(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip", "2024")
    with SafeArchive(written.path) as archive:
        assert detect_platform(archive) == "facebook"


@pytest.mark.parametrize("actual, claimed", [("linkedin", "facebook"), ("facebook", "instagram"), ("instagram", "twitter"), ("twitter", "linkedin")])
def test_the_wrong_platform_is_refused_naming_the_right_one(tmp_path, actual, claimed):
    path = tmp_path / "export.zip"
    WRITERS[actual](path)
    with pytest.raises(ArchiveRefused) as caught:
        parse_export(claimed, path)
    assert str(caught.value) == (
        f"This looks like {WITH_ARTICLE[actual]} export, not {WITH_ARTICLE[claimed]} one; upload it as {LABELS[actual]}."
    )


def test_a_zip_of_something_else_is_refused(tmp_path):
    path = tmp_path / "holiday.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday/IMG_0001.png", exports.tiny_png())
    with pytest.raises(ArchiveRefused) as caught:
        parse_export("facebook", path)
    assert str(caught.value) == (
        "This does not look like a Facebook export: none of its usual files "
        "(your_posts_1.json, your_posts__check_ins__photos_and_videos_1.json, profile_information.json ...) are in it."
    )


def test_an_unknown_platform_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError):
        parse_export("myspace", tmp_path / "x.zip")
