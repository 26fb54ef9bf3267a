"""Celery tasks of ingest: thin shells around ``ingest.services``."""
from celery import shared_task

from .models import DataSource
from .services import source_parse


@shared_task(ignore_result=True)
def parse_source(source_id: int) -> None:
    """Parse one stored source. A source deleted or replaced before the task runs is
    simply gone: there is nothing left to parse."""
    source = DataSource.objects.filter(pk=source_id).first()
    if source is not None:
        source_parse(source)
