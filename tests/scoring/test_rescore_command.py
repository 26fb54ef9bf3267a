"""``manage.py rescore``: everyone rescored with a version, in the foreground."""
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from scoring import services
from scoring.models import ScoreResult, ScoringConfig

from .documents import analysis, facebook, linkedin

pytestmark = pytest.mark.django_db


def test_it_rescores_everyone_with_the_current_version_and_says_how_far_it_got(alice, bob):
    for owner in (alice, bob):
        services.score_applicant(owner=owner, profiles=[facebook(), linkedin()], analysis=analysis(),
                                 as_of=date(2026, 11, 24))
    ScoreResult.objects.update(config_version=1)  # as a data migration leaves them: the previous version
    out = io.StringIO()
    call_command("rescore", stdout=out)
    version = ScoringConfig.objects.current().version
    assert out.getvalue().splitlines()[-2:] == ["2 of 2", f"rescored 2 applicants with scoring configuration v{version}"]
    latest = {r.owner_id: r.config_version for r in ScoreResult.objects.order_by("id")}
    assert latest == {alice.pk: version, bob.pk: version}
    config = ScoringConfig.objects.current()
    assert (config.rescored, config.rescore_total) == (2, 2)


def test_an_unknown_version_is_refused():
    with pytest.raises(CommandError, match="no scoring configuration version 99"):
        call_command("rescore", "--config-version", "99")
