"""The scoring pipeline: the one module that chains parse -> analysis chunks -> score.

A job moves through its state machine (``ScoringJob``) in Celery tasks that stay thin
(``pipeline.tasks``, ``models_ml.tasks``); this module decides what runs next::

    start_job(owner)                       creates the job, enqueues parse_sources on commit
    parse_sources  -> chord(group(ingest.tasks.parse_source per unread source),
                            plan_analysis)
    plan_analysis  -> chord(group(chain(models_ml.tasks.analyse_chunk,
                                        scoring.tasks.record_chunk) per chunk),
                            finish_job)
    finish_job     -> merge the stored chunk results, score (priority and fuzzy), done

Why chords, and why the chunk results go to the database rather than through the chord:
a chord callback fires when the result backend has counted every header task, but a chunk
that is redelivered after its worker died between storing its result and acknowledging its
message is counted twice, and the callback may fire with one chunk missing. So each chunk's
result is stored as a ``JobChunk`` row, unique per (job, chunk id); progress moves once per row
inserted, and ``finish_job`` gathers the rows and waits (retrying) until all are there. The chord
is the trigger; the rows are the truth.

Every task takes ids, every transition is conditional (a late or duplicate task finds the
job already moved on and stops), and every failure ends in ``ScoringJob.fail`` with one
line a person can read.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from billiard.exceptions import TimeLimitExceeded
from celery import chain, chord, current_app, group
from celery.canvas import Signature
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from ingest.models import DataSource
from ingest.services import fingerprinted, source_analysed
from models_ml.analysis import NAME_KINDS, TEXT_KINDS, empty_document, merge
from scoring.methods import score_profiles

from .models import ProfanityAllowPhrase, RetentionSetting, ScoringJob

logger = logging.getLogger(__name__)

IMAGE_KIND = "images"


class PoisonInput(ValueError):
    """A profile the analysis cannot take; its message is the job's one-line reason."""


class ChunksMissing(Exception):
    """The analysis chord fired before every chunk row was stored: retry, do not fail."""


class SourcesBusy(Exception):
    """Another job is still parsing one of the applicant's sources: retry, do not fail."""


# ---------------------------------------------------------------------------------------
# Pure core: what to analyse, in which chunks. Plain data in, plain data out.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """One unit of analysis work: a slice of one kind of item, named so it can be counted once."""

    id: str
    kind: str
    items: list[str]


def collect_items(profiles: list[dict]) -> dict[str, list[str]]:
    """The texts and names of every profile, by kind (tweets and LinkedIn shares are posts).

    Raises ``PoisonInput`` for an item that is not text: a profile that breaks the schema
    contract would make every retry of its chunk fail the same way, so it fails the job here.
    """
    items: dict[str, list[str]] = {kind: [] for kind in (*TEXT_KINDS, *NAME_KINDS)}
    for profile in profiles:
        if not isinstance(profile, dict):
            raise PoisonInput("a stored profile is not a JSON object; upload the export again")
        platform = profile.get("platform") or "unknown"
        for kind in TEXT_KINDS:
            for number, entry in enumerate(profile.get(kind) or [], start=1):
                text = entry.get("text") if isinstance(entry, dict) else None
                if text is None:
                    text = ""
                if not isinstance(text, str):
                    raise PoisonInput(f"{platform} {kind[:-1]} {number} has a text that is not a string")
                items[kind].append(text)
        for kind in NAME_KINDS:
            for number, name in enumerate(profile.get(kind) or [], start=1):
                if not isinstance(name, str):
                    raise PoisonInput(f"{platform} {kind[:-1]} name {number} is not a string")
                items[kind].append(name)
    return items


def _slices(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), max(1, size))]


