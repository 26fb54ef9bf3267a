"""The pipeline's rows: a scoring job and its state machine, its stored chunk results, and
the analysis settings every job passes to the workers (the profanity allow-list)."""
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ScoringJob(models.Model):
    """One run of the pipeline for one applicant: parse, analyse, score.

    ``state`` is the job's state machine (queued -> parsing -> analysing -> scoring -> done,
    or failed with a one-line reason); ``chunks_done``/``chunks_total`` give the progress of
    the analysing stage. ``resumes`` counts how often the sweep published again what a
    stalled job was missing; ``attempt`` is 1 for a job started by new data and one more for
    each "score again" of a failed job; ``retryable`` marks a failure of ours (a database or
    broker fault, not the applicant's data), which the sweep scores again by itself.

    Every transition is a conditional UPDATE (``WHERE state IN (...)``), so two workers racing
    on the same job (a redelivered task, a duplicate chord callback) cannot both move it: the
    loser sees ``False`` and stops. ``heartbeat_at`` moves with every transition and every
    chunk recorded; the sweep fails jobs whose heartbeat stopped.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        PARSING = "parsing", "Parsing"
        ANALYSING = "analysing", "Analysing"
        SCORING = "scoring", "Scoring"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    ACTIVE_STATES = (State.QUEUED, State.PARSING, State.ANALYSING, State.SCORING)
    # Where the progress bar stands when each stage starts; analysing fills the span up to scoring.
    PERCENT_AT = {"queued": 0, "parsing": 5, "analysing": 15, "scoring": 95, "done": 100}

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scoring_jobs")
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    chunks_done = models.PositiveIntegerField(default=0)
    chunks_total = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    stage_started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    analysis = models.JSONField(null=True, blank=True)
    resumes = models.PositiveSmallIntegerField(default=0)
    attempt = models.PositiveSmallIntegerField(default=1)
    retryable = models.BooleanField(default=False, help_text="Failed by a fault of ours: scored again by the sweep.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"job {self.pk} of {self.owner} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def percent(self) -> int:
        """Progress for the dashboard's bar, 0 to 100 (0 for a failed job: its state says why)."""
        if self.state == self.State.ANALYSING and self.chunks_total:
            span = self.PERCENT_AT["scoring"] - self.PERCENT_AT["analysing"]
            return self.PERCENT_AT["analysing"] + span * self.chunks_done // self.chunks_total
        if self.state == self.State.FAILED:
            return 0
        return self.PERCENT_AT[self.state]

    @property
    def stage(self) -> str:
        """What the applicant is told the job is doing."""
        if self.state == self.State.ANALYSING:
            return f"Analysing your data ({self.chunks_done} of {self.chunks_total} parts)"
        return {
            "queued": "Waiting for a worker",
            "parsing": "Reading your exports",
            "scoring": "Computing your score",
            "done": "Done",
            "failed": "Failed",
        }[self.state]

    def _move(self, from_states: Iterable[str], to: str, **fields: Any) -> bool:
        now = timezone.now()
        fields.update(state=to, heartbeat_at=now, stage_started_at=now, updated_at=now)
        if to in (self.State.DONE, self.State.FAILED):
            fields["finished_at"] = now
        moved = ScoringJob.objects.filter(pk=self.pk, state__in=list(from_states)).update(**fields)
        if moved:
            for name, value in fields.items():
                setattr(self, name, value)
        else:
            self.refresh_from_db()
        return bool(moved)

    def start_parsing(self) -> bool:
        return self._move([self.State.QUEUED], self.State.PARSING)

    def start_analysing(self, chunks_total: int) -> bool:
        return self._move([self.State.PARSING], self.State.ANALYSING, chunks_total=chunks_total, chunks_done=0)

    def record_chunk(self, chunk_id: str, kind: str, result: dict, *, items: int = 0, seconds: float = 0.0) -> bool:
        """Store one analysed chunk; ``False`` when it was already stored (a redelivery).

        The unique (job, chunk_id) row is what makes chunk tasks idempotent: the progress
        counter moves in the same transaction as the row is inserted, so it moves once per
        row, however often a chunk is delivered. It is an increment, not a count of rows:
        two workers counting at once would each miss the other's uncommitted row. The row
        that completes the count also moves the job to scoring, in that same transaction:
        whoever stores the last row finishes the job, so no message (a chord's trigger) can
        be lost between the last chunk and the score.
        """
        with transaction.atomic():
            try:
                with transaction.atomic():
                    JobChunk.objects.create(
                        job=self, chunk_id=chunk_id, kind=kind, result=result, items=items, seconds=seconds
                    )
            except IntegrityError:
                return False
            now = timezone.now()
            live = ScoringJob.objects.filter(pk=self.pk, state=self.State.ANALYSING)
            live.update(chunks_done=models.F("chunks_done") + 1, heartbeat_at=now, updated_at=now)
            live.filter(chunks_done__gte=models.F("chunks_total")).update(state=self.State.SCORING, stage_started_at=now)
        self.refresh_from_db(fields=["state", "chunks_done", "heartbeat_at", "stage_started_at"])
        return True

    def start_scoring(self) -> bool:
        return self._move([self.State.ANALYSING], self.State.SCORING)

    def finish(self, analysis: dict) -> bool:
        return self._move([self.State.SCORING], self.State.DONE, analysis=analysis)

    def fail(self, reason: str) -> bool:
        """Fail an active job with a reason a person can read; a finished job is left alone."""
        return self._move(self.ACTIVE_STATES, self.State.FAILED, error=one_line(reason, 300))

    def fail_for_us(self, reason: str) -> bool:
        """Fail with ``reason`` a fault of ours (infrastructure), which the sweep scores again."""
        return self._move(self.ACTIVE_STATES, self.State.FAILED, error=one_line(reason, 300), retryable=True)

    def stale_reason(self, now: datetime, *, limit: timedelta) -> str | None:
        """Why this active job should be given up for its age, or None while it may still run."""
        if self.is_active and now - self.created_at > limit:
            return f"gave up after {minutes(limit)} while {self.stage.lower()}"
        return None

    def stalled_for(self, now: datetime) -> timedelta:
        """How long nothing moved: no transition and no chunk recorded."""
        return now - (self.heartbeat_at or self.created_at)

    def resumed(self) -> bool:
        """Count one resume of this stalled job (its heartbeat moves), unless it moved meanwhile."""
        now = timezone.now()
        moved = ScoringJob.objects.filter(pk=self.pk, state=self.state, resumes=self.resumes).update(
            resumes=models.F("resumes") + 1, heartbeat_at=now, updated_at=now
        )
        self.refresh_from_db(fields=["state", "resumes", "heartbeat_at"])
        return bool(moved)


