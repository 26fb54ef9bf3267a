"""Writes of the lending room: applying, withdrawing, and logging who opened a file."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Organisation, User
from scoring.methods import METHODS

from . import consent
from .models import Application, FileAccess


class ApplicationRefused(ValueError):
    """An application that cannot be made; the message is the sentence to show."""


EMAIL_UNCONFIRMED = (
    "Confirm your e-mail address before your first application: open the link we sent you, "
    "or ask for a new one on your page."
)


def social_methods() -> list[str]:
    """The methods shared unless the applicant picks: those scoring the data they gave us.
    An express-delivery score comes from a lender's records and is shared only when chosen."""
    return [name for name, method in METHODS.items() if method.score_profiles is not None]


def application_create(
    *, applicant: User, organisation: Organisation, purpose: str, methods: Iterable[str] | None = None
) -> Application:
    """``applicant`` applies to ``organisation``: from now on its lenders read the scores of
    ``methods`` (the social methods by default). Raises ``ApplicationRefused``."""
    if not applicant.is_applicant:
        raise ApplicationRefused("Only applicants apply to lenders.")
    if not applicant.email_verified:
        raise ApplicationRefused(EMAIL_UNCONFIRMED)
    try:
        purpose = consent.clean_purpose(purpose)
        methods = consent.clean_methods(methods, known=METHODS, default=social_methods())
    except ValueError as exc:
        raise ApplicationRefused(str(exc)) from None
    refusal = f"You already share with {organisation.name}; withdraw that first to apply again."
    if Application.objects.live().filter(applicant=applicant, organisation=organisation).exists():
        raise ApplicationRefused(refusal)
    try:
        with transaction.atomic():
            return Application.objects.create(
                applicant=applicant,
                organisation=organisation,
                purpose=purpose,
                sources=sorted(applicant.sources.filter(status="parsed").values_list("platform", flat=True)),
                methods=methods,
                consent_version=consent.CONSENT_VERSION,
                consented_at=timezone.now(),
            )
    except IntegrityError:  # the same application sent twice at once: the constraint kept one
        raise ApplicationRefused(refusal) from None


def application_withdraw(*, application: Application) -> Application:
    """Withdraw: the organisation reads nothing of the applicant from now on. Withdrawing a
    withdrawn application changes nothing (and keeps the first time)."""
    Application.objects.filter(pk=application.pk, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    application.refresh_from_db(fields=["withdrawn_at"])
    return application


def applications_withdraw_all(*, applicant: User) -> int:
    return Application.objects.live().filter(applicant=applicant).update(withdrawn_at=timezone.now())


def access_record(*, viewer: User, applicant_ids: Iterable[int], channel: str, what: str) -> None:
    """Log that ``viewer`` was shown the files of ``applicant_ids``, through ``what``.

    Admins are logged with no organisation (the applicant sees "CredSly administrator");
    nothing is logged when people look at their own file.
    """
    organisation = viewer.organisation
    rows = [
        FileAccess(applicant_id=pk, organisation=organisation, viewer=viewer, channel=channel, what=what[:200])
        for pk in dict.fromkeys(applicant_ids)
        if pk != viewer.pk
    ]
    FileAccess.objects.bulk_create(rows, batch_size=1000)
