"""One parser module per platform, and the registry that maps a platform name to it.

Each module has ``PLATFORM``, ``LABEL``, ``MARKERS`` (file names only its exports have),
``TELLS`` (the fields of the normalized profile its exports can tell at all; the others stay
null) and ``parse(archive) -> Profile`` returning the normalized profile of
``shared/design/profile-schema.md`` (``ingest.profile``). ``parse_export`` opens the archive safely, checks that
it is the platform it was uploaded as, and hands it to the right parser.

Optional, for platforms whose files are named by the account (Weibo's ``<user id>.csv``):
``MARKER_PATTERN``, a regular expression that counts as one more marker when a file name
matches it in full. Optional, for platforms whose export can be a single file rather than a
zip: ``PLAIN_SUFFIXES`` (such a file is read through ``PlainFile``) and
``check_plain(file)``, which refuses a file that is not theirs.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Iterator

from ..archive import ArchiveLimits, ArchiveRefused, SafeArchive
from ..plainfile import PlainFile
from ..profile import Profile
from . import facebook, instagram, linkedin, twitter, weibo

PLATFORMS: dict[str, ModuleType] = {m.PLATFORM: m for m in (facebook, linkedin, instagram, twitter, weibo)}

__all__ = ["PLATFORMS", "parse_export", "check_export", "detect_platform", "ArchiveRefused"]


def detect_platform(archive: SafeArchive) -> str | None:
    """The platform whose marker files the archive holds most of, or ``None``.

    Markers are matched on file names (the part after the last "/"), because every
    platform wraps its files in folders of its own naming; Facebook and Instagram share a
    family resemblance, so the count of distinct markers decides, not the first hit.
    """
    basenames = {name.rsplit("/", 1)[-1] for name in archive.names()}
    scores = {platform: _marker_score(module, basenames) for platform, module in PLATFORMS.items()}
    # Twitter's markers are generic names (account.js); they only count inside data/.
    if scores["twitter"] and not any(n.startswith("data/") or "/data/" in n for n in archive.names()):
        scores["twitter"] = 0
    best = max(scores, key=lambda p: scores[p])
    return best if scores[best] else None


def _marker_score(module: ModuleType, basenames: set[str]) -> int:
    score = sum(1 for m in module.MARKERS if m in basenames)
    pattern = getattr(module, "MARKER_PATTERN", None)
    return score + (1 if pattern is not None and any(pattern.fullmatch(b) for b in basenames) else 0)


def _a(label: str) -> str:
    """The label with its article: "a LinkedIn", "an Instagram", "an X/Twitter"."""
    return f"an {label}" if label[0] in "AEIOUX" else f"a {label}"


def check_platform(archive: SafeArchive | PlainFile, platform: str) -> None:
    """Refuse an archive that is not an export of ``platform``, naming what it looks like."""
    module = PLATFORMS[platform]
    if isinstance(archive, PlainFile):
        module.check_plain(archive)
        return
    detected = detect_platform(archive)
    if detected is None:
        raise ArchiveRefused(
            f"This does not look like {_a(module.LABEL)} export: none of its usual files "
            f"({', '.join(module.MARKERS[:3])} ...) are in it."
        )
    if detected != platform:
        other = PLATFORMS[detected].LABEL
        raise ArchiveRefused(f"This looks like {_a(other)} export, not {_a(module.LABEL)} one; upload it as {other}.")


@contextmanager
def _opened(platform: str, path: str | Path, limits: ArchiveLimits | None) -> Iterator[SafeArchive | PlainFile]:
    """The export opened as a zip, or as a lone file when the platform takes one with that suffix."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}; expected one of {', '.join(PLATFORMS)}")
    plain = Path(path).suffix.lower() in getattr(PLATFORMS[platform], "PLAIN_SUFFIXES", ())
    with (PlainFile(path, limits) if plain else SafeArchive(path, limits)) as archive:
        check_platform(archive, platform)
        yield archive


def check_export(platform: str, path: str | Path, limits: ArchiveLimits | None = None) -> None:
    """Everything that can be refused without inflating a member: the archive's structure
    and limits, and its platform. Cheap enough to run while the uploader waits."""
    with _opened(platform, path, limits):
        pass


def parse_export(platform: str, path: str | Path, limits: ArchiveLimits | None = None) -> Profile:
    """Parse one export file into its normalized profile.

    Raises ``ArchiveRefused`` (one line for a person) when the file is unsafe, damaged,
    not an export at all, or the export of another platform.
    """
    with _opened(platform, path, limits) as archive:
        return PLATFORMS[platform].parse(archive)
