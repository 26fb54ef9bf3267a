from pathlib import Path

import pytest
from django.conf import settings

from credsly.celery import app


@pytest.fixture
def eager_celery():
    """Run tasks in this process when they are sent: the real task code, no worker. The
    filesystem result backend (which records a task's progress) needs its folder to exist."""
    for folder in ("queue", "processed", "results"):
        Path(settings.CELERY_DIR, folder).mkdir(parents=True, exist_ok=True)
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield app
    app.conf.update(task_always_eager=False, task_eager_propagates=False)
