"""``ingest.profile``: the one type every parser builds and every reader reads."""
from pathlib import Path

import pytest
import responses

from ingest.parsers import PLATFORMS, parse_export
from ingest.parsers import facebook, twitter_api
from ingest.parsers.base import ProfileBuilder
from ingest.profile import LISTS, PLATFORM_NAMES, TELLABLE, ProfileInvalid, read_documents, read_profile

from . import exports
from . import twitter_payloads as api
from . import weibo_output as crawler


def _weibo_file(path: Path, name: str, data: bytes) -> Path:
    target = path / name
    target.write_bytes(data)
    return target


EXPORTS = {
    "facebook-2021": ("facebook", lambda p: exports.write_facebook(p / "fb.zip").path),
    "facebook-2024": ("facebook", lambda p: exports.write_facebook(p / "fb.zip", "2024").path),
    "linkedin": ("linkedin", lambda p: exports.write_linkedin(p / "li.zip").path),
    "instagram": ("instagram", lambda p: exports.write_instagram(p / "ig.zip").path),
    "twitter": ("twitter", lambda p: exports.write_twitter(p / "x.zip").path),
    "weibo-zip-csv": ("weibo", lambda p: crawler.write_output_zip(p / "wb.zip").path),
    "weibo-zip-json": ("weibo", lambda p: crawler.write_output_zip(p / "wb.zip", mode="json").path),
    "weibo-posts-csv": ("weibo", lambda p: _weibo_file(p, f"{crawler.USER_ID}.csv", crawler.posts_csv())),
    "weibo-users-csv": ("weibo", lambda p: _weibo_file(p, "users.csv", crawler.users_csv())),
}


def _value_at(document: dict, path: str):
    parent, _, key = path.rpartition(".")
    return (document[parent] if parent else document).get(key)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_the_type_takes_every_parsers_output_and_gives_it_back_unchanged(tmp_path, name):
    platform, write = EXPORTS[name]
    document = parse_export(platform, write(tmp_path)).document()
    assert read_profile(document).document() == document
    assert ("weibo" in document) == (platform == "weibo")


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_what_a_platform_cannot_tell_stays_null(tmp_path, name):
    platform, write = EXPORTS[name]
    document = parse_export(platform, write(tmp_path)).document()
    untold = [path for path in TELLABLE if path not in PLATFORMS[platform].TELLS]
    assert untold  # no platform tells everything
    assert {path: _value_at(document, path) for path in untold} == dict.fromkeys(untold)


@responses.activate
def test_a_handle_fetched_through_the_api_tells_less_than_an_archive():
    api.register_account(responses.mock)
    document = twitter_api.fetch_profile("zoe_bakes", "test-bearer-token-not-a-secret").document()
    assert read_profile(document).document() == document
    assert twitter_api.TELLS < PLATFORMS["twitter"].TELLS
    for path in ("profile.emails", "profile.skills", "comments", "groups", "pages", "media"):
        assert _value_at(document, path) is None, path
    assert len(document["posts"]) == 4


def test_every_platform_declares_what_it_tells_and_is_one_the_type_knows():
    assert set(PLATFORMS) == set(PLATFORM_NAMES)
    for module in (*PLATFORMS.values(), twitter_api):
        assert module.TELLS <= set(TELLABLE), module.__name__


def test_facebook_tells_no_skills_and_x_no_education():
    assert "profile.skills" not in facebook.TELLS and "profile.education" in facebook.TELLS
    assert "profile.education" not in PLATFORMS["twitter"].TELLS and "profile.education" not in PLATFORMS["instagram"].TELLS
    assert "profile.skills" in PLATFORMS["linkedin"].TELLS


def test_a_list_is_told_only_once_its_file_is_found():
    out = ProfileBuilder("facebook", "archive", "test", facebook.TELLS)
    assert {path: _value_at(out.doc, path) for path in LISTS} == dict.fromkeys(LISTS)
    out.tell("groups")
    out.add_comment("hello", None)
    document = out.build().document()
    assert document["groups"] == [] and document["comments"] == [{"text": "hello", "created_at": None}]
    assert document["posts"] is None and document["profile"]["skills"] is None


def test_a_parser_cannot_fill_what_its_platform_cannot_tell():
    out = ProfileBuilder("facebook", "archive", "test", facebook.TELLS)
    with pytest.raises(ValueError, match="facebook exports cannot tell the list profile.skills"):
        out.tell("profile.skills")
    out.profile["skills"] = ["Python"]
    out.counts["connections"] = 3
    with pytest.raises(ValueError, match="the facebook parser filled profile.skills, counts.connections, which its"):
        out.build()
    with pytest.raises(ValueError, match="not fields of the normalized profile: profile.hobbies"):
        ProfileBuilder("facebook", "archive", "test", facebook.TELLS | {"profile.hobbies"})


