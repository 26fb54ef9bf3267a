"""Admin: CSV import of regions and sensitive areas, and editing the model as a new version."""
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from express.characteristics import CharacteristicModel
from express.models import ExpressModel, ExpressScore, ExpressSubject, Region, SensitiveArea
from scoring.models import ScoreResult

pytestmark = pytest.mark.django_db


def test_regions_import_from_csv_in_gb18030(dave_client):
    data = "province,city,district\n火星省,奥林匹斯市,山脚区\n广东省,深圳市,南山区\n".encode("gb18030")
    response = dave_client.post(reverse("admin:express_region_import"),
                                {"file": SimpleUploadedFile("regions.csv", data)})
    assert response.status_code == 302
    assert Region.objects.filter(province="火星省", city="奥林匹斯市", district="山脚区").exists()
    assert Region.objects.filter(province="广东省", city="深圳市", district="南山区").count() == 1


def test_a_region_with_too_many_levels_is_refused_and_nothing_is_added(dave_client):
    before = Region.objects.count()
    response = dave_client.post(reverse("admin:express_region_import"),
                                {"file": SimpleUploadedFile("r.csv", "a/b\na/b/c/d\n".encode())})
    assert response.status_code == 200 and "at most three levels" in response.content.decode()
    assert Region.objects.count() == before


def test_sensitive_areas_import_with_dates(dave_client):
    data = "area,effective_from,effective_until,source\n广东省/汕头市,2024-01-01,,Public Security\n云南省\n".encode()
    response = dave_client.post(reverse("admin:express_sensitivearea_import"),
                                {"file": SimpleUploadedFile("s.csv", data), "effective_from": "2024-03-01"})
    assert response.status_code == 302
    assert SensitiveArea.objects.get(area="广东省/汕头市").source == "Public Security"
    assert SensitiveArea.objects.get(area="云南省").effective_from == date(2024, 3, 1)


def test_a_bad_date_in_the_sensitive_list_is_refused_in_one_line(dave_client):
    response = dave_client.post(reverse("admin:express_sensitivearea_import"),
                                {"file": SimpleUploadedFile("s.csv", "广东省,01/02/2024\n".encode())})
    assert "line 1: dates must be written YYYY-MM-DD" in response.content.decode()
    assert not SensitiveArea.objects.exists()


def test_lenders_cannot_reach_the_admin_import(carol_client):
    assert carol_client.get(reverse("admin:express_region_import")).status_code == 302


def test_editing_the_model_in_admin_saves_a_new_version(dave_client):
    current = ExpressModel.current()
    params = {**current.params, "bad_below": 55.0}
    response = dave_client.post(reverse("admin:express_expressmodel_change", args=[current.pk]),
                                {"params": json.dumps(params), "note": "stricter"})
    assert response.status_code == 302
    assert ExpressModel.objects.count() == 2
    assert ExpressModel.objects.get(version=1).as_model() == CharacteristicModel()
    assert ExpressModel.current().as_model().bad_below == 55.0


def test_an_invalid_model_edit_is_refused(dave_client):
    current = ExpressModel.current()
    params = {**current.params, "values": {**current.params["values"], "first": 10}}
    response = dave_client.post(reverse("admin:express_expressmodel_change", args=[current.pk]),
                                {"params": json.dumps(params), "note": ""})
    assert response.status_code == 200 and "first value must be negative" in response.content.decode()
    assert ExpressModel.objects.count() == 1


@pytest.mark.parametrize("model", ["region", "sensitivearea"])
def test_the_changelists_offer_the_csv_import(dave_client, model):
    page = dave_client.get(reverse(f"admin:express_{model}_changelist")).content.decode()
    assert reverse(f"admin:express_{model}_import") in page
    assert dave_client.get(reverse(f"admin:express_{model}_import")).status_code == 200


def test_the_model_history_shows_each_version(dave_client):
    current = ExpressModel.current()
    ExpressModel.add_version(CharacteristicModel.from_dict({"bad_below": 45.0}), note="tuned")
    assert dave_client.get(reverse("admin:express_expressmodel_changelist")).status_code == 200
    assert dave_client.get(reverse("admin:express_expressmodel_history", args=[current.pk])).status_code == 200


def test_an_admin_links_a_subject_to_an_account(dave_client, alice):
    subject = ExpressSubject.objects.create(key="11010519491231002X", user_type="individual")
    ExpressScore.objects.create(subject=subject, model_version=1, as_of=date(2024, 1, 1), score=70.0)
    url = reverse("admin:express_expresssubject_change", args=[subject.pk])
    assert dave_client.get(url).status_code == 200
    response = dave_client.post(url, {"user": alice.pk, "scores-TOTAL_FORMS": 1, "scores-INITIAL_FORMS": 1,
                                      "scores-MIN_NUM_FORMS": 0, "scores-MAX_NUM_FORMS": 1000,
                                      "scores-0-id": subject.scores.get().pk, "scores-0-subject": subject.pk})
    assert response.status_code == 302
    subject.refresh_from_db()
    assert subject.user == alice
    # The account has its express score beside its social ones at once.
    result = ScoreResult.objects.get(owner=alice, method="express")
    assert result.score == 70.0 and result.detail["subject"] == subject.pk
    assert result.normalized == 70.0  # on the 0-100 scale of every other method
    assert result.band == "good"  # and on their one band scale
