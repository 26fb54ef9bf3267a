"""Fixtures of the pipeline tests that run a real Celery worker (see worker.py)."""
import pytest

from tests.scoring.worker import Worker, celery_app_using
from tests.services import require

# A Redis database of the pipeline tests' own, flushed before each test that uses it.
REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_broker():
    require("redis")
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    with celery_app_using(REDIS_URL):
        yield REDIS_URL
    client.flushdb()
    client.close()


@pytest.fixture
def start_worker(transactional_db, tmp_path):
    """Start real workers; they are stopped before the test database is flushed."""
    workers: list[Worker] = []

    def start(broker_url, *, concurrency: int = 1, **env: str) -> Worker:
        worker = Worker(tmp_path / f"worker-{len(workers)}.log", broker_url=broker_url, concurrency=concurrency,
                        env={k: str(v) for k, v in env.items()})
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()
