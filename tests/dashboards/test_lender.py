"""Lender pages: only applicants who applied to the lender's organisation; search, filters,
sort, pages, detail, CSV. Who sees whom across organisations: test_scoping.py."""
import csv
import html
import io

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import Organisation
from accounts.services import email_verify, user_create
from dashboards.views import PAGE_SIZE
from express.models import ExpressSubject
from scoring import bands
from scoring.models import ScoringMethodSetting
from lending.services import application_withdraw
from tests.conftest import apply
from tests.dashboards.conftest import fuzzy_for, score_for, source_with_files

pytestmark = pytest.mark.django_db


def applicant(name: str, level: float, *, shares: bool = True, **fields):
    """An applicant scored at ``level`` who applied to North Bank (carol's), unless not ``shares``."""
    user = user_create(username=name, password="x" * 12, role=roles.APPLICANT, email=f"{name}@example.org")
    email_verify(user=user)
    if shares:
        apply(user, Organisation.objects.get(slug="north"))
    score_for(user, level, **fields)
    return user


def table(client, **params) -> list[str]:
    """Usernames in the table, in order."""
    page = client.get(reverse("dashboards:lender_list"), params).content.decode()
    body = page.split('data-testid="applicants"')[1] if 'data-testid="applicants"' in page else ""
    return [line.split('/">')[1].split("<")[0] for line in body.split("<th scope=\"row\">")[1:]]


def test_only_applicants_with_a_live_application_are_listed(carol_client, alice, bob, north):
    score_for(alice, 70)
    score_for(bob, 50)
    application = apply(alice, north)
    assert table(carol_client) == ["alice"]
    application_withdraw(application=application)
    assert table(carol_client) == []


def test_applicants_cannot_use_lender_pages(alice_client, shared):
    score_for(shared)
    for name in ("dashboards:lender_list", "dashboards:lender_population", "dashboards:lender_csv", "dashboards:lender_api"):
        assert alice_client.get(reverse(name)).status_code == 403
    assert alice_client.get(reverse("dashboards:lender_detail", args=[shared.pk])).status_code == 403


def test_search_filters_and_sorts(carol_client):
    applicant("ann", 85, days_ago=3)
    applicant("anton", 45, days_ago=1)
    applicant("zoe", 65, days_ago=2)
    applicant("hidden", 99, shares=False)
    applicant("unscored", 0, normalized=None, score=None, band="", unscorable=True, days_ago=4)
    assert table(carol_client, q="an") == ["anton", "ann"]  # newest first by default
    assert table(carol_client, q="ZOE@example.org") == ["zoe"]  # a whole address, in any case
    assert table(carol_client, q="zoe@example") == []  # never part of one
    assert table(carol_client, band="very_good") == ["ann"]
    assert table(carol_client, sort="-score") == ["ann", "zoe", "anton", "unscored"]
    assert table(carol_client, sort="score") == ["anton", "zoe", "ann", "unscored"]
    assert table(carol_client, sort="date") == ["unscored", "ann", "zoe", "anton"]
    assert table(carol_client, band="not-a-band") == ["anton", "zoe", "ann", "unscored"]  # ignored, not an error


def test_method_filter_and_the_latest_result_per_method(carol_client, shared):
    score_for(shared, 30, days_ago=5)
    score_for(shared, 75)
    score_for(shared, 55, method="fuzzy")
    page = carol_client.get(reverse("dashboards:lender_list"), {"method": "priority"}).content.decode()
    assert table(carol_client, method="priority") == ["alice"]
    assert ">75<" in page and ">30<" not in page
    assert table(carol_client, method="fuzzy") == ["alice"]
    assert table(carol_client, method="any") == ["alice", "alice"]  # one row per method


def test_the_table_shows_the_sites_default_method_unless_asked(carol_client, shared):
    score_for(shared, 75)
    fuzzy_for(shared, 41)
    page = carol_client.get(reverse("dashboards:lender_list")).content.decode()
    assert table(carol_client) == ["alice"] and ">75<" in page
    ScoringMethodSetting(default_method="fuzzy").save()
    page = carol_client.get(reverse("dashboards:lender_list")).content.decode()
    assert table(carol_client) == ["alice"] and ">41<" in page
    assert '<option value="fuzzy" selected>' in page


def test_pagination_keeps_the_filters(carol_client):
    for i in range(PAGE_SIZE + 1):
        applicant(f"p{i:02d}", 50 + i % 10)
    first = carol_client.get(reverse("dashboards:lender_list"), {"sort": "score"}).content.decode()
    assert "Page 1 of 2" in first and "sort=score&amp;page=2" in first
    assert len(table(carol_client, sort="score", page=2)) == 1


def test_detail_shows_both_methods_memberships_history_and_sources(carol_client, shared):
    score_for(shared, 40, days_ago=10, version=1)
    score_for(shared, 66, version=2, reasons=["Many posts with negative sentiment"])
    fuzzy_for(shared, 58, e0=(0.05, 0.35, 0.4, 0.15, 0.05))
    source_with_files(shared, "facebook")
    page = carol_client.get(reverse("dashboards:lender_detail", args=[shared.pk])).content.decode()
    assert "Priority-weighted curves" in page and "AHP + fuzzy evaluation" in page
    assert "Grade memberships" in page and "40%" in page  # general: 0.4
    assert "Recency of last activity" in page and "35 of 100" in page  # an index, out of 100
    assert "Rank in groups" in page  # the missing index, by its name
    assert "Many posts with negative sentiment" in page
    assert "Normalized score over time" in page and page.count("<tr><td>") >= 3  # history rows
    assert "Facebook" in page and "1 Mar 2026" in page


