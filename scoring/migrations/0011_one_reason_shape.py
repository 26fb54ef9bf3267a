"""Stored reasons take the one shape of ``scoring.reasons``, so readers know only that shape.

Before: priority reasons were ``{"code", "feature", "text", "points_lost"}``; fuzzy and express
reasons were plain sentences. After: every reason is ``{"method", "feature", "code", "text",
"points_lost"}``. A fuzzy sentence starts with its index's name, which the row's
contributions map back to the index code. The shape is written out here rather than imported
so this migration never changes after the fact.
"""
from django.db import migrations

BATCH = 1000


def _index_codes(contributions) -> dict:
    if not isinstance(contributions, dict):
        return {}
    return {entry["name"]: code for code, entry in contributions.items() if isinstance(entry, dict) and entry.get("name")}


def _one_shape(reason, method: str, index_codes: dict) -> dict:
    if isinstance(reason, dict):
        return {"method": method, "feature": reason.get("feature"), "code": reason.get("code") or "",
                "text": str(reason.get("text") or ""), "points_lost": reason.get("points_lost")}
    text = str(reason)
    return {"method": method, "feature": index_codes.get(text.split(":", 1)[0]), "code": "", "text": text,
            "points_lost": None}


def _old_shape(reason: dict, method: str):
    if method == "priority":
        return {key: reason[key] for key in ("code", "feature", "text", "points_lost")}
    return reason["text"]


def _rewrite(apps, convert) -> None:
    ScoreResult = apps.get_model("scoring", "ScoreResult")
    rows = ScoreResult.objects.exclude(reasons=[]).only("id", "method", "reasons", "contributions").order_by("id")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.reasons = convert(row)
        batch.append(row)
        if len(batch) == BATCH:
            ScoreResult.objects.bulk_update(batch, ["reasons"])
            batch = []
    ScoreResult.objects.bulk_update(batch, ["reasons"])


def forwards(apps, schema_editor) -> None:
    _rewrite(apps, lambda row: [_one_shape(r, row.method, _index_codes(row.contributions)) for r in row.reasons or []])


def backwards(apps, schema_editor) -> None:
    _rewrite(apps, lambda row: [_old_shape(r, row.method) for r in row.reasons or []])


class Migration(migrations.Migration):

    dependencies = [
        ("scoring", "0010_move_jobs_to_pipeline"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
