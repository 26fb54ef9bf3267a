"""The applicant's own page: their score explained, progress; nobody else's data. Applying
and withdrawing: test_sharing.py."""
import html
import re
from datetime import date

import pytest
from django.urls import reverse

from ingest.models import DataSource
from pipeline.models import ScoringJob
from scoring import bands, methods, services
from scoring.fuzzy.service import score_fuzzy
from scoring.models import ScoringMethodSetting
from tests.dashboards.conftest import fuzzy_for, score_for, source_with_files
from tests.scoring.documents import analysis, facebook, linkedin

pytestmark = pytest.mark.django_db


def test_home_sends_each_role_to_its_own_page(client, alice_client, carol_client, dave_client):
    assert alice_client.get(reverse("home")).url == reverse("dashboards:applicant")
    assert carol_client.get(reverse("home")).url == reverse("dashboards:lender_list")
    assert dave_client.get(reverse("home")).url == reverse("dashboards:lender_list")
    assert client.get(reverse("home")).status_code == 200


def test_it_needs_a_login(client):
    response = client.get(reverse("dashboards:applicant"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_it_shows_the_score_with_band_in_words_breakdown_reasons_and_missing(alice_client, alice):
    result = score_for(alice, 72.0, version=3)
    source_with_files(alice, "linkedin")
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert ">72<" in page and "Good" in page
    assert "72 of 100 · Good" in page  # the gauge says it in text too
    assert "Few connections across your accounts" in page
    assert "configuration v3" in page
    assert result.created_at.strftime("%Y") in page
    assert "Skills count" in page  # missing feature, by name
    assert "72 of 100 points" in page  # connections: 72% of 100 possible, earned of possible
    assert "LinkedIn" in page and "1 Mar 2026" in page  # source and its data date


def test_it_shows_only_the_applicants_own_scores(alice_client, alice, bob):
    score_for(alice, 41.0, reasons=["Alice's own reason"])
    score_for(bob, 93.0, reasons=["Bob's secret reason"])
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert "Alice&#x27;s own reason" in page
    assert "secret reason" not in page and "93 of 100" not in page


def test_the_sites_default_method_comes_first(alice_client, alice):
    score_for(alice, 70)
    fuzzy_for(alice, 44)
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert page.index("Priority-weighted curves") < page.index("AHP + fuzzy evaluation")
    ScoringMethodSetting(default_method="fuzzy").save()
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert page.index("AHP + fuzzy evaluation") < page.index("Priority-weighted curves")


def test_unscorable_is_said_plainly_not_shown_as_a_low_score(alice_client, alice):
    score_for(alice, 0, score=None, normalized=None, band="", unscorable=True, flags=["too_few_features"],
              reasons=["Not enough information to score: 2 feature(s) could be measured and at least 4 are needed"])
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert "Not enough data to give a score" in page and "2 feature(s) could be measured" in page
    assert "too_few_features" not in page  # the flag is a code: never on a page
    assert 'data-testid="score"' not in page


def test_a_running_job_shows_the_progress_bar(alice_client, running_job):
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert 'id="job-progress"' in page and 'role="progressbar"' in page and "js/progress.js" in page
    assert f'data-progress-url="{reverse("pipeline:progress")}"' in page


def test_a_finished_job_shows_no_progress_bar(alice_client, alice):
    ScoringJob.objects.create(owner=alice, state=ScoringJob.State.DONE)
    score_for(alice)
    assert 'id="job-progress"' not in alice_client.get(reverse("dashboards:applicant")).content.decode()


@pytest.mark.parametrize("name", ["dashboards:applicant", "dashboards:delete_all"])
def test_lenders_have_no_applicant_pages(carol_client, name):
    assert carol_client.get(reverse(name)).status_code == 403


def visible_text(page: str) -> str:
    """What a person reads: the page without its markup (chart labels included)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1].split("</main>", 1)[0]))


def test_the_primary_method_is_the_answer_and_the_others_are_second_opinions_a_click_away(alice_client, alice):
    score_for(alice, 72)
    fuzzy_for(alice, 44)
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    answer, rest = page.split('data-testid="second-opinions"')
    assert 'data-testid="answer"' in answer and "Priority-weighted curves" in answer
    assert "AHP + fuzzy evaluation" not in answer
    assert rest.split("</details>")[0].count('data-testid="second-opinion"') == 1
    assert "Second opinions:" in rest and "AHP + fuzzy evaluation 44 (General)" in visible_text(page)
    assert re.search(r'<details [^>]*data-testid="second-opinions"', page)  # a click away
    ScoringMethodSetting(default_method="fuzzy").save()
    answer = alice_client.get(reverse("dashboards:applicant")).content.decode().split('data-testid="second-opinions"')[0]
    assert "AHP + fuzzy evaluation" in answer and "Priority-weighted curves" not in answer


def test_each_band_says_what_it_means_beside_the_score(alice_client, alice):
    score_for(alice, 72)
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    meaning = page.split('data-testid="band-meaning"')[1].split("</p>")[0]
    assert "Good:" in meaning and html.escape(bands.meaning("good"), quote=True) in meaning


def test_the_fuzzy_badge_and_gauge_agree_and_its_memberships_add_up_to_100(alice_client, alice):
    e0 = (0.6, 0.36, 0.24, 0.0, 0.0)  # as the paper leaves E0: 1.2 in all, "very good" the largest
    fuzzy_for(alice, 73, e0=e0, detail={"E0": list(e0), "grade": "very_good"})
    ScoringMethodSetting(default_method="fuzzy").save()
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert page.split('data-testid="band">')[1].startswith("Good<")
    assert "73 of 100 · Good" in page  # the gauge, in its own words
    assert page.split('data-testid="paper-grade">')[1].startswith("Very good<")  # the paper's grade, as a detail
    chart = page.split("Membership in each grade", 1)[1].split("</svg>")[0]
    shown = [int(p) for p in re.findall(r">(\d+)%</text>", chart)]
    assert shown == [50, 30, 20, 0, 0] and sum(shown) == 100


def test_no_internal_codes_and_rows_that_read_as_findings(alice_client, alice):
    profiles = [facebook(), linkedin()]
    priority = services.score_applicant(owner=alice, profiles=profiles, analysis=analysis(), as_of=date(2026, 11, 24))
    fuzzy = score_fuzzy(owner=alice, profiles=profiles, analysis=analysis(), as_of=date(2026, 11, 24))
    text = visible_text(alice_client.get(reverse("dashboards:applicant")).content.decode())
    assert not re.search(r"\b[A-C]\d{1,2}\b", text), re.findall(r".{30}\b[A-C]\d{1,2}\b.{10}", text)
    for code in [r["code"] for r in priority.reasons] + priority.flags + fuzzy.flags:
        assert code not in text
    assert "1 of 4 analysed images is flagged as explicit" in text
    assert "Negative images" not in text


def test_the_applicant_sees_what_would_raise_the_score(alice_client, alice):
    result = services.score_applicant(owner=alice, profiles=[facebook()], analysis=analysis(), as_of=date(2026, 11, 24))
    found = methods.improvements(result)
    assert found
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    listed = page.split('data-testid="improvements"')[1].split("</ol>")[0]
    assert [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", listed)] == [i.action for i in found]
    assert "How to raise your score" in page


def test_after_only_refused_uploads_the_page_says_so(alice_client, alice):
    DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.REFUSED,
                              error="This is not a Facebook export.")
    page = alice_client.get(reverse("dashboards:applicant")).content.decode()
    assert "None of your uploads could be read" in page
    assert "connected but has not been scored" not in page


@pytest.mark.parametrize(("token", "promised"), [("", False), ("configured", True)])
def test_the_x_handle_is_promised_only_with_a_token(client, alice_client, settings, token, promised):
    settings.TWITTER_BEARER_TOKEN = token
    assert ("give your X handle" in client.get(reverse("home")).content.decode()) is promised
    assert ("give your X handle" in alice_client.get(reverse("dashboards:applicant")).content.decode()) is promised