def test_detail_of_someone_who_did_not_apply_is_not_found(carol_client, alice):
    score_for(alice)
    assert carol_client.get(reverse("dashboards:lender_detail", args=[alice.pk])).status_code == 404
    assert carol_client.get(reverse("dashboards:lender_detail", args=[99999])).status_code == 404


def test_population_by_configuration_version(carol_client):
    applicant("a1", 85, version=1)
    applicant("a2", 25, version=1)
    a3 = applicant("a3", 65, version=1)
    score_for(a3, 70, version=2)
    page = carol_client.get(reverse("dashboards:lender_population")).content.decode()
    assert "configuration v2" in page and "Scores of 1 applicants" in page
    page = carol_client.get(reverse("dashboards:lender_population"), {"version": 1}).content.decode()
    assert "Scores of 3 applicants" in page
    assert "33% <span" in page  # a third each in very good, good, poor
    assert carol_client.get(reverse("dashboards:lender_population"), {"method": "bogus"}).status_code == 404


def test_csv_export_has_the_filtered_rows_of_every_page(carol_client):
    for i in range(PAGE_SIZE + 2):
        applicant(f"c{i:02d}", 85 if i % 2 else 35)
    applicant("=cmd|' /C calc'!A0", 90)
    applicant("nosy", 90, shares=False)
    response = carol_client.get(reverse("dashboards:lender_csv"), {"band": "very_good", "sort": "-score"})
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    names = [r["username"] for r in rows]
    assert len(rows) == PAGE_SIZE // 2 + 2  # the odd ones of 22, and the formula-named one
    assert names[0] == "'=cmd|' /C calc'!A0"  # highest first, and defused
    assert "nosy" not in names
    assert {r["band"] for r in rows} == {"Very good"}
    assert rows[1]["top_reasons"].startswith("Few connections across your accounts | ")


def test_lender_gets_and_replaces_an_api_token(carol_client, carol):
    assert "You have no token yet" in carol_client.get(reverse("dashboards:lender_api")).content.decode()
    created = carol_client.post(reverse("dashboards:lender_api"), follow=True).content.decode()
    assert "Your API token was created." in created and "no longer works" not in created  # there was none
    first = carol.auth_token.key
    replaced = carol_client.post(reverse("dashboards:lender_api"), follow=True).content.decode()
    assert "the old one no longer works" in replaced
    carol.refresh_from_db()
    assert carol.auth_token.key != first
    assert carol.auth_token.key in carol_client.get(reverse("dashboards:lender_api")).content.decode()


def test_detail_links_the_express_delivery_record(carol_client, shared, north):
    score_for(shared, 70)
    page = carol_client.get(reverse("dashboards:lender_detail", args=[shared.pk])).content.decode()
    assert "Express-delivery record" not in page  # no express score, no link
    subject = ExpressSubject.objects.create(organisation=north, key="name:Alice", user_type="individual", user=shared)
    score_for(shared, 55, method="express", detail={"subject": subject.pk})
    page = carol_client.get(reverse("dashboards:lender_detail", args=[shared.pk])).content.decode()
    assert "Express-delivery records" in page  # the express score itself is shown
    assert f'href="{reverse("express:subject", args=[subject.pk])}"' in page



def test_the_table_leads_with_the_primary_method_and_keeps_second_opinions_in_the_row(carol_client, shared):
    score_for(shared, 75)
    fuzzy_for(shared, 41)
    page = carol_client.get(reverse("dashboards:lender_list")).content.decode()
    row = page.split('data-testid="applicants"')[1].split("</tr>", 2)[1]
    assert ">75<" in row and "Second opinions" in row and "AHP + fuzzy: 41 (General)" in row
    assert f'title="{bands.meaning("good")}"' in row  # the band's meaning on the badge
    legend = page.split('data-testid="band-legend"')[1].split("</details>")[0]
    assert all(html.escape(band.meaning, quote=True) in legend for band in bands.BANDS)
    assert 'class="d-none d-md-table-cell">Main reason' not in page  # the reason stays in view on a phone


def test_the_detail_page_leads_with_the_primary_method(carol_client, shared):
    score_for(shared, 75)
    fuzzy_for(shared, 41)
    score_for(shared, 55, method="express", detail={"subject": 42})
    ScoringMethodSetting(default_method="fuzzy").save()
    page = carol_client.get(reverse("dashboards:lender_detail", args=[shared.pk])).content.decode()
    answer, opinions = page.split('data-testid="second-opinions"')
    assert "AHP + fuzzy evaluation" in answer and "Priority-weighted curves" not in answer
    assert opinions.count('data-testid="second-opinion"') == 2  # priority and express
    assert "How to raise your score" not in page  # advice is the applicant's
    assert "AHP configuration v1" in answer  # which version of what made the score
