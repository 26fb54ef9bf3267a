"""Lists an export can never tell become null in the profiles already stored.

Earlier parsers started every profile with empty lists, so a stored Facebook profile says
``"skills": []`` ("none") where a Facebook export says nothing about skills, and scoring
counted the untold as zero. The parsers now leave such fields null (each declares what its
platform tells: ``TELLS`` in ``ingest.parsers``); this turns the empty lists stored before
into null. Only empty lists change: a list with entries was told. (A list whose file was
missing from an export was stored as ``[]`` too, but a stored profile does not show which
files its export had, so those stay as they are until the export is uploaded again.)

The table is a copy of the parsers' declarations when this was written: a migration must
not change meaning when the code it would import changes. Reversing it changes nothing:
null is what these fields always meant.
"""
from __future__ import annotations

from typing import Any

from django.db import migrations

# (platform, source kind) -> lists its exports cannot tell.
UNTOLD: dict[tuple[str, str], tuple[str, ...]] = {
    ("facebook", "archive"): ("profile.skills",),
    ("instagram", "archive"): ("profile.education", "profile.positions", "profile.skills", "groups", "pages"),
    ("linkedin", "archive"): ("groups", "media"),
    ("twitter", "archive"): ("profile.education", "profile.positions", "profile.skills", "comments", "groups", "pages"),
    ("twitter", "api"): (
        "profile.emails", "profile.education", "profile.positions", "profile.skills", "comments", "groups", "pages", "media",
    ),
}


def forget_untold(document: Any, fields: tuple[str, ...]) -> bool:
    """Turn each empty list of ``fields`` into null; whether anything changed."""
    changed = False
    for path in fields:
        parent, _, key = path.rpartition(".")
        holder = document.get(parent) if parent and isinstance(document, dict) else document
        if isinstance(holder, dict) and holder.get(key) == []:
            holder[key] = None
            changed = True
    return changed


def forwards(apps, schema_editor) -> None:
    DataSource = apps.get_model("ingest", "DataSource")
    for (platform, kind), fields in UNTOLD.items():
        sources = DataSource.objects.filter(platform=platform, kind=kind, profile__isnull=False).only("pk", "profile")
        for source in sources.iterator(chunk_size=100):
            if forget_untold(source.profile, fields):
                DataSource.objects.filter(pk=source.pk).update(profile=source.profile)


class Migration(migrations.Migration):
    dependencies = [("ingest", "0002_datasource_weibo")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
