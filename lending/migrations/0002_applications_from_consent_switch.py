"""From the one "share with lenders" switch to applications, losing nothing a lender sees.

Before organisations every lender saw every applicant whose switch was on. So, when there is
anyone to carry over, every lender becomes a member of one default organisation, and every
applicant whose switch was on gets a live application to it, dated when they turned the
switch on and sharing every score (as the switch did). README, "Organisations", says how to
split the default organisation afterwards.
"""
from django.db import migrations
from django.utils import timezone

DEFAULT_SLUG = "default"
DEFAULT_NAME = "Lenders before organisations"
PURPOSE = "shared with all lenders (before organisations)"
SWITCH_VERSION = "single-switch"  # lending.consent.SWITCH_VERSION, frozen here as migrations must be
METHODS = ["priority", "fuzzy", "express"]


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Organisation = apps.get_model("accounts", "Organisation")
    Membership = apps.get_model("accounts", "Membership")
    Application = apps.get_model("lending", "Application")
    DataSource = apps.get_model("ingest", "DataSource")

    lenders = User.objects.filter(groups__name="lender").exclude(membership__isnull=False).distinct()
    sharers = User.objects.filter(groups__name="applicant", shares_with_lenders=True).distinct()
    if not lenders.exists() and not sharers.exists():
        return
    organisation, _ = Organisation.objects.get_or_create(slug=DEFAULT_SLUG, defaults={"name": DEFAULT_NAME})
    # Run again after going back, it must not apply twice for the same person.
    sharers = sharers.exclude(applications__organisation=organisation, applications__withdrawn_at__isnull=True)
    Membership.objects.bulk_create([Membership(user=lender, organisation=organisation) for lender in lenders])
    Application.objects.bulk_create(
        [
            Application(
                applicant=user,
                organisation=organisation,
                purpose=PURPOSE,
                sources=sorted(DataSource.objects.filter(owner=user, status="parsed").values_list("platform", flat=True)),
                methods=METHODS,
                consent_version=SWITCH_VERSION,
                consented_at=user.consent_changed_at or user.date_joined or timezone.now(),
            )
            for user in sharers
        ]
    )


def backwards(apps, schema_editor):
    """Turn the switch back on for everyone with a live application to any organisation."""
    User = apps.get_model("accounts", "User")
    Application = apps.get_model("lending", "Application")
    for application in Application.objects.filter(withdrawn_at__isnull=True).order_by("consented_at"):
        User.objects.filter(pk=application.applicant_id).update(
            shares_with_lenders=True, consent_changed_at=application.consented_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lending", "0001_initial"),
        ("accounts", "0003_organisations"),
        ("ingest", "0002_datasource_weibo"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
