"""The one band scale: keys, bounds, words, and every method writing it."""
import pytest

from scoring import bands


@pytest.mark.parametrize(("normalized", "key"), [
    (100, "very_good"), (80.01, "very_good"), (80.0, "good"), (60.5, "good"), (60.0, "general"),
    (40.0, "poor"), (20.5, "poor"), (20.0, "very_poor"), (0, "very_poor")])
def test_a_score_above_a_floor_earns_the_band(normalized, key):
    assert bands.band_of(normalized) == key


def test_no_score_has_no_band():
    assert bands.band_of(None) == "" and bands.label("") == "No band" and bands.rank(None) == 0
    assert bands.meaning("") == ""


def test_the_scale_has_five_bands_best_first_covering_0_to_100_without_gaps():
    assert bands.KEYS == ("very_good", "good", "general", "poor", "very_poor")
    assert [b.rank for b in bands.BANDS] == [1, 2, 3, 4, 5]
    assert bands.BANDS[0].ceiling == 100 and bands.BANDS[-1].floor == 0
    assert all(upper.floor == lower.ceiling for upper, lower in zip(bands.BANDS, bands.BANDS[1:]))


def test_every_band_says_in_words_what_it_means_for_the_risk():
    for band in bands.BANDS:
        assert band.label[0].isupper() and "_" not in band.label
        assert "risk" in band.meaning.lower()
    assert len({b.meaning for b in bands.BANDS}) == 5


@pytest.mark.parametrize("spelling", ["very good", "Very good", "excellent", "high risk", "watch"])
def test_only_the_one_spelling_is_a_band(spelling):
    assert bands.get(spelling) is None and bands.rank(spelling) == 0
