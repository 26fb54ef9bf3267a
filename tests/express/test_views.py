"""Lender pages: import with a mapping, the report, the subject list and detail; access by role."""
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from express.models import ColumnMapping, ExpressScore, ExpressSubject, SensitiveArea, ShipmentImport
from express.shipments import FIELDS
from express.tasks import process_import
from scoring import bands
from scoring.models import ScoreResult
from tests.express.generator import SENSITIVE_AREAS, write_records

# The import task runs in this process instead of a worker; the task is the same function.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def post_import(django_capture_on_commit_callbacks):
    """Upload a file as a lender would; the task queued on commit runs before this returns."""

    def post(client, path, truth, mapping=None):
        data = {"as_of": truth.as_of.isoformat(), "file": SimpleUploadedFile(path.name, path.read_bytes())}
        for name in FIELDS:
            data[f"col_{name}"] = (mapping or {}).get(name, name)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("express:import"), data)

    return post


@pytest.fixture
def sensitive_areas():
    for area in SENSITIVE_AREAS:
        SensitiveArea.objects.create(area=area, effective_from=date(2020, 1, 1))


@pytest.mark.parametrize("url", ["express:import", "express:subjects"])
def test_applicants_are_refused_and_visitors_sent_to_log_in(client, alice_client, url):
    assert alice_client.get(reverse(url)).status_code == 403
    response = client.get(reverse(url))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_applicants_cannot_see_a_subject(alice_client):
    subject = ExpressSubject.objects.create(key="name:Shop", user_type="enterprise")
    assert alice_client.get(reverse("express:subject", args=[subject.pk])).status_code == 403


def test_a_lender_imports_a_gb18030_file_with_a_mapping_and_reads_the_report(carol_client, carol, tmp_path, sensitive_areas, post_import):
    headers = {"tracking_no": "运单号", "sender_id": "寄件人证件号", "received_at": "签收日期"}
    path = tmp_path / "运单.csv"
    truth = write_records(path, encoding="gb18030", headers=headers)
    response = post_import(carol_client, path, truth, mapping=headers)
    shipment_import = ShipmentImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("express:report", args=[shipment_import.pk])
    report = shipment_import.report
    assert (report["read"], report["kept"], report["dropped"]) == (truth.read, truth.kept, dict(truth.dropped))
    assert report["encoding"] == "gb18030"
    page = carol_client.get(response["Location"]).content.decode()
    assert f'<td id="rows-read">{truth.read}</td>' in page
    assert "duplicate_tracking_no" in page
    # The mapping is remembered and offered on the next visit.
    assert ColumnMapping.objects.get(owner=carol).mapping["tracking_no"] == "运单号"
    assert 'value="运单号"' in carol_client.get(reverse("express:import")).content.decode()
    # Every party became a subject with its known type; sensitive individuals scored low.
    assert dict(ExpressSubject.objects.values_list("key", "user_type")) == truth.types
    for key in truth.sensitive_individuals:
        assert ExpressScore.objects.get(subject__key=key).values.keys() == {"first"}
    for key, trend in truth.trends.items():
        assert ExpressScore.objects.get(subject__key=key).trend == trend


def test_an_unreadable_file_is_refused_with_its_reason(carol_client, tmp_path, post_import):
    path = tmp_path / "records.csv"
    truth = write_records(path)
    response = post_import(carol_client, path, truth, mapping={"sent_at": "posted"})
    shipment_import = ShipmentImport.objects.get()
    assert shipment_import.status == "refused"
    assert "no column 'posted' for sent_at" in shipment_import.error
    assert "no column" in carol_client.get(response["Location"]).content.decode()
    assert not ExpressSubject.objects.exists()


def test_the_subject_list_and_detail_show_scores_and_reasons(carol_client, tmp_path, sensitive_areas, bob, north,
                                                            post_import):
    path = tmp_path / "records.csv"
    truth = write_records(path)
    key = next(iter(truth.sensitive_individuals))
    ExpressSubject.objects.create(organisation=north, key=key, user_type="individual", user=bob)  # linked to bob
    post_import(carol_client, path, truth)
    listing = carol_client.get(reverse("express:subjects"), {"type": "enterprise"}).content.decode()
    assert "Risky Imports" in listing and "Person" not in listing
    subject = ExpressSubject.objects.get(key=key)
    page = carol_client.get(reverse("express:subject", args=[subject.pk])).content.decode()
    assert "first value -30" in page
    assert "广东省/汕头市" in page or "云南省/西双版纳傣族自治州" in page
    growing = ExpressSubject.objects.get(key=next(k for k, t in truth.trends.items() if t == "growing"))
    page = carol_client.get(reverse("express:subject", args=[growing.pk])).content.decode()
    assert "fourth value +20: growing" in page
    assert "<td>2024-01-03..2024-02-01</td><td>4</td>" in page  # the oldest period's parcels
    # The linked account gets an express ScoreResult beside its social scores.
    result = ScoreResult.objects.get(owner=bob, method="express")
    assert result.score == subject.latest_score.score and result.detail["subject"] == subject.pk
    assert result.band == bands.band_of(result.score)  # the one scale, not express's own four bands


def test_the_sensitive_list_in_force_on_the_scoring_date_applies(carol_client, tmp_path, post_import):
    path = tmp_path / "records.csv"
    truth = write_records(path)
    for area in SENSITIVE_AREAS:
        SensitiveArea.objects.create(area=area, effective_from=date(2025, 1, 1))  # not yet in force
    post_import(carol_client, path, truth)
    for key in truth.sensitive_individuals:
        assert ExpressScore.objects.get(subject__key=key).values.keys() == {"second"}


def test_admins_may_use_the_lender_pages(dave_client):
    assert dave_client.get(reverse("express:import")).status_code == 200
    assert dave_client.get(reverse("express:subjects")).status_code == 200


def test_the_upload_is_queued_then_processed_once_and_deleted(carol_client, tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "records.csv"
    truth = write_records(path)
    data = {"as_of": truth.as_of.isoformat(), "file": SimpleUploadedFile(path.name, path.read_bytes())}
    data.update({f"col_{name}": name for name in FIELDS})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = carol_client.post(reverse("express:import"), data)
    shipment_import = ShipmentImport.objects.get()
    assert shipment_import.status == "queued" and shipment_import.upload
    stored = shipment_import.upload.path
    assert "refreshes itself" in carol_client.get(response["Location"]).content.decode()
    assert len(callbacks) == 1
    callbacks[0]()  # the commit hook queues the task; eager here
    shipment_import.refresh_from_db()
    assert shipment_import.status == "done" and shipment_import.report["kept"] == truth.kept
    assert not shipment_import.upload and not Path(stored).exists()  # the records are not kept
    scores = ExpressScore.objects.count()
    process_import(shipment_import.pk)  # a redelivered message does nothing
    assert ExpressScore.objects.count() == scores


def test_the_navigation_shows_express_to_lenders_only(carol_client, alice_client):
    link = reverse("express:subjects")
    assert link in carol_client.get(reverse("express:import")).content.decode()
    assert link not in alice_client.get("/").content.decode()
