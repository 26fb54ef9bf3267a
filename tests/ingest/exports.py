"""Generators of realistic exports, and of hostile files, for the ingest tests.

Each ``write_*`` function writes one zip laid out as the platform writes it and returns
what it put in, so tests compare the parser's output with the generator's own record
rather than with numbers typed twice. Text is deliberately hard: accents, emoji and
Chinese, written with Meta's mojibake (each UTF-8 byte as its own ``\\u00XX`` escape) in
the Facebook and Instagram exports.
"""
from __future__ import annotations

import csv
import io
import json
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

POSTS = [
    "Café au lait ☕ with the whole family this morning",
    "今天天气很好，我们去公园散步。",
    "Great day at the lake 😀🎉",
    "Just a plain ascii post about work",
    "Ça va très bien, merci à tous ❤️",
]
COMMENTS = ["Félicitations 🎉", "太棒了！", "see you tomorrow", "Naïve question: when? 🤔"]
GROUPS = ["Budget Travellers Zürich", "深圳创业者", "Dog lovers 🐶", "Ålesund Running Club"]
PAGES_LIKED = ["Crème Brûlée Club", "Python Software Foundation", "北京烤鸭"]
PAGES_FOLLOWED = ["Python Software Foundation", "Océan Conservation"]  # one repeats a liked page
FRIENDS = ["Zoë Müller", "李小龙", "Bob Smith", "Ana Peña", "Ted Jones", "Mia Wong"]
REQUESTS = ["Jörg Schäfer", "王芳"]
BASE_TS = 1_600_000_000  # 2020-09-13T12:26:40Z


def meta_text(text: str) -> str:
    """Text as Meta exports write it: every UTF-8 byte as one character (\\u00XX)."""
    return text.encode("utf-8").decode("latin-1")


def meta_json(value: Any) -> bytes:
    """JSON the way Facebook and Instagram write it: mojibake, ASCII escapes, indented."""

    def mangle(v: Any) -> Any:
        if isinstance(v, str):
            return meta_text(v)
        if isinstance(v, list):
            return [mangle(x) for x in v]
        if isinstance(v, dict):
            return {mangle(k): mangle(x) for k, x in v.items()}
        return v

    return json.dumps(mangle(value), indent=2, ensure_ascii=True).encode("ascii")


def tiny_png(seed: int = 0) -> bytes:
    image = Image.new("RGB", (16, 16), ((seed * 40) % 256, 120, 200))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class Written:
    """What a generator put into an export."""

    path: Path
    posts: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    missing_media: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)


# -- Facebook ---------------------------------------------------------------------------------
FACEBOOK_FILES = {
    "2021": {
        "profile": "profile_information/profile_information.json",
        "posts": "posts/your_posts_1.json",
        "media_dir": "posts/media/TimelinePhotos_x1",
        "comments": "comments_and_reactions/comments.json",
        "reactions": "comments_and_reactions/posts_and_comments.json",
        "friends": "friends_and_followers/friends.json",
        "requests": "friends_and_followers/friend_requests_received.json",
        "following": "friends_and_followers/following.json",
        "groups": "groups/your_group_membership_activity.json",
        "pages_liked": "pages/pages_you've_liked.json",
        "pages_followed": "pages/pages_you_follow.json",
    },
    "2024": {
        "profile": "personal_information/profile_information/profile_information.json",
        "posts": "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
        "media_dir": "your_facebook_activity/posts/media/Mobileuploads_ab12",
        "comments": "your_facebook_activity/comments_and_reactions/comments.json",
        "reactions": "your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json",
        "friends": "connections/friends/your_friends.json",
        "requests": "connections/friends/received_friend_requests.json",
        "following": "connections/followers/who_you've_followed.json",
        "groups": "your_facebook_activity/groups/your_group_membership_activity.json",
        "pages_liked": "your_facebook_activity/pages/pages_you've_liked.json",
        "pages_followed": "your_facebook_activity/pages/pages_and_profiles_you_follow.json",
    },
}


