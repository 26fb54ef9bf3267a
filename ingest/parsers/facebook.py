"""Facebook "Download your information" exports, in JSON.

Two layouts are read, both found by file name wherever they sit (exports wrap everything
in a top folder such as ``facebook-alice-2024-01-05/``):

- ``facebook-2021`` (2019-2022): ``posts/your_posts_1.json``, ``comments_and_reactions/``
  (``comments.json``, ``posts_and_comments.json``), ``friends_and_followers/``
  (``friends.json``, ``friend_requests_received.json``), ``groups/``, ``pages/``,
  ``profile_information/profile_information.json``;
- ``facebook-2024`` (2023 on): ``your_facebook_activity/`` (posts as
  ``your_posts__check_ins__photos_and_videos_1.json``, ``likes_and_reactions_1.json``,
  groups, pages), ``connections/`` (``your_friends.json``,
  ``received_friend_requests.json``), ``personal_information/``.

Every string goes through ``fix_mojibake``: Facebook writes each UTF-8 byte as its own
``\\u00XX`` escape. The profile's gender is never read: it is not stored or scored.
"""
from __future__ import annotations

import re
from typing import Any

from ..archive import SafeArchive
from ..profile import Profile
from .base import ProfileBuilder, as_list, clean_text, fix_all, iso_from_timestamp, read_json, safe_date, stream_json

PLATFORM = "facebook"
LABEL = "Facebook"
# Files only a Facebook export has; detection counts how many are present.
MARKERS = (
    "your_posts_1.json",
    "your_posts__check_ins__photos_and_videos_1.json",
    "profile_information.json",
    "friends.json",
    "your_friends.json",
    "friend_requests_received.json",
    "received_friend_requests.json",
    "your_group_membership_activity.json",
    "pages_you've_liked.json",
    "likes_and_reactions_1.json",
)

# What a Facebook export tells (paths of ingest.profile.TELLABLE). It lists no skills, and
# has no connections or invitations (friends and friend requests are its own counts). It
# gives a gender, which is never kept.
TELLS = frozenset(
    {
        "profile.name", "profile.emails", "profile.birth_date", "profile.location", "profile.bio",
        "profile.registered_at", "profile.verified", "profile.education", "profile.positions",
        "counts.friends", "counts.followers", "counts.following", "counts.friend_requests_received",
        "counts.reactions_given",
        "posts", "comments", "groups", "pages", "media",
    }
)

_POSTS = re.compile(r"(?:^|/)(your_posts_\d+|your_posts__check_ins__photos_and_videos_\d+)\.json$")
_REACTIONS = re.compile(r"(?:^|/)likes_and_reactions(?:_\d+)?\.json$")
# The 2023+ layouts put activity under one of these folders.
_ACTIVITY_FOLDERS = ("your_facebook_activity/", "your_activity_across_facebook/")


def _first(archive: SafeArchive, *basenames: str) -> str | None:
    for basename in basenames:
        found = archive.find(basename)
        if found:
            return found
    return None


def parse(archive: SafeArchive) -> Profile:
    names = archive.names()
    layout = "facebook-2024" if any(f in n for n in names for f in _ACTIVITY_FOLDERS) else "facebook-2021"
    out = ProfileBuilder(PLATFORM, "archive", layout, TELLS)
    _profile(archive, out)
    _posts(archive, out)
    _comments(archive, out)
    _reactions(archive, out)
    _friends(archive, out)
    _groups(archive, out)
    _pages(archive, out)
    return out.build()


