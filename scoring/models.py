from django.conf import settings
from django.db import models


class ScoringJob(models.Model):
    """One run of the pipeline for one applicant: parse, analyse, score.

    ``state`` is the job's state machine (queued -> parsing -> analysing -> scoring -> done,
    or failed with a one-line reason); ``chunks_done``/``chunks_total`` give the progress of
    the analysing stage.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        PARSING = "parsing", "Parsing"
        ANALYSING = "analysing", "Analysing"
        SCORING = "scoring", "Scoring"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scoring_jobs")
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    chunks_done = models.PositiveIntegerField(default=0)
    chunks_total = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"job {self.pk} of {self.owner} ({self.state})"


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
