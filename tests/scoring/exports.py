"""Generators of one applicant's exports at any size, for the pipeline tests and bench/.

Built on the ingest tests' layouts (tests/ingest/exports.py), so what the pipeline reads is
what the real parsers make of an export: texts in English, Chinese and other languages,
group and page names (some profane, some only flagged by the shipped list: "Gay Pride"),
and photos of a given size.
"""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

from tests.ingest.exports import BASE_TS, FACEBOOK_FILES, facebook_profile_v2, meta_json, ytd

ENGLISH = [
    "Had a wonderful time with the family at the beach today, so happy!",
    "Terrible traffic again, I hate Mondays and this awful commute.",
    "Meeting the team for lunch at noon.",
    "Thanks everyone for the kind birthday wishes, you are the best :)",
    "The service at that restaurant was disappointing and rude.",
    "Reading a book about personal finance and budgeting.",
    "What a damn mess the roadworks made of the street.",
    "Great news: I got the job! Starting next month 🎉",
    "Not sure what to think about the new update, it is okay I guess.",
    "Check out this article https://example.org/story?id=42 #finance",
]
CHINESE = ["今天天气很好，我们去公园散步。", "这个服务太差了，我很失望。", "谢谢大家的祝福！"]
OTHER = ["Ça va très bien, merci à tous", "Das Wetter ist heute schön", "Hoy es un buen día"]
NAMES = [
    "Budget Travellers {n}", "Dog lovers {n}", "Running Club {n}", "Python Developers {n}", "Gay Pride {n}",
    "Sex Education Society {n}", "Oh my God memes {n}", "Crap Cars Club {n}", "Home Bakers {n}", "Shit Happens {n}",
]


def texts(count: int, seed: int) -> list[str]:
    """English with some Chinese (10%) and other languages (5%); a long text now and then."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        roll = rng.random()
        pool = CHINESE if roll < 0.10 else OTHER if roll < 0.15 else ENGLISH
        text = rng.choice(pool)
        if rng.random() < 0.05:
            text = " ".join(rng.choice(ENGLISH) for _ in range(8))
        out.append(f"{text} ({n})")
    return out


def photo(seed: int, width: int = 640, height: int = 480) -> bytes:
    """A JPEG photo: a gradient with noise, so it compresses and decodes like a real one."""
    rng = np.random.default_rng(seed)
    base = np.linspace(0, 255, width, dtype=np.uint8)[None, :, None].repeat(height, 0).repeat(3, 2)
    noise = rng.integers(0, 60, size=(height, width, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(base // 2 + noise).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def write_facebook(path: Path, *, posts: int, comments: int, names: int, photos: int) -> Path:
    """A Facebook export (2021 layout): the first ``photos`` posts carry a 640x480 photo;
    ``names`` group and page names, half of each."""
    files = FACEBOOK_FILES["2021"]
    post_texts = texts(posts, 1)
    items = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, text in enumerate(post_texts):
            item = {"timestamp": BASE_TS + i * 600, "data": [{"post": text}]}
            if i < photos:
                uri = f"{files['media_dir']}/photo_{i}.jpg"
                item["attachments"] = [{"data": [{"media": {"uri": uri, "creation_timestamp": BASE_TS + i}}]}]
                archive.writestr(uri, photo(i), compress_type=zipfile.ZIP_STORED)
            items.append(item)
        archive.writestr(files["posts"], meta_json(items))
        archive.writestr(files["comments"], meta_json({"comments_v2": [
            {"timestamp": BASE_TS + i, "data": [{"comment": {"timestamp": BASE_TS + i, "comment": text}}]}
            for i, text in enumerate(texts(comments, 2))
        ]}))
        half = names // 2
        groups = [NAMES[n % len(NAMES)].format(n=n) for n in range(half)]
        pages = [NAMES[(n + 3) % len(NAMES)].format(n=n) for n in range(names - half)]
        archive.writestr(files["groups"], meta_json({"groups_joined_v2": [
            {"timestamp": BASE_TS, "data": [{"name": g}], "title": g} for g in groups
        ]}))
        archive.writestr(files["pages_liked"], meta_json({"page_likes_v2": [{"name": p, "timestamp": BASE_TS} for p in pages]}))
        archive.writestr(files["friends"], meta_json({"friends_v2": [{"name": f"Friend {n}", "timestamp": BASE_TS} for n in range(250)]}))
        archive.writestr(files["profile"], meta_json(facebook_profile_v2()))
    return path


def write_twitter(path: Path, *, tweets: int) -> Path:
    """An X/Twitter archive with ``tweets`` tweets and follower counts."""
    records = [
        {"tweet": {"id_str": str(10_000 + i), "full_text": text, "created_at": "Wed Oct 10 20:19:24 +0000 2018",
                   "favorite_count": str(i % 7), "retweet_count": str(i % 3)}}
        for i, text in enumerate(texts(tweets, 3))
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/manifest.js", b'window.__THAR_CONFIG = {"userInfo": {"userName": "bench"}}')
        archive.writestr("data/account.js", ytd("account", [{"account": {"username": "bench", "createdAt": "2011-04-10T10:20:30.000Z", "accountDisplayName": "Bench"}}]))
        archive.writestr("data/tweets.js", ytd("tweets", records))
        archive.writestr("data/follower.js", ytd("follower", [{"follower": {"accountId": str(i)}} for i in range(300)]))
        archive.writestr("data/following.js", ytd("following", [{"following": {"accountId": str(i)}} for i in range(120)]))
    return path
