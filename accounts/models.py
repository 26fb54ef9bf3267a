from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from . import roles


class User(AbstractUser):
    """A person using CredSly: an applicant, a lender or an admin (see ``accounts.roles``).

    What an applicant shares, and with whom, is not on the user: each ``lending.Application``
    is their consent to one organisation, given and withdrawn one by one. An applicant
    confirms their e-mail address (``email_verified_at``) before their first application.
    """

    email_verified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the user followed the confirmation link sent to their e-mail address."
    )

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

    @property
    def email_verified(self) -> bool:
        return bool(self.email) and self.email_verified_at is not None

    @property
    def organisation(self) -> Organisation | None:
        """The organisation a lender works for; None for everyone else."""
        membership = getattr(self, "membership", None)
        return membership.organisation if membership is not None else None


class Organisation(models.Model):
    """A lender: a bank or credit company whose staff (lenders) read only the applications
    made to it. Admins create organisations and add members (``create_organisation``)."""

    slug = models.SlugField(max_length=50, unique=True, help_text="Short name used in the API, e.g. north-bank.")
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def membership_refusal(user: User, organisation: Organisation) -> str | None:
    """Why ``user`` cannot join ``organisation``, in a sentence; None when they can.

    Only lenders join, and each lender works for one organisation: a second membership
    would let one person read two lenders' applications.
    """
    if not user.is_lender:
        return f"{user.username} is not a lender: only lenders can be members of an organisation."
    current = Membership.objects.filter(user=user).exclude(organisation=organisation).select_related("organisation").first()
    if current is not None:
        return (
            f"{user.username} already belongs to {current.organisation.name}: a lender is a member of one "
            "organisation (remove that membership first)."
        )
    return None


class Membership(models.Model):
    """A lender's place in their one organisation."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} at {self.organisation}"

    def clean(self) -> None:
        if self.user_id and self.organisation_id:
            refusal = membership_refusal(self.user, self.organisation)
            if refusal:
                raise ValidationError({"user": refusal})