def facebook_profile_v2() -> dict:
    return {
        "profile_v2": {
            "name": {"full_name": "Zoë Åkesson-李", "first_name": "Zoë", "last_name": "Åkesson-李"},
            "emails": {"emails": ["zoe@example.org"], "previous_emails": ["zoe.old@example.org"]},
            "birthday": {"year": 1990, "month": 5, "day": 17},
            "gender": {"gender_option": "FEMALE", "pronoun": "FEMALE"},
            "current_city": {"name": "München, Germany", "timestamp": BASE_TS},
            "registration_timestamp": 1_262_304_000,
            "phone_numbers": [{"phone_type": "Mobile", "phone_number": "+49 170 000000", "verified": True}],
            "education_experiences": [
                {"name": "Technische Universität München", "graduated": True, "degree": "MSc", "school_type": "College"},
                {"name": "Gymnasium Schäftlarn", "graduated": True, "school_type": "High School"},
                {"graduated": False},  # no school name: skipped with a warning
            ],
            "work_experiences": [{"employer": "Brötchen GmbH", "title": "Bäckerin", "start_timestamp": 1_420_070_400}],
        }
    }


def write_facebook(
    path: Path,
    layout: str = "2021",
    *,
    top: str = "facebook-zoe-2024-01-05",
    omit: tuple[str, ...] = (),
    missing_photo: bool = True,
    malformed_post: bool = True,
    extra_posts: int = 0,
) -> Written:
    """A Facebook export in the 2021 or 2024 layout; ``omit`` drops files by their key in
    ``FACEBOOK_FILES`` (e.g. ``("friends", "profile")``) to test missing files."""
    files = FACEBOOK_FILES[layout]
    written = Written(path)
    prefix = f"{top}/" if top else ""
    members: dict[str, bytes] = {}

    posts = []
    for i, text in enumerate(POSTS + [f"Post number {n} ✓" for n in range(extra_posts)]):
        item: dict[str, Any] = {"timestamp": BASE_TS + i * 3600, "data": [{"post": text}], "title": "Zoë updated her status."}
        if i < 2:
            uri = f"{files['media_dir']}/photo_{i}.png"
            item["attachments"] = [{"data": [{"media": {"uri": uri, "creation_timestamp": BASE_TS + i, "title": "Timeline Photos"}}]}]
            members[prefix + uri] = tiny_png(i)
            written.media.append(prefix + uri)
        posts.append(item)
        written.posts.append(text)
    if missing_photo:
        uri = f"{files['media_dir']}/lost_photo.jpg"
        posts.append({"timestamp": BASE_TS, "attachments": [{"data": [{"media": {"uri": uri}}]}], "data": []})
        written.missing_media.append(uri)
    # A link share and an update without words: neither is a post with text.
    posts.append({"timestamp": BASE_TS, "attachments": [{"data": [{"external_context": {"url": "https://example.org"}}]}], "data": [{"update_timestamp": BASE_TS}]})
    if malformed_post:
        posts.append("this is not a post object")
    members[prefix + files["posts"]] = meta_json(posts)

    comments = [
        {"timestamp": BASE_TS + i, "data": [{"comment": {"timestamp": BASE_TS + i, "comment": c, "author": "Zoë Åkesson-李"}}], "title": "Zoë commented on a post."}
        for i, c in enumerate(COMMENTS)
    ]
    comments.append({"timestamp": BASE_TS, "title": "Zoë replied to a comment."})  # no data: skipped
    members[prefix + files["comments"]] = meta_json({"comments_v2": comments})
    written.comments = list(COMMENTS)

    reactions = [
        {"timestamp": BASE_TS + i, "data": [{"reaction": {"reaction": "LIKE", "actor": "Zoë"}}], "title": "Zoë liked a post."}
        for i in range(7)
    ]
    members[prefix + files["reactions"]] = meta_json(reactions if layout == "2024" else {"reactions_v2": reactions})
    written.counts["reactions_given"] = 7

    members[prefix + files["friends"]] = meta_json({"friends_v2": [{"name": n, "timestamp": BASE_TS} for n in FRIENDS]})
    written.counts["friends"] = len(FRIENDS)
    members[prefix + files["requests"]] = meta_json({"received_requests_v2": [{"name": n, "timestamp": BASE_TS} for n in REQUESTS]})
    written.counts["friend_requests_received"] = len(REQUESTS)
    following_key = "following_v3" if layout == "2024" else "following_v2"
    members[prefix + files["following"]] = meta_json({following_key: [{"name": p, "timestamp": BASE_TS} for p in PAGES_FOLLOWED]})
    written.counts["following"] = len(PAGES_FOLLOWED)

    groups = [{"timestamp": BASE_TS, "data": [{"name": g}], "title": f"Zoë became a member of {g}."} for g in GROUPS]
    members[prefix + files["groups"]] = meta_json({"groups_joined_v2": groups})
    written.groups = list(GROUPS)

    members[prefix + files["pages_liked"]] = meta_json({"page_likes_v2": [{"name": p, "timestamp": BASE_TS} for p in PAGES_LIKED]})
    followed = [{"timestamp": BASE_TS, "data": [{"name": p}], "title": p} for p in PAGES_FOLLOWED]
    members[prefix + files["pages_followed"]] = meta_json({"pages_followed_v2": followed})
    written.pages = list(dict.fromkeys(PAGES_LIKED + PAGES_FOLLOWED))

    members[prefix + files["profile"]] = meta_json(facebook_profile_v2())
    written.profile = {"name": "Zoë Åkesson-李", "birth_date": "1990-05-17", "location": "München, Germany"}

    for key in omit:
        members.pop(prefix + files[key], None)
    _write_zip(path, members)
    return written