def plan_chunks(
    items: dict[str, list[str]],
    image_paths: list[str],
    *,
    text_size: int,
    name_size: int,
    image_size: int,
) -> list[Chunk]:
    """Cut the work into chunks; ids are stable for the same input, so a chunk has one row.

    Images go first: they are the slowest chunks, and starting them early keeps both worker
    processes busy to the end instead of leaving one image chunk running alone.
    """
    sizes = {**{k: text_size for k in TEXT_KINDS}, **{k: name_size for k in NAME_KINDS}}
    chunks = [Chunk(f"images-{n:04d}", IMAGE_KIND, part) for n, part in enumerate(_slices(image_paths, image_size))]
    for kind in (*TEXT_KINDS, *NAME_KINDS):
        chunks += [Chunk(f"{kind}-{n:04d}", kind, part) for n, part in enumerate(_slices(items[kind], sizes[kind]))]
    return chunks


SOURCE_SEPARATOR = ":"


def chunks_of_source(source_id: int, chunks: list[Chunk]) -> list[Chunk]:
    """``chunks`` of one source, named after it, so each source's analysis can be kept apart."""
    return [Chunk(f"{source_id}{SOURCE_SEPARATOR}{c.id}", c.kind, c.items) for c in chunks]


def images_first(chunks: list[Chunk]) -> list[Chunk]:
    """Image chunks first, whatever source they come from (see ``plan_chunks``)."""
    return sorted(chunks, key=lambda c: c.kind != IMAGE_KIND)


def source_of_chunk(chunk_id: str) -> int | None:
    """The source a chunk id names; None for an id from before chunks were named so."""
    head, separator, _ = chunk_id.partition(SOURCE_SEPARATOR)
    return int(head) if separator and head.isdigit() else None


def analyses_by_source(rows: list[tuple[str, dict]], source_ids: list[int]) -> dict[int | None, dict]:
    """Merge stored chunk results ``(chunk id, result)`` into one analysis per source (an empty
    one for a source with nothing to analyse); results of unnamed chunks go under None."""
    parts: dict[int | None, list[dict]] = {pk: [] for pk in source_ids}
    for chunk_id, result in sorted(rows):
        parts.setdefault(source_of_chunk(chunk_id), []).append(result)
    return {pk: merge(results) for pk, results in parts.items()}


# ---------------------------------------------------------------------------------------
# The Django shell: jobs, sources and Celery canvases.
# ---------------------------------------------------------------------------------------


def _task(name: str, *args: Any, immutable: bool = True) -> Signature:
    """A task by name, so this module needs no import of the task modules (no cycles)."""
    return current_app.signature(name, args=args, immutable=immutable)


def _parse_task(source_id: int) -> Signature:
    # parse_source ignores its result; in a chord header it must store one, or the
    # chord_unlock of result backends without native chords would wait for ever.
    return _task("ingest.tasks.parse_source", source_id).set(ignore_result=False)


def _errback(job: ScoringJob, doing: str) -> Signature:
    # Called the old way, as fail_job(failed_task_id, job_id, doing), so it can read the error.
    return _task("scoring.tasks.fail_job", job.pk, doing, immutable=False)


def _job(job_id: int) -> ScoringJob | None:
    # None when the job is gone (its applicant deleted their account meanwhile): nothing to do.
    return ScoringJob.objects.filter(pk=job_id).first()


NO_DATA = "there is no data to analyse: upload an export or give a Twitter handle first"


def start_job(owner) -> ScoringJob:
    """Score ``owner`` again from every source they have; returns the new queued job.

    A job still running for the same applicant is superseded: its late tasks find it failed
    and stop, and the new job reads the newest data.
    """
    for old in ScoringJob.objects.filter(owner=owner, state__in=ScoringJob.ACTIVE_STATES):
        old.fail("replaced by a newer job after new data arrived")
    job = ScoringJob.objects.create(owner=owner)
    transaction.on_commit(lambda: _task("scoring.tasks.parse_sources", job.pk).apply_async())
    return job


