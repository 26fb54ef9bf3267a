from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import curves, engine
from .features import FEATURES


class ScoringJob(models.Model):
    """One run of the pipeline for one applicant: parse, analyse, score.

    ``state`` is the job's state machine (queued -> parsing -> analysing -> scoring -> done,
    or failed with a one-line reason); ``chunks_done``/``chunks_total`` give the progress of
    the analysing stage.

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
        two workers counting at once would each miss the other's uncommitted row.
        """
        with transaction.atomic():
            try:
                with transaction.atomic():
                    JobChunk.objects.create(
                        job=self, chunk_id=chunk_id, kind=kind, result=result, items=items, seconds=seconds
                    )
            except IntegrityError:
                return False
            ScoringJob.objects.filter(pk=self.pk, state=self.State.ANALYSING).update(
                chunks_done=models.F("chunks_done") + 1, heartbeat_at=timezone.now()
            )
        self.refresh_from_db(fields=["chunks_done", "heartbeat_at"])
        return True

    def start_scoring(self) -> bool:
        return self._move([self.State.ANALYSING], self.State.SCORING)

    def finish(self, analysis: dict) -> bool:
        return self._move([self.State.SCORING], self.State.DONE, analysis=analysis)

    def fail(self, reason: str) -> bool:
        """Fail an active job with a reason a person can read; a finished job is left alone."""
        return self._move(self.ACTIVE_STATES, self.State.FAILED, error=one_line(reason, 300))

    def stale_reason(self, now: datetime, *, stall: timedelta, limit: timedelta) -> str | None:
        """Why this active job should be given up, or None while it is still healthy."""
        if not self.is_active:
            return None
        if now - self.created_at > limit:
            return f"gave up after {_minutes(limit)} while {self.stage.lower()}"
        last = self.heartbeat_at or self.created_at
        if now - last > stall:
            return f"no progress for {_minutes(stall)} while {self.stage.lower()}"
        return None

    @classmethod
    def fail_stale(cls, *, now: datetime | None = None, owner=None) -> int:
        """The sweep: fail every active job that stalled or ran past its time limit."""
        now = now or timezone.now()
        stall = timedelta(seconds=settings.PIPELINE_STALL_SECONDS)
        limit = timedelta(seconds=settings.PIPELINE_JOB_SECONDS)
        jobs = cls.objects.filter(state__in=cls.ACTIVE_STATES)
        if owner is not None:
            jobs = jobs.filter(owner=owner)
        failed = 0
        for job in jobs:
            reason = job.stale_reason(now, stall=stall, limit=limit)
            if reason and job.fail(reason):
                failed += 1
        return failed


def one_line(text: str, limit: int) -> str:
    """Collapse any whitespace (tracebacks, multi-line messages) into one bounded line."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


def _minutes(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


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


class ScoreResult(models.Model):
    """A score for one applicant by one method, with everything needed to explain it."""

    class Method(models.TextChoices):
        PRIORITY = "priority", "Priority-weighted curves"
        FUZZY = "fuzzy", "AHP + fuzzy evaluation"
        EXPRESS = "express", "Express-delivery records"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scores")
    job = models.ForeignKey(ScoringJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="results")
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.PRIORITY)
    config_version = models.PositiveIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(null=True, blank=True)
    normalized = models.FloatField(null=True, blank=True)
    band = models.CharField(max_length=16, blank=True)
    eligible = models.BooleanField(default=True)
    unscorable = models.BooleanField(default=False)
    flags = models.JSONField(default=list, blank=True)
    contributions = models.JSONField(default=dict, blank=True)
    missing = models.JSONField(default=list, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} score of {self.owner}: {self.score}"


class ScoringConfig(models.Model):
    """One version of the priority scorer's configuration; a version is never edited.

    Saving in the admin publishes a new version (``scoring.services.config_publish``); every
    ``ScoreResult`` names the version that produced it, so a score can always be explained
    with the numbers that made it.
    """

    version = models.PositiveIntegerField(unique=True, editable=False)
    weight_priority_1 = models.FloatField("priority one weight", default=100.0, validators=[MinValueValidator(0.0)])
    weight_priority_2 = models.FloatField("priority two weight", default=80.0, validators=[MinValueValidator(0.0)])
    weight_priority_3 = models.FloatField("priority three weight", default=50.0, validators=[MinValueValidator(0.0)])
    min_features = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1)],
        help_text="Fewer features present than this makes an applicant unscorable (never a low score).",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why this version was made.")
    changes = models.JSONField(default=list, blank=True, editable=False,
                               help_text="What differs from the version before, one line each.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    rescored = models.PositiveIntegerField(default=0, editable=False,
                                           help_text="Applicants rescored with this version so far.")
    rescore_total = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["rescored", "rescore_total"])

    class Meta:
        ordering = ["-version"]
        verbose_name = "scoring configuration"

    def __str__(self) -> str:
        return f"scoring configuration v{self.version}"

    @property
    def weights(self) -> dict[int, float]:
        return {1: self.weight_priority_1, 2: self.weight_priority_2, 3: self.weight_priority_3}

    def to_engine(self) -> engine.Config:
        return engine.Config(
            version=self.version,
            weights=self.weights,
            specs={f.name: engine.Spec(priority=f.priority, kind=f.kind, params=dict(f.params), enabled=f.enabled)
                   for f in self.features.all()},
            min_features=self.min_features,
        )


class FeatureSpec(models.Model):
    """How one feature scores in one configuration version: on/off, priority, curve."""

    config = models.ForeignKey(ScoringConfig, on_delete=models.CASCADE, related_name="features")
    name = models.CharField(max_length=32, choices=[(f.name, f.label) for f in FEATURES])
    enabled = models.BooleanField(default=True)
    priority = models.PositiveSmallIntegerField(choices=[(1, "one"), (2, "two"), (3, "three")])
    kind = models.CharField("curve", max_length=16, choices=[(k, k) for k in curves.KINDS])
    params = models.JSONField(
        "curve parameters",
        help_text="tent: low, peak, high, floor · saturating: cap, shape (linear|log) · reward/penalty: low, high",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["config", "name"], name="one_spec_per_feature_and_version")]
        ordering = ["config", "id"]

    def __str__(self) -> str:
        return f"{self.name} in v{self.config.version}" if self.config_id else self.name

    def clean(self) -> None:
        errors = curves.validate(self.kind, self.params)
        if errors:
            raise ValidationError({"params": errors})


class FeatureVector(models.Model):
    """An applicant's latest feature vector, kept so everyone can be rescored without models."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feature_vector")
    features = models.JSONField(help_text="feature -> {value (null = missing), sources}")
    as_of = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"features of {self.owner}"


