"""AHP versions count the applicants rescored with them, as priority configuration versions do."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scoring', '0013_lawful_age'),
    ]

    operations = [
        migrations.AddField(
            model_name='ahpconfig',
            name='rescore_total',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='ahpconfig',
            name='rescored',
            field=models.PositiveIntegerField(default=0, editable=False, help_text='Applicants rescored with this version so far.'),
        ),
    ]
