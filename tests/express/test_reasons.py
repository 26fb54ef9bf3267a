"""An express score shown beside the social ones carries its reasons in the one shape."""
from datetime import date

import pytest

from express.models import ExpressScore, ExpressSubject
from express.services import subject_link
from scoring.models import ScoreResult
from scoring.reasons import Reason

pytestmark = pytest.mark.django_db


def test_linking_a_subject_gives_the_account_its_express_reasons_in_the_one_shape(alice):
    subject = ExpressSubject.objects.create(key="11010519491231002X", user_type="individual")
    sentences = ["user type individual: an 18-character identity", "second value +10: no traffic with a sensitive area"]
    ExpressScore.objects.create(subject=subject, model_version=1, as_of=date(2024, 6, 1), score=70.0, reasons=sentences)
    subject_link(subject, alice)
    result = ScoreResult.objects.get(owner=alice, method="express")
    assert [Reason.from_dict(r) for r in result.reasons] == [Reason("express", text) for text in sentences]
