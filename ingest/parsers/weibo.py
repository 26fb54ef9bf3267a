"""Weibo: the output of the open-source crawler dataabc/weibo-crawler, run on one's own account.

What the crawler writes (its ``weibo.py``, read at the June 2026 version; the function that
writes each file is named):

- ``weibo/users.csv`` (``user_to_csv``, fields from ``get_user_info``): one row per crawled
  account, UTF-8 with a BOM, headers 用户id, 昵称, 性别, 生日, 所在地, IP属地, 学习经历, 公司,
  注册时间, 阳光信用, 微博数, 粉丝数, 关注数, 简介, 主页, 头像, 高清头像, 微博等级, 会员等级,
  是否认证, 认证类型, 认证信息, 上次记录微博信息.
- ``weibo/<nickname or user id>/<user id>.csv`` (``write_csv``, ``get_result_headers``,
  ``get_write_info``): one row per post, headers id, bid, 正文, 头条文章url, 原始图片url, 视频url,
  Live Photo视频url, 位置, 日期, 工具, 点赞数, 评论数, 转发数, 话题, @用户, 完整日期, 是否编辑过,
  编辑次数; when reposts were crawled too (``only_crawl_original: 0``) then 是否原创, 源用户id,
  源用户昵称 and 源微博… columns describing the reposted post. Ids end in a tab.
- ``weibo/<…>/<user id>.json`` (``write_json``): ``{"user": {...}, "weibo": [...]}`` with the
  keys of ``get_user_info`` (screen_name, birthday, location, education, company,
  registration_time, sunshine, statuses_count, followers_count, follow_count, description,
  profile_image_url, urank, mbrank, verified, verified_type, verified_reason, ...) and of
  ``parse_weibo`` (id, text, pics, created_at, full_created_at, source, attitudes_count,
  comments_count, reposts_count, ...); a repost carries the reposted post under ``retweet``.
- ``weibo/<…>/img/原创微博图片/<yyyymmdd>[T]_<post id>[_<n>].<ext>`` (``handle_download``),
  and ``video/`` and ``live_photo/`` alike; a reposted post's pictures carry its own id.

Times are Beijing time written without a zone (the crawler strips "+0800"): 日期/created_at is
"YYYY-MM-DDTHH:MM:SS" (older versions "YYYY-MM-DD"), 完整日期/full_created_at "YYYY-MM-DD
HH:MM:SS". They become UTC here; China has kept UTC+8 without daylight saving since 1991.

Accepted: the posts CSV or JSON file alone, ``users.csv`` alone, or a zip of the output
folder. A zip holding several accounts' posts is refused: this is for one's own account.

Mapping into the normalized profile: 昵称 -> name, 生日 -> birth_date (only when it is a date;
Weibo often shows a star sign), 所在地 -> location, 简介 -> bio, 注册时间 -> registered_at,
是否认证 -> verified, 学习经历 -> education (school), 公司 -> positions (company), 粉丝数 ->
followers, 关注数 -> following; posts: 正文 -> text, 完整日期 (else 日期) -> created_at, 点赞数 ->
likes, 转发数 -> shares. Never kept: 性别 (gender), IP属地, avatar URLs, the user id, post
locations. What the crawler cannot tell stays null: e-mails, skills, the comments one wrote
(its comment files hold comments others wrote under one's posts), groups, followed pages.

Added fields (profile-schema.md allows them):

- each post: ``repost`` (true/false; null when unknown), ``comment_count`` (评论数),
  ``pictures`` (how many pictures the post has, from 原始图片url), ``tool`` (工具, the client
  it was posted with);
- ``weibo``: the account facts the paper's indices use that other platforms lack —
  ``level`` (微博等级, urank), ``membership_level`` (会员等级, mbrank; 0 for non-members),
  ``verified_type`` (认证类型, Weibo's code; -1 when not verified), ``verified_reason``
  (认证信息), ``sunshine_credit`` (阳光信用, the label as shown), ``sunshine_credit_rank``
  (that label on a 1-5 ladder, 5 best; see ``SUNSHINE_RANKS``), ``medals`` (always null: the
  crawler exports no medals or designations), ``statuses`` (微博数, every post and repost
  the account counts), ``default_avatar`` (whether the profile picture is Weibo's stock
  one), ``originals_only`` (the crawler was told to skip reposts, so none are listed).

A missing column or key leaves its field null with one warning; an unreadable date leaves
``created_at`` null with a warning. Nothing is invented.
"""
from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import ijson

from ..archive import ArchiveRefused, SafeArchive
from ..plainfile import PlainFile
from ..profile import Profile
from .base import ProfileBuilder, read_csv, safe_date

