"""Reachability of the machine's real PostgreSQL, Redis and RabbitMQ servers.

Tests that need one call ``require(name)``: the test is skipped when the server is down,
unless ``REQUIRE_SERVICES=1`` (as in CI), where a missing server fails the run instead.
Run as ``python -m tests.services postgres`` it exits 0 when the server answers.
"""
import os
import socket
import sys

import pytest

ENDPOINTS = {"postgres": ("127.0.0.1", 5432), "redis": ("127.0.0.1", 6379), "rabbitmq": ("127.0.0.1", 5672)}
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/15"


def reachable(name: str) -> bool:
    host, port = ENDPOINTS[name]
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require(name: str) -> None:
    if reachable(name):
        return
    host, port = ENDPOINTS[name]
    message = f"{name} is not reachable at {host}:{port}"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message} and REQUIRE_SERVICES=1")
    pytest.skip(message)


if __name__ == "__main__":
    sys.exit(0 if reachable(sys.argv[1]) else 1)