# -- LinkedIn ---------------------------------------------------------------------------------
CONNECTIONS_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed their connections to see or download their email address."\n'
    "\n"
)


def _csv(header: list[str], rows: list[list[str]], preamble: str = "") -> bytes:
    buffer = io.StringIO()
    buffer.write(preamble)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_linkedin(path: Path, *, omit: tuple[str, ...] = (), connections: int = 12) -> Written:
    written = Written(path)
    people = [("Zoë", "Müller"), ("李", "华"), ("Ana", "Peña"), ("Ted", "Jones")]
    connection_rows = [
        [people[i % 4][0], f"{people[i % 4][1]}{i}", f"https://www.linkedin.com/in/p{i}", "", "Brötchen GmbH", "Engineer", "15 Mar 2021"]
        for i in range(connections)
    ]
    invitations = [
        ["Ana Peña", "Zoë Åkesson", "3/15/21, 10:20 AM", "Hallo Zoë!", "INCOMING"],
        ["Zoë Åkesson", "Ted Jones", "3/16/21, 09:00 AM", "", "OUTGOING"],
        ["李 华", "Zoë Åkesson", "4/01/21, 08:05 PM", "你好", "INCOMING"],
        ["Mia Wong", "Zoë Åkesson", "4/02/21, 08:05 PM", "", "INCOMING"],
    ]
    members = {
        "Profile.csv": _csv(
            ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"],
            [["Zoë", "Åkesson", "", "", "May 17, 1990", "Baker at Brötchen GmbH 🥐", "I bake bread, 每天.", "Food Production", "", "Munich, Bavaria, Germany", "", "", ""]],
        ),
        "Connections.csv": _csv(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"], connection_rows, CONNECTIONS_NOTES
        ),
        "Invitations.csv": _csv(["From", "To", "Sent At", "Message", "Direction"], invitations),
        "Skills.csv": _csv(["Name"], [["Baking"], ["Python"], ["Projektmanagement"], ["中文"]]),
        "Email Addresses.csv": _csv(
            ["Email Address", "Confirmed", "Primary", "Updated On"],
            [["zoe@example.org", "Yes", "Yes", "1/1/20, 10:00 AM"], ["zoe@work.example", "Yes", "No", "Not Available"]],
        ),
        "Positions.csv": _csv(
            ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
            [["Brötchen GmbH", "Bäckerin", "Bread", "München", "Mar 2019", ""], ["Café Zürich", "Barista", "", "Zürich", "Jan 2015", "Feb 2019"], ["", "Nobody", "", "", "", ""]],
        ),
        "Education.csv": _csv(
            ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
            [["Technische Universität München", "2010", "2014", "", "BSc Informatik", ""], ["Open University", "2023", "", "", "", ""]],
        ),
        "Shares.csv": _csv(
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
            [
                ["2021-03-15 10:20:30", "https://www.linkedin.com/feed/update/1", "Proud of our new sourdough 🍞", "", "", "MEMBER_NETWORK"],
                ["2021-04-01 08:00:00", "https://www.linkedin.com/feed/update/2", "我们开了一家新店！", "", "", "MEMBER_NETWORK"],
                ["2021-04-02 08:00:00", "https://www.linkedin.com/feed/update/3", "", "https://example.org", "", "MEMBER_NETWORK"],
            ],
        ),
        "Comments.csv": _csv(["Date", "Link", "Message"], [["2021-03-16 11:00:00", "https://www.linkedin.com/feed/update/9", "Congratulations, Ana! 🎉"]]),
    }
    written.posts = ["Proud of our new sourdough 🍞", "我们开了一家新店！"]
    written.comments = ["Congratulations, Ana! 🎉"]
    written.counts = {"connections": connections, "invitations_received": 3}
    written.profile = {"name": "Zoë Åkesson", "birth_date": "1990-05-17", "skills": ["Baking", "Python", "Projektmanagement", "中文"]}
    for name in omit:
        members.pop(name, None)
    _write_zip(path, members)
    return written


