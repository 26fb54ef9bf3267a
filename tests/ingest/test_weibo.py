"""Weibo crawler output (dataabc/weibo-crawler): CSV, JSON and a zip of its folder, compared
with what the generator wrote."""
import json
import zipfile
from datetime import datetime, timedelta, timezone
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ingest.archive import ArchiveRefused, SafeArchive
from ingest.models import DataSource
from ingest.parsers import detect_platform, parse_export

from . import weibo_output as crawler
from .test_views import messages_of, post_upload

USER = crawler.USER


def utc(beijing: str) -> str:
    """The generator's Beijing wall-clock time as the UTC instant it is."""
    fmt = "%Y-%m-%d %H:%M:%S" if " " in beijing else "%Y-%m-%d"
    moment = datetime.strptime(beijing, fmt).replace(tzinfo=timezone(timedelta(hours=8)))
    return moment.astimezone(timezone.utc).isoformat()


@pytest.mark.parametrize("mode", ["csv", "json"])
def test_every_account_column_lands_in_the_profile_or_the_weibo_block(tmp_path, mode):
    doc = parse_export("weibo", crawler.write_output_zip(tmp_path / "weibo.zip", mode=mode).path).document()
    assert doc["platform"] == "weibo"
    assert doc["source"] == {"kind": "archive", "layout": f"weibo-crawler-{mode}"}
    me = doc["profile"]
    assert me["name"] == USER["screen_name"]
    assert me["birth_date"] == "1994-05-17"  # the star sign after the date is not a date
    assert me["location"] == USER["location"]
    assert me["bio"] == USER["description"]
    assert me["registered_at"] == utc(USER["registration_time"])
    assert me["verified"] is True
    assert me["education"] == [{"school": USER["education"], "degree": None, "graduated": None}]
    assert me["positions"] == [{"company": USER["company"], "title": None, "started_on": None, "ended_on": None}]
    assert (doc["counts"]["followers"], doc["counts"]["following"]) == (USER["followers_count"], USER["follow_count"])
    assert doc["weibo"] == {
        "level": USER["urank"], "membership_level": USER["mbrank"], "verified_type": USER["verified_type"],
        "verified_reason": USER["verified_reason"], "sunshine_credit": USER["sunshine"], "sunshine_credit_rank": 4,
        "medals": None, "statuses": USER["statuses_count"], "default_avatar": False,
        "originals_only": False if mode == "csv" else None,
    }
    assert doc["warnings"] == []


@pytest.mark.parametrize("mode", ["csv", "json"])
def test_posts_keep_text_time_tool_counts_pictures_and_the_repost_flag(tmp_path, mode):
    doc = parse_export("weibo", crawler.write_output_zip(tmp_path / "weibo.zip", mode=mode).path).document()
    expected = [
        {"text": text, "created_at": utc(when), "likes": likes, "shares": reposts, "repost": repost_of is not None,
         "comment_count": comments, "pictures": pictures, "tool": tool}
        for _id, text, when, tool, likes, comments, reposts, pictures, repost_of in crawler.POSTS
    ]
    assert doc["posts"] == expected
    assert [p["repost"] for p in doc["posts"]] == [False, False, True, False]


def test_gender_and_ip_location_are_never_kept(tmp_path):
    for mode in ("csv", "json"):
        doc = parse_export("weibo", crawler.write_output_zip(tmp_path / f"{mode}.zip", mode=mode).path).document()
        assert doc["profile"]["gender"] is None
        dumped = json.dumps(doc, ensure_ascii=False)
        assert USER["ip_location"] not in dumped and "gender" not in json.dumps(doc["weibo"])


def test_what_the_crawler_cannot_tell_is_null_not_empty(tmp_path):
    doc = parse_export("weibo", crawler.write_output_zip(tmp_path / "weibo.zip").path).document()
    assert doc["comments"] is None and doc["groups"] is None and doc["pages"] is None
    assert doc["profile"]["emails"] is None and doc["profile"]["skills"] is None
    assert doc["counts"]["friends"] is None


def test_only_pictures_of_ones_own_posts_are_media_with_their_posts_time(tmp_path):
    written = crawler.write_output_zip(tmp_path / "weibo.zip")
    doc = parse_export("weibo", written.path).document()
    assert [m["path"] for m in doc["media"]] == written.media  # the reposted post's picture is not one's own
    first = crawler.POSTS[0]
    assert {m["created_at"] for m in doc["media"][:2]} == {utc(first[2])}


