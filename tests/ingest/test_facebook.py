"""Facebook exports in both layouts, compared with what the generator wrote."""
import json
import zipfile

import pytest

from ingest.archive import SafeArchive
from ingest.parsers import parse_export
from ingest.parsers.base import MAX_ITEMS, fix_mojibake

from . import exports


@pytest.mark.parametrize("layout", ["2021", "2024"])
def test_it_reads_every_part_of_the_export(tmp_path, layout):
    written = exports.write_facebook(tmp_path / "fb.zip", layout)
    doc = parse_export("facebook", written.path).document()

    assert doc["platform"] == "facebook"
    assert doc["source"] == {"kind": "archive", "layout": f"facebook-{layout}"}
    assert [p["text"] for p in doc["posts"]] == written.posts
    assert [c["text"] for c in doc["comments"]] == written.comments
    assert doc["groups"] == written.groups
    assert doc["pages"] == written.pages  # liked and followed, deduplicated
    assert [m["path"] for m in doc["media"]] == written.media
    assert all(m["kind"] == "image" for m in doc["media"])
    for key, value in written.counts.items():
        assert doc["counts"][key] == value, key
    assert doc["counts"]["connections"] is None  # Facebook has no such thing: not told


def test_mojibake_is_undone_in_text_names_and_profile(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip")
    with zipfile.ZipFile(written.path) as archive:
        raw = archive.read("facebook-zoe-2024-01-05/posts/your_posts_1.json")
    assert b"Caf\\u00c3\\u00a9" in raw  # the generator really wrote Meta's mojibake ("é")
    doc = parse_export("facebook", written.path).document()
    assert "今天天气很好，我们去公园散步。" in [p["text"] for p in doc["posts"]]
    assert "Great day at the lake 😀🎉" in [p["text"] for p in doc["posts"]]
    assert doc["groups"][1] == "深圳创业者"
    me = doc["profile"]
    assert me["name"] == "Zoë Åkesson-李"
    assert me["location"] == "München, Germany"
    assert me["education"][0] == {"school": "Technische Universität München", "degree": "MSc", "graduated": True}
    assert me["positions"] == [{"company": "Brötchen GmbH", "title": "Bäckerin", "started_on": "2015-01", "ended_on": None}]


def test_profile_information_is_read(tmp_path):
    doc = parse_export("facebook", exports.write_facebook(tmp_path / "fb.zip", "2024").path).document()
    me = doc["profile"]
    assert me["birth_date"] == "1990-05-17"
    assert me["registered_at"] == "2010-01-01T00:00:00+00:00"
    assert me["emails"] == ["zoe@example.org", "zoe.old@example.org"]
    assert me["gender"] is None  # the export gives it (see exports.py); it is never kept
    assert "FEMALE" not in json.dumps(doc)
    assert me["verified"] is True


def test_timestamps_become_utc_iso(tmp_path):
    doc = parse_export("facebook", exports.write_facebook(tmp_path / "fb.zip").path).document()
    assert doc["posts"][0]["created_at"] == "2020-09-13T12:26:40+00:00"
    assert doc["posts"][0]["likes"] is None  # Facebook does not tell


def test_missing_files_are_warnings_and_nulls(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip", omit=("friends", "profile", "groups", "reactions"))
    doc = parse_export("facebook", written.path).document()
    assert doc["counts"]["friends"] is None
    assert doc["counts"]["reactions_given"] is None
    assert doc["counts"]["friend_requests_received"] == len(exports.REQUESTS)
    assert doc["profile"]["name"] is None and doc["profile"]["birth_date"] is None
    assert doc["profile"]["education"] is None and doc["profile"]["emails"] is None  # the profile file tells them
    assert doc["groups"] is None  # not told, rather than "no groups"
    warnings = " ".join(doc["warnings"])
    assert "No friends file (friends.json)" in warnings
    assert "profile_information.json is missing" in warnings
    assert "No group membership file" in warnings
    assert [p["text"] for p in doc["posts"]] == written.posts  # the rest is still read


def test_a_malformed_item_is_skipped_with_a_warning(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip")
    doc = parse_export("facebook", written.path).document()
    assert len(doc["posts"]) == len(written.posts)
    assert any("is not a post and was skipped" in w for w in doc["warnings"])
    assert any("is not a comment and was skipped" in w for w in doc["warnings"])
    assert "An education entry without a school name was skipped." in doc["warnings"]


def test_photos_missing_from_the_export_are_counted_in_a_warning(tmp_path):
    doc = parse_export("facebook", exports.write_facebook(tmp_path / "fb.zip").path).document()
    assert "1 photo or video file(s) named in the posts are not in the export." in doc["warnings"]


def test_a_damaged_json_file_keeps_the_items_before_the_fault(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip", top="")
    good = tmp_path / "damaged.zip"
    with zipfile.ZipFile(written.path) as source, zipfile.ZipFile(good, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "friends_and_followers/friends.json":
                data = data[: data.index(b"}", data.index(b"timestamp")) + 1] + b", {broken"
            target.writestr(info, data)
    doc = parse_export("facebook", good).document()
    assert doc["counts"]["friends"] == 1
    assert any("friends.json is damaged after item 1" in w for w in doc["warnings"])


def test_long_lists_are_capped_with_a_warning(tmp_path, monkeypatch):
    from ingest.parsers import base

    monkeypatch.setattr(base, "MAX_ITEMS", 3)
    doc = parse_export("facebook", exports.write_facebook(tmp_path / "fb.zip").path).document()
    assert len(doc["posts"]) == 3
    assert "Only the first 3 posts were kept." in doc["warnings"]
    assert MAX_ITEMS == 50_000


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("caf\u00c3\u00a9", "café"),
        ("\u00f0\u009f\u0098\u0080", "😀"),
        ("\u00e4\u00b8\u00ad\u00e6\u0096\u0087", "中文"),
        ("plain", "plain"),
        ("café", "café"),  # already right, and not valid as UTF-8 bytes: left alone
        ("中文", "中文"),  # beyond Latin-1: left alone
    ],
)
def test_fix_mojibake(raw, fixed):
    assert fix_mojibake(raw) == fixed
    assert fix_mojibake(fix_mojibake(raw)) == fixed


def test_the_archive_is_found_under_any_top_folder(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip", top="some/deeper/folder")
    with SafeArchive(written.path) as archive:
        assert archive.find("profile_information.json").startswith("some/deeper/folder/")
    doc = parse_export("facebook", written.path).document()
    assert doc["profile"]["name"] == "Zoë Åkesson-李"