# -- Instagram --------------------------------------------------------------------------------
def write_instagram(path: Path, *, omit: tuple[str, ...] = ()) -> Written:
    written = Written(path)
    members: dict[str, bytes] = {}
    followers = [{"title": "", "media_list_data": [], "string_list_data": [{"href": f"https://www.instagram.com/f{i}", "value": f"f{i}", "timestamp": BASE_TS}]} for i in range(9)]
    members["connections/followers_and_following/followers_1.json"] = meta_json(followers)
    following = [{"title": f"g{i}", "string_list_data": [{"href": f"https://www.instagram.com/g{i}", "timestamp": BASE_TS}]} for i in range(4)]
    members["connections/followers_and_following/following.json"] = meta_json({"relationships_following": following})
    written.counts = {"followers": 9, "following": 4, "reactions_given": 3}

    captions = ["Sunset in Lisboa 🌅", "周末愉快", "Brunch: œufs brouillés & café"]
    posts = []
    for i, caption in enumerate(captions):
        uri = f"media/posts/202301/1790000{i}.png"
        members[uri] = tiny_png(i + 5)
        written.media.append(uri)
        posts.append({"media": [{"uri": uri, "creation_timestamp": BASE_TS + i, "title": caption, "media_metadata": {}}]})
    # A carousel: the caption sits on the post, with two photos, one of them not in the archive.
    carousel_uri = "media/posts/202302/17900099.png"
    members[carousel_uri] = tiny_png(9)
    written.media.append(carousel_uri)
    posts.append({"title": "Carrousel à Paris 🎠", "creation_timestamp": BASE_TS + 99, "media": [
        {"uri": carousel_uri, "creation_timestamp": BASE_TS + 99, "title": ""},
        {"uri": "media/posts/202302/gone.jpg", "creation_timestamp": BASE_TS + 99, "title": ""},
    ]})
    written.missing_media.append("media/posts/202302/gone.jpg")
    posts.append({"no_media_here": True})  # malformed: skipped
    members["your_instagram_activity/content/posts_1.json"] = meta_json(posts)
    written.posts = captions + ["Carrousel à Paris 🎠"]

    comments = [{"string_map_data": {"Comment": {"value": c}, "Media Owner": {"value": "friend"}, "Time": {"timestamp": BASE_TS + i}}} for i, c in enumerate(["Trop beau 😍", "好看！"])]
    members["your_instagram_activity/comments/post_comments_1.json"] = meta_json(comments)
    written.comments = ["Trop beau 😍", "好看！"]

    likes = [{"title": f"friend{i}", "string_list_data": [{"href": "https://www.instagram.com/p/x", "value": "👍", "timestamp": BASE_TS}]} for i in range(3)]
    members["your_instagram_activity/likes/liked_posts.json"] = meta_json({"likes_media_likes": likes})

    members["personal_information/personal_information/personal_information.json"] = meta_json(
        {"profile_user": [{"media_map_data": {}, "string_map_data": {
            "Email": {"href": "", "value": "zoe@example.org", "timestamp": 0},
            "Username": {"href": "", "value": "zoe.bakes", "timestamp": 0},
            "Name": {"href": "", "value": "Zoë Åkesson", "timestamp": 0},
            "Bio": {"href": "", "value": "Bäckerin 🥐 München", "timestamp": 0},
            "Gender": {"href": "", "value": "female", "timestamp": 0},
            "Date of birth": {"href": "", "value": "1990-05-17", "timestamp": 0},
        }}]}
    )
    written.profile = {"name": "Zoë Åkesson", "bio": "Bäckerin 🥐 München", "birth_date": "1990-05-17"}
    for name in omit:
        members = {k: v for k, v in members.items() if not k.endswith(name)}
    _write_zip(path, {f"instagram-zoe.bakes-2024-01-05/{k}": v for k, v in members.items()})
    return written


