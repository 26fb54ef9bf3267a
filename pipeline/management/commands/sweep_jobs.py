from django.core.management.base import BaseCommand

from pipeline.sweep import sweep


class Command(BaseCommand):
    help = "Resume stalled scoring jobs, fail those past their limits, score again those our faults failed (also run by Celery beat)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{sweep()}")
