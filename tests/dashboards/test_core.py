"""The pure helpers and charts, without Django."""
import re
from datetime import UTC, datetime

import pytest

from dashboards import charts, core
from scoring import bands
from scoring.reasons import Reason, from_sentences


def test_breakdown_orders_heaviest_features_first_and_skips_malformed_entries():
    rows = core.breakdown_rows(
        {
            "skills_count": {"value": 3, "points": 10, "possible": 50, "sources": ["linkedin"]},
            "age": {"value": 30, "points": 90, "possible": 100, "sources": ["facebook"]},
            "connections": {"value": 10, "points": 5, "possible": 100, "sources": []},
            "broken": {"value": 1, "points": "n/a", "possible": 50},
        }
    )
    assert [r.feature for r in rows] == ["connections", "age", "skills_count"]
    assert rows[0].lost == 95 and rows[0].label == "10 connections, friends and followers"
    assert rows[2].sources == ("linkedin",) and rows[2].label == "Skills count"  # no sentence known: its name


def test_a_feature_row_says_what_was_found_not_a_feature_name_and_points():
    (row,) = core.breakdown_rows({"negative_images": {"value": 0.0, "of": 6, "points": 100, "possible": 100}})
    assert row.label == "No explicit images among 6 analysed"


def test_missing_data_is_named_never_coded():
    contributions = {"B51": {"name": "Level of account", "score": None}}
    labels = core.missing_labels(["B51", "B5", "skills", "skills_count"], contributions)
    assert labels == ["Level of account", "Skills listed", "Skills count"]


def test_breakdown_reads_the_points_the_engine_writes_and_nothing_else():
    rows = core.breakdown_rows({"a": {"points": 12.5, "possible": 50}, "b": {"earned": 3, "possible": 10}})
    assert [(r.feature, r.earned) for r in rows] == [("a", 12.5)]


def test_the_top_four_stored_reasons_are_read_in_the_order_the_method_gave():
    stored = [
        Reason("priority", "Few connections", feature="connections", code="few_connections", points_lost=79.6).as_dict(),
        *from_sentences("express", ["Little activity", "", "Fourth", "Fifth", "Sixth"]),
    ]
    reasons = core.top_reasons(stored)
    assert [r.text for r in reasons] == ["Few connections", "Little activity", "Fourth", "Fifth"]
    assert reasons[0].code == "few_connections" and reasons[0].points_lost == 79.6
    assert reasons[1].code == "" and reasons[1].points_lost is None


def test_grade_memberships_need_five_numbers():
    assert core.grade_memberships({"E0": [0.1, 0.2, 0.4, 0.2, 0.1]})[2] == ("general", pytest.approx(0.4))
    assert core.grade_memberships({"E0": [0.5, 0.5]}) is None
    assert core.grade_memberships({}) is None
    assert core.grade_memberships({"E0": [0.1, None, 0.4, 0.2, 0.1]}) is None


def test_grade_memberships_shown_add_up_to_100_percent():
    # A leaf score of 80 is "very good" by 0.5 and "good" by 0.67: E0 as the paper leaves it sums to 1.17.
    shown = core.grade_memberships({"E0": [0.5, 0.67, 0.0, 0.0, 0.0]})
    assert sum(share for _, share in shown) == pytest.approx(1.0)
    assert shown[0] == ("very_good", pytest.approx(0.5 / 1.17)) and shown[1][1] == pytest.approx(0.67 / 1.17)
    assert core.grade_memberships({"E0": [0, 0, 0, 0, 0]}) is None


def test_data_date_is_the_newest_dated_item_and_none_without_dates():
    profile = {
        "posts": [{"created_at": "2025-01-02T00:00:00Z"}, {"created_at": None}],
        "comments": [{"created_at": "2025-06-30T12:00:00+00:00"}],
        "media": [{"created_at": "not a date"}],
    }
    assert core.data_date(profile) == datetime(2025, 6, 30, 12, tzinfo=UTC)
    assert core.data_date({"posts": [], "comments": []}) is None
    assert core.data_date(None) is None


def test_histogram_puts_the_top_edge_in_the_last_bin_and_counts_missing_apart():
    hist = core.histogram([0, 9.99, 10, 55, 100, None, None])
    assert hist.counts[0] == 2 and hist.counts[1] == 1 and hist.counts[5] == 1 and hist.counts[9] == 1
    assert hist.total == 5 and hist.unscored == 2
    assert hist.edges[0] == 0 and hist.edges[-1] == 100


def test_band_shares_cover_every_grade():
    shares = core.band_shares(["good", "good", "very_poor", None, "unknown"])
    assert [b for b, _, _ in shares] == list(bands.KEYS)
    assert dict((b, (n, s)) for b, n, s in shares)["good"] == (2, 2 / 3)
    assert core.band_shares([])[0] == ("very_good", 0, 0.0)


def test_csv_cells_that_look_like_formulas_are_defused():
    assert core.csv_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert core.csv_safe("@alice") == "'@alice"
    assert core.csv_safe("alice") == "alice"
    assert core.csv_safe(None) == ""


def test_gauge_writes_the_score_and_band_in_text():
    svg = charts.score_gauge(72.4, "good")
    assert 'role="img"' in svg and "72 of 100 · Good" in svg
    for name in ("Very poor", "Poor", "General", "Good", "Very good"):
        assert f">{name}</text>" in svg
    assert "No score" in charts.score_gauge(None, "")


def test_bars_escape_labels_and_say_earned_of_possible():
    svg = charts.hbars([("<script>", 30, 100), ("Age", 80, 80)], "t")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "30 of 100 points" in svg and "80 of 80 points" in svg
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    # track then fill for each row: the first fill is 30% of its track
    assert abs(widths[1] / widths[0] - 0.3) < 0.01


def test_line_chart_has_a_legend_entry_per_series():
    t1, t2 = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
    svg = charts.line_chart([("Priority", [(t1, 40), (t2, 60)]), ("Fuzzy", [(t1, 50), (t2, 55)])], "History")
    assert ">Priority</text>" in svg and ">Fuzzy</text>" in svg
    assert "2026-01-01" in svg and "2026-02-01" in svg
    # the second line differs by its dash pattern and its square markers, not only its colour
    assert svg.count("stroke-dasharray") == 1
    assert svg.count('width="8" height="8"') == 3  # two points and the legend entry
    assert "No scores yet" in charts.line_chart([], "History")


def test_histogram_chart_labels_counts_and_ranges():
    svg = charts.histogram_chart(core.histogram([5, 15, 15]), "Scores")
    assert ">2</text>" in svg and "10–20" in svg


def test_fuzzy_indices_are_listed_by_weight_and_missing_ones_named():
    contributions = {
        "A11": {"name": "Profile completeness", "score": 80, "global_weight": 0.05, "sources": ["facebook"], "evidence": "6 of 8 fields"},
        "B11": {"name": "Activity", "score": 30, "global_weight": 0.2, "sources": [], "evidence": "few posts"},
        "C23": {"name": "Rank in groups", "score": None, "global_weight": 0.0},
    }
    rows = core.index_rows(contributions)
    assert [(r.code, r.score) for r in rows] == [("B11", 30), ("A11", 80)]
    assert core.missing_labels(["C23", "skills_count"], contributions) == ["Rank in groups", "Skills count"]
    assert core.index_rows({"x": {"points": 3, "possible": 5}}) == []