def on_source_stored(sender: Any, source: DataSource, **kwargs: Any) -> None:
    """Receiver of ``ingest.signals.source_stored``: new data means a new score."""
    start_job(source.owner)


def _parse_abandoned_before() -> datetime:
    # No parse runs longer than a task may: one still "parsing" after that lost its worker.
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def _being_parsed(source: DataSource) -> bool:
    return source.status == DataSource.Status.PARSING and source.updated_at >= _parse_abandoned_before()


def parse_sources(job_id: int) -> None:
    """Parse every source not read yet, in parallel, then plan the analysis.

    A source another job is parsing right now (two uploads in quick succession) is left to
    it: parsing it twice at once would race on its media folder. ``plan_analysis`` waits.
    """
    job = _job(job_id)
    if job is None or not job.start_parsing():
        return
    sources = list(DataSource.objects.filter(owner=job.owner))
    if not sources:
        job.fail(NO_DATA)
        return
    unread = [
        s.pk for s in sources
        if s.status == DataSource.Status.RECEIVED or (s.status == DataSource.Status.PARSING and not _being_parsed(s))
    ]
    then = _task("scoring.tasks.plan_analysis", job.pk).on_error(_errback(job, "reading your exports"))
    if unread:
        chord(group(_parse_task(pk) for pk in unread), then).apply_async()
    else:
        then.apply_async()


def _image_paths(sources: list[DataSource]) -> list[str]:
    paths = []
    for source in sources:
        for entry in source.profile.get("media") or []:
            if isinstance(entry, dict) and entry.get("kind") == "image" and entry.get("stored"):
                # The stored name is ours (ingest wrote it), but never let it leave the folder.
                paths.append(str(source.files_dir / "media" / Path(str(entry["stored"])).name))
    return paths


def _parsed_sources(job: ScoringJob) -> list[DataSource]:
    return [
        s for s in DataSource.objects.filter(owner=job.owner)
        if s.status == DataSource.Status.PARSED and s.profile is not None
    ]


def allow_phrases() -> list[str]:
    """The admin-reviewed allow-list, removed from texts and names before profanity matching."""
    return ProfanityAllowPhrase.phrases()


def _plan(sources: list[DataSource]) -> list[Chunk]:
    """The chunks of every source whose texts are still there; a source whose texts were
    dropped (ingest.retention) is not analysed again: its stored analysis is used."""
    chunks: list[Chunk] = []
    for source in sources:
        if source.texts_dropped_at is not None:
            continue
        planned = plan_chunks(
            collect_items([source.profile]),
            _image_paths([source]),
            text_size=settings.PIPELINE_TEXT_CHUNK,
            name_size=settings.PIPELINE_NAME_CHUNK,
            image_size=settings.PIPELINE_IMAGE_CHUNK,
        )
        chunks += chunks_of_source(source.pk, planned)
    return images_first(chunks)


def plan_analysis(job_id: int) -> None:
    """Chord callback of parsing: cut the profiles into chunks and fan them out.

    Raises ``SourcesBusy`` (the task retries) while another job still parses a source.
    """
    job = _job(job_id)
    if job is None or job.state != ScoringJob.State.PARSING:
        return
    busy = [s for s in DataSource.objects.filter(owner=job.owner) if _being_parsed(s)]
    if busy:
        raise SourcesBusy(", ".join(s.get_platform_display() for s in busy) + " still being read")
    sources = _parsed_sources(job)
    if not sources:
        unread = DataSource.objects.filter(owner=job.owner)
        refused = "; ".join(f"{s.get_platform_display()}: {s.error or s.get_status_display().lower()}" for s in unread)
        job.fail(f"none of your exports could be read ({refused})" if refused else NO_DATA)
        return
    try:
        chunks = _plan(sources)
    except PoisonInput as exc:
        job.fail(str(exc))
        return
    if not job.start_analysing(len(chunks)):
        return
    finish = _task("scoring.tasks.finish_job", job.pk).on_error(_errback(job, "combining the analyses"))
    if not chunks:
        finish.apply_async()
        return
    phrases = allow_phrases()
    header = [
        chain(
            _task("models_ml.tasks.analyse_chunk", c.kind, c.items, phrases).on_error(
                _errback(job, f"analysing your {c.kind} ({c.id})")
            ),
            _task("scoring.tasks.record_chunk", job.pk, c.id, c.kind, immutable=False),
        )
        for c in chunks
    ]
    chord(header, finish).apply_async()