def test_a_lone_posts_csv_gives_posts_and_says_the_account_is_unknown(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.csv"
    path.write_bytes(crawler.posts_csv())
    doc = parse_export("weibo", path).document()
    assert [p["text"] for p in doc["posts"]] == [p[1] for p in crawler.POSTS]
    assert doc["profile"]["name"] is None and doc["profile"]["education"] is None and doc["media"] is None
    assert doc["warnings"] == ["No users.csv and no user record: name, counts, level and verification are unknown."]


def test_a_lone_json_file_holds_account_and_posts(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.json"
    path.write_bytes(crawler.posts_json())
    doc = parse_export("weibo", path).document()
    assert doc["profile"]["name"] == USER["screen_name"] and doc["weibo"]["level"] == USER["urank"]
    assert len(doc["posts"]) == len(crawler.POSTS)


def test_a_lone_users_csv_gives_the_account_and_unknown_posts(tmp_path):
    path = tmp_path / "users.csv"
    path.write_bytes(crawler.users_csv())
    doc = parse_export("weibo", path).document()
    assert doc["profile"]["name"] == USER["screen_name"]
    assert doc["posts"] is None  # not told, rather than "no posts"
    assert doc["source"]["layout"] == "weibo-crawler-users"


def test_a_missing_posts_column_is_null_with_one_warning(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.csv"
    path.write_bytes(crawler.posts_csv(drop=("点赞数",)))
    doc = parse_export("weibo", path).document()
    assert [p["likes"] for p in doc["posts"]] == [None] * len(crawler.POSTS)
    assert [p["shares"] for p in doc["posts"]] == [p[6] for p in crawler.POSTS]
    assert f"{path.name}: no readable 点赞数 for 4 of 4 posts; left unknown." in doc["warnings"]


def test_a_missing_account_column_is_null_with_one_warning(tmp_path):
    members = {"weibo/users.csv": crawler.users_csv(drop=("微博等级", "是否认证"))}
    members[f"weibo/x/{crawler.USER_ID}.csv"] = crawler.posts_csv()
    path = tmp_path / "weibo.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    doc = parse_export("weibo", path).document()
    assert doc["weibo"]["level"] is None and doc["profile"]["verified"] is None
    assert doc["weibo"]["membership_level"] == USER["mbrank"]
    assert "weibo/users.csv has no columns 微博等级, 是否认证: those account details are unknown." in doc["warnings"]


def test_a_missing_json_key_is_null_with_one_warning(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.json"
    path.write_bytes(crawler.posts_json(drop_keys=("comments_count",)))
    doc = parse_export("weibo", path).document()
    assert {p["comment_count"] for p in doc["posts"]} == {None}
    assert f"{path.name}: no readable comments_count for 4 of 4 posts; left unknown." in doc["warnings"]


def test_a_bad_date_leaves_that_posts_time_unknown(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.csv"
    path.write_bytes(crawler.posts_csv(bad_date="昨天 12:00"))
    doc = parse_export("weibo", path).document()
    assert [p["created_at"] for p in doc["posts"]] == [utc(p[2]) for p in crawler.POSTS[:-1]] + [None]
    assert f"{path.name}: 1 post(s) have a time that cannot be read (such as '昨天 12:00'); their time is unknown." in doc["warnings"]


def test_older_crawlers_wrote_days_only(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.json"
    path.write_bytes(crawler.posts_json(date_only=True))
    doc = parse_export("weibo", path).document()
    assert [p["created_at"] for p in doc["posts"]] == [utc(p[2][:10]) for p in crawler.POSTS]


def test_a_crawl_of_originals_only_says_so_and_lists_no_repost(tmp_path):
    originals = [p for p in crawler.POSTS if p[8] is None]
    path = tmp_path / f"{crawler.USER_ID}.csv"
    path.write_bytes(crawler.posts_csv(originals, originals_only=True))
    doc = parse_export("weibo", path).document()
    assert [p["repost"] for p in doc["posts"]] == [False] * len(originals)
    assert doc["weibo"]["originals_only"] is True
    assert any("the crawler skipped reposts" in w for w in doc["warnings"])


def test_unknown_sunshine_label_and_a_stock_avatar(tmp_path):
    user = {**USER, "sunshine": "信用超神", "profile_image_url": "https://tvax1.sinaimg.cn/default/images/default_avatar_female_180.gif"}
    path = tmp_path / f"{crawler.USER_ID}.json"
    path.write_bytes(crawler.posts_json(user=user))
    doc = parse_export("weibo", path).document()
    assert (doc["weibo"]["sunshine_credit"], doc["weibo"]["sunshine_credit_rank"]) == ("信用超神", None)
    assert doc["weibo"]["default_avatar"] is True
    assert "The sunshine credit '信用超神' is not a label we know, so it has no rank." in doc["warnings"]


def test_a_damaged_json_file_keeps_the_posts_before_the_fault(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.json"
    whole = crawler.posts_json()
    path.write_bytes(whole[: whole.index("读完了".encode())])
    doc = parse_export("weibo", path).document()
    assert [p["text"] for p in doc["posts"]] == [p[1] for p in crawler.POSTS[:3]]
    assert f"{path.name} is damaged after post 3; the rest of it was skipped." in doc["warnings"]


def test_the_right_row_of_a_users_csv_with_several_accounts_is_used(tmp_path):
    other = {**USER, "id": "1669879400", "screen_name": "Dear-迪丽热巴", "urank": 44}
    users = crawler.users_csv() + crawler.users_csv(other).decode("utf-8-sig").split("\r\n", 1)[1].encode()
    path = tmp_path / "weibo.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("weibo/users.csv", users)
        archive.writestr(f"weibo/me/{crawler.USER_ID}.csv", crawler.posts_csv())
    doc = parse_export("weibo", path).document()
    assert (doc["profile"]["name"], doc["weibo"]["level"]) == (USER["screen_name"], USER["urank"])


def test_the_output_of_several_accounts_is_refused(tmp_path):
    extra = {"weibo/Dear-迪丽热巴/1669879400.csv": crawler.posts_csv()}
    path = crawler.write_output_zip(tmp_path / "weibo.zip", extra=extra).path
    with pytest.raises(ArchiveRefused, match="output for 2 accounts"):
        parse_export("weibo", path)


def test_a_csv_that_is_not_the_crawlers_is_refused(tmp_path):
    path = tmp_path / "bank.csv"
    path.write_text("date,amount\n2024-01-01,12\n")
    with pytest.raises(ArchiveRefused, match="^This does not look like weibo-crawler output"):
        parse_export("weibo", path)


def test_the_zip_is_detected_as_weibo_and_refused_as_another_platform(tmp_path):
    path = crawler.write_output_zip(tmp_path / "weibo.zip").path
    with SafeArchive(path) as archive:
        assert detect_platform(archive) == "weibo"
    with pytest.raises(ArchiveRefused) as caught:
        parse_export("facebook", path)
    assert str(caught.value) == "This looks like a Weibo export, not a Facebook one; upload it as Weibo."


def test_ingest_export_prints_the_profile_of_a_json_file(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.json"
    path.write_bytes(crawler.posts_json())
    out = StringIO()
    call_command("ingest_export", "weibo", str(path), stdout=out)
    doc = json.loads(out.getvalue())
    assert doc["platform"] == "weibo" and doc["profile"]["name"] == USER["screen_name"]
    assert USER["screen_name"] in out.getvalue()  # real Unicode, not escapes


def test_ingest_export_refuses_a_foreign_csv_in_one_line(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="^This does not look like weibo-crawler output"):
        call_command("ingest_export", "weibo", str(path))


@pytest.mark.django_db
def test_an_applicant_uploads_the_zipped_folder_and_an_outsider_sees_nothing(
    alice_client, alice, bob_client, media_root, tmp_path, eager_celery, django_capture_on_commit_callbacks
):
    written = crawler.write_output_zip(tmp_path / "weibo.zip")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_upload(alice_client, "weibo", written.path, "my-weibo.zip")
    assert messages_of(response) == ["Your Weibo export was received and is being read."]
    source = DataSource.objects.get(owner=alice, platform="weibo")
    assert source.status == DataSource.Status.PARSED
    # the three photos were kept for the analysis, analysed, then dropped with the texts
    images = source.analysis["images"]
    assert images["analysed"] + images["skipped"] == 3 and not source.files_dir.exists()
    page = alice_client.get(reverse("ingest:sources")).content.decode()
    assert "my-weibo.zip" in page and "weibo-crawler" in page
    assert "my-weibo.zip" not in bob_client.get(reverse("ingest:sources")).content.decode()


def test_html_left_in_by_remove_html_tag_0_is_removed_from_the_text(tmp_path):
    raw = "专属新意~<a href='/n/路易威登'>@路易威登</a> 手袋正合我意 &amp; 好看<br />第二行"
    posts = [(crawler.POSTS[0][0], raw, *crawler.POSTS[0][2:])]
    path = tmp_path / f"{crawler.USER_ID}.json"
    path.write_bytes(crawler.posts_json(posts))
    assert parse_export("weibo", path).document()["posts"][0]["text"] == "专属新意~@路易威登 手袋正合我意 & 好看\n第二行"


def test_an_unreadable_count_is_left_out_with_a_warning(tmp_path):
    path = tmp_path / f"{crawler.USER_ID}.json"
    path.write_bytes(crawler.posts_json(user={**USER, "followers_count": "很多"}))
    doc = parse_export("weibo", path).document()
    assert doc["counts"]["followers"] is None and doc["counts"]["following"] == USER["follow_count"]
    assert "The 粉丝数 (followers_count) value '很多' cannot be read, so it was left out." in doc["warnings"]


def test_a_missing_key_of_the_json_user_is_null_with_one_warning(tmp_path):
    user = {k: v for k, v in USER.items() if k not in ("urank", "screen_name")}
    path = tmp_path / f"{crawler.USER_ID}.json"
    path.write_bytes(crawler.posts_json(user=user))
    doc = parse_export("weibo", path).document()
    assert doc["weibo"]["level"] is None and doc["profile"]["name"] is None
    assert doc["weibo"]["membership_level"] == USER["mbrank"]
    assert f"{path.name} has no keys screen_name, urank: those account details are unknown." in doc["warnings"]
