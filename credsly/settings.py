"""Settings for CredSly, read from the environment with embedded defaults.

The defaults run the app on one machine with nothing else installed (SQLite, a filesystem
Celery broker); production sets ``DEBUG=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``DATABASE_URL`` and ``CELERY_BROKER_URL``. No secret has a default outside ``DEBUG``.
One block per concern, each setting assigned once; importing this module creates no file
or folder (Celery's filesystem folders are made by ``credsly.celery`` when it configures).
"""
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_choice, env_float, env_int

# -- Where things are -------------------------------------------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
# `make setup` writes a git-ignored .env with a random SECRET_KEY so that operator commands
# (`.venv/bin/python manage.py ...`) work on a developer's machine; real environment
# variables always win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# Everything the app writes at run time: uploads, collected static files, Celery's files.
VAR_DIR = Path(env.str("CREDSLY_VAR_DIR", default=str(BASE_DIR / "var")))


# -- Mode and secret --------------------------------------------------------------------
def _secret_key(debug: bool) -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not debug:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    return "dev-only-insecure-key-never-used-in-production"  # noqa: S105 - DEBUG only


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key(DEBUG)

# -- The application --------------------------------------------------------------------
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
    "drf_spectacular_sidecar",
    "django_celery_results",
    "accounts",
    "ingest",
    "scoring",
    "pipeline",
    "express",
    "lending",
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
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# -- Database ---------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# -- People and logging in --------------------------------------------------------------
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
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_float("AXES_COOLOFF_HOURS", 1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Login records (successful logins, failed attempts: time, address, browser) are deleted
# after this many days by the beat task accounts.tasks.prune_login_records.
LOGIN_LOG_RETENTION_DAYS = env_int("LOGIN_LOG_RETENTION_DAYS", 30, minimum=1)

# -- E-mail (password resets, address confirmations) -----------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 (django-environ's form; the
# password only ever from the environment). Without it, development prints every mail on the
# console and production hands mail to the SMTP server on localhost.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ..., as django-environ documents
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CredSly <no-reply@localhost>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset or confirmation link works for a day

# -- HTTPS, hosts and cookies: production defaults, each relaxed only from the environment
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# -- Reverse proxies --------------------------------------------------------------------
# BEHIND_PROXY is how many reverse proxies stand between the clients and the app (0: none).
# Only then are X-Forwarded-Proto (was the request HTTPS?) and X-Forwarded-For (who is the
# client, for django-axes' lockouts) believed: without a proxy that overwrites them, any
# client could send them and pass for HTTPS or for somebody else's address.
BEHIND_PROXY = env_int("BEHIND_PROXY", 0)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # django-ipware counts the proxies listed in X-Forwarded-For: all but the nearest one,
    # which is REMOTE_ADDR. Not strict, so the client is read that many entries from the
    # right, where our proxies wrote; whatever a client put further left is ignored.
    AXES_IPWARE_PROXY_COUNT = BEHIND_PROXY - 1
    IPWARE_STRICT = False

# -- Static files and uploads -----------------------------------------------------------
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
# Django spools anything larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, so a
# large export never sits in memory; the limits below bound what we accept at all. The
# capped handler comes first: it stops reading a request once its file passes
# UPLOAD_MAX_BYTES, so no more than that is ever spooled.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "ingest.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 4 * 1024**3, minimum=1)
# What one applicant may keep with us across all their sources (archives and images).
UPLOAD_QUOTA_BYTES = env_int("UPLOAD_QUOTA_BYTES", 8 * 1024**3, minimum=1)
ARCHIVE_LIMITS = {
    "max_members": env_int("ARCHIVE_MAX_MEMBERS", 200_000, minimum=1),
    "max_member_bytes": env_int("ARCHIVE_MAX_MEMBER_BYTES", 1024**3, minimum=1),
    "max_total_bytes": env_int("ARCHIVE_MAX_TOTAL_BYTES", 8 * 1024**3, minimum=1),
    "max_ratio": env_float("ARCHIVE_MAX_RATIO", 200.0, minimum=1.0),
    # Members inflating to less than this are accepted whatever their ratio (harmless, and
    # a genuine export with one long field compresses very well).
    "ratio_min_bytes": env_int("ARCHIVE_RATIO_MIN_BYTES", 16 * 1024**2),
    "max_image_bytes": env_int("ARCHIVE_MAX_IMAGE_BYTES", 32 * 1024**2, minimum=1),
}
KEEP_RAW_ARCHIVES = env_bool("KEEP_RAW_ARCHIVES", False)
TWITTER_BEARER_TOKEN = env.str("TWITTER_BEARER_TOKEN", default="")

# -- Celery -----------------------------------------------------------------------------
# Without CELERY_BROKER_URL the broker is kombu's filesystem transport: a real worker
# process runs on a bare machine with no Redis. Tasks always go through a broker to a
# worker: there is no setting for eager execution.
CELERY_DIR = VAR_DIR / "celery"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 15 * 60, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 14 * 60, minimum=1)
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        # Broadcast (control) exchanges default to ./control, inside the checkout.
        "control_folder": str(CELERY_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=f"file://{CELERY_DIR / 'results'}")
