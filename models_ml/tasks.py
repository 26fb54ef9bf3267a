"""The worker side of ``models_ml.analysis``: models loaded once per worker process, and the
analysis of one chunk of items, which the pipeline's chunk task calls.

The models are loaded once per worker process, right after the prefork pool forks it
(``worker_process_init``): an ONNX Runtime session created before the fork and shared by the
children hangs, and loading per task would cost more than most chunks take to analyse.
``analyse_items`` knows nothing of jobs or the database; what it returns is stored by the
pipeline (in the same task, so progress moves as each chunk finishes).
"""
import logging
import os
import time
from pathlib import Path

from celery.signals import worker_process_init

from models_ml import analysis, images, sentiment, tokens

logger = logging.getLogger(__name__)


@worker_process_init.connect
def load_models(**kwargs) -> None:
    started = time.perf_counter()
    images.init_worker()
    sentiment.init_worker()
    tokens.init_worker()  # jieba's dictionary, for the emotions and interests of Chinese texts
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


def analyse_items(
    kind: str, items: list[str], allow_phrases: list[str] | None = None, emotion_sources: list[str] | None = None
) -> dict:
    """Analyse one chunk: ``{"result": partial analysis, "items": n, "seconds": inference time}``.

    ``emotion_sources`` names the emotion lexicons (the pipeline passes the licensed ones)."""
    if kind == "images":
        data = [read_image(path) for path in items]
        started = time.perf_counter()
        result = analysis.analyse_image_chunk(data)
    elif kind in ("groups", "pages"):
        started = time.perf_counter()
        result = analysis.analyse_names_chunk(kind, items, allow_phrases=allow_phrases)
    elif kind in ("posts", "comments"):
        started = time.perf_counter()
        sources = {"emotion_sources": tuple(emotion_sources)} if emotion_sources else {}
        result = analysis.analyse_text_chunk(kind, items, allow_phrases=allow_phrases, **sources)
    else:
        raise ValueError(f"unknown chunk kind {kind!r}")
    return {"result": result, "items": len(items), "seconds": time.perf_counter() - started}
