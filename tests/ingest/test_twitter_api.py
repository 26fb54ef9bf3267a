"""Fetching an X/Twitter account through the v2 API, replaying recorded responses."""
import pytest
import responses

from ingest.forms import HandleForm
from ingest.parsers.twitter_api import BAD_HANDLE, TwitterUnavailable, bare_handle, fetch_profile

from . import twitter_payloads as api

TOKEN = "test-bearer-token-not-a-secret"


@responses.activate
def test_it_reads_the_profile_metrics_and_recent_tweets():
    api.register_account(responses.mock)
    doc = fetch_profile("@zoe_bakes", TOKEN).document()
    assert doc["platform"] == "twitter"
    assert doc["source"] == {"kind": "api", "layout": "twitter-api-v2"}
    assert doc["profile"]["name"] == "Zoë 🥐"
    assert doc["profile"]["registered_at"] == "2011-04-10T10:20:30+00:00"
    assert doc["profile"]["verified"] is False
    assert doc["counts"]["followers"] == 1520
    assert doc["counts"]["following"] == 312
    assert doc["counts"]["reactions_given"] == 8800
    texts = [t["text"] for t in api.PAGE_1["data"] + api.PAGE_2["data"]]
    assert [p["text"] for p in doc["posts"]] == texts  # both pages followed
    assert [p["likes"] for p in doc["posts"]] == [12, 30, 1, 7]
    assert [p["shares"] for p in doc["posts"]] == [2, 5, 0, 1]
    assert doc["posts"][0]["created_at"] == "2023-05-01T10:00:00+00:00"
    assert responses.calls[0].request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert "public_metrics" in responses.calls[0].request.url
    assert "pagination_token=7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i" in responses.calls[2].request.url


@responses.activate
def test_it_stops_at_max_tweets():
    api.register_account(responses.mock)
    doc = fetch_profile("zoe_bakes", TOKEN, max_tweets=2).document()
    assert len(doc["posts"]) == 2
    assert len(responses.calls) == 2  # no second page asked for


@responses.activate
def test_an_unknown_handle_is_a_clear_message():
    responses.get(f"{api.API}/users/by/username/nobody_here_x", json=api.NOT_FOUND)
    with pytest.raises(TwitterUnavailable, match=r"^No X/Twitter account is called @nobody_here_x\.$"):
        fetch_profile("nobody_here_x", TOKEN)


@pytest.mark.parametrize(
    "status, message",
    [
        (401, "X/Twitter refused this server's API token; an administrator must renew it."),
        (429, "X/Twitter is limiting how often we may ask; try again in about 15 minutes."),
        (503, "X/Twitter is having problems right now; try again later."),
    ],
)
@responses.activate
def test_api_errors_become_one_line(status, message):
    responses.get(f"{api.API}/users/by/username/zoe_bakes", status=status, json={"title": "error", "detail": "x"})
    with pytest.raises(TwitterUnavailable) as caught:
        fetch_profile("zoe_bakes", TOKEN)
    assert str(caught.value) == message


def test_without_a_token_nothing_is_asked():
    with responses.RequestsMock() as mock:
        with pytest.raises(TwitterUnavailable, match="no API token"):
            fetch_profile("zoe_bakes", "")
        assert len(mock.calls) == 0


def test_a_malformed_handle_is_refused_before_any_request():
    with pytest.raises(TwitterUnavailable, match="is not an X/Twitter handle"):
        fetch_profile("not a handle!", TOKEN)


@pytest.mark.parametrize("typed", ["zoe_bakes", "@zoe_bakes", "  @zoe_bakes "])
def test_a_handle_is_read_with_or_without_its_at_sign(typed):
    assert bare_handle(typed) == "zoe_bakes"
    form = HandleForm({"handle": typed})
    assert form.is_valid() and form.cleaned_data["handle"] == "zoe_bakes"


@pytest.mark.parametrize("typed", ["", "@", "@@zoe", "zoe bakes", "zoë", "a" * 16, "@" + "a" * 16])
def test_what_is_not_a_handle_is_refused_with_the_rule(typed):
    assert bare_handle(typed) is None
    form = HandleForm({"handle": typed})
    assert not form.is_valid()
    assert form.errors["handle"] in (["This field is required."], [BAD_HANDLE])
