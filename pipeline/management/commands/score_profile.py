"""``manage.py score_profile PROFILE.json [PROFILE.json ...]``: score normalized profiles.

For operators: prints one JSON object per applicant (one per line) with the score, its
band, every contribution, what is missing, the reasons and the improvements (at most four
``{"action", "feature", "effect"}``, the largest effect first, each computed by rescoring a
changed copy of the features), computed with the current or a named configuration
version. Nothing is stored.

Each PROFILE.json is one applicant: a normalized profile document (the output of
``ingest_export``) or a JSON list of documents of the same person; ``--same-applicant``
scores all the files given as one applicant instead. Texts are analysed in this process
(``models_ml.analysis.analyse``); images count only when ``--archive`` names the export
they came from, since a profile lists its images but does not hold them.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ingest.archive import ArchiveLimits, ArchiveRefused, SafeArchive
from ingest.profile import ProfileInvalid, read_profile
from models_ml.analysis import analyse
from scoring import services
from scoring.models import ScoringConfig
from scoring.priority.improvements import improvements

#: Bounds on what is read from an archive into memory for image analysis.
MAX_IMAGES = 2_000
MAX_IMAGE_BYTES = 20 * 1024 * 1024
RESULT_KEYS = ("score", "max_score", "normalized", "band", "eligible", "unscorable", "flags", "contributions",
               "missing", "reasons", "config_version")


class Command(BaseCommand):
    help = "Score normalized profile documents and print one JSON result per applicant."

    def add_arguments(self, parser) -> None:
        parser.add_argument("profiles", nargs="+", type=Path, metavar="PROFILE.json")
        parser.add_argument("--config-version", type=int, help="score with this configuration version (default: current)")
        parser.add_argument("--archive", type=Path, action="append", default=[], metavar="PATH",
                            help="an export archive the profiles came from; its images are analysed (repeatable)")
        parser.add_argument("--same-applicant", action="store_true",
                            help="the files are one applicant's sources, scored together")
        parser.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD",
                            help="the day ages and activity rates are computed at (default: today)")

    def handle(self, *args, profiles: list[Path], config_version: int | None, archive: list[Path],
               same_applicant: bool, as_of: date | None, **options) -> None:
        config = _config(config_version).to_engine()
        applicants = [_load(path) for path in profiles]
        if same_applicant:
            applicants = [[doc for docs in applicants for doc in docs]]
        for path in archive:
            if not path.is_file():
                raise CommandError(f"No such archive: {path}")
        as_of = as_of or timezone.localdate()
        for documents in applicants:
            images = _images(documents, archive)
            features, result = services.score_documents(documents, analyse(documents, images), config=config, as_of=as_of)
            printed = {key: result[key] for key in RESULT_KEYS}
            printed["improvements"] = [i.as_dict() for i in improvements(features, config)]
            self.stdout.write(json.dumps(printed, ensure_ascii=False))


def _config(version: int | None) -> ScoringConfig:
    try:
        return services.config_get(version)
    except ScoringConfig.DoesNotExist:
        known = ", ".join(str(v) for v in ScoringConfig.objects.order_by("version").values_list("version", flat=True))
        raise CommandError(f"There is no scoring configuration version {version} (there are: {known}).") from None


def _load(path: Path) -> list[dict]:
    """The documents in one file, refused with one line when they are not normalized profiles."""
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not a text file; expected a normalized profile JSON document.") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from None
    documents = []
    for number, document in enumerate(data if isinstance(data, list) else [data], start=1):
        try:
            documents.append(read_profile(document).document())
        except ProfileInvalid as exc:
            which = f" (document {number} of its list)" if isinstance(data, list) else ""
            raise CommandError(f"{path}{which} is not a normalized profile (the output of ingest_export): {exc}.") from None
    return documents


def _images(documents: list[dict], archives: list[Path]) -> list[bytes]:
    """The bytes of the images the documents list, each read from the first archive holding it."""
    remaining = [m["path"] for doc in documents for m in doc.get("media") or []
                 if m.get("kind") == "image" and isinstance(m.get("path"), str)]
    images: list[bytes] = []
    for path in archives:
        try:
            with SafeArchive(path, ArchiveLimits.from_settings()) as archive:
                found = [m for m in remaining if m in archive and archive.size(m) <= MAX_IMAGE_BYTES]
                for member in found[: MAX_IMAGES - len(images)]:
                    images.append(archive.read_bytes(member, max_bytes=MAX_IMAGE_BYTES))
        except ArchiveRefused as exc:
            raise CommandError(f"{path}: {exc}") from None
        remaining = [m for m in remaining if m not in found]
    return images
