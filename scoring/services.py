"""Writes and reads of the priority scorer: scoring one applicant, publishing a configuration
version, previewing a change, rescoring everyone; and publishing an AHP version, which
rescores everyone the same way. The arithmetic lives in the pure modules (``features``,
``curves``, ``engine``, ``rescore``); this is where it meets the database."""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .improvements import Improvement
from .models import AhpConfig, FeatureVector, ScoreResult, ScoringConfig
from .priority import engine, improvements, rescore
from .priority.features import FEATURE_NAMES, extract_features
from .versioning import publish_version

RESCORE_BATCH = 10_000


def config_get(version: int | None = None) -> ScoringConfig:
    """A given version (``ScoringConfig.DoesNotExist`` if there is none), or the current one."""
    return ScoringConfig.objects.current() if version is None else ScoringConfig.objects.get(version=version)


@transaction.atomic
def config_publish(*, base: ScoringConfig, candidate: engine.Config, note: str = "", user=None) -> ScoringConfig | None:
    """Make ``candidate`` the next version and rescore everyone once the transaction commits.

    Returns ``None`` (and publishes nothing) when ``candidate`` does not differ from ``base``.
    """
    changes = engine.describe_changes(base.to_engine(), candidate)
    if not changes:
        return None
    config = publish_version(
        ScoringConfig,
        lambda version: ScoringConfig.create_version(version, candidate, note=note, user=user, changes=changes),
    )
    from .tasks import rescore_all  # tasks import this module

    transaction.on_commit(lambda: rescore_all.delay(config.version))
    return config


@transaction.atomic
def ahp_publish(*, config: AhpConfig, user=None) -> AhpConfig:
    """Validate and store ``config`` (unsaved: hierarchy, matrices, note) as the next AHP
    version, then rescore everyone's fuzzy score with it once the transaction commits
    (``tasks.rescore_fuzzy``), as ``config_publish`` does for a priority version."""
    tree, config.matrices = AhpConfig.validate(config.hierarchy, config.matrices)
    config.hierarchy, config.created_by = tree.to_json(), user
    published = publish_version(AhpConfig, config.save_as)
    from .tasks import rescore_fuzzy  # tasks import this module

    transaction.on_commit(lambda: rescore_fuzzy.delay(published.version))
    return published


def config_preview(*, current: engine.Config, candidate: engine.Config) -> dict:
    """How ``candidate`` would move the stored applicants' scores compared with ``current``."""
    _, _, matrix = vectors_load()
    rescorer = rescore.Rescorer(matrix)
    return rescore.compare(rescorer.score(current), rescorer.score(candidate))


def score_documents(profiles: list[dict], analysis: Mapping, *, config: engine.Config, as_of: date) -> tuple[dict, dict]:
    """``(feature vector, result)`` for one applicant's documents, writing nothing."""
    features = extract_features(profiles, analysis, as_of=as_of, connections=settings.SCORING_CONNECTIONS_COMBINE)
    return features, engine.score(features, config)


@transaction.atomic
def score_applicant(*, owner, profiles: list[dict], analysis: Mapping, as_of: date | None = None) -> ScoreResult:
    """Score ``owner`` with the current configuration; keep the feature vector for rescoring."""
    as_of = as_of or timezone.localdate()
    features, result = score_documents(profiles, analysis, config=ScoringConfig.objects.current().to_engine(), as_of=as_of)
    FeatureVector.objects.update_or_create(owner=owner, defaults={"features": features, "as_of": as_of})
    result_row = _result_row(owner.pk, result, as_of=as_of)
    result_row.save()
    return result_row


def improvements_for(result: ScoreResult) -> list[Improvement]:
    """What would raise a stored priority score most, rescored with the version that made it."""
    config = ScoringConfig.objects.filter(version=result.config_version).first()
    if config is None or result.normalized is None:
        return []
    vector = improvements.vector_of({"contributions": result.contributions, "missing": result.missing})
    return improvements.improvements(vector, config.to_engine())


def vectors_load(after_owner_id: int = 0, limit: int | None = None) -> tuple[list[int], list[dict], np.ndarray]:
    """``(owner ids, feature vectors, feature matrix)`` of stored vectors in owner order, after ``after_owner_id``."""
    rows = FeatureVector.objects.filter(owner_id__gt=after_owner_id).order_by("owner_id").values_list("owner_id", "features")
    if limit is not None:
        rows = rows[:limit]
    owners = [owner_id for owner_id, _ in rows]
    vectors = [features for _, features in rows]
    return owners, vectors, rescore.to_matrix(vectors)


def rescore_all(*, version: int | None = None, progress: Callable[[int, int], None] | None = None,
                batch_size: int = RESCORE_BATCH) -> int:
    """Store a new ``ScoreResult`` for every applicant with a feature vector, from that vector.

    No model runs: curve outputs are computed a batch at a time with numpy and each result's
    explanation is assembled column by column (``rescore.explain_rows``, identical to
    ``engine.explain``). Stops early (returning the count so far) when a newer version has
    been published meanwhile, whose own rescore supersedes this one.
    """
    config = config_get(version)
    cfg = config.to_engine()
    total = FeatureVector.objects.count()
    done, last_owner = 0, 0
    _rescore_progress(config, 0, total)
    while True:
        if version is not None and ScoringConfig.objects.current().version != version:
            break
        owners, values, provenance = vectors_read(last_owner, batch_size)
        if not owners:
            break
        results_write(owners, rescore.explain_rows(values, provenance, cfg), cfg.version)
        done += len(owners)
        last_owner = owners[-1]
        _rescore_progress(config, done, total)
        if progress:
            progress(done, total)
    return done


