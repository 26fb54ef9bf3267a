"""Writes the dashboards make: erasing an applicant's data, or their whole account.

Every link from any model to the user model is listed below under what erasure does with it;
``tests/dashboards/test_erasure.py`` lists every such link in the running project and fails
on one that is not here, so a new table of personal data cannot be left behind unnoticed.
Stores that are not rows linked to the user are handled by name: files on disk (the source
folders), django-axes' login records (by username), sessions and admin log entries about the
account. Celery's result backend holds no personal data to erase: the analysis task stores no
result (``models_ml.tasks``).
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from ingest.models import Platform, source_files_dir
from lending.services import applications_withdraw_all

# Rows that are the applicant's data: deleted by "delete all my data" and with the account.
# (A job's chunks and analysis go with the job.)
DATA = "data"
# Somebody else's record about the person (a lender's express-delivery subject): the link
# to the account is cut, so nothing of it is shown or re-scored for the account again.
LINK = "link"
# The account itself (its token, a lender's membership, roles, what the user did in admin):
# kept by "delete all my data", gone with the account.
ACCOUNT = "account"
# Who did something (an admin who published a configuration, a lender who imported records
# or opened a file): not data about an applicant; set to nothing when that user's account goes.
ACTOR = "actor"

LINKS: dict[tuple[str, str], str] = {
    ("ingest.DataSource", "owner"): DATA,
    ("pipeline.ScoringJob", "owner"): DATA,
    ("scoring.ScoreResult", "owner"): DATA,
    ("scoring.FeatureVector", "owner"): DATA,
    ("lending.Application", "applicant"): DATA,
    ("lending.FileAccess", "applicant"): DATA,
    ("express.ExpressSubject", "user"): LINK,
    ("accounts.Membership", "user"): ACCOUNT,
    ("authtoken.Token", "user"): ACCOUNT,
    ("admin.LogEntry", "user"): ACCOUNT,
    ("express.ColumnMapping", "owner"): ACCOUNT,
    ("scoring.ScoringConfig", "created_by"): ACTOR,
    ("scoring.AhpConfig", "created_by"): ACTOR,
    ("express.ShipmentImport", "imported_by"): ACTOR,
    ("express.IdentityReveal", "viewer"): ACTOR,
    ("lending.FileAccess", "viewer"): ACTOR,
}
# django-simple-history's records of who changed a configuration, on every historical model.
HISTORY_USER = "history_user"


def link_kind(model: type[models.Model], field_name: str) -> str | None:
    """What erasure does with ``model.field_name``, a link to the user; None if unknown.
    A historical copy of a model (django-simple-history) is treated as the model itself."""
    if field_name == HISTORY_USER:
        return ACTOR
    original = getattr(model, "instance_type", model)
    return LINKS.get((original._meta.label, field_name))


def user_links() -> list[tuple[type[models.Model], models.Field]]:
    """Every field of every installed model that points at the user model (proxies share
    their model's table; the user's own many-to-many tables go with the user's row)."""
    return [
        (model, field)
        for model in apps.get_models()
        if not model._meta.proxy
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation and not field.auto_created and field.related_model is User
    ]


def _links_of(kind: str) -> list[tuple[type[models.Model], models.Field]]:
    return [(m, f) for m, f in user_links() if link_kind(m, f.name) == kind]


def source_dirs(user: User) -> set[Path]:
    """Every folder the applicant's sources could have used, rows or not, so files left by an
    interrupted upload go too."""
    root = Path(settings.MEDIA_ROOT)
    return {root / source_files_dir(user.pk, platform) for platform in Platform.values}


def _login_records(user: User) -> dict[str, int]:
    """django-axes keeps logins and failed attempts by the username typed, in any case."""
    counts = {}
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        _, per_model = model.objects.filter(username__iexact=user.username).delete()
        counts.update(per_model)
    return counts


@transaction.atomic
def applicant_data_delete(*, user: User) -> dict[str, int]:
    """Remove everything held about ``user`` but the account: sources and their files, jobs,
    analyses, feature vectors, scores, applications (withdrawn first, then deleted), the access
    log, login records, and the links of express-delivery subjects to the account.

    Returns how many rows of each model went. Files are removed once the transaction commits,
    so a failed delete loses nothing.
    """
    deleted: Counter[str] = Counter()
    applications_withdraw_all(applicant=user)
    for model, field in _links_of(DATA):
        _, per_model = model._default_manager.filter(**{field.name: user}).delete()
        deleted.update(per_model)
    for model, field in _links_of(LINK):
        deleted[model._meta.label] += model._default_manager.filter(**{field.name: user}).update(**{field.name: None})
    deleted.update(_login_records(user))
    folders = source_dirs(user)
    transaction.on_commit(lambda: _remove_dirs(folders))
    return {label: n for label, n in deleted.items() if n}


def _sessions_of(user: User) -> list[str]:
    # Session data is signed and encoded, so it cannot be filtered in the database.
    live = Session.objects.filter(expire_date__gt=timezone.now())
    return [s.session_key for s in live.iterator() if s.get_decoded().get("_auth_user_id") == str(user.pk)]


@transaction.atomic
def account_delete(*, user: User) -> dict[str, int]:
    """Remove the account and everything held about it: all of ``applicant_data_delete``,
    then the account's sessions, the admin log entries about it, and the account row (its
    token and memberships with it; where it is named as who did something, that is emptied)."""
    deleted = Counter(applicant_data_delete(user=user))
    deleted["sessions.Session"] += Session.objects.filter(session_key__in=_sessions_of(user)).delete()[0]
    about = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    deleted["admin.LogEntry"] += about.delete()[0]
    _, per_model = user.delete()
    deleted.update(per_model)
    return {label: n for label, n in deleted.items() if n}


def _remove_dirs(dirs: set[Path]) -> None:
    for folder in dirs:
        shutil.rmtree(folder, ignore_errors=True)