PLATFORM = "weibo"
LABEL = "Weibo"
MARKERS = ("users.csv",)
# The posts files are named by the account's numeric user id.
MARKER_PATTERN = re.compile(r"\d+\.(?:csv|json)")
PLAIN_SUFFIXES = (".csv", ".json")
# What the crawler's output tells (paths of ingest.profile.TELLABLE); see "Never kept" and
# "What the crawler cannot tell" above.
TELLS = frozenset(
    {
        "profile.name", "profile.birth_date", "profile.location", "profile.bio", "profile.registered_at",
        "profile.verified", "profile.education", "profile.positions",
        "counts.followers", "counts.following",
        "posts", "media", "weibo",
    }
)

BEIJING = timezone(timedelta(hours=8))
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")
_MEDIA_NAME = re.compile(r"\d{8}T?_(\d+)(?:_\d+)?\.\w+")
_TAG = re.compile(r"<[^>]+>")
_SNIFF_BYTES = 64 * 1024

# field -> (users.csv header, JSON "user" key)
USER_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("用户id", "id"),
    "name": ("昵称", "screen_name"),
    "birthday": ("生日", "birthday"),
    "location": ("所在地", "location"),
    "education": ("学习经历", "education"),
    "company": ("公司", "company"),
    "registered": ("注册时间", "registration_time"),
    "sunshine": ("阳光信用", "sunshine"),
    "statuses": ("微博数", "statuses_count"),
    "followers": ("粉丝数", "followers_count"),
    "following": ("关注数", "follow_count"),
    "bio": ("简介", "description"),
    "avatar": ("头像", "profile_image_url"),
    "level": ("微博等级", "urank"),
    "membership": ("会员等级", "mbrank"),
    "verified": ("是否认证", "verified"),
    "verified_type": ("认证类型", "verified_type"),
    "verified_reason": ("认证信息", "verified_reason"),
}
# field -> (posts CSV header, JSON "weibo" item key)
POST_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("id", "id"),
    "text": ("正文", "text"),
    "date": ("日期", "created_at"),
    "full_date": ("完整日期", "full_created_at"),
    "tool": ("工具", "source"),
    "likes": ("点赞数", "attitudes_count"),
    "comments": ("评论数", "comments_count"),
    "reposts": ("转发数", "reposts_count"),
    "pictures": ("原始图片url", "pics"),
}
ORIGINAL_HEADER = "是否原创"

# Sunshine credit (阳光信用) is a 300-900 point score Weibo shows as one of five labels. Two
# label sets occur in crawled data: the app's 极好/优秀/良好/中等/较差 (700+, 650, 600, 550,
# below) and an older 极好/较好/一般/较低/极低. Each set is ranked on its own order, 5 best.
SUNSHINE_RANKS = {
    "信用极好": 5, "信用优秀": 4, "信用良好": 3, "信用中等": 2, "信用较差": 1,
    "信用较好": 4, "信用一般": 3, "信用较低": 2, "信用极低": 1,
}
_TRUE = {"true", "1", "是", "yes"}
_FALSE = {"false", "0", "否", "no"}

Reader = SafeArchive | PlainFile


@dataclass
class _Files:
    """Which members of the upload hold what: found once, read once each."""

    users_csv: str | None = None
    posts: str | None = None
    posts_json: bool = False
    uid: str | None = None
    warnings: list[str] = field(default_factory=list)


def parse(archive: Reader) -> Profile:
    files = _locate(archive)
    layout = "weibo-crawler-json" if files.posts_json else "weibo-crawler-csv" if files.posts else "weibo-crawler-users"
    out = ProfileBuilder(PLATFORM, "archive", layout, TELLS)
    for message in files.warnings:
        out.warn(message)
    record = _user_record(archive, files, out)
    _fill_user(record, out)
    own_posts = _read_posts(archive, files, out)
    _add_media(archive, own_posts, out)
    return out.build()


def check_plain(file: PlainFile) -> None:
    """Refuse a lone file that is not one of the crawler's, saying what was expected."""
    if _sniff(file, file.name) is None:
        raise ArchiveRefused(
            "This does not look like weibo-crawler output: expected its posts file (<user id>.csv "
            "or .json) or its users.csv, with the crawler's own column names."
        )