def _rescore_progress(config: ScoringConfig, done: int, total: int) -> None:
    """Shown in the admin's version list: how far rescoring with this version has got."""
    ScoringConfig.objects.filter(pk=config.pk).update(rescored=done, rescore_total=total)


def vectors_read(after_owner_id: int, limit: int) -> tuple[list[int], np.ndarray, list[list[str]]]:
    """``(owner ids, feature matrix, provenance)`` of up to ``limit`` stored vectors after
    ``after_owner_id``, in owner order; ``provenance[i][j]`` is ``rescore.provenance_text``
    of row i's ``FEATURE_NAMES[j]``.

    On PostgreSQL the server takes the numbers, counts and source lists out of the JSON, so
    no vector is decoded whole in Python; elsewhere the vectors are read whole.
    """
    if connection.vendor != "postgresql":
        owners, vectors, matrix = vectors_load(after_owner_id, limit)
        return owners, matrix, [[rescore.provenance_text(v.get(name)) for name in FEATURE_NAMES] for v in vectors]
    picks = ", ".join("(features->%s->>'value')::float8, (features->%s->'of')::text, (features->%s->'sources')::text"
                      for _ in FEATURE_NAMES)
    params = [name for name in FEATURE_NAMES for _ in range(3)]
    table = connection.ops.quote_name(FeatureVector._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT owner_id, {picks} FROM {table} WHERE owner_id > %s ORDER BY owner_id LIMIT %s",
                       [*params, after_owner_id, limit])
        rows = cursor.fetchall()
    # Most applicants share their source lists and many their counts: each distinct pair is decoded once.
    texts: dict[tuple, str] = {}
    provenance = []
    for row in rows:
        cells = list(zip(row[2::3], row[3::3]))
        for cell in cells:
            if cell not in texts:
                texts[cell] = rescore.provenance_text(_provenance(*cell))
        provenance.append([texts[cell] for cell in cells])
    values = np.array([row[1::3] for row in rows], dtype=np.float64).reshape(len(rows), len(FEATURE_NAMES))
    return [row[0] for row in rows], values, provenance


def _provenance(of_text: str | None, sources_text: str | None) -> dict:
    entry = {"sources": json.loads(sources_text) if sources_text is not None else []}
    if of_text is not None:
        entry["of"] = json.loads(of_text)
    return entry


def results_write(owners: list[int], rows: list[tuple], config_version: int | None) -> None:
    """Insert one priority ``ScoreResult`` per owner from ``rescore.explain_rows`` rows.

    On PostgreSQL by COPY, the JSON columns sent as the text they already are (Django's
    ``bulk_create`` would escape them character by character into array literals); elsewhere
    by ``executemany``. Either way no model instance is built: for 100,000 rows that alone
    took seconds.
    """
    postgresql = connection.vendor == "postgresql"
    now = timezone.now() if postgresql else connection.ops.adapt_datetimefield_value(timezone.now())
    fixed = {"method": ScoreResult.Method.PRIORITY, "config_version": config_version, "detail": "{}", "created_at": now}
    fields = [f for f in ScoreResult._meta.concrete_fields if not f.primary_key]
    positions = {name: k for k, name in enumerate(rescore.EXPLAINED_COLUMNS)}
    table = connection.ops.quote_name(ScoreResult._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)

    def cell(owner_id: int, row: tuple, field) -> object:
        if field.attname == "owner_id":
            return owner_id
        return row[positions[field.attname]] if field.attname in positions else fixed[field.attname]

    records = ([cell(owner_id, row, f) for f in fields] for owner_id, row in zip(owners, rows))
    with transaction.atomic(), connection.cursor() as cursor:
        if not postgresql:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", records)
            return
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for record in records:
                copy.write_row(record)


def results_insert(rows: list[ScoreResult]) -> None:
    """Insert unsaved results: COPY on PostgreSQL, ``bulk_create`` elsewhere.

    On PostgreSQL, Django 5.2's ``bulk_create`` sends each column as one array literal, and
    psycopg escapes the JSON columns' quotes character by character while building it; for
    results of a few kilobytes of JSON each that is most of the write time. COPY sends rows
    as they are.
    """
    if connection.vendor != "postgresql":
        with transaction.atomic():
            ScoreResult.objects.bulk_create(rows, batch_size=2000)
        return
    now = timezone.now()
    fields = [f for f in ScoreResult._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {ScoreResult._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                row.created_at = now
                copy.write_row([f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields])


def _result_row(owner_id: int, result: dict, *, as_of: date | None = None) -> ScoreResult:
    return ScoreResult(
        owner_id=owner_id, method=ScoreResult.Method.PRIORITY, config_version=result["config_version"],
        score=result["score"], max_score=result["max_score"], normalized=result["normalized"], band=result["band"],
        eligible=result["eligible"], unscorable=result["unscorable"], flags=result["flags"],
        contributions=result["contributions"], missing=result["missing"], reasons=result["reasons"],
        detail={"as_of": as_of.isoformat()} if as_of else {},
    )
