"""Data migrations of ingest, run on rows as older code left them."""
from importlib import import_module

import pytest
from django.apps import apps

from ingest.models import DataSource

pytestmark = pytest.mark.django_db


def test_stored_profiles_forget_gender_and_keep_everything_else(alice):
    kept = {"name": "Alice", "gender": "female", "location": "Lyon"}
    told = DataSource.objects.create(owner=alice, platform="facebook", status="parsed",
                                     profile={"platform": "facebook", "profile": kept, "posts": [{"text": "hi"}]})
    untold = DataSource.objects.create(owner=alice, platform="linkedin", status="refused", profile=None)
    import_module("ingest.migrations.0004_forget_gender").forget_gender(apps, None)
    told.refresh_from_db()
    untold.refresh_from_db()
    assert told.profile == {"platform": "facebook", "profile": {"name": "Alice", "gender": None, "location": "Lyon"},
                            "posts": [{"text": "hi"}]}
    assert untold.profile is None