# -- finding the files ------------------------------------------------------------------------
def _sniff(archive: Reader, name: str) -> str | None:
    """"users", "posts-csv" or "posts-json" from the first bytes of a member, else None."""
    with archive.open(name) as stream:
        head = stream.read(_SNIFF_BYTES).decode("utf-8-sig", errors="replace")
    stripped = head.lstrip()
    if stripped.startswith("{"):
        return "posts-json" if '"weibo"' in head or '"user"' in head else None
    first = next(csv.reader(io.StringIO(stripped.split("\n", 1)[0])), [])
    headers = {h.strip() for h in first}
    if "正文" in headers:
        return "posts-csv"
    if "昵称" in headers or "用户id" in headers:
        return "users"
    return None


def _locate(archive: Reader) -> _Files:
    if isinstance(archive, PlainFile):
        kind = _sniff(archive, archive.name)
        if kind == "users":
            return _Files(users_csv=archive.name)
        stem = archive.name.rsplit(".", 1)[0]
        return _Files(posts=archive.name, posts_json=kind == "posts-json", uid=stem if stem.isdigit() else None)
    users = archive.find_all("users.csv")
    posts: dict[str, dict[str, str]] = {}
    for name in archive.names():
        basename = name.rsplit("/", 1)[-1]
        if MARKER_PATTERN.fullmatch(basename):
            uid, suffix = basename.split(".")
            posts.setdefault(uid, {})[suffix] = name
    if len(posts) > 1:
        raise ArchiveRefused(
            f"This holds the crawler's output for {len(posts)} accounts (user ids {', '.join(sorted(posts))}); "
            "zip only the folder of your own account."
        )
    files = _Files(users_csv=users[0] if users else None)
    if not posts:
        files.warnings.append("No posts file (<user id>.csv or .json) in the upload: posts are unknown.")
        return files
    files.uid, found = next(iter(posts.items()))
    files.posts_json = "json" in found
    files.posts = found["json"] if files.posts_json else found["csv"]
    return files


# -- the account ------------------------------------------------------------------------------
def _user_record(archive: Reader, files: _Files, out: ProfileBuilder) -> dict[str, Any] | None:
    """The account's raw values by field name (only the fields the file has), or None."""
    if files.posts_json:
        user = _json_user(archive, files.posts, out)
        if isinstance(user, dict):
            _warn_absent(out, files.posts, [f for f, (_, key) in USER_FIELDS.items() if key not in user], "json")
            return {f: user[key] for f, (_, key) in USER_FIELDS.items() if key in user}
        out.warn(f"{files.posts} has no user record; looking for users.csv instead.")
    if files.users_csv is None:
        out.warn("No users.csv and no user record: name, counts, level and verification are unknown.")
        return None
    return _csv_user(archive, files, out)


def _json_user(archive: Reader, name: str, out: ProfileBuilder) -> Any:
    with archive.open(name) as stream:
        try:
            return next(ijson.items(stream, "user", use_float=True), None)
        except ijson.JSONError:
            out.warn(f"{name} is damaged before its user record ends.")
            return None


def _csv_user(archive: Reader, files: _Files, out: ProfileBuilder) -> dict[str, Any] | None:
    table = read_csv(archive, files.users_csv, out, "")
    if table is None:
        return None
    header = {h: f for f, (h, _) in USER_FIELDS.items()}
    rows = [{header[h]: v for h, v in row.items() if h in header} for row in table]
    if files.uid is not None:
        rows = [r for r in rows if str(r.get("id", "")).strip() == files.uid]
        if not rows:
            out.warn(f"{files.users_csv} has no row for user id {files.uid}: the account's details are unknown.")
            return None
    if len(rows) > 1:
        raise ArchiveRefused(f"{files.users_csv} lists {len(rows)} accounts; upload the output for your own account only.")
    if not rows:
        out.warn(f"{files.users_csv} has no rows: the account's details are unknown.")
        return None
    _warn_absent(out, files.users_csv, [f for f, (h, _) in USER_FIELDS.items() if h not in table.fieldnames], "csv")
    return rows[0]


def _warn_absent(out: ProfileBuilder, name: str, fields: list[str], kind: str) -> None:
    labels = [USER_FIELDS[f][0 if kind == "csv" else 1] for f in fields if f != "id"]
    if len(labels) == 1:
        out.warn(f"{name} has no {'column' if kind == 'csv' else 'key'} {labels[0]}: that account detail is unknown.")
    elif labels:
        out.warn(f"{name} has no {'columns' if kind == 'csv' else 'keys'} {', '.join(labels)}: those account details are unknown.")