# -- X/Twitter --------------------------------------------------------------------------------
def ytd(name: str, items: list) -> bytes:
    return f"window.YTD.{name}.part0 = {json.dumps(items, indent=2, ensure_ascii=False)}".encode("utf-8")


TWEETS = ["Hello world 👋", "新年快乐！🧧", "Reading about credit scores, très intéressant", "RT @someone: a retweet"]


def write_twitter(path: Path, *, omit: tuple[str, ...] = (), tweets_file: str = "tweets.js") -> Written:
    written = Written(path)
    members: dict[str, bytes] = {
        "Your archive.html": b"<html><body>Your archive</body></html>",
        "data/manifest.js": b'window.__THAR_CONFIG = {"userInfo": {"userName": "zoe_bakes"}}',
        "data/account.js": ytd("account", [{"account": {"email": "zoe@example.org", "createdVia": "web", "username": "zoe_bakes", "accountId": "1234567", "createdAt": "2011-04-10T10:20:30.000Z", "accountDisplayName": "Zoë 🥐"}}]),
        "data/profile.js": ytd("profile", [{"profile": {"description": {"bio": "Bäckerin in München. 面包师。", "website": "https://t.co/x", "location": "München"}, "avatarMediaUrl": "https://pbs.twimg.com/profile_images/1/a.jpg"}}]),
        "data/verified.js": ytd("verified", [{"verified": {"accountId": "1234567", "verified": False}}]),
        "data/follower.js": ytd("follower", [{"follower": {"accountId": str(i), "userLink": f"https://twitter.com/intent/user?user_id={i}"}} for i in range(11)]),
        "data/following.js": ytd("following", [{"following": {"accountId": str(i), "userLink": f"https://twitter.com/intent/user?user_id={i}"}} for i in range(5)]),
        "data/like.js": ytd("like", [{"like": {"tweetId": str(900 + i), "fullText": "liked ✓", "expandedUrl": "https://twitter.com/i/web/status/1"}} for i in range(6)]),
    }
    tweets = []
    for i, text in enumerate(TWEETS):
        tweet: dict[str, Any] = {
            "id_str": str(1000 + i), "id": str(1000 + i), "full_text": text, "created_at": f"Wed Oct 1{i} 20:19:24 +0000 2018",
            "favorite_count": str(i * 3), "retweet_count": str(i), "entities": {"hashtags": [], "user_mentions": []},
        }
        if i == 0:
            media = {"media_url": "http://pbs.twimg.com/media/AbCdEf.png", "media_url_https": "https://pbs.twimg.com/media/AbCdEf.png", "type": "photo", "id_str": "55"}
            tweet["extended_entities"] = {"media": [media]}
            members["data/tweets_media/1000-AbCdEf.png"] = tiny_png(3)
            written.media.append("data/tweets_media/1000-AbCdEf.png")
        tweets.append({"tweet": tweet})
    tweets.append({"tweet": {"id_str": "1999", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}})  # no text: skipped
    members[f"data/{tweets_file}"] = ytd(tweets_file.split(".")[0], tweets)
    written.posts = list(TWEETS)
    written.counts = {"followers": 11, "following": 5, "reactions_given": 6}
    written.profile = {"name": "Zoë 🥐", "registered_at": "2011-04-10T10:20:30+00:00", "bio": "Bäckerin in München. 面包师。"}
    for name in omit:
        members.pop(f"data/{name}", None)
    _write_zip(path, members)
    return written