def record_chunk(output: dict, job_id: int, chunk_id: str, kind: str) -> bool:
    """Store one chunk's analysis; a redelivered chunk finds its row and counts nothing."""
    job = _job(job_id)
    if job is None or job.state != ScoringJob.State.ANALYSING:
        return False
    return job.record_chunk(
        chunk_id, kind, output["result"], items=output.get("items", 0), seconds=output.get("seconds", 0.0)
    )


def finish_job(job_id: int) -> None:
    """Chord callback of analysis: gather the chunk rows, merge, score by every method, done.

    Raises ``ChunksMissing`` (the task retries) when the chord fired before every row was
    stored. Scoring and the move to done are one transaction, so a retry after a database
    error scores once.
    """
    job = _job(job_id)
    if job is None:
        return
    if job.state == ScoringJob.State.ANALYSING:
        stored = job.chunks.count()
        if stored < job.chunks_total:
            raise ChunksMissing(f"{stored} of {job.chunks_total} chunks stored")
        if not job.start_scoring():
            return
    if job.state != ScoringJob.State.SCORING:
        return
    sources = _parsed_sources(job)
    analysed = [s.pk for s in sources if s.texts_dropped_at is None]
    found = analyses_by_source(list(job.chunks.values_list("chunk_id", "result")), analysed)
    kept = [s.analysis or empty_document() for s in sources if s.texts_dropped_at is not None]
    analysis = merge([*found.values(), *kept])
    with transaction.atomic():
        job = ScoringJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != ScoringJob.State.SCORING:
            return
        try:
            with transaction.atomic():
                # Every method that scores profiles scores every applicant; the site's setting
                # picks the one shown first. Texts are scored as fingerprints, as they are kept
                # once analysed, so a source kept whole and one whose texts were dropped compare
                # alike (a post repeated across them is still a repeat).
                profiles = [fingerprinted(s.profile) for s in sources]
                score_profiles(owner=job.owner, profiles=profiles, analysis=analysis)
        except (OperationalError, InterfaceError):
            raise  # transient: the task retries from the scoring state
        except Exception as exc:  # noqa: BLE001 - any scoring bug ends the job with its reason
            logger.exception("scoring job %s failed", job_id)
            job.fail(f"could not compute the score: {describe_error(exc)}")
            return
        if not job.finish(analysis):
            return
    _retain(found)


def _retain(found: dict[int | None, dict]) -> None:
    """Keep each analysed source's analysis and, unless an admin keeps them, drop its texts
    and photos. Not when the job's chunks were named before sources had their own: those
    results cannot be told apart, and the next job analyses the texts again."""
    if None in found:
        return
    drop = not RetentionSetting.keeps_texts()
    for source_id, source_analysis in found.items():
        source_analysed(source_id=source_id, analysis=source_analysis, drop_texts=drop)


def describe_error(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    if isinstance(exc, (SoftTimeLimitExceeded, TimeLimitExceeded)):
        return "it took too long and was stopped"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def fail_job(failed_task_id: str, job_id: int, doing: str) -> bool:
    """Errback of every stage: fail the job with what went wrong, in one line."""
    job = _job(job_id)
    if job is None:
        return False
    error = current_app.AsyncResult(failed_task_id).result
    reason = describe_error(error if isinstance(error, BaseException) else None)
    return job.fail(f"{doing} failed: {reason}")
