import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from lending.models import Application
from scoring.models import ScoreResult

pytestmark = pytest.mark.django_db


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_it_creates_scored_demo_applicants_through_the_real_models(settings):
    settings.DEBUG = True
    call_command("seed_demo", applicants=3)
    applicants = User.objects.filter(groups__name="applicant")
    assert applicants.count() == 4
    lender = User.objects.get(username="lender")
    assert lender.is_lender and lender.organisation.slug == "demo-bank"
    assert set(Application.objects.values_list("organisation__slug", flat=True)) <= {"demo-bank"}
    assert Application.objects.filter(applicant__username="applicant").exists()  # the demo login has applied
    for method in ("priority", "fuzzy"):
        results = ScoreResult.objects.filter(method=method)
        assert results.count() == 4
        assert all(r.normalized is not None and 0 <= r.normalized <= 100 for r in results)
    call_command("seed_demo", applicants=3)  # a second run adds nothing
    assert ScoreResult.objects.count() == 8
