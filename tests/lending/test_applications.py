"""Applying and withdrawing through lending.services: what an application records, and the
refusals, each a sentence."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ingest.models import DataSource
from lending.consent import CONSENT_VERSION
from lending.models import Application
from lending.services import ApplicationRefused, application_create, application_withdraw, applications_withdraw_all
from tests.conftest import apply

pytestmark = pytest.mark.django_db


def test_an_application_records_what_was_shared_with_whom_and_when(alice, north):
    DataSource.objects.create(owner=alice, platform="linkedin", status=DataSource.Status.PARSED, profile={})
    DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSED, profile={})
    DataSource.objects.create(owner=alice, platform="twitter", status=DataSource.Status.REFUSED, error="not a zip")
    before = timezone.now()
    application = application_create(applicant=alice, organisation=north, purpose=" personal  loan ")
    assert application.organisation == north and application.purpose == "personal loan"
    assert application.sources == ["facebook", "linkedin"]  # what the score is made from, not the refused one
    assert application.methods == ["priority", "fuzzy"]  # express only when chosen
    assert application.consent_version == CONSENT_VERSION
    assert before <= application.consented_at <= timezone.now()
    assert application.is_live and application.withdrawn_at is None


def test_the_applicant_picks_the_methods(alice, north):
    assert apply(alice, north, methods=["express"]).methods == ["express"]


def test_one_live_application_per_organisation_and_again_after_withdrawing(alice, north, south):
    first = apply(alice, north)
    with pytest.raises(ApplicationRefused, match="You already share with North Bank; withdraw that first"):
        apply(alice, north, "car loan")
    apply(alice, south)
    application_withdraw(application=first)
    again = apply(alice, north, "car loan")
    assert Application.objects.filter(applicant=alice, organisation=north).count() == 2
    assert list(Application.objects.live().filter(applicant=alice, organisation=north)) == [again]


@pytest.mark.parametrize(
    ("kwargs", "sentence"),
    [
        ({"purpose": ""}, "Say what you are applying for"),
        ({"methods": ["astrology"]}, "There is no scoring method astrology"),
        ({"methods": []}, "Share at least one score"),
    ],
)
def test_bad_input_is_refused_in_a_sentence(alice, north, kwargs, sentence):
    with pytest.raises(ApplicationRefused, match=sentence):
        application_create(applicant=alice, organisation=north, **{"purpose": "loan", **kwargs})
    assert not Application.objects.exists()


def test_only_applicants_apply(carol, dave, north):
    for user in (carol, dave):
        with pytest.raises(ApplicationRefused, match="Only applicants apply to lenders"):
            apply(user, north)


def test_withdrawing_twice_keeps_the_first_time(alice, north):
    application = apply(alice, north)
    application_withdraw(application=application)
    first = application.withdrawn_at
    Application.objects.filter(pk=application.pk).update(withdrawn_at=first - timedelta(days=1))
    application_withdraw(application=application)
    assert application.withdrawn_at == first - timedelta(days=1)


def test_withdraw_all_touches_only_the_applicants_live_applications(alice, erin, north, south):
    apply(alice, north)
    apply(alice, south)
    kept = apply(erin, north)
    assert applications_withdraw_all(applicant=alice) == 2
    assert not Application.objects.live().filter(applicant=alice).exists()
    kept.refresh_from_db()
    assert kept.is_live
