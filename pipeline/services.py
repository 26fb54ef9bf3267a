"""The scoring pipeline: the one module that chains parse -> analysis chunks -> score.

A job moves through its state machine (``ScoringJob``) in Celery tasks that stay thin
(``pipeline.tasks``); this module decides what runs next::

    start_job(owner)   creates the job, enqueues parse_sources on commit
    parse_sources      one parse_source per unread source (or plan_analysis if none)
    parse_source       reads one source; the task that finds every source read sends plan_analysis
    plan_analysis      cuts the profiles into chunks, one analyse_chunk each
    analyse_chunk      analyses one chunk and stores its row; the row that completes the
                       count moves the job to scoring, and that task finishes the job
    finish_job         merges the stored chunk results, scores (every method), done

The database is the truth, not the broker: there are no chords. Each chunk's result is a
``JobChunk`` row, unique per (job, chunk id), and progress moves in the transaction that
inserts it, so a redelivered chunk counts once and the bar moves as chunks finish. Whoever
stores the last row finishes the job, so no trigger message can be lost in between. What a
broker loses (a restart without persistence, a publish that failed) is published again by the
sweep (``pipeline.sweep``) from the rows already stored: only the missing chunks.

Every task takes ids and checks, before it runs, that its job is still live and that this
attempt has not been delivered past ``PIPELINE_MAX_DELIVERIES`` times (an input that kills
its worker fails its job with the reason, once). Every transition is conditional (a late or
duplicate task finds the job already moved on and stops), and every failure ends in
``ScoringJob.fail`` with one line a person can read (``pipeline.faults``).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from celery import current_app
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from ingest.models import DataSource
from ingest.profile import ProfileInvalid, read_profile
from ingest.services import fingerprinted, source_analysed, source_claim, source_parse, source_refuse
from models_ml.analysis import NAME_KINDS, TEXT_KINDS, empty_document, merge
from models_ml.emotion_lexicon import COMMERCIAL_USE_SOURCES, SOURCES
from models_ml.tasks import analyse_items
from scoring.methods import score_profiles

from . import faults
from .models import ProfanityAllowPhrase, RetentionSetting, ScoringJob, TaskDelivery

logger = logging.getLogger(__name__)

IMAGE_KIND = "images"


class PoisonInput(ValueError):
    """A profile the analysis cannot take; its message is the job's one-line reason."""


