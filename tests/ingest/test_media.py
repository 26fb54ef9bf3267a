"""``ingest.media.store_images``: the images a profile lists, copied out of its archive."""
from ingest.media import store_images
from ingest.parsers import parse_export
from ingest.profile import read_profile

from . import exports
from . import weibo_output as crawler


def test_listed_images_are_copied_under_names_of_our_own(tmp_path):
    written = exports.write_instagram(tmp_path / "ig.zip")
    profile = parse_export("instagram", written.path)
    assert store_images(written.path, profile, tmp_path / "media") == len(written.media)
    stored = [m.stored for m in profile.media]
    assert stored == [f"{n:05d}.png" for n in range(len(written.media))]
    assert sorted(p.name for p in (tmp_path / "media").iterdir()) == stored
    assert profile.document()["media"][0]["stored"] == "00000.png"


def test_a_profile_whose_media_are_not_told_stores_nothing(tmp_path):
    # A Weibo posts file alone holds no pictures: its media are null, not a list.
    path = tmp_path / f"{crawler.USER_ID}.csv"
    path.write_bytes(crawler.posts_csv())
    profile = parse_export("weibo", path)
    assert profile.media is None
    assert store_images(path, profile, tmp_path / "media") == 0
    assert not (tmp_path / "media").exists()
    assert store_images(path, read_profile({"platform": "twitter"}), tmp_path / "media") == 0
