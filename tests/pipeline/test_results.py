"""After a real job on the file result backend of `make run`: Celery's results and the
worker's log hold no personal data (no flagged group or page name, no post's text), so
"delete all my data" has nothing to chase there; and the source's texts and photos are gone,
its analysis kept."""
from pathlib import Path

import pytest
from django.conf import settings

from ingest.models import DataSource
from tests.pipeline.jobs import CHUNKS, finished, latest_job, upload
from tests.pipeline.worker import celery_app_using, serialized_rollback_ready, start_worker, wait_for  # noqa: F401 - fixtures
from tests.scoring.exports import texts, write_facebook

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_rollback_ready"),
    pytest.mark.worker,
]


def test_no_result_file_holds_what_the_applicant_gave(alice, start_worker, tmp_path):  # noqa: F811
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        pytest.skip("CELERY_BROKER_URL is set: the file result backend is not the default here")
    with celery_app_using(None):
        worker = start_worker(None, concurrency=2, **CHUNKS)
        upload(alice, write_facebook(tmp_path / "fb.zip", posts=6, comments=3, names=20, photos=1), keep_texts=False)
        job = latest_job(alice)
        wait_for(lambda: finished(job), 300, "the job to finish")
    assert job.state == "done", job.error
    flagged = job.analysis["profanity"]["groups"] + job.analysis["profanity"]["pages"]
    posts = texts(6, 1)  # the posts write_facebook wrote
    assert flagged and posts  # there is something to look for
    results = Path(settings.CELERY_RESULT_BACKEND.removeprefix("file://"))
    stored = [path.read_text(errors="ignore") for path in results.rglob("*") if path.is_file()]
    assert stored  # the backend was used: record_chunk's and the chords' results are there
    leaked = [value for value in flagged + posts if any(value in text for text in stored)]
    assert leaked == []
    assert "models_ml.tasks.analyse_chunk" in worker.log  # its lines are there, without the values
    assert [name for name in flagged if name in worker.log] == []
    source = DataSource.objects.get(owner=alice)
    assert source.texts_dropped_at is not None and source.analysis == job.analysis
    assert not any(post in str(source.profile) for post in posts) and not source.files_dir.exists()
