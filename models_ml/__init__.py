"""Plain-Python wrappers around the analysis models: no Django here, so they can be
benchmarked and reused; Celery tasks are thin shells around them."""
