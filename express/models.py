"""Express-delivery data kept by CredSly: the region table, the sensitive-area list, the
versioned characteristic model, import reports and the scored subjects.

Shipment rows themselves are not stored: an import streams the file through the cleaning and
the aggregation and keeps only each subject's features and score, so a million-row file costs
a few rows here, and no parcel-level personal data outlives the import.

Imports, subjects and their scores belong to the organisation that imported them: a subject is
one per (organisation, key), so one lender's import never reads or overwrites another's.
Rows from before organisations have none and are seen by admins only. Resident ID numbers are
shown masked; each deliberate reveal is an ``IdentityReveal``.
"""
from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.models import Organisation
from scoring.versioning import Versioned, publish_version

from .characteristics import CharacteristicModel
from .identity import ENTERPRISE, INDIVIDUAL, UNKNOWN
from .regions import SEPARATOR
from .shipments import FIELDS

# Digits of a resident ID number shown without a reveal.
SHOWN_DIGITS = 4
NAME_KEY = "name:"


def masked(identity: str) -> str:
    """``identity`` with all but its last ``SHOWN_DIGITS`` characters hidden."""
    if len(identity) <= SHOWN_DIGITS:
        return "•" * len(identity)
    return "•" * (len(identity) - SHOWN_DIGITS) + identity[-SHOWN_DIGITS:]


class Region(models.Model):
    """One row of the region table: a province, optionally a city, optionally a district.
    Addresses are matched to the longest such path (``express.regions.RegionMatcher``)."""

    province = models.CharField(max_length=64)
    city = models.CharField(max_length=64, blank=True)
    district = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["province", "city", "district"]
        constraints = [models.UniqueConstraint(fields=["province", "city", "district"], name="unique_region_path")]

    def __str__(self) -> str:
        return self.path

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(level for level in (self.province, self.city, self.district) if level)

    @property
    def path(self) -> str:
        return SEPARATOR.join(self.levels)

    def clean(self) -> None:
        if self.district and not self.city:
            raise ValidationError("A district needs its city.")


class SensitiveAreaQuerySet(models.QuerySet):
    def in_force(self, on: date) -> "SensitiveAreaQuerySet":
        """The list as it stood on ``on``: effective from on or before that day, not yet ended."""
        return self.filter(effective_from__lte=on).filter(Q(effective_until__isnull=True) | Q(effective_until__gt=on))


