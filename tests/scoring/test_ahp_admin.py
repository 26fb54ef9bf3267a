import json

import pytest
from django.urls import reverse

from scoring.fuzzy import ahp
from scoring.models import AhpConfig, ScoringMethodSetting

pytestmark = pytest.mark.django_db

ADD = "admin:scoring_ahpconfig_add"


def form_data(config: AhpConfig, note="retuned", changes=None, hierarchy=None) -> dict:
    """What the add form posts: the upper triangle of each matrix, ``changes`` overriding cells."""
    data = {"note": note, "hierarchy": json.dumps(hierarchy or config.hierarchy)}
    for code, matrix in config.matrices.items():
        n = len(matrix)
        for i in range(n):
            for j in range(i + 1, n):
                data[f"matrix_{code}__{i}__{j}"] = ahp.format_judgement(matrix[i][j])
    data.update(changes or {})
    return data


def test_the_add_page_starts_from_the_current_version_with_weights_shown(dave_client):
    response = dave_client.get(reverse(ADD))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="matrix_0__0__1" value="1/3"' in page  # R1 of the paper
    assert 'name="matrix_B__3__4" value="1/4"' in page
    assert "0.4434" in page  # W0 from R1, computed on the server
    assert "CR = 0.0158: consistent" in page
    assert "Saaty (1980) classic random index" in page
    assert "scoring/ahp_matrix.js" in page
    assert "Changed from v1" in page


def test_saving_publishes_a_new_version_and_keeps_the_old_one(dave_client, dave):
    v1 = AhpConfig.objects.get(version=1)
    response = dave_client.post(reverse(ADD), form_data(v1, changes={"matrix_C__0__1": "1/3"}))
    assert response.status_code == 302
    v2 = AhpConfig.objects.current()
    assert v2.version == 2 and v2.created_by == dave and v2.note == "retuned"
    assert v2.matrices["C"][0] == pytest.approx([1, 1 / 3]) and v2.matrices["C"][1] == pytest.approx([3, 1])  # reciprocal
    assert v2.weights()["C"] == pytest.approx((0.25, 0.75))
    assert AhpConfig.objects.get(version=1).matrices["C"][0] == pytest.approx([1, 0.25])
    assert v2.history.first().history_user == dave


def test_an_inconsistent_matrix_is_refused_naming_the_worst_judgements(dave_client):
    v1 = AhpConfig.objects.get(version=1)
    bad = {"matrix_0__0__1": "9", "matrix_0__0__2": "1/9", "matrix_0__1__2": "9"}
    response = dave_client.post(reverse(ADD), form_data(v1, changes=bad))
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not below 0.1" in page
    assert "Most inconsistent: A vs B: entered 9" in page
    assert AhpConfig.objects.count() == 1


def test_a_cell_that_is_not_a_judgement_is_refused(dave_client):
    v1 = AhpConfig.objects.get(version=1)
    response = dave_client.post(reverse(ADD), form_data(v1, changes={"matrix_A__0__1": "12"}))
    assert "outside Saaty&#x27;s scale" in response.content.decode()
    response = dave_client.post(reverse(ADD), form_data(v1, changes={"matrix_A__0__1": ""}))
    assert "Enter a judgement for A1 vs A2" in response.content.decode()
    assert AhpConfig.objects.count() == 1


def test_a_new_sub_index_starts_with_equal_weights(dave_client):
    v1 = AhpConfig.objects.get(version=1)
    hierarchy = {**v1.hierarchy, "B53": {"name": "Badges", "parent": "B5"}}
    response = dave_client.post(reverse(ADD), form_data(v1, hierarchy=hierarchy), follow=True)
    assert "equal weights for now" in response.content.decode()
    v2 = AhpConfig.objects.current()
    assert v2.weights()["B5"] == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert v2.weights()["B"] == pytest.approx(v1.weights()["B"])


def test_a_broken_hierarchy_is_refused(dave_client):
    v1 = AhpConfig.objects.get(version=1)
    hierarchy = {**v1.hierarchy, "B53": {"name": "Badges", "parent": "B9"}}
    response = dave_client.post(reverse(ADD), form_data(v1, hierarchy=hierarchy))
    assert "has parent B9, which is not in the hierarchy" in response.content.decode()
    assert AhpConfig.objects.count() == 1


def test_versions_are_read_only_and_cannot_be_deleted(dave_client):
    v1 = AhpConfig.objects.get(version=1)
    url = reverse("admin:scoring_ahpconfig_change", args=[v1.pk])
    page = dave_client.get(url).content.decode()
    assert "Start a new version from this one" in page
    assert "0.0609" in page  # B's CR in the consistency table
    assert 'name="matrix_' not in page
    assert dave_client.post(url, form_data(v1, note="sneaky")).status_code == 403
    assert dave_client.post(reverse("admin:scoring_ahpconfig_delete", args=[v1.pk]), {"post": "yes"}).status_code == 403
    assert AhpConfig.objects.get(version=1).note.startswith("The Weibo paper")
    with pytest.raises(ValueError, match="read-only"):
        v1.save()


def test_the_history_page_lists_versions(dave_client):
    v1 = AhpConfig.objects.get(version=1)
    dave_client.post(reverse(ADD), form_data(v1))
    v2 = AhpConfig.objects.current()
    response = dave_client.get(reverse("admin:scoring_ahpconfig_history", args=[v2.pk]))
    assert response.status_code == 200
    assert "dave" in response.content.decode()


def test_lenders_and_applicants_cannot_edit(carol_client, alice_client):
    for client in (carol_client, alice_client):
        response = client.get(reverse(ADD))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_admins_choose_the_default_method(dave_client):
    assert ScoringMethodSetting.current() == "priority"
    url = reverse("admin:scoring_scoringmethodsetting_change", args=[1])
    response = dave_client.post(url, {"default_method": "fuzzy"})
    assert response.status_code == 302
    assert ScoringMethodSetting.current() == "fuzzy"
    assert ScoringMethodSetting.history.count() >= 1
    assert dave_client.get(reverse("admin:scoring_scoringmethodsetting_add")).status_code == 403
