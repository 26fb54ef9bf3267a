"""Generators of dataabc/weibo-crawler output, written the way its weibo.py writes it.

``users.csv`` and the posts CSV go through ``csv.writer`` in UTF-8 with a BOM, ids with the
crawler's trailing tab, the headers of ``user_to_csv`` and ``get_result_headers``; the JSON
file is ``{"user": ..., "weibo": [...]}`` dumped with ``ensure_ascii=False``; pictures are
named ``<yyyymmdd>T_<post id>[_<n>].jpg`` under ``img/原创微博图片`` (``handle_download``).
Each generator returns what it wrote, so tests compare with the generator's own record.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .exports import tiny_png

USER_ID = "5843927384"
USERS_HEADERS = [
    "用户id", "昵称", "性别", "生日", "所在地", "IP属地", "学习经历", "公司", "注册时间", "阳光信用", "微博数",
    "粉丝数", "关注数", "简介", "主页", "头像", "高清头像", "微博等级", "会员等级", "是否认证", "认证类型", "认证信息",
    "上次记录微博信息",
]
POST_HEADERS = [
    "id", "bid", "正文", "头条文章url", "原始图片url", "视频url", "Live Photo视频url", "位置", "日期", "工具", "点赞数",
    "评论数", "转发数", "话题", "@用户", "完整日期", "是否编辑过", "编辑次数",
]
REPOST_HEADERS = ["是否原创", "源用户id", "源用户昵称", *("源微博" + h for h in POST_HEADERS)]

USER = {
    "id": USER_ID,
    "screen_name": "小林爱跑步",
    "gender": "f",
    "birthday": "1994-05-17 金牛座",
    "location": "浙江 杭州",
    "ip_location": "IP属地：浙江",
    "education": "浙江财经大学",
    "company": "杭州银行",
    "registration_time": "2012-03-08",
    "sunshine": "信用优秀",
    "statuses_count": 412,
    "followers_count": 356,
    "follow_count": 281,
    "description": "跑步、读书、做饭 🍜",
    "profile_url": f"https://m.weibo.cn/u/{USER_ID}",
    "profile_image_url": "https://tvax2.sinaimg.cn/crop.0.0.512.512.180/abc.jpg",
    "avatar_hd": "https://wx2.sinaimg.cn/orj480/abc.jpg",
    "urank": 23,
    "mbrank": 3,
    "verified": True,
    "verified_type": 0,
    "verified_reason": "杭州银行 客户经理",
}

# (id, text, created_at, source, likes, comments, reposts, pictures, repost of)
POSTS: list[tuple[str, str, str, str, int, int, int, int, str | None]] = [
    ("4454572602912349", "今天跑了十公里，天气真好！#跑步打卡#", "2024-05-02 07:15:09", "iPhone客户端", 12, 3, 1, 2, None),
    ("4454572602912350", "周末做了红烧肉 🍖 Great dinner with friends", "2024-05-04 19:40:00", "HUAWEI Mate 60", 30, 8, 0, 1, None),
    ("4454572602912351", "转发微博", "2024-05-06 12:00:30", "微博 weibo.com", 0, 0, 0, 0, "4454000000000001"),
    ("4454572602912352", "读完了《活着》，很感动。", "2024-05-09 22:05:41", "iPad客户端", 5, 1, 0, 0, None),
]


@dataclass
class WeiboOutput:
    """What a generator put into the crawler output."""

    path: Path
    posts: list[dict[str, Any]] = field(default_factory=list)
    media: list[str] = field(default_factory=list)


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def users_csv(user: dict[str, Any] = USER, *, drop: tuple[str, ...] = ()) -> bytes:
    """``users.csv`` as ``user_to_csv`` writes it: the user's values in order, then ''."""
    row = [*user.values(), ""]
    keep = [i for i, h in enumerate(USERS_HEADERS) if h not in drop]
    return _csv_bytes([[USERS_HEADERS[i] for i in keep], [row[i] for i in keep]])


def _pics(post_id: str, count: int) -> str:
    return ",".join(f"https://wx1.sinaimg.cn/large/{post_id}_{n}.jpg" for n in range(1, count + 1))


