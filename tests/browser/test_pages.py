"""Every main page of the dashboards in a real browser, with data as scoring leaves it:
the pages render, their controls work, and a screenshot of each is kept."""
import pytest

from accounts import roles
from accounts.services import member_add, organisation_save, user_create
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD, applicant, apply
from tests.dashboards.conftest import fuzzy_for, score_for, source_with_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _people():
    north = organisation_save(slug="north", name="North Bank")[0]
    alice = applicant("alice")
    member_add(organisation=north, user=user_create(username="carol", password=PASSWORD, role=roles.LENDER))
    apply(alice, north)
    source_with_files(alice, "facebook")
    source_with_files(alice, "linkedin")
    score_for(alice, 48, days_ago=20, version=1)
    score_for(alice, 71, version=2, reasons=[
        "Few connections across your accounts",
        "Many posts with negative sentiment",
        "Few skills listed",
        "Little interaction with your posts",
    ])
    fuzzy_for(alice, 64, e0=(0.12, 0.41, 0.30, 0.12, 0.05))
    for i, level in enumerate((91, 83, 67, 55, 38, 22, 12)):
        other = applicant(f"applicant{i}")
        apply(other, north)
        score_for(other, level, version=2, days_ago=i + 1)
    return alice


def test_applicant_and_lender_pages(new_page, role_groups):
    alice = _people()
    page = new_page()
    page.goto("/")
    assert page.get_by_role("link", name="Get started").is_visible()
    screenshot(page, "home")
    log_in(page, "alice")
    assert page.get_by_test_id("band").first.inner_text() == "Good"
    assert "Few connections across your accounts" in page.get_by_test_id("reasons").first.inner_text()
    screenshot(page, "applicant-score")
    assert "North Bank" in page.content()
    page.get_by_role("link", name="Delete all my data").click()
    screenshot(page, "applicant-delete-confirm")

    lender = new_page()
    log_in(lender, "carol")
    assert lender.get_by_test_id("applicants").locator("tbody tr").count() == 8  # one each, default method
    screenshot(lender, "lender-applicants")
    lender.get_by_label("Band").select_option("good")
    lender.get_by_role("button", name="Apply").click()
    assert lender.get_by_test_id("applicants").locator("tbody tr").count() == 2
    lender.get_by_role("link", name="alice").first.click()
    assert "Grade memberships" in lender.content()
    screenshot(lender, "lender-applicant-detail")
    lender.get_by_role("link", name="Population").click()
    screenshot(lender, "lender-population")
    lender.get_by_role("link", name="API").click()
    lender.get_by_role("button", name="Create a token").click()
    assert len(lender.get_by_label("Send it as").input_value()) == 40
    screenshot(lender, "lender-api")

    narrow = new_page(width=390, height=844)
    log_in(narrow, "alice")
    screenshot(narrow, "applicant-score-phone")
    narrow_lender = new_page(width=390, height=844)
    log_in(narrow_lender, "carol")
    narrow_lender.get_by_role("link", name="alice").first.wait_for()
    screenshot(narrow_lender, "lender-applicants-phone")
    assert alice.scores.count() == 3
