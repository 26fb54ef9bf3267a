"""X/Twitter archives (data/*.js), compared with what the generator wrote."""
import pytest

from ingest.parsers import parse_export

from . import exports


@pytest.mark.parametrize("tweets_file", ["tweets.js", "tweet.js"])
def test_it_reads_account_tweets_and_counts(tmp_path, tweets_file):
    written = exports.write_twitter(tmp_path / "x.zip", tweets_file=tweets_file)
    doc = parse_export("twitter", written.path).document()
    assert doc["source"] == {"kind": "archive", "layout": "twitter-archive"}
    assert [p["text"] for p in doc["posts"]] == written.posts
    assert [p["likes"] for p in doc["posts"]] == [0, 3, 6, 9]
    assert [p["shares"] for p in doc["posts"]] == [0, 1, 2, 3]
    assert doc["posts"][1]["created_at"] == "2018-10-11T20:19:24+00:00"
    for key, value in written.counts.items():
        assert doc["counts"][key] == value, key
    me = doc["profile"]
    for key, value in written.profile.items():
        assert me[key] == value, key
    assert me["verified"] is False
    assert me["emails"] == ["zoe@example.org"]
    assert [m["path"] for m in doc["media"]] == written.media
    assert any("item 5 is not a tweet and was skipped" in w for w in doc["warnings"])


def test_missing_files_are_warnings_and_nulls(tmp_path):
    doc = parse_export("twitter", exports.write_twitter(tmp_path / "x.zip", omit=("follower.js", "like.js")).path).document()
    assert doc["counts"]["followers"] is None
    assert doc["counts"]["reactions_given"] is None
    assert doc["counts"]["following"] == 5
    assert "follower.js is missing: followers unknown." in doc["warnings"]
