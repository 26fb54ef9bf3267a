"""Scores computed outside ``scoring`` written as ScoreResult rows (scoring/results.py)."""
from datetime import date

import pytest

from scoring.models import ScoreResult
from scoring.results import save_results

pytestmark = pytest.mark.django_db


def test_each_owner_gets_one_row_of_the_method_with_its_date(alice, bob):
    save_results(method="express", as_of=date(2024, 6, 30), config_version=3, results={
        alice.pk: {"score": 70.0, "normalized": 70.0, "band": "good", "reasons": ["r"], "detail": {"subject": 9}},
        bob.pk: {"unscorable": True, "reasons": ["not scored"]},
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
