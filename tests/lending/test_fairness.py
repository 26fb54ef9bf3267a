"""Adverse-impact ratios against the four-fifths rule."""
import pytest

from lending.metrics import MetricsError, adverse_impact


def test_each_group_is_compared_with_the_most_favoured():
    # 18-25: 30 of 100 approved, 26-40: 50 of 100, 41-60: 42 of 100.
    # Ratios to 0.50: 0.60 (flagged, under 0.8), 1.00, 0.84.
    groups = ["18-25"] * 100 + ["26-40"] * 100 + ["41-60"] * 100
    approved = [1] * 30 + [0] * 70 + [1] * 50 + [0] * 50 + [1] * 42 + [0] * 58
    scores = [40.0] * 100 + [60.0] * 100 + [55.0] * 100
    rows = {row.group: row for row in adverse_impact(groups, approved, scores)}
    assert [(r.n, r.approved, r.approval_rate) for r in rows.values()] == [
        (100, 30, 0.3), (100, 50, 0.5), (100, 42, 0.42)]
    assert rows["18-25"].ratio == pytest.approx(0.6) and rows["18-25"].flagged
    assert rows["26-40"].ratio == 1.0 and not rows["26-40"].flagged
    assert rows["41-60"].ratio == pytest.approx(0.84) and not rows["41-60"].flagged
    assert [r.mean_score for r in rows.values()] == [40.0, 60.0, 55.0]


def test_exactly_four_fifths_is_not_flagged():
    rows = adverse_impact(["a"] * 10 + ["b"] * 10, [1] * 5 + [0] * 5 + [1] * 4 + [0] * 6)
    assert [(r.ratio, r.flagged) for r in rows] == [(1.0, False), (pytest.approx(0.8), False)]


def test_with_no_approval_at_all_there_is_no_ratio_and_no_flag():
    rows = adverse_impact(["a", "b"], [0, 0])
    assert [(r.ratio, r.flagged, r.mean_score) for r in rows] == [(None, False, None), (None, False, None)]


@pytest.mark.parametrize("groups, approved, scores", [(["a"], [1, 0], None), (["a", "b"], [1, 2], None),
                                                      ([], [], None), (["a", "b"], [1, 0], [50.0])])
def test_mismatched_input_is_refused(groups, approved, scores):
    with pytest.raises(MetricsError):
        adverse_impact(groups, approved, scores)
