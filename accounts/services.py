"""Writes to accounts: creating people with a role, organisations and their members,
confirming e-mail addresses, and pruning old login records."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from . import roles, verification
from .models import Membership, Organisation, User, membership_refusal


class MembershipRefused(ValueError):
    """Somebody who cannot join an organisation; the message is the sentence to show."""


@transaction.atomic
def user_create(*, username: str, password: str, role: str = roles.APPLICANT, email: str = "") -> User:
    if role not in roles.ALL_ROLES:
        raise ValueError(f"unknown role {role!r}")
    user = User.objects.create_user(username=username, password=password, email=email)
    user.groups.add(Group.objects.get(name=role))
    if role == roles.ADMIN:
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def organisation_save(*, slug: str, name: str = "") -> tuple[Organisation, bool]:
    """The organisation ``slug``, created with ``name`` or renamed to it; (organisation, created).

    Raises ``ValueError`` with a sentence for a slug that is not one or a new organisation
    without a name.
    """
    try:
        validate_slug(slug)
    except ValidationError:
        raise ValueError(f"{slug!r} is not a usable short name: use letters, digits, hyphens and underscores.") from None
    name = " ".join(name.split())
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        if not name:
            raise ValueError(f"There is no organisation {slug!r} yet: give its name to create it.")
        return Organisation.objects.create(slug=slug, name=name[:200]), True
    if name and name != organisation.name:
        organisation.name = name[:200]
        organisation.save(update_fields=["name"])
    return organisation, False


def member_add(*, organisation: Organisation, user: User) -> Membership:
    """Make the lender ``user`` a member of ``organisation`` (nothing changes when they are)."""
    refusal = membership_refusal(user, organisation)
    if refusal:
        raise MembershipRefused(refusal)
    membership, _ = Membership.objects.get_or_create(user=user, defaults={"organisation": organisation})
    return membership


def login_records_prune(*, older_than_days: int, now: datetime | None = None) -> int:
    """Delete django-axes' login records (logins, failed attempts, failure logs) older than
    ``older_than_days``; returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessLog, AccessAttempt, AccessFailureLog)
    )


def email_verification_send(*, user: User, link: Callable[[str, str], str]) -> None:
    """Mail ``user`` the link that confirms their address; ``link(uidb64, token)`` makes its URL."""
    url = link(*verification.link_parts(user))
    body = render_to_string("accounts/verify_email.txt", {"user": user, "url": url})
    send_mail("Confirm your e-mail address for CredSly", body, None, [user.email])


def email_verify(*, user: User) -> None:
    """Mark ``user``'s address confirmed (the first time only: the link is then spent)."""
    User.objects.filter(pk=user.pk, email_verified_at__isnull=True).update(email_verified_at=timezone.now())
    user.refresh_from_db(fields=["email_verified_at"])
