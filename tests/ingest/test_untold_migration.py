"""Migration 0003: empty lists that earlier parsers stored for fields an export cannot tell
become null, so profiles stored before are read as the parsers read exports now."""
import importlib
from copy import deepcopy

import pytest
from django.apps import apps

from ingest.models import DataSource
from ingest.parsers import PLATFORMS, parse_export, twitter_api
from ingest.profile import LISTS, read_profile

from . import exports

migration = importlib.import_module("ingest.migrations.0003_untold_lists_are_null")


def as_stored_before(document: dict, kind: str = "archive") -> dict:
    """The document as earlier parsers wrote it: every list started as []."""
    old = deepcopy(document)
    for path in migration.UNTOLD[(old["platform"], kind)]:
        parent, _, key = path.rpartition(".")
        (old[parent] if parent else old)[key] = []
    return old


def test_the_migrations_table_is_what_the_parsers_declare():
    declared = {(name, "archive"): module.TELLS for name, module in PLATFORMS.items()} | {("twitter", "api"): twitter_api.TELLS}
    untold = {source: set(LISTS - tells) for source, tells in declared.items() if LISTS - tells}
    # Weibo's parser has always written null for what the crawler cannot tell.
    assert {source: set(fields) for source, fields in migration.UNTOLD.items()} == {
        source: fields for source, fields in untold.items() if source[0] != "weibo"
    }


@pytest.mark.django_db
def test_facebook_skills_stored_as_none_become_not_told(alice, bob, tmp_path):
    parsed = parse_export("facebook", exports.write_facebook(tmp_path / "fb.zip").path).document()
    stored = as_stored_before(parsed)
    assert stored["profile"]["skills"] == []
    facebook = DataSource.objects.create(owner=alice, platform="facebook", status=DataSource.Status.PARSED, profile=stored)
    linkedin_doc = parse_export("linkedin", exports.write_linkedin(tmp_path / "li.zip").path).document()
    linkedin_doc["profile"]["skills"] = []  # LinkedIn tells skills: an empty list is "none", and stays
    linkedin = DataSource.objects.create(owner=alice, platform="linkedin", status=DataSource.Status.PARSED, profile=linkedin_doc)
    handle = DataSource.objects.create(owner=bob, platform="twitter", kind=DataSource.Kind.API, status=DataSource.Status.PARSED,
                                       profile={"platform": "twitter", "profile": {"emails": []}, "media": [], "posts": []})
    refused = DataSource.objects.create(owner=bob, platform="facebook", status=DataSource.Status.REFUSED, profile=None)

    migration.forwards(apps, None)

    facebook.refresh_from_db()
    assert facebook.profile == parsed  # exactly what the parser writes today
    read_profile(facebook.profile)
    linkedin.refresh_from_db()
    assert linkedin.profile == linkedin_doc
    handle.refresh_from_db()
    assert handle.profile == {"platform": "twitter", "profile": {"emails": None}, "media": None, "posts": []}
    refused.refresh_from_db()
    assert refused.profile is None


def test_only_empty_lists_change():
    document = {"platform": "instagram", "profile": {"skills": ["told after all"], "education": []}, "groups": []}
    assert migration.forget_untold(document, migration.UNTOLD[("instagram", "archive")])
    assert document == {"platform": "instagram", "profile": {"skills": ["told after all"], "education": None}, "groups": None}
    assert not migration.forget_untold(document, migration.UNTOLD[("instagram", "archive")])
    assert not migration.forget_untold(["not", "a", "profile"], ("groups",))
