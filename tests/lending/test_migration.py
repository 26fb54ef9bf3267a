"""The move from the one "share with lenders" switch to applications (lending/0002): every
applicant whose switch was on gets a live application to a default organisation that every
lender belongs to, so a lender sees exactly whom they saw before; nobody else is shared."""
from datetime import datetime, timezone

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("accounts", "0003_organisations"), ("lending", "0001_initial")]
AFTER = [("accounts", "0004_remove_consent_switch"), ("lending", "0002_applications_from_consent_switch")]


def migrate(targets):
    """Migrate to ``targets`` (what depends on them moves too); the apps registry of every
    migration then applied."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


@pytest.fixture(autouse=True)
def newest_schema_after():
    """Leave the database as every other test expects it: every app at its newest migration."""
    yield
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def old_world():
    """The database as it was before organisations, with people of every kind in it."""
    apps = migrate(BEFORE)
    User, Group = apps.get_model("accounts", "User"), apps.get_model("auth", "Group")
    DataSource = apps.get_model("ingest", "DataSource")

    def person(name, role, **fields):
        user = User.objects.create(username=name, **fields)
        user.groups.add(Group.objects.get_or_create(name=role)[0])  # a flushed database has none
        return user

    switched_on = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    sharer = person("sharer", "applicant", shares_with_lenders=True, consent_changed_at=switched_on)
    DataSource.objects.create(owner=sharer, platform="facebook", status="parsed", profile={})
    person("private", "applicant")
    person("changed-mind", "applicant", shares_with_lenders=False, consent_changed_at=switched_on)
    person("lena", "lender")
    person("luis", "lender")
    return switched_on


def test_sharers_get_an_application_to_the_organisation_of_every_lender(old_world):
    apps = migrate(AFTER)
    Application = apps.get_model("lending", "Application")
    Organisation, Membership = apps.get_model("accounts", "Organisation"), apps.get_model("accounts", "Membership")
    default = Organisation.objects.get()
    assert default.slug == "default"
    assert sorted(Membership.objects.filter(organisation=default).values_list("user__username", flat=True)) == ["lena", "luis"]
    application = Application.objects.get()
    assert application.applicant.username == "sharer" and application.organisation == default
    assert application.consented_at == old_world and application.withdrawn_at is None
    assert application.consent_version == "single-switch"
    assert application.sources == ["facebook"]
    assert application.methods == ["priority", "fuzzy", "express"]  # the switch shared every score


def test_going_back_turns_the_switch_on_again_and_forward_again_applies_once(old_world):
    migrate(AFTER)
    apps = migrate(BEFORE)
    User = apps.get_model("accounts", "User")
    assert list(User.objects.filter(shares_with_lenders=True).values_list("username", flat=True)) == ["sharer"]
    apps = migrate(AFTER)
    assert apps.get_model("lending", "Application").objects.count() == 1


def test_an_empty_database_gets_no_default_organisation():
    migrate(BEFORE)
    apps = migrate(AFTER)
    assert not apps.get_model("accounts", "Organisation").objects.exists()
