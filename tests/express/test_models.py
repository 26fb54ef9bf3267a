"""The versioned characteristic model, the sensitive-area list over time, the default regions."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from express.characteristics import CharacteristicModel
from express.models import ExpressModel, ExpressScore, ExpressSubject, Region, SensitiveArea
from express.selectors import latest_express_score
from express.services import region_matcher

pytestmark = pytest.mark.django_db


def test_the_first_use_creates_version_1_with_the_defaults():
    assert ExpressModel.current().version == 1
    assert ExpressModel.current().as_model() == CharacteristicModel()
    assert ExpressModel.objects.count() == 1


def test_new_versions_number_upward_and_keep_history():
    ExpressModel.current()
    new = ExpressModel.add_version(CharacteristicModel.from_dict({"bad_below": 45.0}), note="tuned")
    assert new.version == 2 and ExpressModel.current() == new
    assert new.history.count() == 1


def test_an_invalid_model_is_refused_by_validation():
    with pytest.raises(ValidationError, match="window_days"):
        ExpressModel(params={"window_days": -1}).full_clean()


def test_the_sensitive_list_is_taken_as_it_stood_on_a_date():
    SensitiveArea.objects.create(area="广东省/汕头市", effective_from=date(2024, 1, 1), effective_until=date(2024, 7, 1))
    SensitiveArea.objects.create(area="云南省", effective_from=date(2024, 6, 1))
    assert list(SensitiveArea.objects.in_force(date(2023, 12, 31))) == []
    assert {a.area for a in SensitiveArea.objects.in_force(date(2024, 6, 15))} == {"广东省/汕头市", "云南省"}
    assert {a.area for a in SensitiveArea.objects.in_force(date(2024, 7, 1))} == {"云南省"}


def test_the_default_region_table_matches_chinese_and_latin_addresses():
    assert Region.objects.filter(province="广东省", city="深圳市", district="南山区").exists()
    matcher = region_matcher()
    assert matcher.match("广东省深圳市南山区科技园8号") == "广东省/深圳市/南山区"
    assert matcher.match("新疆乌鲁木齐市天山区1号") == "新疆维吾尔自治区"
    assert matcher.match("Flat 3, Kowloon, Hong Kong") == "Hong Kong/Hong Kong/Kowloon"
    assert matcher.match("9 Tianhe Rd, Tianhe District, Guangzhou, Guangdong 510000, China") == "Guangdong/Guangzhou/Tianhe District"


def test_the_latest_express_score_of_an_account(alice, bob):
    subject = ExpressSubject.objects.create(key="11010519491231002X", user_type="individual", user=alice)
    assert latest_express_score(alice) is None
    ExpressScore.objects.create(subject=subject, model_version=1, as_of=date(2024, 1, 1), score=40.0)
    newer = ExpressScore.objects.create(subject=subject, model_version=1, as_of=date(2024, 6, 1), score=70.0)
    assert latest_express_score(alice) == newer
    assert latest_express_score(bob) is None
