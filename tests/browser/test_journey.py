"""The whole product in a real browser, with a real Celery worker doing the work.

An applicant signs up, uploads generated Facebook and LinkedIn exports, watches the progress
bar reach the score and reads the reasons; withdraws and grants consent. A lender finds the
applicant, opens the detail and exports CSV. An admin changes a priority weight and the
applicant's score changes once everyone is rescored. The applicant deletes their data and it
is gone, files included. A screenshot of each main page is kept under artifacts/.
"""
import csv
import io
from pathlib import Path

import pytest

from accounts import roles
from accounts.models import Organisation, User
from accounts.services import email_verify, member_add, organisation_save, user_create
from ingest.models import DataSource
from pipeline.models import ScoringJob
from scoring.models import ScoreResult
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD, apply
from tests.ingest import exports
from tests.pipeline import worker as worker_harness
from tests.services import require


pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

# A Redis database of this test's own (the pipeline tests use 14), flushed around the test.
REDIS_URL = "redis://127.0.0.1:6379/13"
# Parsing, sentiment, NudeNet on a few tiny images and scoring, on a 2-core machine shared
# with other work: generous, since a slow machine must not fail the journey.
SCORE_TIMEOUT_MS = 240_000


@pytest.fixture
def broker():
    require("redis")
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    with worker_harness.celery_app_using(REDIS_URL):
        yield REDIS_URL
    client.flushdb()
    client.close()


@pytest.fixture
def worker(broker, tmp_path):
    """A worker that starts when the test says so (after the page shows the queued job)."""
    process = worker_harness.Worker(tmp_path / "worker.log", broker_url=broker, concurrency=2)
    yield process
    process.stop()


def latest_priority(user: User) -> ScoreResult | None:
    return ScoreResult.objects.filter(owner=user, method="priority").order_by("-created_at", "-pk").first()


def test_applicant_lender_and_admin_journey(new_page, worker, tmp_path):
    north = organisation_save(slug="north", name="North Bank")[0]
    member_add(organisation=north, user=user_create(username="carol", password=PASSWORD, role=roles.LENDER))
    user_create(username="dave", password=PASSWORD, role=roles.ADMIN)
    facebook = exports.write_facebook(tmp_path / "facebook-export.zip").path
    linkedin = exports.write_linkedin(tmp_path / "linkedin-export.zip").path

    # -- the applicant signs up and uploads two exports -------------------------------------
    page = new_page()
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Email address").fill("erin@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    screenshot(page, "journey-01-signup")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("link", name="Connect your data").first.click()
    page.get_by_label("Facebook export (.zip)").set_input_files(str(facebook))
    page.get_by_role("button", name="Upload Facebook export").click()
    page.get_by_label("LinkedIn export (.zip)").set_input_files(str(linkedin))
    page.get_by_role("button", name="Upload LinkedIn export").click()
    screenshot(page, "journey-02-sources")
    erin = User.objects.get(username="erin")
    assert set(erin.sources.values_list("platform", flat=True)) == {"facebook", "linkedin"}

    # -- no worker yet: the job waits, and the page shows the bar; then the worker starts ---
    page.get_by_role("link", name="My score").click()
    bar = page.get_by_role("progressbar", name="Scoring progress")
    bar.wait_for()
    screenshot(page, "journey-03-progress-waiting")
    worker.start()
    seen = set()
    band = page.get_by_test_id("band").first
    deadline_polls = SCORE_TIMEOUT_MS // 500
    for _ in range(deadline_polls):
        if band.is_visible():
            break
        if bar.is_visible():
            value = bar.get_attribute("aria-valuenow")
            if value not in seen and value not in (None, "0"):
                screenshot(page, f"journey-03-progress-{value}")
            seen.add(value)
        failed = page.get_by_text("Scoring failed").is_visible()
        assert not failed, page.locator("#job-progress").inner_text() + worker.log[-3000:]
        page.wait_for_timeout(500)
    assert band.is_visible(), f"no score after {SCORE_TIMEOUT_MS / 1000:.0f}s:\n{worker.log[-3000:]}"
    assert ScoringJob.objects.filter(owner=erin).first().state == "done"
    assert seen, "the progress bar was never seen moving"
    first = latest_priority(erin)
    assert page.get_by_test_id("score").first.inner_text() == f"{first.normalized:.0f}"
    assert page.get_by_test_id("reasons").first.inner_text().strip() or not first.reasons
    screenshot(page, "journey-04-score")

    # -- erin confirms her address and applies to carol's organisation ------------------------
    email_verify(user=erin)
    apply(erin, Organisation.objects.get(slug="north"))
    page.reload()
    assert "North Bank" in page.content()

    # -- a lender finds erin, opens the detail, exports CSV ------------------------------------
    lender = new_page()
    log_in(lender, "carol")
    lender.get_by_label("Search").fill("erin")
    lender.get_by_role("button", name="Apply").click()
    screenshot(lender, "journey-05-lender-list")
    with lender.expect_download() as download:
        lender.get_by_test_id("csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert {r["username"] for r in rows} == {"erin"}
    assert any(r["method"] == "priority" and float(r["normalized"]) == round(first.normalized, 2) for r in rows)
    lender.get_by_role("link", name="erin").first.click()
    assert "Sources and freshness" in lender.content() and "LinkedIn" in lender.content()
    screenshot(lender, "journey-06-lender-detail")

    # -- an admin lowers a priority weight; everyone is rescored; erin's score moves -----------
    admin = new_page()
    log_in(admin, "dave")
    admin.goto("/admin/scoring/scoringconfig/")
    admin.locator("#result_list tbody tr").first.locator("a").first.click()
    weight = admin.get_by_label("Priority one weight")
    weight.fill("5" if float(weight.input_value()) != 5 else "50")
    screenshot(admin, "journey-07-admin-config")
    admin.get_by_role("button", name="Save", exact=True).click()
    for _ in range(SCORE_TIMEOUT_MS // 500):
        rescored = latest_priority(erin)
        if rescored.config_version != first.config_version:
            break
        admin.wait_for_timeout(500)
    assert rescored.config_version == first.config_version + 1, worker.log[-3000:]
    assert round(rescored.normalized, 2) != round(first.normalized, 2)
    page.goto("/me/")
    assert page.get_by_test_id("score").first.inner_text() == f"{rescored.normalized:.0f}"
    assert f"configuration v{rescored.config_version}" in page.content()
    screenshot(page, "journey-08-rescored")

    # -- erin deletes everything ----------------------------------------------------------------
    # Retention already removed the exports' files once the job was done; the rows remain.
    folders = [s.files_dir for s in DataSource.objects.filter(owner=erin)]
    assert folders
    page.get_by_role("link", name="Delete all my data").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    assert "All your data was deleted" in page.get_by_role("alert").inner_text()
    screenshot(page, "journey-09-deleted")
    assert not DataSource.objects.filter(owner=erin).exists()
    assert not ScoreResult.objects.filter(owner=erin).exists()
    assert not ScoringJob.objects.filter(owner=erin).exists()
    assert not any(f.exists() for f in folders)
    lender.goto("/lender/applicants/")
    assert "erin" not in lender.locator("main").inner_text()
