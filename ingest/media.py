"""Keeping the images of an export after its archive is gone.

Image analysis runs after parsing, often in another process, and the raw archive is
deleted once parsed; so the images a profile lists are copied out first, streamed through
the archive's bounded reader. Files on disk get names of our own ("00003.jpg"): a name
taken from the archive is never used as a path. An image member larger than
``ArchiveLimits.max_image_bytes`` is skipped, with a warning, before it is opened: a
gigabyte "jpg" is not a photo, and copying and decoding it would cost a worker its memory.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .archive import ArchiveLimits, SafeArchive
from .quota import images_cut_warning
from .profile import Profile

# Enough images for a fair picture of what someone posts; the rest are not copied and a
# warning says so. Analysis time, not disk, is what this bounds.
MAX_STORED_IMAGES = 2_000


def store_images(
    archive_path: str | Path,
    profile: Profile,
    dest: Path,
    limits: ArchiveLimits | None = None,
    *,
    max_total_bytes: int | None = None,
) -> int:
    """Copy the image members listed in ``profile.media`` (null when the export does not
    tell) into ``dest`` and record each copy's file name as ``stored`` on its media entry.
    Returns how many were stored. Copying stops, with a warning, before the images would
    pass ``max_total_bytes`` (what the owner's storage quota leaves)."""
    images = [m for m in profile.media or [] if m.kind == "image"]
    if not images:
        return 0
    dest.mkdir(parents=True, exist_ok=True)
    limits = limits or ArchiveLimits()
    stored = total = 0
    with SafeArchive(archive_path, limits) as archive:
        for entry in images:
            if stored >= MAX_STORED_IMAGES:
                profile.warnings.append(f"Only the first {MAX_STORED_IMAGES:,} images were kept for analysis.")
                break
            member = entry.path
            if member not in archive:
                continue
            size = archive.size(member)
            if size > limits.max_image_bytes:
                profile.warnings.append(_too_large(member, size, limits.max_image_bytes))
                continue
            if max_total_bytes is not None and total + size > max_total_bytes:
                profile.warnings.append(images_cut_warning(stored))
                break
            suffix = Path(member).suffix.lower()[:6]
            filename = f"{stored:05d}{suffix}"
            with archive.open(member, limits.max_image_bytes) as source, (dest / filename).open("wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
            entry.stored = filename
            stored += 1
            total += size
    return stored


def _too_large(member: str, size: int, limit: int) -> str:
    return (
        f"{member} is too large to analyse as an image ({size / 1024**2:,.0f} MB; "
        f"the limit is {limit / 1024**2:,.0f} MB) and was skipped."
    )
