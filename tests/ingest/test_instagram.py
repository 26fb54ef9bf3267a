"""Instagram exports, compared with what the generator wrote."""
from ingest.parsers import parse_export

from . import exports


def test_it_reads_followers_posts_comments_and_likes(tmp_path):
    written = exports.write_instagram(tmp_path / "ig.zip")
    doc = parse_export("instagram", written.path).document()
    assert doc["source"] == {"kind": "archive", "layout": "instagram-2023"}
    for key, value in written.counts.items():
        assert doc["counts"][key] == value, key
    assert [p["text"] for p in doc["posts"]] == written.posts
    assert [c["text"] for c in doc["comments"]] == written.comments
    assert [m["path"].split("/", 1)[1] for m in doc["media"]] == written.media


def test_personal_information_is_read_and_mojibake_undone(tmp_path):
    written = exports.write_instagram(tmp_path / "ig.zip")
    me = parse_export("instagram", written.path).document()["profile"]
    assert me["name"] == "Zoë Åkesson"
    assert me["bio"] == "Bäckerin 🥐 München"
    assert me["birth_date"] == "1990-05-17"
    assert me["emails"] == ["zoe@example.org"]
    assert me["gender"] is None  # the export gives "female" (see exports.py); it is never kept


def test_malformed_posts_and_missing_photos_are_warnings(tmp_path):
    doc = parse_export("instagram", exports.write_instagram(tmp_path / "ig.zip").path).document()
    assert any("item 5 is not a post and was skipped" in w for w in doc["warnings"])
    assert "1 photo or video file(s) named in the posts are not in the export." in doc["warnings"]


def test_missing_files_are_warnings_and_nulls(tmp_path):
    doc = parse_export("instagram", exports.write_instagram(tmp_path / "ig.zip", omit=("following.json", "liked_posts.json")).path).document()
    assert doc["counts"]["following"] is None
    assert doc["counts"]["reactions_given"] is None
    assert doc["counts"]["followers"] == 9
    assert "No following.json in the export: accounts followed are unknown." in doc["warnings"]
