"""A real Celery worker process for the pipeline tests, sharing the test's database.

Test modules import the fixtures ``redis_broker``, ``rabbitmq_broker`` and ``start_worker``
from here.

The worker is ``celery -A credsly worker`` in a subprocess, with the test's settings, its
media folder and its database (the test database's real name: a file for SQLite, test_<name>
for PostgreSQL), so the rows the test writes are the rows the worker reads. The test process's
own Celery app is pointed at the same broker while the worker runs.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from credsly.celery import app
from tests.services import require

BASE_DIR = Path(settings.BASE_DIR)

def database_url() -> str:
    """The URL of the database this test process is using right now (the test database)."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            raise RuntimeError("a worker process cannot share an in-memory SQLite database")
        return f"sqlite:///{name}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def reset_connections() -> None:
    """Forget the app's broker pools and result backend so new settings take effect.

    The pools are not closed: kombu keeps them in a global registry keyed by URL, and a
    closed one would be handed back the next time that URL is used.
    """
    app._pool = None
    app.amqp._producer_pool = None
    app._local.__dict__.pop("backend", None)


def result_backend_for(broker_url: str) -> str:
    """Redis keeps results itself; with RabbitMQ they go to the database (as the settings do)."""
    return "django-db" if broker_url.startswith("amqp") else broker_url


@contextmanager
def celery_app_using(broker_url: str | None) -> Iterator[None]:
    """Send this process's tasks to ``broker_url`` (None: the settings' own broker)."""
    names = ("broker_url", "result_backend", "broker_transport_options")
    saved = {name: app.conf[name] for name in names}
    if broker_url is not None:
        app.conf.update(broker_url=broker_url, result_backend=result_backend_for(broker_url),
                        broker_transport_options={})
    reset_connections()
    try:
        yield
    finally:
        app.conf.update(saved)
        reset_connections()


def celery_env(broker_url: str | None, extra: dict) -> dict:
    """The environment of a Celery process of the tests: their settings, database and media."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "credsly.settings_test",
        "DATABASE_URL": database_url(),
        "CREDSLY_VAR_DIR": str(settings.VAR_DIR),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    if broker_url is not None:
        env["CELERY_BROKER_URL"] = broker_url
    else:
        env.pop("CELERY_BROKER_URL", None)
    return env


class Worker:
    """One ``celery worker`` process (or, with ``beat``, the ``celery beat`` process that
    sends the periodic sweep); ``log`` is everything it printed."""

    def __init__(self, log_path: Path, *, broker_url: str | None, concurrency: int = 1, env: dict | None = None,
                 beat: bool = False):
        self.log_path = log_path
        self.broker_url = broker_url
        self.concurrency = concurrency
        self.extra_env = env or {}
        self.beat = beat
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        if self.beat:
            schedule = self.log_path.with_suffix(".schedule")
            return [sys.executable, "-m", "celery", "-A", "credsly", "beat", "--loglevel", "INFO",
                    "--schedule", str(schedule), "--pidfile", ""]
        return [
            sys.executable, "-m", "celery", "-A", "credsly", "worker",
            "--pool", "prefork", "--concurrency", str(self.concurrency), "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--hostname", f"pipeline-test-{os.getpid()}-{time.monotonic_ns()}@%h",
        ]

    def start(self, timeout: float = 180) -> Worker:
        env = celery_env(self.broker_url, self.extra_env)
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child writes to it; closed on stop
        self.process = subprocess.Popen(self.command(), cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        log.close()
        started = "beat: Starting" if self.beat else " ready."
        wait_for(lambda: started in self.log or self.process.poll() is not None, timeout, "the worker to start")
        if self.process.poll() is not None:
            raise RuntimeError(f"the worker exited at start-up:\n{self.log[-3000:]}")
        return self

    def wait_for_models(self, timeout: float = 180) -> None:
        """Wait until every pool process has loaded the models (they do so after "ready")."""
        wait_for(lambda: self.log.count("models loaded in process") >= self.concurrency, timeout,
                 "the pool processes to load the models")

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def pool_children(self) -> list[int]:
        """The pids of the prefork pool's child processes (the ones that run tasks)."""
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except FileNotFoundError:
            return []

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once, as a crashed host would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # Warm shutdown first; then make sure nothing of it is left (its own process group).
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)


def wait_for(condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


@pytest.fixture(scope="module")
def serialized_rollback_ready(django_db_setup, django_db_blocker):
    """Empty the test database once before a module of serialized-rollback tests.

    Those tests restore the rows of the data migrations (roles, scoring configurations) from
    a snapshot. A transactional test of another module that ran just before flushed the
    database and let post_migrate create content types and permissions again, which the
    snapshot would then insert a second time; flushing without post_migrate first avoids it.
    """
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)


@pytest.fixture(scope="module")
def redis_broker(tmp_path_factory):
    """A redis-server of this module's own (tests/pipeline/servers.py) as broker and result
    backend, for this process and its workers: concurrent test runs never share a queue."""
    from tests.pipeline.servers import RedisServer

    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    try:
        with celery_app_using(server.url):
            yield server.url
    finally:
        server.kill()


def rabbitmqctl(*args: str) -> None:
    # The machine's node accepts rabbitmqctl from whoever holds its Erlang cookie.
    env = {**os.environ, "HOME": os.environ.get("RABBITMQ_HOME", "/var/lib/rabbitmq")}
    subprocess.run(["rabbitmqctl", "--quiet", *args], env=env, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def rabbitmq_broker():
    """The machine's RabbitMQ (127.0.0.1:5672) as broker, in a virtual host of this module's
    own, deleted afterwards: concurrent test runs never share a queue."""
    require("rabbitmq")
    vhost = f"credsly-test-{os.getpid()}-{time.monotonic_ns()}"
    try:
        rabbitmqctl("add_vhost", vhost)
    except (OSError, subprocess.SubprocessError) as exc:
        message = f"rabbitmqctl could not add a virtual host: {exc}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    try:
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        url = f"amqp://guest:guest@127.0.0.1:5672/{vhost}"
        with celery_app_using(url):
            yield url
    finally:
        rabbitmqctl("delete_vhost", vhost)


@pytest.fixture(scope="module")
def start_worker(django_db_setup, tmp_path_factory):
    """Start real workers, kept for the module's tests: starting one (Django, NudeNet,
    SnowNLP) takes longer than most of these tests. Between tests a worker is idle while the
    test database is flushed; rows and ids never repeat, so nothing carries over."""
    workers: list[Worker] = []
    folder = tmp_path_factory.mktemp("workers")

    def start(broker_url: str | None, *, concurrency: int = 1, beat: bool = False, **env: object) -> Worker:
        worker = Worker(folder / f"worker-{len(workers)}.log", broker_url=broker_url, concurrency=concurrency,
                        env={k: str(v) for k, v in env.items()}, beat=beat)
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()
