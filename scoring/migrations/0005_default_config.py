"""Version 1 of the scoring configuration: the seed's defaults (see scoring/defaults.py, which
these literal values must equal; a test checks it)."""
from django.db import migrations

WEIGHTS = {"weight_priority_1": 100.0, "weight_priority_2": 80.0, "weight_priority_3": 50.0}
SPECS = [
    ("age", 1, "tent", {"low": 18, "peak": 35, "high": 65, "floor": 0.0}),
    ("connections", 1, "saturating", {"cap": 80000, "shape": "log"}),
    ("positive_posts", 1, "reward", {"low": 0.0, "high": 0.8}),
    ("negative_posts", 1, "penalty", {"low": 0.0, "high": 0.5}),
    ("negative_images", 1, "penalty", {"low": 0.0, "high": 0.2}),
    ("negative_pages", 2, "penalty", {"low": 0.0, "high": 0.2}),
    ("positive_comments", 2, "reward", {"low": 0.0, "high": 0.8}),
    ("negative_comments", 2, "penalty", {"low": 0.0, "high": 0.5}),
    ("negative_groups", 2, "penalty", {"low": 0.0, "high": 0.2}),
    ("skills", 3, "saturating", {"cap": 25, "shape": "linear"}),
    ("invitations", 3, "reward", {"low": 0.0, "high": 0.5}),
    ("likes_per_post", 3, "reward", {"low": 0.0, "high": 50.0}),
    ("education", 3, "saturating", {"cap": 3, "shape": "linear"}),
    ("interaction_frequency", 3, "saturating", {"cap": 5, "shape": "linear"}),
]


def create_default(apps, schema_editor):
    ScoringConfig = apps.get_model("scoring", "ScoringConfig")
    FeatureSpec = apps.get_model("scoring", "FeatureSpec")
    if ScoringConfig.objects.exists():
        return
    config = ScoringConfig.objects.create(version=1, min_features=4, note="Defaults from the seed", **WEIGHTS)
    FeatureSpec.objects.bulk_create(
        FeatureSpec(config=config, name=name, priority=priority, kind=kind, params=params)
        for name, priority, kind, params in SPECS
    )


def remove_default(apps, schema_editor):
    apps.get_model("scoring", "ScoringConfig").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("scoring", "0004_scoring_config_and_feature_vectors")]
    operations = [migrations.RunPython(create_default, remove_default)]
