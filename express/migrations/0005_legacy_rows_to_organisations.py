"""Imports and subjects from before organisations go to the organisation of the lender who
imported them (after lending/0002, the default organisation every lender then joined), so no
lender loses the records they imported. A subject goes with the import of its newest score;
one no lender's import explains stays without an organisation, seen by admins only."""
from django.db import migrations


def forwards(apps, schema_editor):
    ShipmentImport = apps.get_model("express", "ShipmentImport")
    ExpressSubject = apps.get_model("express", "ExpressSubject")
    ExpressScore = apps.get_model("express", "ExpressScore")
    Membership = apps.get_model("accounts", "Membership")
    organisation_of = dict(Membership.objects.values_list("user_id", "organisation_id"))
    for shipment_import in ShipmentImport.objects.filter(organisation__isnull=True, imported_by__isnull=False):
        shipment_import.organisation_id = organisation_of.get(shipment_import.imported_by_id)
        shipment_import.save(update_fields=["organisation"])
    for subject in ExpressSubject.objects.filter(organisation__isnull=True):
        newest = (ExpressScore.objects.filter(subject=subject, source_import__organisation__isnull=False)
                  .order_by("-created_at", "-pk").values_list("source_import__organisation", flat=True).first())
        if newest is not None:
            subject.organisation_id = newest
            subject.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("express", "0004_organisations_and_reveals"),
        ("lending", "0002_applications_from_consent_switch"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
