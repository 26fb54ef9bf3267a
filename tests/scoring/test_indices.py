from datetime import date, datetime, timedelta, timezone

import pytest

from ingest.parsers import PLATFORMS
from ingest.profile import LISTS
from scoring.fuzzy.hierarchy import PAPER_HIERARCHY
from scoring.fuzzy.indices import INDICES, RULES, Applicant, looks_random, recency_score, saturating, score_indices

AS_OF = date(2026, 11, 24)


def when(days_ago: float) -> str:
    moment = datetime(2026, 11, 24, 12, tzinfo=timezone.utc) - timedelta(days=days_ago)
    return moment.isoformat().replace("+00:00", "Z")


def profile(platform: str, **overrides) -> dict:
    """A document whose lists are empty where the platform tells them and null where it cannot."""
    doc = {
        "schema_version": 1,
        "platform": platform,
        "source": {"kind": "archive", "layout": "test"},
        "profile": {
            "name": None, "emails": [], "birth_date": None, "gender": None, "location": None, "bio": None,
            "registered_at": None, "verified": None, "education": [], "positions": [], "skills": [],
        },
        "counts": {k: None for k in ("friends", "followers", "following", "connections", "friend_requests_received", "invitations_received", "reactions_given")},
        "posts": [], "comments": [], "groups": [], "pages": [], "media": [], "warnings": [],
    }
    for path in LISTS - PLATFORMS[platform].TELLS:
        parent, _, key = path.rpartition(".")
        (doc[parent] if parent else doc)[key] = None
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(doc.get(key), dict):
            doc[key] = {**doc[key], **value}
        else:
            doc[key] = value
    return doc


def test_every_leaf_of_the_paper_has_a_rule():
    assert set(RULES) == set(PAPER_HIERARCHY.leaves())


def test_every_leaf_of_the_default_hierarchy_has_one_documented_function_that_scores_it():
    assert list(INDICES) == list(PAPER_HIERARCHY.leaves())
    applicant = Applicant([profile("facebook"), profile("twitter"), profile("linkedin")], {}, AS_OF)
    for code, rule in INDICES.items():
        assert rule(applicant).code == code
        assert rule.__doc__.startswith(code) and ("Table" in rule.__doc__ or "section" in rule.__doc__), code


@pytest.mark.parametrize(("days", "score"), [(0, 100), (36.5, 90), (182.5, 50), (365, 0), (366, 0), (-3, 100)])
def test_recency_is_eq9(days, score):
    assert recency_score(days) == pytest.approx(score)


def test_saturating_curve():
    assert saturating(0, 10) == 0
    assert saturating(10, 10) == 50
    assert saturating(90, 10) == 90
    assert saturating(10**9, 10) < 100


@pytest.mark.parametrize("name", ["Alice Martin", "FreshBoy", "Jean-Pierre O'Neill", "McDonald", "张伟", "Zoë Ångström", "Nguyễn Văn An"])
def test_readable_names(name):
    assert not looks_random(name)


@pytest.mark.parametrize("name", ["xKqZtP", "qwrtpsdf", "a8f3k2j9d", "12345678", "____", "bcdfghjk smith"])
def test_random_names(name):
    assert looks_random(name)


def test_no_sources_means_every_index_missing():
    scores = score_indices([], {}, as_of=AS_OF)
    assert all(index.missing for index in scores.values())
    assert set(scores) == set(RULES)


def test_a_facebook_export():
    fb = profile(
        "facebook",
        profile={"name": "Alice Martin", "emails": ["a@example.org"], "birth_date": "1990-02-01", "location": "Lyon",
                 "registered_at": "2016-11-24T00:00:00Z", "verified": False},
        counts={"friends": 300, "reactions_given": 30},
        posts=[{"text": "hello", "created_at": when(2), "likes": 4, "shares": 1},
               {"text": "Hello ", "created_at": when(40), "likes": 0, "shares": None},
               {"text": "trip", "created_at": when(400), "likes": 5, "shares": 0}],
        comments=[{"text": "nice", "created_at": when(10)}],
        groups=["Lyon runners", "Cooking"],
    )
    analysis = {"profanity": {"groups": ["Cooking"], "pages": [], "groups_total": 2, "pages_total": 0, "posts": 1, "comments": 0}}
    s = score_indices([fb], analysis, as_of=AS_OF)
    assert s["A11"].score == pytest.approx(100 * 4 / 7)  # name, birth date, location, e-mail
    assert s["A12"].score == 50
    assert s["A21"].score == 100  # ten years: capped at five
    assert s["A22"].score == 80
    assert s["B11"].score == pytest.approx(saturating(2, 10))  # the post 2 days ago and the comment 10 days ago
    assert s["B12"].score == pytest.approx(recency_score(1.5), abs=0.3)
    assert s["B21"].score == pytest.approx(saturating(3, 50))
    assert s["B22"].score == 100 - 10 * 1 - 10 * 1  # one profane post, one repeat ("Hello " = "hello")
    assert s["B31"].missing and s["B32"].missing and "X/Twitter" in s["B31"].evidence
    assert s["B41"].score == pytest.approx(saturating(1, 50))
    assert s["B42"].score == 100
    assert s["B51"].missing and s["B52"].missing
    assert s["C11"].score == pytest.approx(saturating(300, 300))
    assert s["C12"].score == pytest.approx(saturating(300, 150))
    assert s["C13"].score == pytest.approx(saturating((5 + 0 + 5) / 3, 5))
    assert s["C21"].score == pytest.approx(saturating(2, 5) - 10)
    assert s["C22"].missing and s["C23"].missing
    assert s["A11"].sources == ("facebook",)


