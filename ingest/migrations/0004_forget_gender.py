"""Profiles stored before the parsers stopped reading gender lose it: gender is never stored.

The key stays, as ``null`` (profile-schema.md: "this export does not tell us"). Rows are read
and written a batch at a time, so a large table is not held in memory at once.
"""
from django.db import migrations

BATCH = 500


def forget_gender(apps, schema_editor):
    DataSource = apps.get_model("ingest", "DataSource")
    rows = DataSource.objects.filter(profile__isnull=False).only("pk", "profile").order_by("pk")
    for source in rows.iterator(chunk_size=BATCH):
        person = source.profile.get("profile") if isinstance(source.profile, dict) else None
        if isinstance(person, dict) and person.get("gender") is not None:
            person["gender"] = None
            source.save(update_fields=["profile"])


class Migration(migrations.Migration):
    dependencies = [("ingest", "0003_untold_lists_are_null")]
    operations = [migrations.RunPython(forget_gender, migrations.RunPython.noop)]
