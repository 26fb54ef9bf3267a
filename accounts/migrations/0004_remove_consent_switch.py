from django.db import migrations


class Migration(migrations.Migration):
    """The one "share with lenders" switch goes once lending/0002 has turned every switch that
    was on into an application."""

    dependencies = [
        ("accounts", "0003_organisations"),
        ("lending", "0002_applications_from_consent_switch"),
    ]

    operations = [
        migrations.RemoveField(model_name="user", name="consent_changed_at"),
        migrations.RemoveField(model_name="user", name="shares_with_lenders"),
    ]
