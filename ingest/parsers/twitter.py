"""X/Twitter archives: ``data/*.js`` files written as ``window.YTD.<name>.part0 = [...]``.

Read: ``account.js`` (username, e-mail, creation date), ``profile.js`` (bio, location),
``tweets.js`` or the older ``tweet.js`` (and their ``-part1`` ... splits), ``follower.js``,
``following.js``, ``like.js`` and ``verified.js``. Tweet photos are found in
``data/tweets_media/<tweet id>-<file name of the media URL>``.
"""
from __future__ import annotations

import re

from ..archive import SafeArchive
from ..profile import Profile
from .base import ProfileBuilder, as_int, clean_text, parse_datetime, stream_json

PLATFORM = "twitter"
LABEL = "X/Twitter"
MARKERS = ("account.js", "tweets.js", "tweet.js", "follower.js", "following.js", "like.js", "manifest.js", "profile.js")

# What an X/Twitter archive tells, as this parser reads it (paths of ingest.profile.TELLABLE):
# X has no groups, pages, education, work or skills, and a reply is a tweet, not a comment.
TELLS = frozenset(
    {
        "profile.name", "profile.emails", "profile.location", "profile.bio", "profile.registered_at", "profile.verified",
        "counts.followers", "counts.following", "counts.reactions_given",
        "posts", "media",
    }
)

TWEET_TIME_FORMATS = ("%a %b %d %H:%M:%S %z %Y",)
_TWEETS = re.compile(r"(?:^|/)data/(?:tweets?|tweets?-part\d+)\.js$")


def parse(archive: SafeArchive) -> Profile:
    out = ProfileBuilder(PLATFORM, "archive", "twitter-archive", TELLS)
    _account(archive, out)
    _profile(archive, out)
    _verified(archive, out)
    _tweets(archive, out)
    out.counts["followers"] = _count(archive, out, "follower.js", "followers")
    out.counts["following"] = _count(archive, out, "following.js", "accounts followed")
    out.counts["reactions_given"] = _count(archive, out, "like.js", "likes given")
    return out.build()


def _data_file(archive: SafeArchive, basename: str) -> str | None:
    return archive.find(f"data/{basename}") or archive.find(basename)


def _first_record(archive: SafeArchive, out: ProfileBuilder, basename: str, key: str) -> dict | None:
    name = _data_file(archive, basename)
    if name is None:
        return None
    for item in stream_json(archive, name, out):
        record = item.get(key) if isinstance(item, dict) else None
        if isinstance(record, dict):
            return record
    out.warn(f"{name} holds no {key} record.")
    return None


def _account(archive: SafeArchive, out: ProfileBuilder) -> None:
    account = _first_record(archive, out, "account.js", "account")
    if account is None:
        out.warn("account.js is missing: name, e-mail and account age are unknown.")
        return
    out.tell("profile.emails")
    out.profile["name"] = clean_text(account.get("accountDisplayName")) or clean_text(account.get("username"))
    out.add_email(account.get("email"))
    created = account.get("createdAt")
    out.profile["registered_at"] = parse_datetime(created, ())
    if created and out.profile["registered_at"] is None:
        out.warn(f"The account creation date '{created}' cannot be read.")


def _profile(archive: SafeArchive, out: ProfileBuilder) -> None:
    profile = _first_record(archive, out, "profile.js", "profile")
    if profile is None:
        out.warn("profile.js is missing: bio and location are unknown.")
        return
    description = profile.get("description") or {}
    if isinstance(description, dict):
        out.profile["bio"] = clean_text(description.get("bio"))
        out.profile["location"] = clean_text(description.get("location"))


def _verified(archive: SafeArchive, out: ProfileBuilder) -> None:
    record = _first_record(archive, out, "verified.js", "verified")
    if record is not None and isinstance(record.get("verified"), bool):
        out.profile["verified"] = record["verified"]


def _tweets(archive: SafeArchive, out: ProfileBuilder) -> None:
    names = sorted(n for n in archive.names() if _TWEETS.search(n))
    if not names:
        out.warn("No tweets file (tweets.js) in the archive: tweets are unknown.")
        return
    out.tell("posts", "media")
    missing = 0
    for name in names:
        for index, item in enumerate(stream_json(archive, name, out), start=1):
            tweet = item.get("tweet", item) if isinstance(item, dict) else None
            text = tweet.get("full_text", tweet.get("text")) if isinstance(tweet, dict) else None
            if not isinstance(text, str):
                out.warn(f"{name}: item {index} is not a tweet and was skipped.")
                continue
            created_at = parse_datetime(tweet.get("created_at"), TWEET_TIME_FORMATS)
            out.add_post(text, created_at, as_int(tweet.get("favorite_count")), as_int(tweet.get("retweet_count")))
            tweet_id = str(tweet.get("id_str") or tweet.get("id") or "")
            entities = tweet.get("extended_entities") or tweet.get("entities")
            media_list = entities.get("media") if isinstance(entities, dict) else None
            for media in media_list if isinstance(media_list, list) else []:
                url = (media.get("media_url_https") or media.get("media_url")) if isinstance(media, dict) else None
                if not isinstance(url, str) or not tweet_id:
                    continue
                member = archive.find(f"tweets_media/{tweet_id}-{url.rsplit('/', 1)[-1]}")
                if member is None:
                    missing += 1
                    continue
                out.add_media(member, created_at)
    if missing:
        out.warn(f"{missing} tweet photo(s) are not in the archive.")


def _count(archive: SafeArchive, out: ProfileBuilder, basename: str, what: str) -> int | None:
    name = _data_file(archive, basename)
    if name is None:
        out.warn(f"{basename} is missing: {what} unknown.")
        return None
    return sum(1 for item in stream_json(archive, name, out) if isinstance(item, dict))