def one_line(text: str, limit: int) -> str:
    """Collapse any whitespace (tracebacks, multi-line messages) into one bounded line."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


def minutes(delta: timedelta) -> str:
    whole = round(delta.total_seconds() / 60)
    return f"{whole} minute{'s' if whole != 1 else ''}"


class JobChunk(models.Model):
    """The stored result of one analysed chunk of a job: one row per (job, chunk id)."""

    job = models.ForeignKey(ScoringJob, on_delete=models.CASCADE, related_name="chunks")
    chunk_id = models.CharField(max_length=40)
    kind = models.CharField(max_length=16)
    result = models.JSONField()
    items = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0.0, help_text="Time spent in model inference.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "chunk_id"], name="one_row_per_job_chunk")]
        ordering = ["chunk_id"]

    def __str__(self) -> str:
        return f"chunk {self.chunk_id} of job {self.job_id}"


class ProfanityAllowPhrase(models.Model):
    """A phrase the profanity check removes before matching: a harmless or identity term
    that better-profanity's list flags ("Gay Pride", "Sex Education", "Oh my God").

    Penalising someone for belonging to such a group is unfair and in many places
    unlawful. Seeded from ``models_ml.profanity.DEFAULT_ALLOW_PHRASES``; admins review and
    edit the list, and every job passes the current list to the workers.
    """

    phrase = models.CharField(max_length=100, unique=True, help_text="Matched as whole words, in any case.")
    reason = models.CharField(max_length=200, blank=True, help_text="Why this phrase is harmless.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["phrase"]
        verbose_name = "profanity allow-list phrase"

    def __str__(self) -> str:
        return self.phrase

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.phrase = " ".join(self.phrase.split()).lower()
        super().save(*args, **kwargs)

    @classmethod
    def phrases(cls) -> list[str]:
        return list(cls.objects.values_list("phrase", flat=True))


class RetentionSetting(models.Model):
    """Whether post and comment texts and photos outlive their analysis (one row, admin-edited).

    Off by default: once a job has analysed a source, its texts are replaced by fingerprints
    and its photos deleted (``ingest.retention``), keeping only what rescoring needs. An admin
    turns it on, with history of who did, when they must keep the originals (an audit, a
    dispute); applicants are told on their data page.
    """

    keep_texts_and_photos = models.BooleanField(
        default=False, help_text="Keep post and comment texts and photos after the analysis is done."
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "retention of texts and photos"
        verbose_name_plural = "retention of texts and photos"

    def __str__(self) -> str:
        return "texts and photos kept" if self.keep_texts_and_photos else "texts and photos dropped once analysed"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1  # a single row: the setting
        super().save(*args, **kwargs)

    @classmethod
    def keeps_texts(cls) -> bool:
        return cls.objects.filter(pk=1, keep_texts_and_photos=True).exists()


class TaskDelivery(models.Model):
    """How often one attempt of a pipeline task was handed to a worker.

    Late acknowledgement redelivers a task whose worker process died; an input that kills
    its worker every time (memory, a crashing native library) would come back for ever.
    Every start of a task counts here, keyed by its Celery id and retry number (a retry is
    a new attempt, a redelivery is the same one), and past ``PIPELINE_MAX_DELIVERIES`` the
    task fails its job instead of running. Rows go with their job.
    """

    job = models.ForeignKey(ScoringJob, on_delete=models.CASCADE, related_name="deliveries")
    key = models.CharField(max_length=80, unique=True, help_text="Celery task id and retry number.")
    task = models.CharField(max_length=80)
    count = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.task} {self.key}: {self.count}"

    @classmethod
    def count_start(cls, *, job_id: int, key: str, task: str) -> int:
        """Count one start of the attempt ``key``; returns how many starts it has had."""
        with transaction.atomic():
            row, created = cls.objects.select_for_update().get_or_create(key=key, defaults={"job_id": job_id, "task": task})
            if created:
                return 1
            cls.objects.filter(pk=row.pk).update(count=models.F("count") + 1)
            return row.count + 1