class ChunksMissing(Exception):
    """Finishing was asked for before every chunk row was stored: retry, do not fail."""


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

    Raises ``PoisonInput`` for a profile that breaks the schema (``ingest.profile`` decides,
    naming the field): it would make every retry of its chunks fail the same way, so it
    fails the job here.
    """
    items: dict[str, list[str]] = {kind: [] for kind in (*TEXT_KINDS, *NAME_KINDS)}
    for document in profiles:
        try:
            profile = read_profile(document)
        except ProfileInvalid as exc:
            raise _poison(document, exc) from None
        for kind in TEXT_KINDS:
            items[kind] += [entry.text for entry in getattr(profile, kind) or []]
        for kind in NAME_KINDS:
            items[kind] += getattr(profile, kind) or []
    return items


def _poison(document: Any, problem: ProfileInvalid) -> PoisonInput:
    platform = document.get("platform") if isinstance(document, dict) else None
    whose = f"the stored {platform} profile" if isinstance(platform, str) else "a stored profile"
    return PoisonInput(f"{whose} does not fit the schema ({problem}); upload the export again")


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
# The Django shell: jobs, sources and the tasks that carry them.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    """One start of a task as Celery handed it over: ``key`` names the attempt (task id and
    retry number: a retry is a new attempt, a redelivery the same one); ``retry`` is whether
    an earlier attempt of the same task ran (and may have done part of the work)."""

    key: str
    task: str
    retry: bool = False


@dataclass(frozen=True)
class Admission:
    """Whether a starting task may run: its live job, or None; ``starts`` of this attempt."""

    job: ScoringJob | None
    starts: int = 0
    given_up: bool = False


def _send(name: str, *args: Any) -> None:
    """Publish a task by name, so this module needs no import of the task modules (no cycles);
    through its signature, so the ``eager_celery`` fixture of tests runs it in place."""
    current_app.signature(name, args=args).apply_async()


def _job(job_id: int) -> ScoringJob | None:
    # None when the job is gone (its applicant deleted their account meanwhile): nothing to do.
    return ScoringJob.objects.filter(pk=job_id).first()


def admit(job_id: int, delivery: Delivery, doing: str) -> Admission:
    """Let a task run only for a live job and only up to ``PIPELINE_MAX_DELIVERIES`` starts.

    A task whose worker process dies is delivered again (late acks); one past the cap has
    killed its worker that often, so its input is poison: the job fails with ``doing`` in
    the reason, and the task returns (is acknowledged) instead of running again.
    """
    job = _job(job_id)
    if job is None or not job.is_active:
        return Admission(None)
    starts = TaskDelivery.count_start(job_id=job.pk, key=delivery.key, task=delivery.task)
    if starts <= settings.PIPELINE_MAX_DELIVERIES:
        return Admission(job, starts)
    logger.error("job %s: %s %s started %s times; giving up", job.pk, delivery.task, delivery.key, starts)
    job.fail(faults.gave_up_sentence(doing, starts - 1))
    return Admission(None, starts, given_up=True)


NO_DATA = "there is no data to analyse: upload an export or give a Twitter handle first"


def start_job(owner, *, attempt: int = 1) -> ScoringJob:
    """Score ``owner`` again from every source they have; returns the new queued job.

    A job still running for the same applicant is superseded: its late tasks find it failed
    and stop, and the new job reads the newest data. Sources already parsed are reused.
    """
    for old in ScoringJob.objects.filter(owner=owner, state__in=ScoringJob.ACTIVE_STATES):
        old.fail("replaced by a newer job after new data arrived")
    job = ScoringJob.objects.create(owner=owner, attempt=attempt)
    transaction.on_commit(lambda: _send("scoring.tasks.parse_sources", job.pk))
    return job


def score_again(owner) -> ScoringJob | None:
    """The applicant's (or an admin's) "score again": a new job after the latest one failed,
    reusing every source already read. None while a job still runs or when none failed."""
    latest = ScoringJob.objects.filter(owner=owner).order_by("-created_at", "-pk").first()
    if latest is None or latest.state != ScoringJob.State.FAILED:
        return None
    return start_job(owner, attempt=latest.attempt + 1)


def on_source_stored(sender: Any, source: DataSource, **kwargs: Any) -> None:
    """Receiver of ``ingest.signals.source_stored``: new data means a new score."""
    start_job(source.owner)


def _parse_abandoned_before() -> datetime:
    # No parse runs longer than a task may: one still "parsing" after that lost its worker.
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def being_parsed(source: DataSource) -> bool:
    return source.status == DataSource.Status.PARSING and source.updated_at >= _parse_abandoned_before()


def _unread(sources: list[DataSource]) -> list[DataSource]:
    return [
        s for s in sources
        if s.status == DataSource.Status.RECEIVED or (s.status == DataSource.Status.PARSING and not being_parsed(s))
    ]


def publish_parses(job: ScoringJob) -> None:
    """One parse_source per source nobody reads; plan_analysis when there is none.

    A source another task is parsing right now (two uploads in quick succession) is left to
    it: parsing it twice at once would race on its media folder. ``plan_analysis`` waits.
    """
    unread = _unread(list(DataSource.objects.filter(owner=job.owner)))
    for source in unread:
        _send("pipeline.tasks.parse_source", job.pk, source.pk)
    if not unread:
        _send("scoring.tasks.plan_analysis", job.pk)


def parse_sources(job_id: int, delivery: Delivery) -> None:
    """Parse every source not read yet, in parallel, then plan the analysis."""
    job = admit(job_id, delivery, "reading your exports").job
    if job is None:
        return
    # A retry after a database error may find the job already moved on by its first attempt.
    if not job.start_parsing() and not (delivery.retry and job.state == ScoringJob.State.PARSING):
        return
    if not DataSource.objects.filter(owner=job.owner).exists():
        job.fail(NO_DATA)
        return
    publish_parses(job)


def parse_source(job_id: int, source_id: int, delivery: Delivery) -> None:
    """Read one source for a job; the task that finds every source read plans the analysis.

    A source that stopped the worker every time it was read is refused with the reason (a
    new job would only meet it again), and its job fails.
    """
    source = DataSource.objects.filter(pk=source_id).first()
    doing = f"reading your {source.get_platform_display()} export" if source else "reading your exports"
    admission = admit(job_id, delivery, doing)
    if admission.given_up and source is not None:
        source_refuse(source, faults.gave_up_sentence(doing, admission.starts - 1))
    job = admission.job
    if job is None or job.state != ScoringJob.State.PARSING:
        return
    # The source may be held by an earlier start of this same task: one whose worker died
    # (a redelivery) or that met a database error (a retry).
    if source is not None and source_claim(source, retake=admission.starts > 1 or delivery.retry):
        source_parse(source)
    if not any(s.status == DataSource.Status.RECEIVED or being_parsed(s) for s in DataSource.objects.filter(owner=job.owner)):
        _send("scoring.tasks.plan_analysis", job.pk)


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


def emotion_sources() -> tuple[str, ...]:
    """The emotion lexicons every analysis uses: those whose licences allow commercial use,
    plus the research-only ones (NRC, DUTIR) only where an operator says the use allows it."""
    return SOURCES if settings.EMOTION_RESEARCH_LEXICONS else COMMERCIAL_USE_SOURCES


def allow_phrases() -> list[str]:
    """The admin-reviewed allow-list, removed from texts and names before profanity matching."""
    return ProfanityAllowPhrase.phrases()


def _plan(sources: list[DataSource]) -> list[Chunk]:
    """The chunks of every source whose texts are still there; a source whose texts were
    dropped (ingest.retention) is not analysed again: its stored analysis is used. The same
    sources give the same chunk ids (the sweep relies on it)."""
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


def publish_chunks(job: ScoringJob, chunks: list[Chunk]) -> None:
    phrases, lexicons = allow_phrases(), list(emotion_sources())
    for chunk in chunks:
        _send("pipeline.tasks.analyse_chunk", job.pk, chunk.id, chunk.kind, chunk.items, phrases, lexicons)


def plan_analysis(job_id: int, delivery: Delivery) -> None:
    """Once every source is read: cut the profiles into chunks and fan them out.

    Raises ``SourcesBusy`` (the task retries) while another job still parses a source.
    """
    job = admit(job_id, delivery, "preparing the analysis").job
    if job is None or job.state != ScoringJob.State.PARSING:
        return
    busy = [s for s in DataSource.objects.filter(owner=job.owner) if being_parsed(s)]
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
    if chunks:
        publish_chunks(job, chunks)
    else:
        _send("scoring.tasks.finish_job", job.pk)


def missing_chunks(job: ScoringJob) -> list[Chunk]:
    """The planned chunks of an analysing job that have no stored row yet."""
    stored = set(job.chunks.values_list("chunk_id", flat=True))
    return [c for c in _plan(_parsed_sources(job)) if c.id not in stored]


def analyse_chunk(
    job_id: int, chunk_id: str, kind: str, items: list[str], phrases: list[str], lexicons: list[str] | None,
    delivery: Delivery,
) -> None:
    """Analyse one chunk and store its row, in the same task: progress moves as chunks finish,
    not behind the queue. The task that stores the last row finishes the job.

    A chunk already stored (delivered again after its row was written, or published again
    by the sweep) is not analysed twice.
    """
    job = admit(job_id, delivery, f"analysing your {kind}").job
    if job is not None and job.state == ScoringJob.State.SCORING:
        finish_job(job.pk)  # a retry of the task that stored the last row, whose finishing failed
        return
    if job is None or job.state != ScoringJob.State.ANALYSING or job.chunks.filter(chunk_id=chunk_id).exists():
        return
    output = analyse_items(kind, items, phrases, lexicons)
    job.refresh_from_db(fields=["state"])
    if job.state != ScoringJob.State.ANALYSING:
        return
    job.record_chunk(chunk_id, kind, output["result"], items=output["items"], seconds=output["seconds"])
    if job.state == ScoringJob.State.SCORING:
        finish_job(job.pk)


def finish_job(job_id: int, delivery: Delivery | None = None) -> None:
    """Gather the chunk rows, merge, score by every method, done.

    Called by the task that stored the last row, or as a task (a job with no chunks, the
    sweep). Raises ``ChunksMissing`` (the task retries) when rows are still missing.
    Scoring and the move to done are one transaction, so a retry after a database error
    scores once.
    """
    job = admit(job_id, delivery, "computing your score").job if delivery else _job(job_id)
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
            job.fail(f"could not compute the score: {faults.describe_error(exc)}")
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


def resume(job: ScoringJob) -> bool:
    """Publish again what a stalled job is missing, from what is stored; ``False`` when it
    lost nothing (a parse still within its time limit) or moved meanwhile.

    Safe to repeat: a task published twice finds its work done (a parse claimed, a chunk
    row stored, the job moved on) and stops.
    """
    if job.state == ScoringJob.State.PARSING and any(being_parsed(s) for s in DataSource.objects.filter(owner=job.owner)):
        return False
    state = job.state
    if not job.resumed():
        return False
    logger.warning("job %s stalled while %s: resumed (%s)", job.pk, state, job.resumes)
    if state == ScoringJob.State.QUEUED:
        _send("scoring.tasks.parse_sources", job.pk)
    elif state == ScoringJob.State.PARSING:
        publish_parses(job)
    elif state == ScoringJob.State.ANALYSING and (missing := missing_chunks(job)):
        publish_chunks(job, missing)
    else:
        _send("scoring.tasks.finish_job", job.pk)
    return True


def stage_failed(job_id: int, doing: str, exc: BaseException) -> bool:
    """A task of the job failed for good: tell the applicant in a sentence, operators in full.

    A fault of our infrastructure (database, broker) marks the job for the sweep to score
    again; anything else is logged for us to fix.
    """
    job = _job(job_id)
    if job is None:
        return False
    logger.error("job %s: %s failed", job_id, doing, exc_info=exc)
    reason = f"{doing} failed: {faults.describe_error(exc)}"
    return job.fail_for_us(reason) if faults.is_infrastructure(exc) else job.fail(reason)
