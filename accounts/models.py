from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from . import roles


class User(AbstractUser):
    """A person using CredSly: an applicant, a lender or an admin (see ``accounts.roles``).

    Consent to share scores with lenders lives on the user because it is the applicant's
    own decision about all of their scores, and it can be withdrawn at any time.
    """

    shares_with_lenders = models.BooleanField(
        default=False,
        help_text="The applicant lets lenders see their scores, reasons and sources.",
    )
    consent_changed_at = models.DateTimeField(null=True, blank=True)

    def has_role(self, *wanted: str) -> bool:
        """Whether the user holds any of the roles ``wanted``; a superuser is an admin."""
        if roles.ADMIN in wanted and self.is_superuser:
            return True
        return self.groups.filter(name__in=wanted).exists()

    @property
    def is_applicant(self) -> bool:
        return self.has_role(roles.APPLICANT)

    @property
    def is_lender(self) -> bool:
        return self.has_role(roles.LENDER)

    @property
    def is_admin(self) -> bool:
        return self.has_role(roles.ADMIN)

    @property
    def reads_applicants(self) -> bool:
        return self.has_role(*roles.READERS)

    def set_consent(self, shares: bool) -> None:
        self.shares_with_lenders = shares
        self.consent_changed_at = timezone.now()
        self.save(update_fields=["shares_with_lenders", "consent_changed_at"])
