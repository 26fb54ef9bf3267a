from django.conf import settings
from django.db import models


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    LINKEDIN = "linkedin", "LinkedIn"
    INSTAGRAM = "instagram", "Instagram"
    TWITTER = "twitter", "X / Twitter"


class DataSource(models.Model):
    """One platform's data for one applicant: an uploaded export or a fetched Twitter handle.

    There is at most one per applicant and platform: uploading again replaces it, so the
    score is always computed from the latest data the applicant gave.
    """

    class Kind(models.TextChoices):
        ARCHIVE = "archive", "Export archive"
        API = "api", "Fetched handle"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        PARSING = "parsing", "Parsing"
        PARSED = "parsed", "Parsed"
        REFUSED = "refused", "Refused"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sources")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.ARCHIVE)
    handle = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    archive = models.FileField(upload_to="sources/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=300, blank=True)
    profile = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    parsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "platform"], name="one_source_per_platform")]
        ordering = ["platform"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} of {self.owner}"
