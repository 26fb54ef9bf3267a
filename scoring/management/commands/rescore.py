"""``manage.py rescore [--method priority|fuzzy] [--config-version N]``: rescore everyone.

What publishing a version in the admin does in the background (``scoring.tasks.rescore_all``,
``scoring.tasks.rescore_fuzzy``), in the foreground with its progress printed: for a version
published by a data migration (``0013_lawful_age``), or to finish a rescore a stopped worker
left half done. Priority scores come from the stored feature vectors, AHP + fuzzy scores from
the index scores each applicant's last result kept; no model runs.
"""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from scoring import services
from scoring.fuzzy import service as fuzzy
from scoring.models import AhpConfig, ScoringConfig

CONFIGURATIONS = {"priority": ScoringConfig, "fuzzy": AhpConfig}


class Command(BaseCommand):
    help = "Rescore every applicant with the current (or a named) configuration version of a method."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--method", choices=sorted(CONFIGURATIONS), default="priority",
                            help="priority (default) or fuzzy (AHP + fuzzy evaluation)")
        parser.add_argument("--config-version", type=int,
                            help="the configuration version (default: the method's current one)")

    def handle(self, *args, method: str, config_version: int | None, **options) -> None:
        model = CONFIGURATIONS[method]
        if config_version is not None and not model.objects.filter(version=config_version).exists():
            raise CommandError(f"There is no {model._meta.verbose_name} version {config_version}.")
        if method == "fuzzy":
            version = config_version or AhpConfig.objects.current().version
            done = fuzzy.rescore_all(version=version, progress=self._progress)
        else:
            version = config_version or ScoringConfig.objects.current().version
            done = services.rescore_all(version=version, progress=self._progress)
        self.stdout.write(f"rescored {done} applicant{'s' if done != 1 else ''} with {model._meta.verbose_name} v{version}")

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"{done} of {total}")
