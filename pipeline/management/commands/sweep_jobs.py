from django.core.management.base import BaseCommand

from pipeline.models import ScoringJob


class Command(BaseCommand):
    help = "Fail scoring jobs that stalled or ran past their time limit (also run by Celery beat)."

    def handle(self, *args, **options) -> None:
        failed = ScoringJob.fail_stale()
        self.stdout.write(f"{failed} stale job{'s' if failed != 1 else ''} failed")
