"""Each source's newest item and its age; when a score is stale."""
from datetime import date, datetime, timedelta, timezone

import pytest

from scoring.freshness import (
    DEFAULT_MAX_DATA_AGE_DAYS,
    SourceFreshness,
    freshness,
    is_stale,
    source_freshness,
)

from .documents import profile

AS_OF = date(2024, 6, 1)


def days_before(days: int, hour: int = 12) -> str:
    moment = datetime(AS_OF.year, AS_OF.month, AS_OF.day, hour, tzinfo=timezone.utc) - timedelta(days=days)
    return moment.isoformat()


def test_the_newest_of_posts_comments_and_media_is_the_sources_newest_item():
    doc = profile(
        "twitter",
        posts=[{"text": "a", "created_at": days_before(40)}, {"text": "b", "created_at": days_before(9)}],
        comments=[{"text": "c", "created_at": days_before(20)}],
        media=[{"path": "p.jpg", "kind": "image", "created_at": days_before(3)}],
        registered_at=days_before(2000),
    )
    found = source_freshness(doc, AS_OF)
    assert (found.basis, found.age_days) == ("media", 3)
    assert found.as_dict() == {"newest": days_before(3), "basis": "media", "age_days": 3}


def test_a_source_without_dated_items_falls_back_to_its_registration():
    doc = profile("linkedin", posts=[{"text": "undated", "created_at": None}], registered_at=days_before(800))
    found = source_freshness(doc, AS_OF)
    assert (found.basis, found.age_days) == ("registered_at", 800)


def test_a_source_with_no_dates_is_missing_not_zero():
    found = source_freshness(profile("facebook", posts=[{"text": "x", "created_at": None}]), AS_OF)
    assert found.missing and found.age_days is None and found.basis is None


def test_a_date_after_as_of_counts_as_today():
    found = source_freshness(profile("weibo", posts=[{"text": "x", "created_at": days_before(-3)}]), AS_OF)
    assert found.age_days == 0


def test_freshness_is_per_platform():
    docs = [
        profile("weibo", posts=[{"text": "x", "created_at": days_before(5)}]),
        profile("linkedin", registered_at=days_before(900)),
        profile("facebook"),
    ]
    found = freshness(docs, AS_OF)
    assert {p: s.age_days for p, s in found.items()} == {"weibo": 5, "linkedin": 900, "facebook": None}


def test_a_stale_source_is_named_but_a_fresh_one_keeps_the_score_fresh():
    found = freshness(
        [profile("weibo", posts=[{"text": "x", "created_at": days_before(10)}]),
         profile("twitter", posts=[{"text": "y", "created_at": days_before(500)}])],
        AS_OF,
    )
    result = is_stale(found, as_of=AS_OF)
    assert not result and result.stale is False
    assert result.stale_sources == ("twitter",)
    assert result.data_age_days == 10


def test_a_score_built_on_old_data_only_is_stale_with_the_reason():
    found = freshness([profile("twitter", posts=[{"text": "y", "created_at": days_before(500)}])], AS_OF)
    result = is_stale(found, as_of=AS_OF)
    assert result.stale
    assert result.reasons == (f"the newest data in any source is 500 days old (older than {DEFAULT_MAX_DATA_AGE_DAYS})",)
    assert is_stale(found, as_of=AS_OF, max_data_age_days=600).stale is False  # configurable


def test_an_old_score_is_stale_whatever_its_data():
    found = freshness([profile("weibo", posts=[{"text": "x", "created_at": days_before(1)}])], AS_OF)
    assert is_stale(found, as_of=AS_OF, scored_at=AS_OF - timedelta(days=30)).stale is False
    old = is_stale(found, as_of=AS_OF, scored_at=datetime(2024, 1, 1, tzinfo=timezone.utc), max_score_age_days=90)
    assert old.stale and old.score_age_days == 152
    assert old.reasons == ("the score is 152 days old (older than 90)",)


def test_no_dated_source_leaves_the_data_age_unknown():
    result = is_stale({"facebook": SourceFreshness("facebook", None, None, None)}, as_of=AS_OF)
    assert result.as_dict() == {"stale": False, "reasons": [], "stale_sources": [], "score_age_days": None, "data_age_days": None}


@pytest.mark.parametrize("bad", [0, -5, 1.5, True, "90"])
def test_a_limit_that_is_not_a_positive_number_of_days_is_refused(bad):
    with pytest.raises(ValueError, match="max_score_age_days must be a whole number of days"):
        is_stale({}, as_of=AS_OF, max_score_age_days=bad)


def test_sources_measured_earlier_are_judged_as_of_the_day_asked():
    found = freshness([profile("weibo", posts=[{"text": "x", "created_at": days_before(10)}])], AS_OF)
    later = is_stale(found, as_of=AS_OF + timedelta(days=400))
    assert later.stale and later.data_age_days == 410