def _weibo(post: tuple, *, date_only: bool = False) -> dict[str, Any]:
    """One post as ``get_one_weibo`` builds it (created_at in the crawler's DTFORMAT)."""
    post_id, text, when, source, likes, comments, reposts, pictures, _ = post
    created_at = when.replace(" ", "T") if not date_only else when[:10]
    return {
        "user_id": int(USER_ID), "screen_name": USER["screen_name"], "id": int(post_id), "bid": "N" + post_id[-6:],
        "text": text, "article_url": "", "pics": _pics(post_id, pictures), "video_url": "", "live_photo_url": "",
        "location": "", "created_at": created_at, "source": source, "attitudes_count": likes,
        "comments_count": comments, "reposts_count": reposts, "topics": "", "at_users": "",
        "full_created_at": when, "edited": False, "edit_count": 0,
    }


def _reposted(original_id: str) -> dict[str, Any]:
    source = _weibo((original_id, "别人的原创微博 someone else's words", "2024-05-05 08:00:00", "Android", 900, 40, 77, 1, None))
    return {**source, "user_id": 1684832145, "screen_name": "法国娇韵诗"}


def posts_csv(posts: list[tuple] = POSTS, *, originals_only: bool = False, drop: tuple[str, ...] = (), bad_date: str | None = None) -> bytes:
    """The posts CSV as ``write_csv`` writes it (``get_write_info`` then the headers)."""
    headers = POST_HEADERS + ([] if originals_only else REPOST_HEADERS)
    rows = []
    for post in posts:
        weibo = _weibo(post)
        values = [v for k, v in weibo.items() if k not in ("user_id", "screen_name")]
        values[0] = f"{values[0]}\t"
        if not originals_only:
            if post[8]:
                source = _reposted(post[8])
                values += [False, source["user_id"], source["screen_name"]]
                values += [f"{v}\t" if k == "id" else v for k, v in source.items() if k not in ("user_id", "screen_name")]
            else:
                values += [True] + [""] * (len(REPOST_HEADERS) - 1)
        rows.append(values)
    if bad_date is not None:
        rows[-1][headers.index("日期")] = bad_date
        rows[-1][headers.index("完整日期")] = bad_date
    keep = [i for i, h in enumerate(headers) if h not in drop]
    return _csv_bytes([[headers[i] for i in keep], *[[row[i] for i in keep] for row in rows]])


def posts_json(posts: list[tuple] = POSTS, *, user: dict[str, Any] | None = USER, drop_keys: tuple[str, ...] = (), date_only: bool = False) -> bytes:
    weibo = []
    for post in posts:
        item = _weibo(post, date_only=date_only)
        if date_only:
            item.pop("full_created_at")
        if post[8]:
            item["retweet"] = _reposted(post[8])
        weibo.append({k: v for k, v in item.items() if k not in drop_keys})
    document = ({"user": user} if user is not None else {}) | {"weibo": weibo}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def picture_names(posts: list[tuple] = POSTS) -> list[str]:
    """The files ``handle_download`` writes for the pictures of one's own posts."""
    names = []
    for post_id, _, when, *_rest, pictures, _ in posts:
        prefix = when[:11].replace(" ", "T").replace("-", "") + "_" + post_id
        names += [f"{prefix}.jpg"] if pictures == 1 else [f"{prefix}_{n}.jpg" for n in range(1, pictures + 1)]
    return names


def write_output_zip(path: Path, *, mode: str = "csv", folder: str = USER["screen_name"], extra: dict[str, bytes] | None = None) -> WeiboOutput:
    """A zip of the crawler's ``weibo/`` folder for one account: users.csv, the posts file,
    the pictures of one's own posts and one of a reposted post (which is not one's own)."""
    members = {"weibo/users.csv": users_csv()}
    members[f"weibo/{folder}/{USER_ID}.{mode}"] = posts_csv() if mode == "csv" else posts_json()
    media = [f"weibo/{folder}/img/原创微博图片/{name}" for name in picture_names()]
    for n, name in enumerate(media):
        members[name] = tiny_png(n)
    members[f"weibo/{folder}/img/转发微博图片/20240505T_4454000000000001.jpg"] = tiny_png(9)
    members.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return WeiboOutput(path=path, posts=[_weibo(p) for p in POSTS], media=media)
