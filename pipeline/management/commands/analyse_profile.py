"""Run the analyses on one normalized profile in this process and print the JSON.

For operators and for checking the workers: the output is the document the pipeline merges
from its chunks (``models_ml.analysis``), with the same admin-reviewed profanity allow-list
and emotion lexicons, computed here without Celery; beside it the readable signals
(``emotions``, ``interests``, ``images.open_nsfw``) and the two signals kept apart from the
credit score, ``authenticity`` and ``freshness`` (per source: newest item and its age).
"""
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ingest.archive import ArchiveLimits, ArchiveRefused, SafeArchive
from ingest.profile import Profile, ProfileInvalid, read_profile
from models_ml.analysis import analyse, summarise_signals
from pipeline.services import allow_phrases, emotion_sources
from scoring.authenticity import authenticity
from scoring.freshness import freshness


def image_members(profile: Profile) -> list[str]:
    return [entry.path for entry in profile.media or [] if entry.kind == "image"]


def with_signals(result: dict, document: dict) -> dict:
    """The analysis with the readable signals beside today's keys, as of today."""
    today = timezone.localdate()
    signals = summarise_signals(result, today, emotion_sources())
    result["images"]["open_nsfw"] = signals["open_nsfw"]
    result["images"]["violence"] = signals["violence"]
    result["emotions"] = signals["emotions"]
    result["interests"] = signals["interests"]
    result["authenticity"] = authenticity([document], as_of=today).as_dict()
    result["freshness"] = {platform: f.as_dict() for platform, f in freshness([document], today).items()}
    return result


class Command(BaseCommand):
    help = "Analyse a normalized profile (sentiment, emotions, interests, images, profanity, authenticity, freshness) and print the result as JSON."

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
        document = profile.document()
        result = analyse([document], images, allow_phrases=allow_phrases(), emotion_sources=emotion_sources())
        self.stdout.write(json.dumps(with_signals(result, document), indent=2, ensure_ascii=False, sort_keys=True))

    def _load(self, name: str) -> Profile:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            return read_profile(json.loads(text))
        except OSError as exc:
            raise CommandError(f"cannot read {name}: {exc.strerror or exc}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError, ProfileInvalid) as exc:
            raise CommandError(f"{name} is not a JSON profile: {exc}") from exc

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
