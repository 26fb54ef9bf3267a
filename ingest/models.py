import shutil
from pathlib import Path

from django.conf import settings
from django.db import models


def source_files_dir(owner_id: int, platform: str) -> str:
    """Where one source's files live, relative to MEDIA_ROOT: one folder per applicant and
    platform, so replacing or deleting a source removes exactly its own files."""
    return f"sources/{owner_id}-{platform}"


def archive_upload_to(instance: "DataSource", filename: str) -> str:
    return f"{source_files_dir(instance.owner_id, instance.platform)}/archive.zip"


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    LINKEDIN = "linkedin", "LinkedIn"
    INSTAGRAM = "instagram", "Instagram"
    TWITTER = "twitter", "X / Twitter"
    WEIBO = "weibo", "Weibo"


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
    archive = models.FileField(upload_to=archive_upload_to, blank=True, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=300, blank=True)
    profile = models.JSONField(null=True, blank=True)
    # Once a job has analysed the source, what the models found in it; from texts_dropped_at
    # on, its texts and photos are gone (ingest.retention) and later jobs reuse this analysis.
    analysis = models.JSONField(null=True, blank=True)
    texts_dropped_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    parsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "platform"], name="one_source_per_platform")]
        ordering = ["platform"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} of {self.owner}"

    @property
    def files_dir(self) -> Path:
        """The folder holding this source's archive and any media kept for analysis."""
        return Path(settings.MEDIA_ROOT) / source_files_dir(self.owner_id, self.platform)

    def stored_bytes(self) -> int:
        """What this source keeps on disk now: its archive, if still kept, and its images."""
        if not self.files_dir.is_dir():
            return 0
        return sum(f.stat().st_size for f in self.files_dir.rglob("*") if f.is_file())

    def delete_files(self) -> None:
        """Remove everything this source stored on disk; the row is left to the caller."""
        shutil.rmtree(self.files_dir, ignore_errors=True)
