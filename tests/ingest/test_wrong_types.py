"""Values of the wrong JSON type where the parsers expect a list or an object: the item or
file is skipped with a warning at worst, never a crash. (The property tests draw such
values at random; these are the places they must not break, pinned.)"""
import json
import zipfile

import pytest

from ingest.parsers import parse_export

from . import exports

FB = "facebook-zoe-2024-01-05/"


def with_member(path, name: str, value) -> None:
    exports.rewrite_zip(path, replace={name: json.dumps(value).encode()})


@pytest.mark.parametrize(
    "field, value",
    [("emails", {"emails": 5}), ("education_experiences", 7), ("work_experiences", True), ("emails", {"previous_emails": 1.5})],
)
def test_facebook_profile_fields_of_the_wrong_type(tmp_path, field, value):
    written = exports.write_facebook(tmp_path / "fb.zip")
    profile = exports.facebook_profile_v2()
    profile["profile_v2"][field] = value
    with_member(written.path, FB + "profile_information/profile_information.json", profile)
    assert parse_export("facebook", written.path).document()["profile"]["name"] == "Zoë Åkesson-李"


@pytest.mark.parametrize(
    "post",
    [
        {"timestamp": 1, "data": 3},
        {"timestamp": 1, "data": [{"post": "hi"}], "attachments": True},
        {"timestamp": 1, "attachments": [{"data": 9}]},
        {"timestamp": 1, "attachments": [{"data": [{"note": {"media": 4}}]}]},
    ],
)
def test_facebook_posts_of_the_wrong_shape(tmp_path, post):
    written = exports.write_facebook(tmp_path / "fb.zip")
    with_member(written.path, FB + "posts/your_posts_1.json", [post, {"timestamp": 2, "data": [{"post": "kept"}]}])
    assert [p["text"] for p in parse_export("facebook", written.path).document()["posts"]][-1] == "kept"


def test_facebook_comments_whose_data_is_not_a_list(tmp_path):
    written = exports.write_facebook(tmp_path / "fb.zip")
    with_member(written.path, FB + "comments_and_reactions/comments.json", {"comments_v2": [{"data": 1}]})
    assert parse_export("facebook", written.path).document()["comments"] == []


@pytest.mark.parametrize("registration", [[{"string_map_data": []}], [{"string_map_data": {"Time": 5}}]])
def test_instagram_signup_of_the_wrong_shape(tmp_path, registration):
    written = exports.write_instagram(tmp_path / "ig.zip")
    name = "instagram-zoe.bakes-2024-01-05/personal_information/signup_information.json"
    with zipfile.ZipFile(written.path, "a") as archive:
        archive.writestr(name, json.dumps({"account_history_registration_info": registration}))
    assert parse_export("instagram", written.path).document()["profile"]["registered_at"] is None
