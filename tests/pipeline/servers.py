"""Private servers for the fault tests: Redis, RabbitMQ and PostgreSQL, each started on a
free port with its files in a temporary folder, so a test may kill, stop and restart it.
The machine's own servers (6379, 5672, 5432) are never touched.

Each server runs in its own process group (``start_new_session``), so ``kill()`` SIGKILLs
exactly the processes this module started. PostgreSQL refuses to run as root: it runs as
the ``postgres`` user, in a folder that user owns.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.pipeline.worker import wait_for

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
RABBITMQ_SERVER = Path("/usr/lib/rabbitmq/bin/rabbitmq-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def require_program(path: str) -> None:
    """Skip the test when a server's program is not installed (fail under REQUIRE_SERVICES=1)."""
    if shutil.which(path):
        return
    message = f"{path} is not installed: the fault test cannot start its own server"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)


class Server:
    """A server process of ours; subclasses say how to start it and when it is ready."""

    name = "server"
    program = ""

    def __init__(self, folder: Path):
        require_program(self.program)
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log_path = folder / f"{self.name}.log"

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict:
        return dict(os.environ)

    def ready(self) -> bool:
        return answers(self.port)

    def start(self, timeout: float = 90) -> Server:
        log = open(self.log_path, "ab")  # noqa: SIM115 - the server writes to it
        self.process = subprocess.Popen(self.command(), env=self.env(), stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True, cwd=self.folder)
        log.close()
        wait_for(lambda: self.ready() or self.process.poll() is not None, timeout, f"{self.name} to start")
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited at start-up:\n{self.log_path.read_text(errors='replace')[-3000:]}")
        return self

    def kill(self) -> None:
        """SIGKILL the server and everything it started, as a crash would."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        wait_for(lambda: not answers(self.port), 30, f"{self.name} to go away")

    def stop(self) -> None:
        self.kill()


class RedisServer(Server):
    """redis-server without persistence: a restart loses every queued message."""

    name = "redis"
    program = "redis-server"

    def command(self) -> list[str]:
        return [self.program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", str(self.folder)]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


class RabbitServer(Server):
    """A RabbitMQ node of its own (name, ports, cookie, database folder); a restart keeps its
    durable queues and persistent messages, as the machine's node would."""

    name = "rabbitmq"
    program = str(RABBITMQ_SERVER)

    def __init__(self, folder: Path):
        super().__init__(folder)
        self.node = f"credsly-test-{self.port}@localhost"
        (folder / "enabled_plugins").write_text("[].\n")

    def command(self) -> list[str]:
        return [self.program]

    def env(self) -> dict:
        return {
            **os.environ,
            "HOME": str(self.folder),  # its own Erlang cookie
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(free_port()),
            "RABBITMQ_MNESIA_BASE": str(self.folder / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.folder / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.folder / "enabled_plugins"),
            "RABBITMQ_CONFIG_FILE": str(self.folder / "rabbitmq"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": str(self.folder / "advanced.config"),
        }

    def ready(self) -> bool:
        from kombu import Connection

        if not answers(self.port):
            return False
        try:
            with Connection(self.url, connect_timeout=2) as connection:
                connection.ensure_connection(max_retries=1)
            return True
        except Exception:  # noqa: BLE001 - not up yet, whatever the reason
            return False

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}//"


class PostgresServer(Server):
    """A PostgreSQL cluster in a folder of its own, trust authentication, run as postgres."""

    name = "postgres"
    program = str(POSTGRES_BIN / "postgres")

    def __init__(self, folder: Path):
        super().__init__(folder)
        self.data = folder / "data"
        shutil.chown(folder, "postgres")
        self._as_postgres([str(POSTGRES_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                           "--no-sync"])

    @staticmethod
    def _as_postgres(command: list[str]) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True)

    def command(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--", self.program, "-D", str(self.data),
                "-p", str(self.port), "-k", str(self.folder), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]

    def ready(self) -> bool:
        # The port answers while the server is still starting up and refusing logins.
        import psycopg

        try:
            psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", connect_timeout=2).close()
            return True
        except psycopg.OperationalError:
            return False

    def stop(self) -> None:
        """A fast shutdown (SIGINT to the postmaster): every connection is cut, as in a restart."""
        if self.process is None or self.process.poll() is not None:
            return
        self._as_postgres([str(POSTGRES_BIN / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w"])
        self.process.wait(timeout=30)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def restart(server: Server, down_for: float) -> float:
    """Stop ``server``, keep it down ``down_for`` seconds, start it again; returns the time
    it was unreachable."""
    started = time.monotonic()
    server.stop()
    time.sleep(down_for)
    server.start()
    return time.monotonic() - started