elif CELERY_BROKER_URL.startswith(("amqp://", "amqps://", "pyamqp://")):
    # RabbitMQ keeps its durable queues and persistent messages across a restart and gives a
    # vanished worker's unacknowledged messages to another at once. Publisher confirms: a
    # publish returns once the broker has the message, so none is lost in a crash between.
    # Results go to the database (django-celery-results): the pipeline keeps none (the
    # database rows are its truth), so the few tasks that do need no second server.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"confirm_publish": True}
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="django-db")
else:
    # Redis: a message whose whole worker vanished (not just a pool process, whose task is
    # requeued at once) is delivered again after the visibility timeout: longer than any
    # task may run. The sweep publishes a stalled job's missing work again well before that.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT + 5 * 60, minimum=1),
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10, minimum=1),
        "unacked_restore_throttle": 1,
    }
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
# A worker keeps trying to reach a broker that went away (a restart) rather than exiting.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A pool process loads the models before it reports up (tens of seconds on a busy host);
# Celery's default of 4 s killed every replacement of a dead pool process before it was up,
# so a worker that lost a process never got it back.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = env_float("CELERY_WORKER_PROC_ALIVE_TIMEOUT", 180.0, minimum=1.0)
# models_ml is plain Python, not a Django app, so autodiscovery does not see its tasks.
CELERY_IMPORTS = ("models_ml.tasks",)

# -- The scoring pipeline (pipeline/services.py, pipeline/sweep.py) ---------------------
# Chunk sizes trade parallelism against per-task overhead. A job with no progress for
# PIPELINE_STALL_SECONDS (doubled after each resume) is resumed by the sweep: what it misses
# is published again; after PIPELINE_MAX_RESUMES resumes, or once older than
# PIPELINE_JOB_SECONDS, it is failed. A task delivered more than PIPELINE_MAX_DELIVERIES
# times (its input kills the worker) fails its job. A job failed by our infrastructure is
# scored again by the sweep, up to PIPELINE_AUTO_ATTEMPTS attempts in all.
PIPELINE_TEXT_CHUNK = env_int("PIPELINE_TEXT_CHUNK", 500, minimum=1)
PIPELINE_NAME_CHUNK = env_int("PIPELINE_NAME_CHUNK", 300, minimum=1)
PIPELINE_IMAGE_CHUNK = env_int("PIPELINE_IMAGE_CHUNK", 10, minimum=1)
PIPELINE_STALL_SECONDS = env_int("PIPELINE_STALL_SECONDS", 5 * 60, minimum=1)
PIPELINE_MAX_RESUMES = env_int("PIPELINE_MAX_RESUMES", 4)
PIPELINE_JOB_SECONDS = env_int("PIPELINE_JOB_SECONDS", 2 * 60 * 60, minimum=1)
PIPELINE_MAX_DELIVERIES = env_int("PIPELINE_MAX_DELIVERIES", 3, minimum=1)
PIPELINE_AUTO_ATTEMPTS = env_int("PIPELINE_AUTO_ATTEMPTS", 3, minimum=1)
PIPELINE_SWEEP_SECONDS = env_float("PIPELINE_SWEEP_SECONDS", 60.0, minimum=0.5)
# One chunk takes seconds; one that runs for minutes is stuck (a hung model session) and is
# stopped, failing its job with the reason, rather than holding a worker process for ever.
PIPELINE_CHUNK_TIME_LIMIT = env_int("PIPELINE_CHUNK_TIME_LIMIT", 5 * 60, minimum=1)
CELERY_TASK_ANNOTATIONS = {
    "pipeline.tasks.analyse_chunk": {
        "soft_time_limit": PIPELINE_CHUNK_TIME_LIMIT,
        "time_limit": PIPELINE_CHUNK_TIME_LIMIT + 30,
    },
}
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-scoring-jobs": {"task": "scoring.tasks.sweep_stale_jobs", "schedule": PIPELINE_SWEEP_SECONDS},
    "prune-login-records": {"task": "accounts.tasks.prune_login_records", "schedule": 3600.0},
}
# The NRC (English) and DUTIR (Chinese) emotion lexicons are free for research only: a
# lender may switch them on only where its use of them is licensed (README, "Emotions").
EMOTION_RESEARCH_LEXICONS = env_bool("EMOTION_RESEARCH_LEXICONS", False)

# -- Scoring ----------------------------------------------------------------------------
# How the audience counts of several platforms (friends, followers, connections) combine
# into one "connections" feature: mean (the seed's choice), sum or max.
SCORING_CONNECTIONS_COMBINE = env.str("SCORING_CONNECTIONS_COMBINE", default="mean")

# -- The REST API -----------------------------------------------------------------------
# Scoped rate limits (accounts/throttling.py): per user, or per client address for visitors
# (believed from X-Forwarded-For only behind BEHIND_PROXY proxies). API tokens expire after
# API_TOKEN_DAYS; the schema and its browsable documentation need a login.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 30, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dashboards.api.auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "NUM_PROXIES": BEHIND_PROXY,
    "DEFAULT_THROTTLE_RATES": {
        "uploads": env.str("RATE_UPLOADS", default="20/hour"),
        "handle": env.str("RATE_HANDLE", default="10/hour"),
        "token": env.str("RATE_TOKEN", default="10/minute"),
        "signup": env.str("RATE_SIGNUP", default="10/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CredSly API",
    "VERSION": "1.0.0",
    # A score's method and an application's methods are one choice set: one name in the schema.
    "ENUM_NAME_OVERRIDES": {"ScoringMethodEnum": "scoring.models.ScoreResult.Method"},
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from drf-spectacular-sidecar's vendored files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# The rate limits' counts: one cache for every web process in production (CACHE_URL, e.g.
# redis://127.0.0.1:6379/2); a process's own memory by default.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# -- Logging ----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
    "filters": {"hide_private_results": {"()": "credsly.logs.HidePrivateResults"}},
    "loggers": {
        # django-axes logs a start-up banner from every process, management commands included;
        # commands such as ingest_export promise exactly one line on stderr, so it is quiet.
        "axes.apps": {"level": "WARNING"},
        "celery.app.trace": {"filters": ["hide_private_results"]},
    },
}
