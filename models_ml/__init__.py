"""Plain-Python wrappers around the analysis models: no Django here, so they can be
benchmarked and reused; Celery tasks are thin shells around them."""


def init_worker() -> None:
    """Load every model in this process now: call it in each worker process after the fork
    (Celery's ``worker_process_init``), so no task pays for loading and no ONNX session is
    shared across a fork."""
    from . import emotion_lexicon, images, interests, profanity, sentiment, tokens

    sentiment.init_worker()
    images.init_worker()
    profanity.ProfanityMatcher()
    tokens.init_worker()
    emotion_lexicon.lexicon()
    interests.topics_of("warm up")
