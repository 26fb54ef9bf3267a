"""Age may never lower a score for being older: the next version of the priority configuration.

The seed's age tent (18 / 35 / 65) fell after 35, made everyone over 65 ineligible and was a
priority-one input. This publishes a copy of the current version with age switched off and
its curve the lawful tent without an upper limit (``scoring.priority.lawful``; the minimum
age stays, at least 18). Nothing is published when the current version already complies.

Stored scores keep naming the version that made them until they are rescored: the version
is published with "0 of N rescored", and ``manage.py rescore`` (or the next upload of each
applicant) rescores them. Literal values: a migration must not follow later code.
"""
from django.db import migrations, models

ADULT_AGE = 18
PARAMS_HELP = "tent: low, peak, floor (age: no high) · saturating: cap, shape (linear|log) · reward/penalty: low, high"
NOTE = "Age switched off, with no upper age limit: age may never lower a score for being older (Regulation B)"


def shown(params: dict) -> str:
    """Parameters in the tent's own order, whatever order the database keeps JSON keys in."""
    order = ["low", "peak", "high", "floor"]
    return ", ".join(f"{key} {params[key]:g}" for key in sorted(params, key=lambda k: (order + [k]).index(k)))


def lawful_age(spec) -> tuple[str, dict]:
    """The kind and parameters of the lawful age curve closest to ``spec``."""
    if spec.kind != "tent":
        return "tent", {"low": ADULT_AGE, "peak": 35, "floor": 0.0}
    params = {key: value for key, value in spec.params.items() if key != "high"}
    params["low"] = max(ADULT_AGE, params["low"])
    return "tent", params


def publish(apps, schema_editor):
    ScoringConfig = apps.get_model("scoring", "ScoringConfig")
    FeatureSpec = apps.get_model("scoring", "FeatureSpec")
    FeatureVector = apps.get_model("scoring", "FeatureVector")
    current = ScoringConfig.objects.order_by("-version").first()
    if current is None:
        return  # a database without a configuration gets the lawful defaults when it needs one
    specs = list(FeatureSpec.objects.filter(config=current).order_by("id"))
    age = next((s for s in specs if s.name == "age"), None)
    if age is None:
        return
    kind, params = lawful_age(age)
    if not age.enabled and (kind, params) == (age.kind, age.params):
        return
    changes = ["age switched off"] if age.enabled else []
    if (kind, params) != (age.kind, age.params):
        changes.append(f"age curve {age.kind} ({shown(age.params)}) -> {kind} ({shown(params)})")
    config = ScoringConfig.objects.create(
        version=current.version + 1, weight_priority_1=current.weight_priority_1,
        weight_priority_2=current.weight_priority_2, weight_priority_3=current.weight_priority_3,
        min_features=current.min_features, note=NOTE, changes=changes,
        rescored=0, rescore_total=FeatureVector.objects.count(),
    )
    FeatureSpec.objects.bulk_create(
        FeatureSpec(config=config, name=s.name, priority=s.priority,
                    enabled=False if s is age else s.enabled,
                    kind=kind if s is age else s.kind, params=params if s is age else s.params)
        for s in specs
    )


class Migration(migrations.Migration):
    dependencies = [("scoring", "0012_bands_on_one_scale")]
    operations = [
        *(
            migrations.AlterField(
                model_name=model,
                name="params",
                field=models.JSONField(help_text=PARAMS_HELP, verbose_name="curve parameters"),
            )
            for model in ("featurespec", "historicalfeaturespec")
        ),
        migrations.RunPython(publish, migrations.RunPython.noop),
    ]
