"""Download my data: one zip, JSON and a readable HTML summary, of everything held about the
applicant (the stores erasure empties, filled by test_erasure.fill_file) and nothing of anyone
else; by page and by API, for the applicant only. The page says what is kept and how long."""
import io
import json
import zipfile
from types import SimpleNamespace

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from pipeline.models import RetentionSetting
from tests.conftest import client_for
from tests.dashboards.conftest import fill_file, marker
from tests.dashboards.test_scoping import api

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_media")]


@pytest.fixture
def files(alice, erin, north, south, carol, frank):
    fill_file(alice, north, carol)
    fill_file(erin, south, frank)
    return SimpleNamespace(alice=alice, erin=erin, carol=carol, frank=frank)


def unpack(response) -> tuple[dict, str]:
    assert response["Content-Type"] == "application/zip"
    assert 'attachment; filename="credsly-my-data.zip"' in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert sorted(archive.namelist()) == ["credsly-data.html", "credsly-data.json"]
        return json.loads(archive.read("credsly-data.json")), archive.read("credsly-data.html").decode()


def test_the_archive_holds_everything_about_the_applicant(files):
    document, html = unpack(client_for(files.alice).get(reverse("dashboards:download")))
    assert document["account"]["username"] == "alice" and document["account"]["email"] == "alice@example.org"
    assert "key is a password" in document["account"]["api_token"]
    assert {s["platform"] for s in document["sources"]} == {"facebook", "linkedin"}
    assert {"text": marker(files.alice)} in document["sources"][0]["profile"]["posts"]  # the normalized profile
    assert len(document["stored_files"]) == 5  # 2 archives, 2 photos, 1 left by an interrupted upload
    assert document["jobs"][0]["analysis"]["profanity"]["groups"] == [marker(files.alice)]
    assert document["jobs"][0]["chunks"][0]["chunk"] == "groups-0000"
    assert document["feature_vector"][0]["features"]["note"]["sources"] == [marker(files.alice)]
    assert {s["method"] for s in document["scores"]} == {"priority", "express"}
    assert f"{marker(files.alice)} reason" in [r["text"] for s in document["scores"] for r in s["reasons"]]
    [application] = document["applications"]
    assert application["organisation"] == "North Bank" and application["methods"] == ["priority", "express"]
    assert [(e["organisation"], e["what"]) for e in document["access_log"]] == [("North Bank", "applicant page")]
    assert document["express_delivery"][0]["scores"][0]["score"] == 40.0
    assert document["logins"][0]["ip_address"] == "192.0.2.7" and len(document["failed_logins"]) == 2
    assert marker(files.erin) not in json.dumps(document) and "erin" not in html
    assert "North Bank" in html and f"{marker(files.alice)} reason" in html and "Who opened your file" in html
    assert "alice@example.org" in html and "2 posts" in html


def test_the_api_gives_the_same_archive_to_the_applicant_only(files):
    response = api(files.alice).get("/api/me/export/", HTTP_ACCEPT="application/zip")
    assert response.status_code == 200
    document, _ = unpack(response)
    assert document["account"]["username"] == "alice"
    refused = api(files.carol).get("/api/me/export/")
    assert refused.status_code == 403 and refused.json() == {"detail": "Only applicants download their own data."}
    assert APIClient().get("/api/me/export/").status_code == 401


def test_the_data_page_says_what_is_kept_and_how_long(alice_client, settings):
    settings.LOGIN_LOG_RETENTION_DAYS = 12
    page = alice_client.get(reverse("dashboards:my_data")).content.decode()
    kept = page.split('data-testid="retention"')[1].split("</table>")[0]
    assert "texts of your posts and comments, and your photos" in kept and "then they are deleted" in kept
    assert "12 days" in kept
    for name in ("dashboards:download", "dashboards:delete_all", "dashboards:delete_account"):
        assert f'href="{reverse(name)}"' in page
    RetentionSetting(keep_texts_and_photos=True).save()
    page = alice_client.get(reverse("dashboards:my_data")).content.decode()
    assert "an administrator has set CredSly to keep them until you delete them" in page


@pytest.mark.parametrize("name", ["dashboards:my_data", "dashboards:download", "dashboards:delete_account"])
def test_lenders_admins_and_visitors_have_no_data_pages(carol_client, dave_client, client, name):
    assert carol_client.get(reverse(name)).status_code == 403
    assert dave_client.get(reverse(name)).status_code == 403
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_the_export_is_in_the_openapi_schema(alice):
    paths = api(alice).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    assert "application/zip" in paths["/api/me/export/"]["get"]["responses"]["200"]["content"]
