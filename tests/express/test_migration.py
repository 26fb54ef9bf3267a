"""Express rows from before organisations (express/0005) go to the organisation of the lender
who imported them; a subject goes with the import of its newest score; the rest stay with no
organisation, which only admins see."""
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("express", "0002_default_regions")]
AFTER = [("express", "0005_legacy_rows_to_organisations")]


def migrate(targets):
    """Migrate to ``targets`` (what depends on them moves too); the apps registry of every
    migration then applied."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


def test_legacy_imports_and_subjects_go_to_the_importers_organisation():
    apps = migrate(BEFORE)
    User, Organisation = apps.get_model("accounts", "User"), apps.get_model("accounts", "Organisation")
    Membership = apps.get_model("accounts", "Membership")
    ShipmentImport, ExpressScore = apps.get_model("express", "ShipmentImport"), apps.get_model("express", "ExpressScore")
    ExpressSubject = apps.get_model("express", "ExpressSubject")
    lena = User.objects.create(username="lena")
    default = Organisation.objects.create(slug="default", name="Lenders before organisations")
    Membership.objects.create(user=lena, organisation=default)
    old_import = ShipmentImport.objects.create(imported_by=lena, file_name="r.csv", as_of=date(2024, 1, 1))
    scored = ExpressSubject.objects.create(key="110105194912310025", user_type="individual")
    ExpressScore.objects.create(subject=scored, source_import=old_import, model_version=1, as_of=date(2024, 1, 1))
    unexplained = ExpressSubject.objects.create(key="name:Shop", user_type="enterprise")
    try:
        apps = migrate(AFTER)
        ShipmentImport, ExpressSubject = apps.get_model("express", "ShipmentImport"), apps.get_model("express", "ExpressSubject")
        assert ShipmentImport.objects.get(pk=old_import.pk).organisation_id == default.pk
        assert ExpressSubject.objects.get(pk=scored.pk).organisation_id == default.pk
        assert ExpressSubject.objects.get(pk=unexplained.pk).organisation_id is None
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
