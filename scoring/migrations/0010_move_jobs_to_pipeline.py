"""The scoring job, its chunks and the profanity allow-list move to the ``pipeline`` app.

State only: the tables stay and keep every row; ``pipeline`` 0001 takes them over and 0002
renames them. The one database change here: a score no longer points at the job that
produced it (nothing read the link, and a scoring method has no business knowing about
jobs; the job keeps its own record of when it finished).
"""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('scoring', '0009_seed_profanity_allow_phrases'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='scoreresult',
            name='job',
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalprofanityallowphrase',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='jobchunk',
                    name='job',
                ),
                migrations.DeleteModel(
                    name='ProfanityAllowPhrase',
                ),
                migrations.RemoveField(
                    model_name='scoringjob',
                    name='owner',
                ),
                migrations.DeleteModel(
                    name='HistoricalProfanityAllowPhrase',
                ),
                migrations.DeleteModel(
                    name='JobChunk',
                ),
                migrations.DeleteModel(
                    name='ScoringJob',
                ),
            ],
            database_operations=[],
        ),
    ]
