"""An applicant's consent to one lender, and the record of every time a lender opened their file.

``Application`` is the only thing that lets an organisation see an applicant: while it is
live (not withdrawn) the organisation's lenders read the scores of the methods it lists.
``FileAccess`` is written by every lender page and API call that shows an applicant's data,
so the applicant can see who looked, when, and through what.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import Organisation


class ApplicationQuerySet(models.QuerySet):
    def live(self) -> ApplicationQuerySet:
        return self.filter(withdrawn_at__isnull=True)

    def sharing(self, method: str) -> ApplicationQuerySet:
        """Applications that list ``method``. ``methods`` is a JSON list of plain names, so its
        text holds ``"name"`` with the quotes exactly when the list holds the name; SQLite has
        no JSON containment lookup, and this reads the same on every database."""
        return self.filter(methods__icontains=f'"{method}"')


class Application(models.Model):
    """An applicant applies to (shares with) one organisation, for one purpose.

    ``sources`` (platforms) and ``methods`` (scoring methods) record what was shared when the
    applicant applied; ``consent_version`` is the consent text they accepted
    (``lending.consent``) at ``consented_at``. Withdrawing sets ``withdrawn_at``: from then on
    the organisation reads nothing more of the applicant.
    """

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="applications")
    purpose = models.CharField(max_length=120, help_text="What the applicant applies for, e.g. personal loan.")
    sources = models.JSONField(default=list, blank=True, help_text="Platforms whose data the score was made from.")
    methods = models.JSONField(default=list, help_text="Scoring methods whose scores the organisation may read.")
    consent_version = models.CharField(max_length=32)
    consented_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-consented_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_live_application_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant} to {self.organisation} ({self.purpose})"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None


class FileAccess(models.Model):
    """One look at an applicant's data by a lender (or an admin, ``organisation`` None)."""

    class Channel(models.TextChoices):
        PAGE = "page", "Page"
        API = "api", "API"

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="file_accesses")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="file_accesses")
    # Who looked is the lender's own record; their leaving must not erase the applicant's log.
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    what = models.CharField(max_length=200, help_text="The page or API call, e.g. GET /api/applicants/12/.")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self) -> str:
        return f"{self.organisation or 'CredSly admin'} opened {self.applicant}'s file ({self.what})"