# AHP + fuzzy comprehensive evaluation
from simple_history.models import HistoricalRecords  # noqa: E402

from . import ahp as ahp_core  # noqa: E402
from .hierarchy import Hierarchy, check_matrices  # noqa: E402


class AhpConfigQuerySet(models.QuerySet):
    def current(self) -> "AhpConfig | None":
        return self.order_by("-version").first()


class AhpConfig(models.Model):
    """One published version of the AHP index hierarchy and its judgement matrices.

    Versions are immutable: publishing (``AhpConfig.publish``) creates the next version and
    every fuzzy ``ScoreResult`` records the version it used, so a score can always be
    explained with the weights that produced it. ``hierarchy`` is the JSON of
    ``scoring.hierarchy.Hierarchy``; ``matrices`` maps each parent code (``"0"`` for the top)
    to its full reciprocal judgement matrix, children in code order.
    """

    version = models.PositiveIntegerField(unique=True, editable=False)
    note = models.CharField(max_length=200, blank=True, help_text="What changed and why.")
    hierarchy = models.JSONField()
    matrices = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    objects = AhpConfigQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = "AHP configuration"

    def __str__(self) -> str:
        return f"AHP configuration v{self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"AHP configuration v{self.version} is read-only: publish a new version instead.")
        super().save(*args, **kwargs)

    @classmethod
    def validate(cls, hierarchy: dict, matrices: dict) -> tuple[Hierarchy, dict[str, list[list[float]]]]:
        """The hierarchy and its matrices as stored, or ``AhpError``/``HierarchyError`` (one line).

        Every matrix must be reciprocal, on Saaty's scale and pass CR < 0.1.
        """
        tree = Hierarchy.from_json(hierarchy)
        check_matrices(tree, matrices)
        for code, result in cls.analyse(tree, matrices).items():
            if not result.consistent:
                raise ahp_core.AhpError(f"{tree.label(code)}: " + ahp_core.refusal(result, tree.children(code)))
        return tree, {code: ahp_core.validate_matrix(matrices[code]).tolist() for code in tree.inner()}

    @classmethod
    def next_version(cls) -> int:
        last = cls.objects.order_by("-version").values_list("version", flat=True).first()
        return (last or 0) + 1

    @classmethod
    def publish(cls, *, hierarchy: dict, matrices: dict, note: str = "", user=None) -> "AhpConfig":
        """Validate and store the next version (the unique version number refuses a racing twin)."""
        tree, stored = cls.validate(hierarchy, matrices)
        return cls.objects.create(version=cls.next_version(), hierarchy=tree.to_json(), matrices=stored, note=note, created_by=user)

    @staticmethod
    def analyse(tree: Hierarchy, matrices: dict) -> dict[str, ahp_core.AhpResult]:
        return {code: ahp_core.analyse(matrices[code], tree.children(code)) for code in tree.inner()}

    def tree(self) -> Hierarchy:
        return Hierarchy.from_json(self.hierarchy)

    def results(self) -> dict[str, ahp_core.AhpResult]:
        """Parent code -> ``AhpResult`` (weights, lambda_max, CI, RI, CR, RI table)."""
        return self.analyse(self.tree(), self.matrices)

    def weights(self) -> dict[str, tuple[float, ...]]:
        return {code: result.weights for code, result in self.results().items()}


class ScoringMethodSetting(models.Model):
    """The site's default scoring method (one row). Every applicant can be scored by both."""

    DEFAULT = "priority"
    CHOICES = [("priority", "Priority-weighted curves"), ("fuzzy", "AHP + fuzzy evaluation")]

    default_method = models.CharField(max_length=16, choices=CHOICES, default=DEFAULT)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "default scoring method"
        verbose_name_plural = "default scoring method"

    def __str__(self) -> str:
        return f"default scoring method: {self.get_default_method_display()}"

    def save(self, *args, **kwargs):
        self.pk = 1  # a single row: the setting
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> str:
        row = cls.objects.filter(pk=1).first()
        return row.default_method if row else cls.DEFAULT


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
