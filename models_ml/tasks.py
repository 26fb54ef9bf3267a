"""Celery shells around ``models_ml.analysis``: one task analyses one chunk.

The models are loaded once per worker process, right after the prefork pool forks it
(``worker_process_init``): an ONNX Runtime session created before the fork and shared by the
children hangs, and loading per task would cost more than most chunks take to analyse.
The task knows nothing of jobs or the database; what it returns is stored by the pipeline.
"""
import logging
import os
import time
from pathlib import Path

from celery import shared_task
from celery.signals import worker_process_init

from models_ml import analysis, images, sentiment

logger = logging.getLogger(__name__)


@worker_process_init.connect
def load_models(**kwargs) -> None:
    started = time.perf_counter()
    images.init_worker()
    sentiment.init_worker()
    # The profanity matcher builds its index of the word list on first use (seconds): do
    # it now, through the same calls the chunks make, rather than in the first chunk.
    analysis.analyse_text_chunk("posts", ["warm up"])
    analysis.analyse_names_chunk("groups", ["warm up"])
    # Operators (and bench/) read this line to know a process is ready to analyse.
    logger.info("models loaded in process %s in %.1fs", os.getpid(), time.perf_counter() - started)


def read_image(path: str) -> bytes:
    """The bytes of one stored image; a missing file reads as empty, which the image model
    counts as skipped (a lost file is not worth failing a whole score for)."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        return b""


# OSError other than a missing file (a busy disk, a network mount) is worth retrying.
# The result (flagged group and page names among it) goes to the next task of the chain in
# its message and is stored nowhere else: ignore_result keeps it out of the result backend,
# where it would outlive the applicant's "delete all my data". A failure is still stored, so
# the job's errback can say what went wrong.
@shared_task(
    name="models_ml.tasks.analyse_chunk",
    autoretry_for=(OSError, MemoryError),
    retry_backoff=1,
    retry_backoff_max=30,
    max_retries=3,
    ignore_result=True,
    store_errors_even_if_ignored=True,
)
def analyse_chunk(kind: str, items: list[str], allow_phrases: list[str] | None = None) -> dict:
    """Analyse one chunk: ``{"result": partial analysis, "items": n, "seconds": inference time}``."""
    if kind == "images":
        data = [read_image(path) for path in items]
        started = time.perf_counter()
        result = analysis.analyse_image_chunk(data)
    elif kind in ("groups", "pages"):
        started = time.perf_counter()
        result = analysis.analyse_names_chunk(kind, items, allow_phrases=allow_phrases)
    elif kind in ("posts", "comments"):
        started = time.perf_counter()
        result = analysis.analyse_text_chunk(kind, items, allow_phrases=allow_phrases)
    else:
        raise ValueError(f"unknown chunk kind {kind!r}")
    return {"result": result, "items": len(items), "seconds": time.perf_counter() - started}
