"""An X/Twitter account fetched by handle through the v2 API (tweepy's ``Client``).

Two requests: ``GET /2/users/by/username/:handle`` (profile and public metrics) and
``GET /2/users/:id/tweets`` (recent tweets with their like and retweet counts), paged up to
``max_tweets``. Every failure becomes a ``TwitterUnavailable`` whose message is one line
for the applicant; nothing of the API's raw error text is needed to understand it.
"""
from __future__ import annotations

import re
from typing import Any

import requests
import tweepy

from ..profile import Profile
from .base import ProfileBuilder, as_int, clean_text, parse_datetime

# X's own rule for handles (1-15 letters, digits or underscores), with the "@" people type
# in front of them or not.
HANDLE = re.compile(r"^@?([A-Za-z0-9_]{1,15})$")
BAD_HANDLE = "An X/Twitter handle has 1 to 15 letters, digits or underscores, like @jack."
NO_TOKEN = "Fetching X/Twitter handles is not set up on this server (no API token)."
USER_FIELDS = ["created_at", "description", "location", "public_metrics", "verified", "name", "username"]
TWEET_FIELDS = ["created_at", "public_metrics"]
# What the two requests tell (paths of ingest.profile.TELLABLE): less than an archive, with
# no e-mail address and no photos.
TELLS = frozenset(
    {
        "profile.name", "profile.location", "profile.bio", "profile.registered_at", "profile.verified",
        "counts.followers", "counts.following", "counts.reactions_given",
        "posts",
    }
)


class TwitterUnavailable(Exception):
    """The account could not be fetched; ``str()`` is one line for a person."""


def bare_handle(text: str | None) -> str | None:
    """``@Name`` or ``Name`` (spaces around it ignored) as ``Name``; None for anything else."""
    match = HANDLE.match((text or "").strip())
    return match.group(1) if match else None


def normalize_handle(handle: str) -> str:
    """``@Name`` or ``Name`` to ``Name``; ``TwitterUnavailable`` for anything else."""
    bare = bare_handle(handle)
    if bare is None:
        raise TwitterUnavailable(f"'{handle}' is not an X/Twitter handle. {BAD_HANDLE}")
    return bare


def require_token(bearer_token: str) -> None:
    """Refuse at once, with one line for the applicant, when the server has no API token."""
    if not bearer_token:
        raise TwitterUnavailable(NO_TOKEN)


def fetch_profile(handle: str, bearer_token: str, max_tweets: int = 100) -> Profile:
    """The normalized profile (platform "twitter", source.kind "api") of one account."""
    handle = normalize_handle(handle)
    require_token(bearer_token)
    client = tweepy.Client(bearer_token=bearer_token, wait_on_rate_limit=False)
    try:
        response = client.get_user(username=handle, user_fields=USER_FIELDS)
        if response.data is None:
            raise TwitterUnavailable(f"No X/Twitter account is called @{handle}.")
        user = response.data.data
        out = _profile(user)
        _tweets(client, user["id"], handle, max_tweets, out)
    except tweepy.NotFound as exc:
        raise TwitterUnavailable(f"No X/Twitter account is called @{handle}.") from exc
    except tweepy.Unauthorized as exc:
        raise TwitterUnavailable("X/Twitter refused this server's API token; an administrator must renew it.") from exc
    except tweepy.Forbidden as exc:
        raise TwitterUnavailable(f"X/Twitter does not let us read @{handle} (suspended account or API plan limits).") from exc
    except tweepy.TooManyRequests as exc:
        raise TwitterUnavailable("X/Twitter is limiting how often we may ask; try again in about 15 minutes.") from exc
    except tweepy.TwitterServerError as exc:
        raise TwitterUnavailable("X/Twitter is having problems right now; try again later.") from exc
    except (tweepy.TweepyException, requests.RequestException) as exc:
        raise TwitterUnavailable("X/Twitter could not be reached; try again later.") from exc
    return out.build()


def _profile(user: dict[str, Any]) -> ProfileBuilder:
    out = ProfileBuilder("twitter", "api", "twitter-api-v2", TELLS)
    me = out.profile
    me["name"] = clean_text(user.get("name")) or clean_text(user.get("username"))
    me["bio"] = clean_text(user.get("description"))
    me["location"] = clean_text(user.get("location"))
    me["registered_at"] = parse_datetime(user.get("created_at"), ())
    if isinstance(user.get("verified"), bool):
        me["verified"] = user["verified"]
    metrics = user.get("public_metrics")
    if isinstance(metrics, dict):
        out.counts["followers"] = as_int(metrics.get("followers_count"))
        out.counts["following"] = as_int(metrics.get("following_count"))
        out.counts["reactions_given"] = as_int(metrics.get("like_count"))
    else:
        out.warn("X/Twitter gave no public metrics: followers and following are unknown.")
    return out


def _tweets(client: tweepy.Client, user_id: str, handle: str, max_tweets: int, out: ProfileBuilder) -> None:
    token = None
    fetched = 0
    while fetched < max_tweets:
        # The endpoint accepts 5 to 100 tweets per page.
        page_size = max(5, min(100, max_tweets - fetched))
        response = client.get_users_tweets(
            user_id, max_results=page_size, tweet_fields=TWEET_FIELDS, pagination_token=token
        )
        if response.data is None:
            if response.errors:
                out.warn(f"X/Twitter did not give the tweets of @{handle} (protected account?).")
            else:
                out.tell("posts")  # an account with no tweets
            break
        for tweet in response.data:
            if fetched >= max_tweets:
                break
            raw = tweet.data
            metrics = raw.get("public_metrics") or {}
            out.add_post(
                raw.get("text") or "",
                parse_datetime(raw.get("created_at"), ()),
                as_int(metrics.get("like_count")),
                as_int(metrics.get("retweet_count")),
            )
            fetched += 1
        token = (response.meta or {}).get("next_token")
        if not token:
            break
