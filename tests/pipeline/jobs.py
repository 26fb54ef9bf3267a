"""Helpers of the pipeline tests: upload, wait, check a finished job, see what was published."""
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from celery.signals import before_task_publish
from django.core.files import File

from ingest.models import DataSource
from ingest.services import source_store
from models_ml.analysis import analyse
from pipeline.models import JobChunk, ProfanityAllowPhrase, RetentionSetting, ScoringJob
from pipeline.services import emotion_sources
from scoring.models import ScoreResult

# Small chunks, so a small export still fans out into many chunks across the workers.
CHUNKS = {"PIPELINE_TEXT_CHUNK": 4, "PIPELINE_NAME_CHUNK": 3, "PIPELINE_IMAGE_CHUNK": 1}


def finished(job: ScoringJob) -> bool:
    job.refresh_from_db()
    return not job.is_active


def upload(owner, path: Path, platform: str = "facebook", *, keep_texts: bool = True) -> DataSource:
    """Store an export, which starts a job. Unless ``keep_texts`` is False, the admin setting
    keeps texts and photos after the job, so a test can compute the analysis again from them."""
    if keep_texts:
        RetentionSetting(keep_texts_and_photos=True).save()
    with path.open("rb") as handle:
        return source_store(owner=owner, platform=platform, uploaded_file=File(handle, name=path.name))


def latest_job(owner) -> ScoringJob:
    return ScoringJob.objects.filter(owner=owner).first()


def expected_analysis(owner) -> dict:
    """The same analysis computed in this process, in one piece, from the parsed sources."""
    sources = DataSource.objects.filter(owner=owner, status=DataSource.Status.PARSED)
    images = [
        (s.files_dir / "media" / m["stored"]).read_bytes()
        for s in sources for m in s.profile["media"] if m.get("kind") == "image" and m.get("stored")
    ]
    return analyse([s.profile for s in sources], images, allow_phrases=ProfanityAllowPhrase.phrases(),
                   emotion_sources=emotion_sources())


def _pieces(count: int, size: int) -> int:
    return -(-count // size)


def assert_completed_once_per_chunk(job: ScoringJob, chunks: dict = CHUNKS) -> None:
    """Done, every planned chunk (``chunks``: the worker's chunk sizes) stored exactly once,
    the merged analysis equal to the one computed in one piece here, and one score for the job."""
    assert job.state == "done", job.error
    profile = DataSource.objects.get(owner=job.owner).profile
    expected_chunks = (
        sum(_pieces(len(profile[kind]), chunks["PIPELINE_TEXT_CHUNK"]) for kind in ("posts", "comments"))
        + sum(_pieces(len(profile[kind]), chunks["PIPELINE_NAME_CHUNK"]) for kind in ("groups", "pages"))
        + _pieces(sum(1 for m in profile["media"] if m.get("stored")), chunks["PIPELINE_IMAGE_CHUNK"])
    )
    assert job.chunks_total == expected_chunks
    assert job.chunks_done == job.chunks_total == JobChunk.objects.filter(job=job).count()
    assert job.analysis == expected_analysis(job.owner)
    methods = ScoreResult.objects.filter(owner=job.owner, created_at__gte=job.created_at).values_list("method", flat=True)
    assert sorted(methods) == ["fuzzy", "priority"]


@contextmanager
def published_tasks() -> Iterator[list[tuple[str, tuple]]]:
    """What this process publishes meanwhile, as (task name, args), sent for real to kombu's
    in-memory transport (and so never to a worker)."""
    from credsly.celery import app
    from tests.pipeline.worker import reset_connections

    sent: list[tuple[str, tuple]] = []

    def record(sender: str, body: tuple, **kwargs) -> None:
        sent.append((sender, tuple(body[0])))

    saved = {name: app.conf[name] for name in ("broker_url", "broker_transport_options")}
    app.conf.update(broker_url="memory://", broker_transport_options={})
    reset_connections()
    before_task_publish.connect(record, weak=False)
    try:
        yield sent
    finally:
        before_task_publish.disconnect(record)
        app.conf.update(saved)
        reset_connections()
