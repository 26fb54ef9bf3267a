"""Run the three analyses on one normalized profile in this process and print the JSON.

For operators and for checking the workers: the output is the same document the pipeline
merges from its chunks (``models_ml.analysis``), with the same admin-reviewed profanity
allow-list, computed here without Celery.
"""
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.archive import ArchiveLimits, ArchiveRefused, SafeArchive
from models_ml.analysis import analyse
from pipeline.services import allow_phrases


def image_members(profile: dict) -> list[str]:
    return [
        str(entry["path"])
        for entry in profile.get("media") or []
        if isinstance(entry, dict) and entry.get("kind") == "image" and entry.get("path")
    ]


class Command(BaseCommand):
    help = "Analyse a normalized profile (sentiment, images, profanity) and print the result as JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("profile", help="the normalized profile JSON file ('-' reads standard input)")
        parser.add_argument("--archive", help="the export the profile came from; its images are analysed")

    def handle(self, *args, **options) -> None:
        profile = self._load(options["profile"])
        members = image_members(profile)
        images: list[bytes] = []
        if options["archive"]:
            images = self._read_images(Path(options["archive"]), members)
        elif members:
            self.stderr.write(f"{len(members)} images listed but no --archive given: images not analysed")
        result = analyse([profile], images, allow_phrases=allow_phrases())
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False, sort_keys=True))

    def _load(self, name: str) -> dict:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            profile = json.loads(text)
        except OSError as exc:
            raise CommandError(f"cannot read {name}: {exc.strerror or exc}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{name} is not a JSON profile: {exc}") from exc
        if not isinstance(profile, dict):
            raise CommandError(f"{name} is not a JSON profile: expected an object at the top")
        return profile

    def _read_images(self, path: Path, members: list[str]) -> list[bytes]:
        """Each listed image's bytes; a member missing from the archive is passed as empty
        bytes, which the image model counts as skipped."""
        if not path.is_file():
            raise CommandError(f"cannot read {path}: no such file")
        try:
            with SafeArchive(path, ArchiveLimits.from_settings()) as archive:
                present = set(archive.names())
                return [archive.read_bytes(name) if name in present else b"" for name in members]
        except ArchiveRefused as exc:
            raise CommandError(str(exc)) from exc
