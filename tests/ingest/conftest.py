"""Fixtures of the ingest tests: a folder for generated exports, eager Celery tasks."""
from pathlib import Path

import pytest

from credsly.celery import app as celery_app


@pytest.fixture
def eager_tasks():
    """Run ``.delay()`` in-process, as a worker would, for the length of one test."""
    previous = celery_app.conf.task_always_eager
    backend = str(celery_app.conf.result_backend or "")
    if backend.startswith("file://"):
        # The file-system result backend insists that its folder exists, even for eager tasks.
        Path(backend.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def media_root(settings, tmp_path):
    """Each test stores its sources under its own MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
