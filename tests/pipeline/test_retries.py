"""Every task of a job retries database errors for longer than a minute of outage."""
import pytest
from celery.utils.time import get_exponential_backoff_interval
from django.db import OperationalError

from credsly.celery import app

JOB_TASKS = [
    "scoring.tasks.parse_sources",
    "pipeline.tasks.parse_source",
    "scoring.tasks.plan_analysis",
    "pipeline.tasks.analyse_chunk",
    "scoring.tasks.finish_job",
]


def waits(task) -> list[int]:
    """The countdowns of every retry, as Celery's autoretry computes them for ``task``."""
    return [
        get_exponential_backoff_interval(task.retry_backoff, retries, task.retry_backoff_max, task.retry_jitter)
        for retries in range(task.max_retries)
    ]


@pytest.mark.parametrize("name", JOB_TASKS)
def test_database_retries_outlast_a_minute_of_outage(name):
    task = app.tasks[name]
    assert OperationalError in task.autoretry_for
    # No jitter: with it each wait could be anything from zero up, and the sum be seconds.
    assert not task.retry_jitter
    assert sum(waits(task)) > 60
    assert task.acks_late and task.reject_on_worker_lost


def test_a_replacement_pool_process_has_time_to_load_the_models():
    # Loading the models before reporting up takes tens of seconds on a busy host; Celery's
    # default of 4 s killed every replacement of a killed pool process.
    assert app.conf.worker_proc_alive_timeout >= 120
