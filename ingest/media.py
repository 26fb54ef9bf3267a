"""Keeping the images of an export after its archive is gone.

Image analysis runs after parsing, often in another process, and the raw archive is
deleted once parsed; so the images a profile lists are copied out first, streamed through
the archive's bounded reader. Files on disk get names of our own ("00003.jpg"): a name
taken from the archive is never used as a path.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .archive import ArchiveLimits, SafeArchive
from .profile import Profile

# Enough images for a fair picture of what someone posts; the rest are not copied and a
# warning says so. Analysis time, not disk, is what this bounds.
MAX_STORED_IMAGES = 2_000


def store_images(archive_path: str | Path, profile: Profile, dest: Path, limits: ArchiveLimits | None = None) -> int:
    """Copy the image members listed in ``profile.media`` (null when the export does not
    tell) into ``dest`` and record each copy's file name as ``stored`` on its media entry.
    Returns how many were stored."""
    images = [m for m in profile.media or [] if m.kind == "image"]
    if not images:
        return 0
    dest.mkdir(parents=True, exist_ok=True)
    stored = 0
    with SafeArchive(archive_path, limits) as archive:
        for entry in images:
            if stored >= MAX_STORED_IMAGES:
                profile.warnings.append(f"Only the first {MAX_STORED_IMAGES:,} images were kept for analysis.")
                break
            member = entry.path
            if member not in archive:
                continue
            suffix = Path(member).suffix.lower()[:6]
            filename = f"{stored:05d}{suffix}"
            with archive.open(member) as source, (dest / filename).open("wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
            entry.stored = filename
            stored += 1
    return stored
