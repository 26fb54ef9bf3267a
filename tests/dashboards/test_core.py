"""The pure helpers and charts, without Django."""
import re
from datetime import UTC, datetime

from dashboards import charts, core


def test_band_names_are_read_whatever_their_spelling():
    assert core.band_label("very_good") == "Very good"
    assert core.band_label("Very Good") == "Very good"
    assert core.band_rank("very poor") == 5
    assert core.band_rank("excellent") == 0
    assert core.band_label("") == "No band"


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
    assert rows[0].lost == 95 and rows[0].label == "Connections"
    assert rows[2].sources == ("linkedin",)


def test_breakdown_reads_the_points_the_engine_writes_and_nothing_else():
    rows = core.breakdown_rows({"a": {"points": 12.5, "possible": 50}, "b": {"earned": 3, "possible": 10}})
    assert [(r.feature, r.earned) for r in rows] == [("a", 12.5)]


def test_reasons_are_read_from_the_engines_dicts_and_from_plain_sentences():
    stored = [
        {"code": "few_connections", "feature": "connections", "text": "Few connections", "points_lost": 79.6},
        "Little activity",
        {"code": "empty", "text": ""},
        {"code": "x", "text": "Fourth"},
        {"code": "y", "text": "Fifth"},
        {"code": "z", "text": "Sixth"},
    ]
    reasons = core.top_reasons(stored)
    assert [r.text for r in reasons] == ["Few connections", "Little activity", "Fourth", "Fifth"]
    assert reasons[0].code == "few_connections" and reasons[0].points_lost == 79.6
    assert reasons[1].code == "" and reasons[1].points_lost is None


def test_grade_memberships_need_five_numbers():
    assert core.grade_memberships({"E0": [0.1, 0.2, 0.4, 0.2, 0.1]})[2] == ("general", 0.4)
    assert core.grade_memberships({"E0": [0.5, 0.5]}) is None
    assert core.grade_memberships({}) is None
    assert core.grade_memberships({"E0": [0.1, None, 0.4, 0.2, 0.1]}) is None


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
    assert [b for b, _, _ in shares] == list(core.BAND_NAMES)
    assert dict((b, (n, s)) for b, n, s in shares)["good"] == (2, 2 / 3)
    assert core.band_shares([])[0] == ("very good", 0, 0.0)


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