def test_a_twitter_account_counts_retweets_as_forwarding():
    tw = profile(
        "twitter",
        profile={"name": "xKqZtP", "registered_at": "2024-11-24T00:00:00Z", "verified": True},
        counts={"followers": 50, "following": 20},
        posts=[{"text": "RT @bank: rates", "created_at": when(1), "likes": None, "shares": None},
               {"text": "RT @bank: rates", "created_at": when(3), "likes": None, "shares": None},
               {"text": "my own words", "created_at": when(5), "likes": None, "shares": None}],
    )
    s = score_indices([tw], {}, as_of=AS_OF)
    assert s["A12"].score == 100
    assert s["A21"].score == pytest.approx(100 * (730 / 365.25) / 5, abs=0.1)
    assert s["A22"].score == 20
    assert s["B21"].score == pytest.approx(saturating(1, 50))
    assert s["B31"].score == pytest.approx(saturating(2, 20))
    assert s["B32"].score == 90  # the same retweet twice
    assert s["B41"].missing and s["B42"].missing  # replies are tweets: no comment list
    assert s["C11"].score == pytest.approx(saturating(50, 300))
    assert s["C12"].score == pytest.approx(saturating(20, 150))
    assert s["C13"].missing  # no like counts
    assert s["C21"].missing


def test_null_is_missing_but_zero_is_scored():
    unknown = score_indices([profile("instagram")], {}, as_of=AS_OF)
    assert unknown["C11"].missing and unknown["A21"].missing and unknown["B12"].missing and unknown["A22"].missing
    zero = score_indices([profile("instagram", counts={"followers": 0, "following": 0})], {}, as_of=AS_OF)
    assert zero["C11"].score == 0 and zero["C12"].score == 0
    # Empty post lists say "no activity": scored 0, not missing.
    assert zero["B11"].score == 0 and zero["B21"].score == 0
    assert zero["B22"].missing  # no posts to judge


def test_linkedin_profile_strength_is_the_account_level():
    li = profile(
        "linkedin",
        profile={"name": "Bob Stone", "bio": "Engineer", "location": "Leeds",
                 "positions": [{"company": "Acme", "title": "Engineer", "started_on": "2019-01", "ended_on": None}],
                 "education": [{"school": "Leeds", "degree": "BSc", "graduated": True}], "skills": ["a", "b", "c"]},
        counts={"connections": 120},
    )
    s = score_indices([li], {}, as_of=AS_OF)
    assert s["B51"].score == pytest.approx(100 * 5 / 6)  # every criterion but 5 skills
    assert s["C21"].missing  # the export's groups are not read: not told, so not "no groups"
    assert s["C11"].score == pytest.approx(saturating(120, 300))


def test_sources_combine_and_say_where_each_index_came_from():
    fb = profile("facebook", counts={"friends": 100}, profile={"verified": None})
    tw = profile("twitter", counts={"followers": 200}, profile={"verified": True})
    s = score_indices([fb, tw], {}, as_of=AS_OF)
    assert s["C11"].score == pytest.approx(saturating(300, 300))
    assert s["C11"].sources == ("facebook", "twitter")
    assert s["A12"].sources == ("twitter",)


def test_content_scores_never_go_below_zero():
    posts = [{"text": "spam", "created_at": when(1), "likes": 0, "shares": 0}] * 15
    s = score_indices([profile("facebook", posts=posts)], {"profanity": {"posts": 3}}, as_of=AS_OF)
    assert s["B22"].score == 0


def test_gender_is_not_basic_information_and_never_counts():
    base = {"name": "Alice Martin", "location": "Lyon"}
    without = score_indices([profile("facebook", profile=base)], {}, as_of=AS_OF)["A11"]
    with_gender = score_indices([profile("facebook", profile={**base, "gender": "female"})], {}, as_of=AS_OF)["A11"]
    assert with_gender.score == without.score == pytest.approx(100 * 2 / 7)
    assert "gender" not in RULES["A11"]


def test_lists_an_export_cannot_tell_leave_their_indices_missing_not_zero():
    opened = {"registered_at": "2020-01-01T00:00:00Z"}
    untold = score_indices([profile("weibo", profile=opened, posts=None, media=None)], {}, as_of=AS_OF)
    assert untold["B41"].missing and untold["B42"].missing  # the crawler exports no comments of one's own
    assert untold["C21"].missing  # nor groups
    assert untold["B11"].missing and untold["B13"].missing and untold["B21"].missing and untold["B31"].missing
    told = score_indices([profile("weibo", profile=opened)], {}, as_of=AS_OF)  # posts told: there are none
    assert told["B11"].score == 0 and told["B13"].score == 0 and told["B21"].score == 0 and told["B31"].score == 0
    assert told["B41"].missing and told["C21"].missing
