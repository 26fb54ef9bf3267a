"""The pipeline's models, taken over from ``scoring`` with their tables and every row.

0001 records them in this app's state (the tables already exist under their old names) and
moves their content types, so permissions, admin log entries and history keep pointing at
the right model; 0002 renames the tables.
"""
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models



MOVED = ("scoringjob", "jobchunk", "profanityallowphrase", "historicalprofanityallowphrase")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="pipeline", model=model).exists():
            ContentType.objects.filter(app_label="scoring", model=model).update(app_label="pipeline")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('scoring', '0010_move_jobs_to_pipeline'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ProfanityAllowPhrase',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('phrase', models.CharField(help_text='Matched as whole words, in any case.', max_length=100, unique=True)),
                        ('reason', models.CharField(blank=True, help_text='Why this phrase is harmless.', max_length=200)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'scoring_profanityallowphrase',
                        'verbose_name': 'profanity allow-list phrase',
                        'ordering': ['phrase'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalProfanityAllowPhrase',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('phrase', models.CharField(db_index=True, help_text='Matched as whole words, in any case.', max_length=100)),
                        ('reason', models.CharField(blank=True, help_text='Why this phrase is harmless.', max_length=200)),
                        ('created_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'scoring_historicalprofanityallowphrase',
                        'verbose_name': 'historical profanity allow-list phrase',
                        'verbose_name_plural': 'historical profanity allow-list phrases',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ScoringJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('queued', 'Queued'), ('parsing', 'Parsing'), ('analysing', 'Analysing'), ('scoring', 'Scoring'), ('done', 'Done'), ('failed', 'Failed')], default='queued', max_length=16)),
                        ('chunks_done', models.PositiveIntegerField(default=0)),
                        ('chunks_total', models.PositiveIntegerField(default=0)),
                        ('error', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('stage_started_at', models.DateTimeField(blank=True, null=True)),
                        ('heartbeat_at', models.DateTimeField(blank=True, null=True)),
                        ('analysis', models.JSONField(blank=True, null=True)),
                        ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scoring_jobs', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'scoring_scoringjob',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='JobChunk',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('chunk_id', models.CharField(max_length=40)),
                        ('kind', models.CharField(max_length=16)),
                        ('result', models.JSONField()),
                        ('items', models.PositiveIntegerField(default=0)),
                        ('seconds', models.FloatField(default=0.0, help_text='Time spent in model inference.')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('job', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='chunks', to='pipeline.scoringjob')),
                    ],
                    options={
                        'db_table': 'scoring_jobchunk',
                        'ordering': ['chunk_id'],
                        'constraints': [models.UniqueConstraint(fields=('job', 'chunk_id'), name='one_row_per_job_chunk')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
