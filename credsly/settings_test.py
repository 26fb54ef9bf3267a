"""Test settings: the real settings with a throwaway key, plain HTTP and a fast hasher."""
import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
if "CREDSLY_VAR_DIR" not in os.environ:
    # A fresh private folder per test run (a worker started by a test is handed the same
    # one), made here because the SQLite test database below is opened in it before any
    # test runs: an earlier run's files and queued messages are never seen.
    os.environ["CREDSLY_VAR_DIR"] = tempfile.mkdtemp(prefix="credsly-test-")

from .settings import *  # noqa: E402,F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests serve static files from the finders and never collect them: with no STATIC_ROOT,
# WhiteNoise has no folder to look for (and warn about).
STATIC_ROOT = None
# A file, not SQLite's in-memory default, so a real Celery worker process started by a test
# (tests/pipeline/worker.py) shares the test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
