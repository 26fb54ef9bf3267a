"""Writes and glue for express-delivery scoring: the thin layer between the database and the
pure core (``shipments``, ``regions``, ``traffic``, ``scores``)."""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from scoring import bands
from scoring.models import ScoreResult
from scoring.reasons import from_sentences
from scoring.results import save_results

from .characteristics import CharacteristicModel
from .models import ColumnMapping, ExpressModel, ExpressScore, ExpressSubject, Region, SensitiveArea, ShipmentImport
from .regions import RegionMatcher, read_region_lines, resolve_area
from .scores import iter_scores
from .shipments import CleaningReport, ShipmentFileError, read_shipments
from .traffic import Aggregator


@dataclass
class ScoredFile:
    report: CleaningReport
    results: Iterator[dict[str, Any]]  # lazily scored, one user at a time
    outside_window: int


def score_records(stream: IO[bytes], *, as_of: date, matcher: RegionMatcher, areas: Iterable[str],
                  model: CharacteristicModel, mapping: Mapping[str, str] | None = None) -> ScoredFile:
    """Read, clean, aggregate and score one shipment file in a single streaming pass.
    Raises ``ShipmentFileError`` (one line) for a file that cannot be read at all."""
    report = CleaningReport()
    aggregator = Aggregator(as_of=as_of, model=model)
    aggregator.add_all(read_shipments(stream, regions=matcher, report=report, mapping=mapping))
    results = iter_scores(aggregator.users, areas, as_of=as_of, model=model)
    return ScoredFile(report, results, aggregator.outside_window)


def region_matcher(levels: Iterable[Iterable[str]] | None = None) -> RegionMatcher:
    """A matcher over ``levels``, or over the region table when None."""
    if levels is None:
        levels = (region.levels for region in Region.objects.all())
    return RegionMatcher(levels)


def sensitive_areas_on(as_of: date, matcher: RegionMatcher) -> list[str]:
    """The sensitive-area list in force on ``as_of``, as region paths."""
    areas = SensitiveArea.objects.in_force(as_of).values_list("area", flat=True)
    return sorted({resolve_area(area, matcher) for area in areas})


@transaction.atomic
def regions_import(lines: Iterable[str]) -> tuple[int, int]:
    """Add the regions of ``lines`` to the table; returns (added, already there)."""
    added = existing = 0
    for levels in read_region_lines(lines):
        padded = list(levels) + [""] * (3 - len(levels))
        _, created = Region.objects.get_or_create(province=padded[0], city=padded[1], district=padded[2])
        added += created
        existing += not created
    return added, existing


@transaction.atomic
def sensitive_areas_import(lines: Iterable[str], *, default_from: date) -> int:
    """Add sensitive areas from CSV lines ``area[,effective_from[,effective_until[,source]]]``
    (dates YYYY-MM-DD; a header line starting with ``area`` is skipped). Returns how many."""
    count = 0
    for number, row in enumerate(csv.reader(lines), start=1):
        if not row or not row[0].strip() or row[0].strip().lstrip("\ufeff").casefold() == "area":
            continue
        cells = [cell.strip() for cell in row] + ["", "", ""]
        try:
            start = date.fromisoformat(cells[1]) if cells[1] else default_from
            end = date.fromisoformat(cells[2]) if cells[2] else None
        except ValueError:
            raise ValueError(f"line {number}: dates must be written YYYY-MM-DD") from None
        if end and end <= start:
            raise ValueError(f"line {number}: the end date must come after the start date")
        SensitiveArea.objects.create(area=cells[0].lstrip("\ufeff"), effective_from=start, effective_until=end,
                                     source=cells[3][:200])
        count += 1
    return count


def saved_mapping(user) -> dict[str, str]:
    mapping = ColumnMapping.objects.filter(owner=user).values_list("mapping", flat=True).first()
    return dict(mapping or {})


def import_create(*, uploaded_file, imported_by, organisation, as_of: date,
                  mapping: Mapping[str, str] | None = None) -> ShipmentImport:
    """Store an uploaded shipment file (streamed to disk by Django's storage) and queue its
    processing for ``organisation``, which its subjects and scores will belong to; the
    lender's mapping is remembered for their next import."""
    mapping = {name: column for name, column in (mapping or {}).items() if column}
    if imported_by is not None:
        ColumnMapping.objects.update_or_create(owner=imported_by, defaults={"mapping": mapping})
    with transaction.atomic():
        shipment_import = ShipmentImport.objects.create(imported_by=imported_by, organisation=organisation,
                                                        file_name=uploaded_file.name[:255], as_of=as_of, mapping=mapping)
        shipment_import.upload.save(f"{shipment_import.pk}.csv", uploaded_file, save=True)
        from .tasks import process_import  # the task module imports this one

        transaction.on_commit(lambda: process_import.delay(shipment_import.pk))
    return shipment_import


