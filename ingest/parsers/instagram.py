"""Instagram "Download your information" exports, in JSON.

Read, by file name wherever they sit: ``followers_1.json`` (and ``_2`` ...),
``following.json``, ``posts_1.json`` (captions and photos), ``post_comments_1.json``,
``personal_information.json``, ``liked_posts.json`` and ``signup_information.json``. The
2023+ layout puts them under ``your_instagram_activity/``, ``connections/`` and
``personal_information/``; the older one under ``content/``, ``comments/``,
``followers_and_following/`` and ``account_information/``. Text carries the same
``\\u00XX`` mojibake as Facebook's, and is repaired the same way. The gender in
``personal_information.json`` is never read: it is not stored or scored.
"""
from __future__ import annotations

import re
from typing import Any

from ..archive import SafeArchive
from ..profile import Profile
from .base import ProfileBuilder, as_dict, clean_text, fix_all, iso_from_timestamp, read_json, stream_json

PLATFORM = "instagram"
LABEL = "Instagram"
MARKERS = (
    "personal_information.json",
    "followers_1.json",
    "following.json",
    "posts_1.json",
    "post_comments_1.json",
    "liked_posts.json",
)

# What an Instagram export tells (paths of ingest.profile.TELLABLE). Instagram has no
# groups, education, work or skills, and this parser reads no followed pages. It gives a
# gender, which is never kept.
TELLS = frozenset(
    {
        "profile.name", "profile.emails", "profile.birth_date", "profile.location", "profile.bio",
        "profile.registered_at", "profile.verified",
        "counts.followers", "counts.following", "counts.reactions_given",
        "posts", "comments", "media",
    }
)

_FOLLOWERS = re.compile(r"(?:^|/)followers_\d+\.json$")
_POSTS = re.compile(r"(?:^|/)posts_\d+\.json$")
_COMMENTS = re.compile(r"(?:^|/)post_comments_\d+\.json$")


def parse(archive: SafeArchive) -> Profile:
    layout = "instagram-2023" if any("your_instagram_activity/" in n for n in archive.names()) else "instagram-2021"
    out = ProfileBuilder(PLATFORM, "archive", layout, TELLS)
    _personal(archive, out)
    _signup(archive, out)
    _followers(archive, out)
    _following(archive, out)
    _posts(archive, out)
    _comments(archive, out)
    _likes(archive, out)
    return out.build()


def _value(fields: dict, *labels: str) -> Any:
    """A value of Instagram's ``string_map_data``: ``{"Label": {"value": ..., "timestamp": ...}}``."""
    for label in labels:
        entry = fields.get(label)
        if isinstance(entry, dict):
            if clean_text(entry.get("value")):
                return clean_text(entry["value"])
            if entry.get("timestamp"):
                return entry["timestamp"]
    return None


def _personal(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("personal_information.json")
    if name is None:
        out.warn("personal_information.json is missing: name, email and birth date are unknown.")
        return
    document = read_json(archive, name, out)
    users = fix_all(document).get("profile_user") if isinstance(document, dict) else None
    if not isinstance(users, list) or not users or not isinstance(users[0], dict):
        if document is not None:
            out.warn(f"{name} has no profile_user section and was skipped.")
        return
    fields = as_dict(users[0].get("string_map_data"))
    out.tell("profile.emails")
    me = out.profile
    me["name"] = _value(fields, "Name")
    out.add_email(_value(fields, "Email", "Email address"))
    me["bio"] = _value(fields, "Bio")
    me["location"] = _value(fields, "City", "Location")
    birth = _value(fields, "Date of birth")
    if isinstance(birth, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", birth):
        me["birth_date"] = birth
    elif birth is not None:
        out.warn(f"The date of birth '{birth}' cannot be read and was left out.")
    confirmed = _value(fields, "Phone Confirmed", "Phone Number Confirmed")
    if isinstance(confirmed, str):
        me["verified"] = confirmed.strip().lower() in ("true", "yes")


def _signup(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("signup_information.json")
    if name is None:
        return
    document = read_json(archive, name, out)
    entries = document.get("account_history_registration_info") if isinstance(document, dict) else None
    if isinstance(entries, list) and entries and isinstance(entries[0], dict):
        time = as_dict(as_dict(entries[0].get("string_map_data")).get("Time"))
        out.profile["registered_at"] = iso_from_timestamp(time.get("timestamp"))


def _followers(archive: SafeArchive, out: ProfileBuilder) -> None:
    names = archive.matching(_FOLLOWERS)
    if not names:
        out.warn("No followers file (followers_1.json) in the export: followers are unknown.")
        return
    out.counts["followers"] = sum(
        1 for name in names for item in stream_json(archive, name, out, ("relationships_followers",)) if isinstance(item, dict)
    )


def _following(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("following.json")
    if name is None:
        out.warn("No following.json in the export: accounts followed are unknown.")
        return
    out.counts["following"] = sum(
        1 for item in stream_json(archive, name, out, ("relationships_following",)) if isinstance(item, dict)
    )


def _posts(archive: SafeArchive, out: ProfileBuilder) -> None:
    names = archive.matching(_POSTS)
    if not names:
        out.warn("No posts file (posts_1.json) in the export: posts and photos are unknown.")
        return
    out.tell("posts", "media")
    missing = 0
    for name in names:
        for index, item in enumerate(stream_json(archive, name, out), start=1):
            media = item.get("media") if isinstance(item, dict) else None
            if not isinstance(media, list):
                out.warn(f"{name}: item {index} is not a post and was skipped.")
                continue
            first = media[0] if media and isinstance(media[0], dict) else {}
            created_at = iso_from_timestamp(item.get("creation_timestamp") or first.get("creation_timestamp"))
            caption = fix_all(item.get("title") or first.get("title") or "")
            if isinstance(caption, str) and caption.strip():
                out.add_post(caption.strip(), created_at)
            for m in media:
                uri = m.get("uri") if isinstance(m, dict) else None
                if not isinstance(uri, str) or uri.startswith(("http://", "https://")):
                    continue
                member = archive.resolve(uri)
                if member is None:
                    missing += 1
                    continue
                out.add_media(member, iso_from_timestamp(m.get("creation_timestamp")) or created_at)
    if missing:
        out.warn(f"{missing} photo or video file(s) named in the posts are not in the export.")


def _comments(archive: SafeArchive, out: ProfileBuilder) -> None:
    names = archive.matching(_COMMENTS)
    if not names:
        out.warn("No comments file (post_comments_1.json) in the export: comments are unknown.")
        return
    out.tell("comments")
    for name in names:
        for index, item in enumerate(stream_json(archive, name, out, ("comments_media_comments",)), start=1):
            fields = fix_all(item.get("string_map_data")) if isinstance(item, dict) else None
            text = _value(fields, "Comment") if isinstance(fields, dict) else None
            if not isinstance(text, str):
                out.warn(f"{name}: item {index} is not a comment and was skipped.")
                continue
            time = fields.get("Time") or {}
            out.add_comment(text, iso_from_timestamp(time.get("timestamp") if isinstance(time, dict) else None))


def _likes(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("liked_posts.json")
    if name is None:
        out.warn("No liked_posts.json in the export: likes given are unknown.")
        return
    out.counts["reactions_given"] = sum(
        1 for item in stream_json(archive, name, out, ("likes_media_likes",)) if isinstance(item, dict)
    )
