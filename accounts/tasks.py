"""The beat task that keeps login records no longer than ``LOGIN_LOG_RETENTION_DAYS``."""
from celery import shared_task
from django.conf import settings

from .services import login_records_prune


@shared_task(name="accounts.tasks.prune_login_records", ignore_result=True)
def prune_login_records() -> None:
    login_records_prune(older_than_days=settings.LOGIN_LOG_RETENTION_DAYS)
