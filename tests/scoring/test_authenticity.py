"""The account-authenticity score on profiles built so that each signal is known."""
from datetime import date, datetime, timedelta, timezone

import pytest

from scoring.authenticity import (
    ACCOUNT_AGE_FULL_DAYS,
    BURST_GAP_SECONDS,
    REVIEW_BELOW,
    WEIGHTS,
    authenticity,
)

from .documents import profile

AS_OF = date(2024, 6, 1)
NOON = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)


def at(days: float, hour: int = 0) -> str:
    return (NOON - timedelta(days=days) + timedelta(hours=hour)).isoformat()


def spread_posts(count: int = 30, text=lambda i: f"Day {i}: ran along the lake and read a chapter") -> list[dict]:
    """One post every 20 days, at varying hours, each with its own words."""
    return [{"text": text(i), "created_at": at(5 + 20 * i, hour=i % 9), "likes": 1, "shares": 0} for i in range(count)]


def person(**overrides) -> dict:
    base = dict(
        name="Lin Xiao", bio="Runner, reader, cook", location="Hangzhou", registered_at=at(5 * 365),
        positions=[{"company": "Bank of Hangzhou", "title": None, "started_on": None, "ended_on": None}],
        followers=356, following=281, posts=spread_posts(),
    )
    base.update(overrides)
    return profile("weibo", **base)


def check(result, name):
    return next(c for c in result.checks if c.name == name)


def test_an_ordinary_account_scores_full_marks_and_is_not_flagged():
    result = authenticity([person()], as_of=AS_OF)
    assert [c.score for c in result.checks] == [100.0] * 6
    assert result.score == 100.0 and result.review is False


def test_a_duplicated_text_account_scores_lower_and_says_why():
    spam = spread_posts(text=lambda i: f"Earn 500 a day from home, DM me https://x.example/{i}" if i < 20 else f"post {i} of mine")
    normal = authenticity([person()], as_of=AS_OF)
    result = authenticity([person(posts=spam)], as_of=AS_OF)
    duplicates = check(result, "duplicates")
    assert duplicates.reason == "19 of 30 texts repeat an earlier one"  # links differ, the words do not
    assert duplicates.score == 0.0
    assert result.score < normal.score
    assert result.review is True
    assert "duplicates is 0 (19 of 30 texts repeat an earlier one)" in result.review_reason
    assert "duplicates: 19 of 30 texts repeat an earlier one" in result.reasons


def test_reposts_and_placeholder_texts_are_not_duplicates_of_ones_own():
    reposts = [{"text": "转发微博", "created_at": at(3 + i, hour=i % 5), "repost": True} for i in range(12)]
    reposts += [{"text": "//@friend: same words everyone forwards", "created_at": at(50 + i), "repost": True} for i in range(5)]
    result = authenticity([person(posts=spread_posts() + reposts)], as_of=AS_OF)
    assert check(result, "duplicates").reason == "0 of 30 texts repeat an earlier one"


def test_no_data_is_missing_not_zero():
    result = authenticity([], as_of=AS_OF)
    assert result.score is None and result.review is False
    assert all(c.score is None for c in result.checks)
    assert result.as_dict()["score"] is None


def test_a_source_that_tells_nothing_is_missing_too():
    result = authenticity([profile("facebook")], as_of=AS_OF)
    assert result.score is None
    assert check(result, "profile_fields").reason.startswith("no source tells the profile")


def test_a_new_account_scores_low_on_age():
    result = authenticity([person(registered_at=at(10))], as_of=AS_OF)
    age = check(result, "account_age")
    assert age.score == pytest.approx(100.0 * 10 / ACCOUNT_AGE_FULL_DAYS)
    assert age.reason == "oldest account (weibo) opened 10 days ago"


def test_the_oldest_of_several_accounts_counts():
    docs = [person(registered_at=at(10)), profile("twitter", registered_at=at(3 * 365))]
    assert check(authenticity(docs, as_of=AS_OF), "account_age").reason == "oldest account (twitter) opened 1095 days ago"


def test_mass_following_with_few_followers_back_scores_low():
    spammy = check(authenticity([person(followers=5, following=3000)], as_of=AS_OF), "follow_balance")
    assert spammy.score < 10
    assert spammy.reason == "5 followers for 3000 accounts followed"
    mutual_only = profile("facebook", friends=400, name="Zoe")
    assert check(authenticity([mutual_only], as_of=AS_OF), "follow_balance").score is None


def test_posting_in_rapid_runs_is_bursty():
    burst = [{"text": f"deal number {i} today", "created_at": (NOON - timedelta(days=40, seconds=20 * i)).isoformat()} for i in range(20)]
    result = authenticity([person(posts=burst + spread_posts(10))], as_of=AS_OF)
    bursty = check(result, "burstiness")
    assert bursty.reason == f"19 of 30 timed posts and comments came within {BURST_GAP_SECONDS} s of the one before"
    assert bursty.score == 0.0


def test_a_source_with_days_only_is_not_judged_on_seconds():
    same_time = [{"text": f"entry {i} of my diary", "created_at": f"2024-05-{1 + i % 20:02d}T16:00:00+00:00"} for i in range(30)]
    assert check(authenticity([person(posts=same_time)], as_of=AS_OF), "burstiness").score is None


def test_stock_names_and_pictures_count_as_unfilled():
    doc = person(name="用户5843927384", bio=None)
    doc["weibo"] = {"default_avatar": True}
    fields = check(authenticity([doc], as_of=AS_OF), "profile_fields")
    assert fields.reason == "2 of 5 profile fields filled (missing or a platform default: name, bio, own profile picture)"
    assert fields.score == 40.0


def test_a_long_history_waking_up_just_before_scoring_is_flagged():
    old = [{"text": f"an old post number {i}", "created_at": at(200 + 30 * i, hour=i)} for i in range(4)]
    fresh = [{"text": f"new post {i} about my plans", "created_at": at(1 + i * 0.7, hour=i % 7)} for i in range(36)]
    result = authenticity([person(posts=old + fresh)], as_of=AS_OF)
    awake = check(result, "activity")
    assert awake.reason == "36 of 40 dated posts and comments fall in the last 30 days of a 1825-day history"
    assert awake.score == pytest.approx(20.0)  # 90 % recent: 100 * (1 - (0.9 - 0.5) / 0.5)
    assert result.review is True


def test_the_score_is_the_weighted_mean_of_the_present_checks_only():
    doc = person(registered_at=at(73), followers=None, following=None, posts=spread_posts(3))
    result = authenticity([doc], as_of=AS_OF)
    present = {c.name: c.score for c in result.checks if c.score is not None}
    assert set(present) == {"account_age", "profile_fields"}
    expected = sum(WEIGHTS[n] * s for n, s in present.items()) / sum(WEIGHTS[n] for n in present)
    assert result.score == expected
    assert (result.score < REVIEW_BELOW) == result.review
    assert result.as_dict()["checks"]["follow_balance"] == {
        "score": None, "reason": "no source gives both followers and accounts followed", "sources": [], "weight": 1.0,
    }