def test_profiles_stored_by_earlier_versions_still_load():
    # No "weibo" key, and the Facebook skills: [] that earlier parsers wrote.
    stored = {
        "schema_version": 1, "platform": "facebook", "source": {"kind": "archive", "layout": "facebook-2021"},
        "profile": {"name": "Zoë", "emails": [], "birth_date": "1990-05-17", "gender": None, "location": None, "bio": None,
                    "registered_at": "2010-01-01T00:00:00+00:00", "verified": True, "education": [], "positions": [],
                    "skills": []},
        "counts": dict.fromkeys(("friends", "followers", "following", "connections", "friend_requests_received",
                                 "invitations_received", "reactions_given")),
        "posts": [{"text": "hi", "created_at": None, "likes": None, "shares": None}], "comments": [], "groups": [],
        "pages": [], "media": [{"path": "a/b.jpg", "kind": "image", "created_at": None, "stored": "00000.jpg"}],
        "warnings": [],
    }
    profile = read_profile(stored)
    assert profile.weibo is None and profile.profile.skills == [] and profile.media[0].stored == "00000.jpg"
    assert profile.document() == stored


def test_an_absent_key_reads_as_not_told_and_stays_absent():
    profile = read_profile({"platform": "twitter", "posts": [{"text": "hi"}]})
    assert profile.comments is None and profile.profile.skills is None and profile.counts.followers is None
    assert profile.document() == {"platform": "twitter", "posts": [{"text": "hi"}]}
    assert read_documents([{"platform": "weibo"}]) == [{"platform": "weibo"}]


def test_a_value_set_after_reading_is_written_back():
    profile = read_profile({"platform": "instagram", "media": [{"path": "a.jpg", "kind": "image"}]})
    profile.media[0].stored = "00000.jpg"
    assert profile.document()["media"] == [{"path": "a.jpg", "kind": "image", "stored": "00000.jpg"}]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"platform": "facebook", "posts": [{"text": "a"}, {"text": "b"}, {"text": "c"}, {"text": 42}]},
         "posts.3.text: expected a string"),
        ({"platform": "facebook", "posts": "many"}, "posts: expected a list"),
        ({"platform": "facebook", "groups": ["ok", None]}, "groups.1: expected a string"),
        ({"platform": "linkedin", "profile": {"skills": "Python"}}, "profile.skills: expected a list"),
        ({"platform": "linkedin", "profile": {"education": [{"degree": "BSc"}]}}, "profile.education.0.school: required"),
        ({"platform": "linkedin", "profile": {"positions": [{"company": "A", "started_on": "March"}]}},
         "profile.positions.0.started_on: expected a month as YYYY-MM"),
        ({"platform": "facebook", "profile": {"birth_date": "17/05/1990"}}, "profile.birth_date: expected a date as YYYY-MM-DD"),
        ({"platform": "facebook", "profile": {"verified": "yes"}}, "profile.verified: expected true or false"),
        ({"platform": "facebook", "counts": {"friends": "12"}}, "counts.friends: expected a whole number"),
        ({"platform": "facebook", "counts": {"friends": -1}}, "counts.friends: expected at least 0"),
        ({"platform": "facebook", "counts": {"friends": True}}, "counts.friends: expected a whole number"),
        ({"platform": "facebook", "comments": [{"text": "hi", "created_at": "last Tuesday"}]},
         "comments.0.created_at: expected an ISO-8601 date and time"),
        ({"platform": "facebook", "media": [{"path": "a.mp3", "kind": "audio"}]}, "media.0.kind: expected 'image' or 'video'"),
        ({"platform": "weibo", "weibo": {"sunshine_credit_rank": 6}}, "weibo.sunshine_credit_rank: expected at most 5"),
        ({"platform": "facebook", "post": []}, "post: not a field of the normalized profile"),
        ({"platform": "myspace"}, "platform: expected 'facebook', 'linkedin', 'instagram', 'twitter' or 'weibo'"),
        ({"schema_version": 2, "platform": "facebook"}, "schema_version: expected 1"),
        ({"posts": []}, "platform: required"),
        (["not", "a", "profile"], "the profile: expected an object"),
        ({"platform": "facebook", "posts": [{"text": 1}], "groups": [2]}, "posts.0.text: expected a string (and 1 more)"),
    ],
)
def test_a_wrong_shape_is_refused_with_one_line_naming_the_field(document, message):
    with pytest.raises(ProfileInvalid) as refused:
        read_profile(document)
    assert str(refused.value) == message
