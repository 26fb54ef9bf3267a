"""Login records (django-axes: logins, failed attempts, failure logs) are kept no longer than
LOGIN_LOG_RETENTION_DAYS; the beat task deletes the older ones and nothing newer."""
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone

from accounts.services import login_records_prune
from accounts.tasks import prune_login_records
from credsly.settings import CELERY_BEAT_SCHEDULE

pytestmark = pytest.mark.django_db


def record(model, days_ago: float, username: str = "alice"):
    extra = {"failures_since_start": 1} if model is AccessAttempt else {}
    row = model.objects.create(username=username, ip_address="192.0.2.1", user_agent="ua", **extra)
    model.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - timedelta(days=days_ago))
    return row


@pytest.mark.parametrize("model", [AccessLog, AccessAttempt, AccessFailureLog])
def test_records_older_than_the_retention_go(model):
    old, recent = record(model, 31, "alice"), record(model, 29, "bob")
    assert login_records_prune(older_than_days=30) == 1
    assert list(model.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not model.objects.filter(pk=old.pk).exists()


def test_the_beat_task_uses_the_setting(settings):
    settings.LOGIN_LOG_RETENTION_DAYS = 3
    record(AccessLog, 4)
    kept = record(AccessLog, 2)
    prune_login_records()
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]
    assert CELERY_BEAT_SCHEDULE["prune-login-records"]["task"] == prune_login_records.name