def import_process(shipment_import: ShipmentImport) -> ShipmentImport:
    """Clean and score a stored import with the current model and the sensitive areas in force
    on its date, store subjects and scores, keep the report, and delete the uploaded file
    (the records themselves are not kept). A file that cannot be read ends ``refused`` with its
    one-line reason."""
    ShipmentImport.objects.filter(pk=shipment_import.pk).update(status=ShipmentImport.Status.RUNNING)
    model_row = ExpressModel.current()
    matcher = region_matcher()
    try:
        with shipment_import.upload.open("rb") as stream:
            scored = score_records(stream, as_of=shipment_import.as_of, matcher=matcher,
                                   areas=sensitive_areas_on(shipment_import.as_of, matcher),
                                   model=model_row.as_model(), mapping=shipment_import.mapping)
            with transaction.atomic():
                shipment_import.subjects_scored = store_scores(
                    scored.results, as_of=shipment_import.as_of, model_version=model_row.version,
                    source_import=shipment_import)
                shipment_import.report = {**scored.report.as_dict(), "outside_window": scored.outside_window}
                shipment_import.model_version = model_row.version
                shipment_import.status = ShipmentImport.Status.DONE
    except ShipmentFileError as error:
        shipment_import.status, shipment_import.error = ShipmentImport.Status.REFUSED, str(error)[:300]
    except Exception as error:
        shipment_import.status = ShipmentImport.Status.FAILED
        shipment_import.error = f"the import failed: {type(error).__name__}: {error}"[:300]
        raise
    finally:
        shipment_import.upload.delete(save=False)
        shipment_import.finished_at = timezone.now()
        shipment_import.save()
    return shipment_import


def store_scores(results: Iterable[dict[str, Any]], *, as_of: date, model_version: int,
                 source_import: ShipmentImport | None = None, batch_size: int = 1000) -> int:
    """Create or update the subjects of ``results`` and add one score each, a batch at a time;
    returns how many got a score (not None). Subjects linked to an account also get a
    ``ScoreResult(method="express")`` so the dashboards can show it beside the social scores.
    Subjects are those of the import's organisation: another organisation's are never touched."""
    scored = 0
    organisation = source_import.organisation if source_import else None
    for batch in _batches(results, batch_size):
        scored += sum(r["score"] is not None for r in batch)
        ExpressSubject.objects.bulk_create(
            [
                ExpressSubject(organisation=organisation, key=r["user"], name=r["features"]["name"][:200],
                               identity=r["features"]["user"] if not r["user"].startswith("name:") else "",
                               user_type=r["user_type"], type_reason=r["features"]["type_reason"][:300])
                for r in batch
            ],
            update_conflicts=True, unique_fields=["organisation", "key"],
            update_fields=["name", "user_type", "type_reason", "updated_at"],
        )
        own = ExpressSubject.objects.filter(organisation=organisation, key__in=[r["user"] for r in batch])
        subjects = {s.key: s for s in own}
        ExpressScore.objects.bulk_create(
            [
                ExpressScore(subject=subjects[r["user"]], source_import=source_import, model_version=model_version,
                             as_of=as_of, score=r["score"], band=r["band"][:32], trend=r["trend"] or "",
                             values=r["values"], regions=r["regions"], sensitive_hits=r["sensitive_hits"],
                             reasons=r["reasons"], features=r["features"])
                for r in batch
            ]
        )
        save_results(
            method=ScoreResult.Method.EXPRESS,
            results={subjects[r["user"]].user_id: _score_result(subjects[r["user"]].pk, r)
                     for r in batch if subjects[r["user"]].user_id},
            as_of=as_of, config_version=model_version,
        )
    return scored


def _score_result(subject_id: int, result: Mapping[str, Any]) -> dict[str, Any]:
    """An express result as the ``ScoreResult`` of a linked account: on the 0-100 scale of
    every method, with the subject it came from. Its band is the score's band on the one
    scale (``scoring.bands``), not the model's own score intervals, which stay on
    ``ExpressScore``: with the default intervals excellent (80-100) is very good, good
    (60-80) good, watch (40-60) general, and high risk (0-40) poor above 20 and very poor
    up to it."""
    value = result["score"]
    return {
        "score": value, "max_score": 100.0, "normalized": value, "band": bands.band_of(value),
        "unscorable": value is None, "reasons": from_sentences(ScoreResult.Method.EXPRESS.value, result["reasons"]),
        "detail": {"subject": subject_id, "values": result["values"], "trend": result["trend"],
                   "sensitive_hits": result["sensitive_hits"]},
    }


@transaction.atomic
def subject_link(subject: ExpressSubject, user) -> None:
    """Link a subject to a CredSly account (or unlink with None); a newly linked account gets
    the subject's latest express score as its ``ScoreResult`` at once, not at the next import."""
    subject.user = user
    subject.save(update_fields=["user", "updated_at"])
    latest = subject.scores.first()
    if user is not None and latest is not None:
        result = {"score": latest.score, "band": latest.band, "reasons": latest.reasons, "values": latest.values,
                  "trend": latest.trend or None, "sensitive_hits": latest.sensitive_hits}
        save_results(method=ScoreResult.Method.EXPRESS, results={user.pk: _score_result(subject.pk, result)},
                     as_of=latest.as_of, config_version=latest.model_version)


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
