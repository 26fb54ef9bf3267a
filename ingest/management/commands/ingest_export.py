"""``manage.py ingest_export PLATFORM PATH``: print the normalized profile of one export.

PATH is the export's zip; for Weibo it may also be the crawler's CSV or JSON file itself.

For operators and for checking a parser against a real export: the profile JSON goes to
stdout (exit 0); a refused file gives one line on stderr and exit status 1.
"""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.archive import ArchiveLimits, ArchiveRefused
from ingest.parsers import PLATFORMS, parse_export


class Command(BaseCommand):
    help = "Print the normalized profile JSON of one export archive (for weibo also a crawler CSV or JSON file)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("platform", choices=sorted(PLATFORMS))
        parser.add_argument("path", type=Path)

    def handle(self, *args, platform: str, path: Path, **options) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            profile = parse_export(platform, path, ArchiveLimits.from_settings())
        except ArchiveRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(profile.document(), ensure_ascii=False, indent=2))
