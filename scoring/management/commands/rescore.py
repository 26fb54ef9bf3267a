"""``manage.py rescore [--config-version N]``: rescore every applicant with a configuration version.

What publishing a version in the admin does in the background (``scoring.tasks.rescore_all``),
in the foreground with its progress printed: for a version published by a data migration
(``0012_lawful_age``), or to finish a rescore a stopped worker left half done. Priority
scores come from the stored feature vectors; no model runs.
"""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from scoring import services
from scoring.models import ScoringConfig


class Command(BaseCommand):
    help = "Rescore every applicant from their stored features with the current (or a named) configuration version."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--config-version", type=int,
                            help="the priority configuration version (default: the current one)")

    def handle(self, *args, config_version: int | None, **options) -> None:
        if config_version is not None and not ScoringConfig.objects.filter(version=config_version).exists():
            raise CommandError(f"There is no scoring configuration version {config_version}.")
        version = config_version or services.config_current().version
        done = services.rescore_all(version=version, progress=self._progress)
        self.stdout.write(f"rescored {done} applicant{'s' if done != 1 else ''} with configuration v{version}")

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"{done} of {total}")