def _fill_user(record: dict[str, Any] | None, out: ProfileBuilder) -> None:
    extra: dict[str, Any] = dict.fromkeys(
        ("level", "membership_level", "verified_type", "verified_reason", "sunshine_credit", "sunshine_credit_rank",
         "medals", "statuses", "default_avatar", "originals_only")
    )
    out.doc["weibo"] = extra
    if record is None:
        return
    me = out.profile
    me["name"] = _text(record.get("name"))
    me["location"] = _text(record.get("location"))
    me["bio"] = _text(record.get("bio"))
    me["birth_date"] = _birth_date(record.get("birthday"), out)
    me["registered_at"] = _registered(record.get("registered"), out)
    me["verified"] = _known(record, "verified", _bool, out)
    me["education"] = _listed(record, "education", lambda s: {"school": s, "degree": None, "graduated": None})
    me["positions"] = _listed(record, "company", lambda c: {"company": c, "title": None, "started_on": None, "ended_on": None})
    out.counts["followers"] = _known(record, "followers", _int, out)
    out.counts["following"] = _known(record, "following", _int, out)
    extra["level"] = _known(record, "level", _int, out)
    extra["membership_level"] = _known(record, "membership", _int, out)
    extra["verified_type"] = _known(record, "verified_type", _int, out)
    extra["verified_reason"] = _text(record.get("verified_reason"))
    extra["statuses"] = _known(record, "statuses", _int, out)
    extra["sunshine_credit"], extra["sunshine_credit_rank"] = _sunshine(record.get("sunshine"), out)
    avatar = _text(record.get("avatar"))
    extra["default_avatar"] = ("default_avatar" in avatar) if avatar else None


def _known(record: dict[str, Any], key: str, convert, out: ProfileBuilder) -> Any:
    """``convert`` of a field that is present; a present value it cannot read is a warning."""
    raw = record.get(key)
    if raw is None or raw == "":
        return None
    value = convert(raw)
    if value is None:
        header, json_key = USER_FIELDS[key]
        out.warn(f"The {header} ({json_key}) value '{raw}' cannot be read, so it was left out.")
    return value


def _listed(record: dict[str, Any], key: str, entry) -> list[dict[str, Any]] | None:
    """A one-entry list when filled, [] when the column is there but empty, None when absent."""
    if key not in record:
        return None
    value = _text(record[key])
    return [entry(value)] if value else []


def _birth_date(value: Any, out: ProfileBuilder) -> str | None:
    text = _text(value)
    if text is None:
        return None
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    found = safe_date(*match.groups()) if match else None
    if found is None:
        out.warn(f"The birthday '{text}' is not a full date (Weibo often shows only a star sign), so it was left out.")
    return found


def _registered(value: Any, out: ProfileBuilder) -> str | None:
    text = _text(value)
    moment = beijing_to_utc(text)
    if text and moment is None:
        out.warn(f"The registration time '{text}' cannot be read, so the account's age is unknown.")
    return moment


def _sunshine(value: Any, out: ProfileBuilder) -> tuple[str | None, int | None]:
    label = _text(value)
    if label is None:
        return None, None
    rank = SUNSHINE_RANKS.get(label.replace(" ", ""))
    if rank is None:
        out.warn(f"The sunshine credit '{label}' is not a label we know, so it has no rank.")
    return label, rank


# -- posts ------------------------------------------------------------------------------------
def _read_posts(archive: Reader, files: _Files, out: ProfileBuilder) -> dict[str, str | None]:
    """Add the posts; returns each own post's id with its time, for matching its pictures."""
    if files.posts is None:
        return {}
    out.tell("posts")
    tally = _PostTally(files.posts, json=files.posts_json)
    records = _json_posts(archive, files.posts, out) if files.posts_json else _csv_posts(archive, files.posts, out)
    own: dict[str, str | None] = {}
    for record in records:
        created_at = _add_post(record, out, tally)
        post_id = _text(record.get("id"))
        if post_id:
            own[post_id] = created_at
    for message in tally.messages():
        out.warn(message)
    return own


def _json_posts(archive: Reader, name: str, out: ProfileBuilder) -> Iterator[dict[str, Any]]:
    count = 0
    with archive.open(name) as stream:
        try:
            for item in ijson.items(stream, "weibo.item", use_float=True):
                if not isinstance(item, dict):
                    continue
                count += 1
                record = {f: item[key] for f, (_, key) in POST_FIELDS.items() if key in item}
                record["repost"] = bool(item.get("retweet"))
                yield record
        except ijson.JSONError:
            out.warn(f"{name} is damaged after post {count}; the rest of it was skipped.")


