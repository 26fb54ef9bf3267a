"""Load test of the pages people wait on, over loopback only, capped in requests and seconds.

    .venv/bin/python bench/load.py [--users 1 5 20 50] [--requests 200] [--seconds 15]
                                   [--applicants 100] [--workers 2] [--threads 4]

Builds a throw-away site (SQLite in a temporary folder, ``seed_demo`` applicants scored by
both methods, static files collected) and serves it with gunicorn on 127.0.0.1, as in
production (``DEBUG=0``). Then, for 1, 5, 20 and 50 concurrent users (threads, one request
at a time each, a new connection per request), it asks for:

- the baseline: the login page (no session, no query), the floor of the stack, measured in
  the same run;
- the lender's applicant list (``/lender/applicants/``, logged in as the demo lender);
- the applicant's page (``/me/``, as the demo applicant);
- the API's applicant list (``/api/applicants/``, the lender's token).

Each (page, users) step stops after ``--requests`` requests or ``--seconds`` seconds, which
ever comes first, and prints p50/p95/p99 latency, throughput and errors. Figures are
printed, never asserted: the machine is shared and they vary.
"""
from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only: this script never asks anything of another host


def site_env(var_dir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "credsly.settings",
        "CREDSLY_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'load.sqlite3'}",
        "SECRET_KEY": "bench-only-not-a-secret",
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL)


def build_site(env: dict, applicants: int) -> dict[str, dict[str, str]]:
    """Migrate, seed, collect static files; returns the request headers of each visitor."""
    manage(env, "migrate", "--no-input")
    manage({**env, "DEBUG": "1"}, "seed_demo", "--applicants", str(applicants))
    manage(env, "collectstatic", "--no-input")
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from rest_framework.authtoken.models import Token

    def session_of(username: str) -> str:
        user = get_user_model().objects.get(username=username)
        session = SessionStore()
        session.update({"_auth_user_id": str(user.pk), "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                        "_auth_user_hash": user.get_session_auth_hash()})
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    token = Token.objects.get_or_create(user=get_user_model().objects.get(username="lender"))[0]
    return {
        "lender": {"Cookie": session_of("lender")},
        "applicant": {"Cookie": session_of("applicant")},
        "api": {"Authorization": f"Token {token.key}"},
        "anonymous": {},
    }


PAGES = [
    ("baseline: login page", "/accounts/login/", "anonymous"),
    ("lender list", "/lender/applicants/", "lender"),
    ("applicant page", "/me/", "applicant"),
    ("API applicant list", "/api/applicants/", "api"),
]


@dataclass
class Step:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def get(port: int, path: str, headers: dict) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": HOST, **headers})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_step(port: int, path: str, headers: dict, users: int, max_requests: int, max_seconds: float) -> tuple[Step, float]:
    step = Step()
    issued = [0]
    deadline = time.monotonic() + max_seconds

    def user() -> None:
        while time.monotonic() < deadline:
            with step.lock:
                if issued[0] >= max_requests:
                    return
                issued[0] += 1
            started = time.perf_counter()
            try:
                ok = get(port, path, headers) == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with step.lock:
                step.latencies.append(elapsed)
                step.errors += not ok

    began = time.perf_counter()
    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return step, time.perf_counter() - began


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def serve(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "credsly.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers),
               "--threads", str(threads), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(port, "/accounts/login/", {})
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer within 60 s")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 5, 20, 50])
    parser.add_argument("--requests", type=int, default=200, help="at most this many requests per page and level")
    parser.add_argument("--seconds", type=float, default=15.0, help="at most this long per page and level")
    parser.add_argument("--applicants", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="credsly-load-"))
    env = site_env(var_dir)
    server = None
    try:
        visitors = build_site(env, args.applicants)
        port = free_port()
        server = serve(env, port, args.workers, args.threads)
        print(f"gunicorn {args.workers} workers x {args.threads} threads on {HOST}:{port}; {args.applicants + 1} "
              f"applicants; each step capped at {args.requests} requests or {args.seconds:g} s")
        print(f"{'page':<24} {'users':>5} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7}")
        for name, path, visitor in PAGES:
            for users in args.users:
                step, seconds = run_step(port, path, visitors[visitor], users, args.requests, args.seconds)
                ms = [v * 1000 for v in step.latencies]
                print(f"{name:<24} {users:>5} {len(ms):>8} {step.errors:>6} {percentile(ms, 0.50):>8.1f} "
                      f"{percentile(ms, 0.95):>8.1f} {percentile(ms, 0.99):>8.1f} {len(ms) / seconds:>7.1f}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