# -- profile --------------------------------------------------------------------------------
def _profile(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("profile_information.json")
    if name is None:
        out.warn("profile_information.json is missing: name, birthday, education and registration date are unknown.")
        return
    document = read_json(archive, name, out)
    if document is None:
        return
    data = fix_all(document).get("profile_v2") if isinstance(document, dict) else None
    if not isinstance(data, dict):
        out.warn(f"{name} has no profile_v2 section and was skipped.")
        return
    # The profile file is the whole profile: a section it leaves out is one the person left empty.
    out.tell("profile.emails")
    _schools_and_jobs(data, out)
    me = out.profile
    full_name = data.get("name")
    me["name"] = clean_text(full_name.get("full_name")) if isinstance(full_name, dict) else clean_text(full_name)
    emails = data.get("emails")
    if isinstance(emails, dict):
        for key in ("emails", "previous_emails"):
            for email in as_list(emails.get(key)):
                out.add_email(email if isinstance(email, str) else None)
    birthday = data.get("birthday")
    if isinstance(birthday, dict):
        me["birth_date"] = safe_date(birthday.get("year"), birthday.get("month"), birthday.get("day"))
        if me["birth_date"] is None and any(birthday.get(k) for k in ("year", "month", "day")):
            out.warn("The birthday in the profile is incomplete and was left out.")
    for key in ("current_city", "hometown"):
        place = data.get(key)
        if isinstance(place, dict) and clean_text(place.get("name")):
            me["location"] = clean_text(place.get("name"))
            break
    me["bio"] = clean_text(data.get("intro_bio"))
    me["registered_at"] = iso_from_timestamp(data.get("registration_timestamp"))
    phones = data.get("phone_numbers")
    if isinstance(phones, list):
        me["verified"] = any(isinstance(p, dict) and p.get("verified") is True for p in phones)


def _schools_and_jobs(data: dict, out: ProfileBuilder) -> None:
    out.tell("profile.education", "profile.positions")
    me = out.profile
    for school in as_list(data.get("education_experiences")):
        if not isinstance(school, dict) or not clean_text(school.get("name")):
            out.warn("An education entry without a school name was skipped.")
            continue
        graduated = school.get("graduated")
        me["education"].append(
            {
                "school": clean_text(school["name"]),
                "degree": clean_text(school.get("degree")),
                "graduated": graduated if isinstance(graduated, bool) else None,
            }
        )
    for job in as_list(data.get("work_experiences")):
        if not isinstance(job, dict) or not clean_text(job.get("employer")):
            out.warn("A work entry without an employer was skipped.")
            continue
        me["positions"].append(
            {
                "company": clean_text(job["employer"]),
                "title": clean_text(job.get("title")),
                "started_on": _month(job.get("start_timestamp")),
                "ended_on": _month(job.get("end_timestamp")),
            }
        )


def _month(timestamp: Any) -> str | None:
    iso = iso_from_timestamp(timestamp)
    return iso[:7] if iso else None


# -- posts, comments, reactions -------------------------------------------------------------------
def _posts(archive: SafeArchive, out: ProfileBuilder) -> None:
    names = archive.matching(_POSTS)
    if not names:
        out.warn("No posts file (your_posts_1.json) in the export: posts and photos are unknown.")
        return
    out.tell("posts", "media")
    missing_media = 0
    for name in names:
        for index, item in enumerate(stream_json(archive, name, out), start=1):
            if not isinstance(item, dict):
                out.warn(f"{name}: item {index} is not a post and was skipped.")
                continue
            created_at = iso_from_timestamp(item.get("timestamp"))
            texts = [fix_all(d["post"]) for d in as_list(item.get("data")) if isinstance(d, dict) and isinstance(d.get("post"), str)]
            text = "\n".join(t for t in texts if t.strip())
            if text:
                out.add_post(text, created_at)
            for uri, media_time in _attachment_media(item):
                member = archive.resolve(uri)
                if member is None:
                    missing_media += 1
                    continue
                out.add_media(member, iso_from_timestamp(media_time) or created_at)
    if missing_media:
        out.warn(f"{missing_media} photo or video file(s) named in the posts are not in the export.")


def _attachment_media(item: dict) -> list[tuple[str, Any]]:
    found = []
    for attachment in as_list(item.get("attachments")):
        if not isinstance(attachment, dict):
            continue
        for data in as_list(attachment.get("data")):
            if not isinstance(data, dict):
                continue
            media = data.get("media")
            candidates = [media] if isinstance(media, dict) else []
            note = data.get("note")
            if isinstance(note, dict):
                candidates += [m for m in as_list(note.get("media")) if isinstance(m, dict)]
            for m in candidates:
                uri = m.get("uri")
                if isinstance(uri, str) and uri and not uri.startswith(("http://", "https://")):
                    found.append((uri, m.get("creation_timestamp")))
    return found


def _comments(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("comments_and_reactions/comments.json") or archive.find("comments/comments.json")
    if name is None:
        out.warn("No comments file (comments.json) in the export: comments are unknown.")
        return
    out.tell("comments")
    for index, item in enumerate(stream_json(archive, name, out, ("comments_v2", "comments")), start=1):
        comment = _first_data(item, "comment")
        if not isinstance(comment, dict):
            out.warn(f"{name}: item {index} is not a comment and was skipped.")
            continue
        text = fix_all(comment.get("comment"))
        if isinstance(text, str) and text.strip():
            out.add_comment(text, iso_from_timestamp(comment.get("timestamp") or item.get("timestamp")))


def _first_data(item: Any, key: str) -> Any:
    if not isinstance(item, dict):
        return None
    for data in as_list(item.get("data")):
        if isinstance(data, dict) and key in data:
            return data[key]
    return None


def _reactions(archive: SafeArchive, out: ProfileBuilder) -> None:
    names = archive.matching(_REACTIONS)
    older = archive.find("posts_and_comments.json")
    if older:
        names.append(older)
    if not names:
        out.warn("No reactions file in the export: reactions given are unknown.")
        return
    total = 0
    for name in names:
        for item in stream_json(archive, name, out, ("reactions_v2", "reactions")):
            if isinstance(item, dict):
                total += 1
    out.counts["reactions_given"] = total


# -- friends, groups, pages ---------------------------------------------------------------------
def _count(archive: SafeArchive, out: ProfileBuilder, basenames: tuple[str, ...], keys: tuple[str, ...]) -> int | None:
    name = _first(archive, *basenames)
    if name is None:
        return None
    return sum(1 for item in stream_json(archive, name, out, keys) if isinstance(item, dict))


def _friends(archive: SafeArchive, out: ProfileBuilder) -> None:
    counts = out.counts
    counts["friends"] = _count(archive, out, ("friends.json", "your_friends.json"), ("friends_v2", "friends"))
    if counts["friends"] is None:
        out.warn("No friends file (friends.json) in the export: the number of friends is unknown.")
    counts["friend_requests_received"] = _count(
        archive,
        out,
        ("friend_requests_received.json", "received_friend_requests.json"),
        ("received_requests_v2", "received_requests"),
    )
    if counts["friend_requests_received"] is None:
        out.warn("No friend requests file in the export: friend requests received are unknown.")
    counts["followers"] = _count(archive, out, ("followers.json", "people_who_followed_you.json"), ("followers_v2", "followers"))
    counts["following"] = _count(
        archive, out, ("following.json", "who_you've_followed.json", "who_you_follow.json"), ("following_v3", "following_v2", "following")
    )


def _groups(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("your_group_membership_activity.json")
    if name is None:
        out.warn("No group membership file in the export: groups are unknown.")
        return
    out.tell("groups")
    keys = ("groups_joined_v2", "group_membership_activity_v2", "groups_joined")
    for index, item in enumerate(stream_json(archive, name, out, keys), start=1):
        group = _first_data(item, "name")
        if not isinstance(group, str):
            title = item.get("title") if isinstance(item, dict) else None
            group = _after(title, (" became a member of ", " joined "))
        if not isinstance(group, str) or not group.strip():
            out.warn(f"{name}: item {index} names no group and was skipped.")
            continue
        out.add_name("groups", fix_all(group).rstrip("."))


def _after(title: Any, markers: tuple[str, ...]) -> str | None:
    if not isinstance(title, str):
        return None
    for marker in markers:
        if marker in title:
            return title.split(marker, 1)[1]
    return None


def _pages(archive: SafeArchive, out: ProfileBuilder) -> None:
    liked = _first(archive, "pages_you've_liked.json", "pages_you_have_liked.json")
    followed = _first(archive, "pages_you_follow.json", "pages_and_profiles_you_follow.json")
    if liked is None and followed is None:
        out.warn("No pages files in the export: pages liked and followed are unknown.")
        return
    out.tell("pages")
    sources = [(liked, ("page_likes_v2", "page_likes")), (followed, ("pages_followed_v2", "pages_followed"))]
    for name, keys in sources:
        if name is None:
            continue
        for index, item in enumerate(stream_json(archive, name, out, keys), start=1):
            page = item.get("name") if isinstance(item, dict) else None
            if not isinstance(page, str):
                page = _first_data(item, "name")
            if not isinstance(page, str):
                page = _first_data(item, "title") or (item.get("title") if isinstance(item, dict) else None)
            if not isinstance(page, str) or not page.strip():
                out.warn(f"{name}: item {index} names no page and was skipped.")
                continue
            out.add_name("pages", fix_all(page))