class SensitiveArea(models.Model):
    """A region with a high rate of illegal activity, as supplied by the relevant department.
    ``area`` is a region path (province, city or district); every region inside it counts."""

    area = models.CharField(max_length=200, help_text="Region path, e.g. 广东省/深圳市 or Guangdong/Shenzhen.")
    effective_from = models.DateField()
    effective_until = models.DateField(null=True, blank=True, help_text="Blank: still in force.")
    source = models.CharField(max_length=200, blank=True, help_text="The department that supplied it.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = SensitiveAreaQuerySet.as_manager()

    class Meta:
        ordering = ["area", "-effective_from"]

    def __str__(self) -> str:
        return f"{self.area} (from {self.effective_from})"

    def clean(self) -> None:
        if self.effective_until and self.effective_until <= self.effective_from:
            raise ValidationError("The end date must come after the start date.")


class ColumnMapping(models.Model):
    """The last column mapping a lender used, offered again on their next import."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="express_mapping")
    mapping = models.JSONField(default=dict, help_text="field -> header name in the file")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"column mapping of {self.owner}"

    def clean(self) -> None:
        unknown = set(self.mapping) - set(FIELDS)
        if unknown:
            raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")


class ExpressModel(Versioned):
    """One version of the express characteristic model (``express.characteristics.CharacteristicModel``).

    Versions are never edited in place: saving a change (admin, or calibration with ``--save``)
    adds a row with the next version number, and scores keep the version they were computed
    with. ``history`` records who made each version and when.
    """

    params = models.JSONField(help_text="The model as JSON; see express/characteristics.py for the fields.")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"express model v{self.version}"

    def clean(self) -> None:
        try:
            CharacteristicModel.from_dict(self.params or {})
        except ValueError as error:
            raise ValidationError({"params": str(error)}) from None

    def as_model(self) -> CharacteristicModel:
        return CharacteristicModel.from_dict(self.params)

    @classmethod
    def current(cls) -> "ExpressModel":
        return cls.objects.current()

    @classmethod
    def first_version(cls) -> "ExpressModel":
        return cls.objects.create(version=1, params=CharacteristicModel().to_dict(), note="defaults")

    @classmethod
    def add_version(cls, model: CharacteristicModel, *, note: str = "") -> "ExpressModel":
        return publish_version(
            cls, lambda version: cls.objects.create(version=version, params=model.to_dict(), note=note[:300])
        )


def import_upload_to(instance: "ShipmentImport", filename: str) -> str:
    return f"express/imports/{instance.pk}.csv"


class ShipmentImport(models.Model):
    """One import: the uploaded file until a worker has processed it, then the report -- rows
    read, kept and dropped by reason -- and how many subjects were scored. ``status`` is the
    import's state machine: queued -> running -> done, or refused (the file cannot be read,
    with a one-line reason) or failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        REFUSED = "refused", "Refused"
        FAILED = "failed", "Failed"

    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="express_imports")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="express_imports")
    file_name = models.CharField(max_length=255)
    upload = models.FileField(upload_to=import_upload_to, blank=True, max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    as_of = models.DateField()
    mapping = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    model_version = models.PositiveIntegerField(null=True, blank=True)
    subjects_scored = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import {self.pk} of {self.file_name}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.REFUSED, self.Status.FAILED)


class ExpressSubject(models.Model):
    """A person or enterprise seen in one organisation's shipment records, known by identity (or
    by name when the records give none). ``user`` links it to a CredSly account when one is
    known, so the express score can be shown beside the social one (to lenders only through an
    application that shares it)."""

    TYPES = [(INDIVIDUAL, "Individual"), (ENTERPRISE, "Enterprise"), (UNKNOWN, "Unknown")]

    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="express_subjects")
    key = models.CharField(max_length=200, help_text="Identity, or name:<name> without one.")
    name = models.CharField(max_length=200, blank=True)
    identity = models.CharField(max_length=200, blank=True)
    user_type = models.CharField(max_length=16, choices=TYPES)
    type_reason = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="express_subjects")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="one_subject_per_organisation_key")]

    def __str__(self) -> str:
        return self.name or self.masked_key

    @property
    def latest_score(self) -> "ExpressScore | None":
        return self.scores.first()

    @property
    def masked_identity(self) -> str:
        return masked(self.identity)

    @property
    def masked_key(self) -> str:
        """The key as lists show it: a name key as it is, an identity masked."""
        return self.key if self.key.startswith(NAME_KEY) else masked(self.key)


class ExpressScore(models.Model):
    """One scoring of a subject: the score, the values applied, and the reasons."""

    subject = models.ForeignKey(ExpressSubject, on_delete=models.CASCADE, related_name="scores")
    source_import = models.ForeignKey(ShipmentImport, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="scores")
    model_version = models.PositiveIntegerField()
    as_of = models.DateField()
    score = models.FloatField(null=True, blank=True)
    band = models.CharField(max_length=32, blank=True)
    trend = models.CharField(max_length=16, blank=True)
    values = models.JSONField(default=dict, blank=True)
    regions = models.JSONField(default=list, blank=True)
    sensitive_hits = models.JSONField(default=list, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    features = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"express score of {self.subject}: {self.score}"


class IdentityReveal(models.Model):
    """One deliberate look at a subject's full resident ID number: who, for which organisation,
    when. Kept as the organisation's record of why a full number was seen."""

    subject = models.ForeignKey(ExpressSubject, on_delete=models.CASCADE, related_name="reveals")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"resident ID of subject {self.subject_id} revealed to {self.viewer} at {self.at:%Y-%m-%d %H:%M}"
