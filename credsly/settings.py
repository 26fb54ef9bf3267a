"""Settings for CredSly, read from the environment with embedded defaults.

The defaults run the app on one machine with nothing else installed (SQLite, a filesystem
Celery broker); production sets ``DEBUG=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``DATABASE_URL`` and ``CELERY_BROKER_URL``. No secret has a default outside ``DEBUG``.
"""
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# `make setup` writes a git-ignored .env with a random SECRET_KEY so that operator commands
# (`.venv/bin/python manage.py ...`) work on a developer's machine; real environment
# variables always win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("CREDSLY_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105 - DEBUG only
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "accounts",
    "ingest",
    "scoring",
    "pipeline",
    "express",
    "dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes documents that its middleware goes last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "credsly.urls"
WSGI_APPLICATION = "credsly.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out login is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Failed-login throttling: lock a username+address pair after a few failures, for a while.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads. Django spools anything larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file,
# so a large export never sits in memory; these limits bound what we accept at all.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=4 * 1024**3)
ARCHIVE_LIMITS = {
    "max_members": env.int("ARCHIVE_MAX_MEMBERS", default=200_000),
    "max_member_bytes": env.int("ARCHIVE_MAX_MEMBER_BYTES", default=1024**3),
    "max_total_bytes": env.int("ARCHIVE_MAX_TOTAL_BYTES", default=8 * 1024**3),
    "max_ratio": env.float("ARCHIVE_MAX_RATIO", default=200.0),
}
KEEP_RAW_ARCHIVES = env.bool("KEEP_RAW_ARCHIVES", default=False)

TWITTER_BEARER_TOKEN = env.str("TWITTER_BEARER_TOKEN", default="")

# Celery. Without CELERY_BROKER_URL the broker is kombu's filesystem transport: a real
# worker process runs on a bare machine with no Redis.
CELERY_DIR = VAR_DIR / "celery"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        # Broadcast (control) exchanges default to ./control, inside the checkout.
        "control_folder": str(CELERY_DIR / "control"),
        "store_processed": False,
    }
    _default_backend = f"file://{CELERY_DIR / 'results'}"
    # The filesystem transport and result backend need their folders to exist before a
    # worker or a producer starts.
    for _folder in ("queue", "processed", "results", "control"):
        (CELERY_DIR / _folder).mkdir(parents=True, exist_ok=True)
else:
    _default_backend = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_default_backend)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=14 * 60)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {"TITLE": "CredSly API", "VERSION": "1.0.0"}

# Security: production defaults; every one of them can be relaxed only from the environment.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# The scoring pipeline (pipeline/services.py). Chunk sizes trade parallelism against per-task
# overhead; a job with no progress for PIPELINE_STALL_SECONDS, or older than
# PIPELINE_JOB_SECONDS, is failed by the sweep (beat every 5 minutes, `manage.py sweep_jobs`).
PIPELINE_TEXT_CHUNK = env.int("PIPELINE_TEXT_CHUNK", default=500)
PIPELINE_NAME_CHUNK = env.int("PIPELINE_NAME_CHUNK", default=300)
PIPELINE_IMAGE_CHUNK = env.int("PIPELINE_IMAGE_CHUNK", default=10)
PIPELINE_STALL_SECONDS = env.int("PIPELINE_STALL_SECONDS", default=CELERY_TASK_TIME_LIMIT + 5 * 60)
PIPELINE_JOB_SECONDS = env.int("PIPELINE_JOB_SECONDS", default=2 * 60 * 60)
# One chunk takes seconds; one that runs for minutes is stuck (a hung model session) and is
# stopped, failing its job with the reason, rather than holding a worker process for ever.
PIPELINE_CHUNK_TIME_LIMIT = env.int("PIPELINE_CHUNK_TIME_LIMIT", default=5 * 60)
CELERY_TASK_ANNOTATIONS = {
    "models_ml.tasks.analyse_chunk": {
        "soft_time_limit": PIPELINE_CHUNK_TIME_LIMIT,
        "time_limit": PIPELINE_CHUNK_TIME_LIMIT + 30,
    },
}
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-scoring-jobs": {"task": "scoring.tasks.sweep_stale_jobs", "schedule": 300.0},
}
# models_ml is plain Python, not a Django app, so autodiscovery does not see its tasks.
CELERY_IMPORTS = ("models_ml.tasks",)
# django-axes logs a start-up banner from every process, management commands included;
# commands such as ingest_export promise exactly one line on stderr, so the banner is quiet.
LOGGING.setdefault("loggers", {})["axes.apps"] = {"level": "WARNING"}
# With Redis, a message whose whole worker vanished (not just a pool process, whose task is
# requeued at once) is delivered again after the visibility timeout: longer than any task
# may run, short enough that a crashed host's jobs resume within minutes.
if not CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 5 * 60),
        "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
        "unacked_restore_throttle": 1,
    }

# Scoring: how the audience counts of several platforms (friends, followers, connections)
# combine into one "connections" feature: mean (the seed's choice), sum or max.
SCORING_CONNECTIONS_COMBINE = env.str("SCORING_CONNECTIONS_COMBINE", default="mean")
