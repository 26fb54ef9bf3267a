"""Scores computed outside ``scoring`` written as ScoreResult rows (scoring/results.py)."""
from datetime import date

import pytest

from scoring.models import ScoreResult
from scoring.reasons import Reason, from_sentences
from scoring.results import save_results

pytestmark = pytest.mark.django_db


def test_each_owner_gets_one_row_of_the_method_with_its_date(alice, bob):
    save_results(method="express", as_of=date(2024, 6, 30), config_version=3, results={
        alice.pk: {"score": 70.0, "normalized": 70.0, "band": "good", "reasons": from_sentences("express", ["r"]),
                   "detail": {"subject": 9}},
        bob.pk: {"unscorable": True, "reasons": from_sentences("express", ["not scored"])},
    })
    rows = {row.owner_id: row for row in ScoreResult.objects.filter(method="express")}
    assert set(rows) == {alice.pk, bob.pk}
    assert rows[alice.pk].normalized == 70.0 and rows[alice.pk].config_version == 3
    assert rows[alice.pk].detail == {"subject": 9, "as_of": "2024-06-30"}
    assert rows[bob.pk].unscorable and rows[bob.pk].score is None and rows[bob.pk].detail == {"as_of": "2024-06-30"}


def test_earlier_results_stay_as_the_owners_history(alice):
    for value in (40.0, 60.0):
        save_results(method="express", as_of=date(2024, 6, 30), results={alice.pk: {"score": value}})
    assert list(ScoreResult.objects.filter(owner=alice).order_by("pk").values_list("score", flat=True)) == [40.0, 60.0]


def test_an_unknown_method_or_field_writes_nothing(alice):
    with pytest.raises(ValueError, match="unknown scoring method 'parcels'"):
        save_results(method="parcels", as_of=date(2024, 6, 30), results={alice.pk: {"score": 1.0}})
    with pytest.raises(ValueError, match="has no field colour"):
        save_results(method="express", as_of=date(2024, 6, 30), results={alice.pk: {"score": 1.0, "colour": "red"}})
    assert not ScoreResult.objects.exists()


def test_reasons_of_another_shape_or_method_write_nothing(alice):
    with pytest.raises(ValueError, match="a stored reason is an object"):
        save_results(method="express", as_of=date(2024, 6, 30), results={alice.pk: {"reasons": ["a sentence"]}})
    with pytest.raises(ValueError, match="a reason of another method"):
        save_results(method="express", as_of=date(2024, 6, 30),
                     results={alice.pk: {"reasons": [Reason("priority", "Few skills listed").as_dict()]}})


def test_a_band_off_the_one_scale_writes_nothing(alice):
    for band in ("excellent", "very good", "very_good"):  # 70 is "good" on the one scale
        with pytest.raises(ValueError, match="has band 'good' on the one scale"):
            save_results(method="express", as_of=date(2024, 6, 30),
                         results={alice.pk: {"score": 70.0, "normalized": 70.0, "band": band}})
    assert not ScoreResult.objects.exists()
