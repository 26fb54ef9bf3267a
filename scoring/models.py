from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .fuzzy import ahp as ahp_core
from .fuzzy.hierarchy import PAPER_HIERARCHY_JSON, PAPER_MATRICES, Hierarchy, check_matrices
from .priority import curves, defaults, engine, lawful
from .priority.features import FEATURE_NAMES, FEATURES
from .versioning import Versioned, publish_version


class ScoreResult(models.Model):
    """A score for one applicant by one method, with everything needed to explain it."""

    class Method(models.TextChoices):
        PRIORITY = "priority", "Priority-weighted curves"
        FUZZY = "fuzzy", "AHP + fuzzy evaluation"
        EXPRESS = "express", "Express-delivery records"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scores")
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


class ScoringConfig(Versioned):
    """One version of the priority scorer's configuration; a version is never edited.

    Saving in the admin publishes a new version (``scoring.services.config_publish``); every
    ``ScoreResult`` names the version that produced it, so a score can always be explained
    with the numbers that made it.
    """

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

    @classmethod
    def first_version(cls) -> "ScoringConfig":
        return cls.create_version(1, defaults.default_config(), note="Defaults from the seed")

    @classmethod
    def create_version(cls, version: int, config: engine.Config, *, note: str = "", user=None,
                       changes: list[str] | None = None) -> "ScoringConfig":
        """Store ``config`` as version ``version`` with its feature specs."""
        row = cls.objects.create(
            version=version, weight_priority_1=config.weights[1], weight_priority_2=config.weights[2],
            weight_priority_3=config.weights[3], min_features=config.min_features, note=note, changes=changes or [],
            created_by=user,
        )
        # One save per spec (not bulk_create) so django-simple-history records each of them.
        for name in FEATURE_NAMES:
            spec = config.specs[name]
            FeatureSpec.objects.create(config=row, name=name, enabled=spec.enabled, priority=spec.priority,
                                       kind=spec.kind, params=dict(spec.params))
        return row

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
        help_text="tent: low, peak, floor (age: no high) · saturating: cap, shape (linear|log) · reward/penalty: low, high",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["config", "name"], name="one_spec_per_feature_and_version")]
        ordering = ["config", "id"]

    def __str__(self) -> str:
        return f"{self.name} in v{self.config.version}" if self.config_id else self.name

    def clean(self) -> None:
        errors = curves.validate(self.kind, self.params)
        if not errors and self.name == "age":
            errors = lawful.age_problems(self.kind, self.params)
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


class AhpConfig(Versioned):
    """One published version of the AHP index hierarchy and its judgement matrices.

    Versions are immutable: publishing (``scoring.services.ahp_publish``) creates the next
    version and rescores everyone with it, and every fuzzy ``ScoreResult`` records the version
    it used, so a score can always be explained with the weights that produced it.
    ``hierarchy`` is the JSON of ``scoring.fuzzy.hierarchy.Hierarchy``; ``matrices`` maps each parent code (``"0"`` for the top)
    to its full reciprocal judgement matrix, children in code order.
    """

    note = models.CharField(max_length=200, blank=True, help_text="What changed and why.")
    hierarchy = models.JSONField()
    matrices = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rescored = models.PositiveIntegerField(default=0, editable=False,
                                           help_text="Applicants rescored with this version so far.")
    rescore_total = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["rescored", "rescore_total"])

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
    def first_version(cls) -> "AhpConfig":
        """The paper's hierarchy and matrices, as migration 0003 loads them."""
        tree, stored = cls.validate(PAPER_HIERARCHY_JSON, PAPER_MATRICES)
        return cls(hierarchy=tree.to_json(), matrices=stored,
                   note="The Weibo paper's defaults (Yu, Yao, Chen: Tables 2 and 3, Eq. 3).").save_as(1)

    @classmethod
    def publish(cls, *, hierarchy: dict, matrices: dict, note: str = "", user=None) -> "AhpConfig":
        """Validate and store the next version."""
        tree, stored = cls.validate(hierarchy, matrices)
        return publish_version(cls, cls(hierarchy=tree.to_json(), matrices=stored, note=note, created_by=user).save_as)

    def save_as(self, version: int) -> "AhpConfig":
        """Store this unsaved configuration as ``version`` (the admin's form builds one)."""
        self.version = version
        self.save()
        return self

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