def _csv_posts(archive: Reader, name: str, out: ProfileBuilder) -> Iterator[dict[str, Any]]:
    table = read_csv(archive, name, out, "")
    if table is None:
        return
    header = {h: f for f, (h, _) in POST_FIELDS.items()}
    originals_only = ORIGINAL_HEADER not in table.fieldnames
    out.doc["weibo"]["originals_only"] = originals_only
    if originals_only:
        out.warn(f"{name} has no {ORIGINAL_HEADER} column: the crawler skipped reposts, so every post listed is original.")
    for row in table:
        record = {header[h]: v for h, v in row.items() if h in header}
        record["repost"] = False if originals_only else _negate(_bool(row.get(ORIGINAL_HEADER)))
        yield record


def _add_post(record: dict[str, Any], out: ProfileBuilder, tally: "_PostTally") -> str | None:
    tally.total += 1
    raw_time = record.get("full_date") or record.get("date")
    created_at = beijing_to_utc(raw_time)
    if created_at is None and _text(raw_time):
        tally.bad_dates.append(str(raw_time))
    if "full_date" not in record and "date" not in record:
        tally.unknown["date"] += 1
    counts = {key: tally.read(record, key, _int) for key in ("likes", "comments", "reposts")}
    extra = {
        "repost": record.get("repost"),
        "comment_count": counts["comments"],
        "pictures": tally.read(record, "pictures", _picture_count),
        "tool": _text(tally.read(record, "tool", _string)),
    }
    text = _clean_post_text(tally.read(record, "text", _string))
    out.add_post(text, created_at, counts["likes"], counts["reposts"], extra)
    return created_at


class _PostTally:
    """Counts, per field, the posts that lack it or whose value cannot be read, so a missing
    column is one warning rather than one per row."""

    def __init__(self, name: str, *, json: bool) -> None:
        self.name = name
        self.json = json
        self.total = 0
        self.unknown: Counter[str] = Counter()
        self.bad_dates: list[str] = []

    def read(self, record: dict[str, Any], key: str, convert) -> Any:
        value = convert(record[key]) if key in record else None
        if value is None:
            self.unknown[key] += 1
        return value

    def messages(self) -> Iterator[str]:
        for key, count in self.unknown.items():
            label = POST_FIELDS[key][1 if self.json else 0]
            yield f"{self.name}: no readable {label} for {count} of {self.total} posts; left unknown."
        if self.bad_dates:
            yield (
                f"{self.name}: {len(self.bad_dates)} post(s) have a time that cannot be read "
                f"(such as '{self.bad_dates[0]}'); their time is unknown."
            )


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _clean_post_text(value: Any) -> str:
    """The post's words; HTML (kept when the crawler ran with remove_html_tag 0) is removed."""
    text = value if isinstance(value, str) else ""
    if "<" in text and ">" in text:
        text = html.unescape(_TAG.sub("", re.sub(r"<br\s*/?>", "\n", text)))
    return text.strip()


def _picture_count(value: Any) -> int | None:
    if isinstance(value, list):
        return len(value)
    if isinstance(value, str):
        return len([url for url in value.split(",") if url.strip()])
    return None


def _add_media(archive: Reader, own_posts: dict[str, str | None], out: ProfileBuilder) -> None:
    """The downloaded pictures and videos of one's own posts (named by the post's id); those
    of reposted posts carry the other post's id and are someone else's."""
    if isinstance(archive, PlainFile):
        return  # a lone file holds no pictures: not told
    out.tell("media")
    for name in archive.names():
        match = _MEDIA_NAME.fullmatch(name.rsplit("/", 1)[-1])
        if match and match.group(1) in own_posts:
            out.add_media(name, own_posts[match.group(1)])
    pictured = any((p.get("pictures") or 0) > 0 for p in out.doc["posts"] or [])
    if pictured and not out.doc["media"]:
        out.warn("The upload holds no downloaded pictures of your posts (the crawler's original_pic_download was off).")


# -- values -----------------------------------------------------------------------------------
def beijing_to_utc(value: Any) -> str | None:
    """A crawler time (Beijing time, no zone) as ISO-8601 UTC; None when it cannot be read."""
    text = _text(value)
    if text is None:
        return None
    for fmt in _DATE_FORMATS:
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return moment.replace(tzinfo=BEIJING).astimezone(timezone.utc).isoformat()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)).astimezone(timezone.utc).isoformat()


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip() if isinstance(value, (str, int)) else None
    return text or None


def _int(value: Any) -> int | None:
    """Counts as the crawler writes them: ints in JSON, digits (ids with a trailing tab,
    verified_type -1) in CSV."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value.strip())
    return None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    folded = str(value).strip().casefold()
    return True if folded in _TRUE else False if folded in _FALSE else None


def _negate(value: bool | None) -> bool | None:
    return None if value is None else not value