# -- hostile files ------------------------------------------------------------------------------
def _write_zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def write_traversal(path: Path) -> Path:
    return _write_zip(path, {"posts/your_posts_1.json": b"[]", "../../etc/cron.d/evil": b"* * * * * root rm -rf /"})


def write_absolute(path: Path) -> Path:
    return _write_zip(path, {"posts/your_posts_1.json": b"[]", "/etc/passwd": b"root:x:0:0"})


def write_symlink(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("posts/your_posts_1.json", b"[]")
        info = zipfile.ZipInfo("profile_information/profile_information.json")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/shadow")
    return path


def write_nested(path: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as nested:
        nested.writestr("posts/your_posts_1.json", b"[]")
    return _write_zip(path, {"posts/your_posts_1.json": b"[]", "backup/older_export.zip": inner.getvalue()})


def write_many_members(path: Path, count: int) -> Path:
    return _write_zip(path, {f"posts/part_{i}.json": b"[]" for i in range(count)})


def write_sized_members(path: Path, sizes: list[int]) -> Path:
    """Members of incompressible bytes, stored, of exactly the given sizes."""
    import os

    return _write_zip(path, {f"photos/p{i}.jpg": os.urandom(n) for i, n in enumerate(sizes)}, zipfile.ZIP_STORED)


def write_bomb(path: Path, inflated_bytes: int = 32 * 1024 * 1024) -> Path:
    """One member of zeros that deflates about a thousand to one; the default size is over
    the size from which ratios are judged (``ArchiveLimits.ratio_min_bytes``)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("posts/your_posts_1.json", "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(inflated_bytes // len(block)):
                member.write(block)
    return path


def write_corrupt(path: Path) -> Path:
    """A real Facebook export whose compressed posts data has been damaged in place."""
    write_facebook(path, top="")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("posts/your_posts_1.json")
    # The data begins after the 30-byte local header, the name and the extra field.
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + min(info.compress_size, 200)):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def write_encrypted(path: Path) -> Path:
    """A Facebook export whose posts member is flagged as encrypted in the central directory."""
    write_facebook(path, top="")
    data = bytearray(path.read_bytes())
    target = b"posts/your_posts_1.json"
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_len] == target:
            data[at + 8] |= 0x1  # general purpose flag bit 0: encrypted
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def write_truncated(path: Path) -> Path:
    write_facebook(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def write_not_a_zip(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n% this is a PDF, not an export\n")
    return path


def rewrite_zip(
    path: Path,
    *,
    replace: dict[str, bytes] | None = None,
    rename: dict[str, str] | None = None,
    compression: int | None = None,
) -> Path:
    """Write the zip at ``path`` again with some members' contents replaced, some renamed,
    or every member recompressed with another method (bzip2, LZMA)."""
    replace, rename = replace or {}, rename or {}
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in members:
            method = info.compress_type if compression is None else compression
            archive.writestr(rename.get(info.filename, info.filename), replace.get(info.filename, data), method)
    return path


def write_lying_directory(path: Path, *, declared: int, entries: int) -> Path:
    """A zip whose end record declares ``declared`` members while its central directory
    holds ``entries`` of them, all pointing at one small stored member."""
    data = b"[]"
    crc = zlib.crc32(data)
    first = b"posts/your_posts_1.json"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, len(data), len(data), len(first), 0) + first + data
    directory = bytearray()
    for i in range(entries):
        name = first if i == 0 else f"posts/part_{i:06d}.json".encode()
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0, 0, 0, 0, 0, 0)
        directory += name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, declared, declared, len(directory), len(local), 0)
    path.write_bytes(local + bytes(directory) + end)
    return path
