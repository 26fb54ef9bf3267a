"""Every stored band on the one scale of ``scoring.bands``, spelt one way.

Three vocabularies were stored: the priority engine's keys (``very_good``), the fuzzy
method's grade names (``very good``, and the grade of largest membership rather than the
band of its score) and express's own four bands (``high risk``, ``watch``, ``good``,
``excellent``). Every method now writes the band of its 0-100 score; so is every stored
row rewritten here, from its own score. Literal bounds: a migration must not follow later
edits of ``scoring/bands.py``. The old spellings cannot be restored (and nothing needs them),
so going back leaves the rows as they are.
"""
from django.db import migrations

# (key, floor): a score above the floor earns the band; the last band takes the rest.
BANDS = (("very_good", 80.0), ("good", 60.0), ("general", 40.0), ("poor", 20.0))
LOWEST = "very_poor"


def rewrite(apps, schema_editor):
    ScoreResult = apps.get_model("scoring", "ScoreResult")
    ScoreResult.objects.filter(normalized__isnull=True).exclude(band="").update(band="")
    ceiling = None
    for key, floor in BANDS:
        rows = ScoreResult.objects.filter(normalized__gt=floor)
        if ceiling is not None:
            rows = rows.filter(normalized__lte=ceiling)
        rows.exclude(band=key).update(band=key)
        ceiling = floor
    ScoreResult.objects.filter(normalized__lte=ceiling).exclude(band=LOWEST).update(band=LOWEST)


class Migration(migrations.Migration):
    dependencies = [("scoring", "0011_one_reason_shape")]
    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
