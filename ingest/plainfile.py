"""One uploaded file that is not an archive, read through the same methods as ``SafeArchive``.

Some sources are a single CSV or JSON file rather than a zip (the Weibo crawler writes one
file per account). Giving that file the reading interface of ``SafeArchive`` (``names``,
``size``, ``open``, ``read_bytes``, ``find``) lets one parser read a lone file and a zip of
a whole output folder alike. There is nothing to inflate, so the only limit that applies is
the size of one member, checked before anything is read.
"""
from __future__ import annotations

import io
from pathlib import Path

from .archive import ArchiveLimits, ArchiveRefused


def _megabytes(n: int) -> str:
    return f"{n / 1024**2:,.0f} MB"


class PlainFile:
    """A single file seen as an archive of one member, named by the file's own name."""

    def __init__(self, path: str | Path, limits: ArchiveLimits | None = None) -> None:
        self.path = Path(path)
        self.limits = limits or ArchiveLimits()
        self.name = self.path.name
        self._size = 0

    def __enter__(self) -> "PlainFile":
        try:
            self._size = self.path.stat().st_size
        except OSError as exc:
            raise ArchiveRefused("The file could not be opened.") from exc
        if self._size > self.limits.max_member_bytes:
            raise ArchiveRefused(
                f"{self.name} is too large ({_megabytes(self._size)}; the limit per file is "
                f"{_megabytes(self.limits.max_member_bytes)})."
            )
        return self

    def __exit__(self, *exc_info) -> None:
        return None

    def names(self) -> list[str]:
        return [self.name]

    def __contains__(self, name: str) -> bool:
        return name == self.name

    def size(self, name: str) -> int:
        self._check(name)
        return self._size

    def open(self, name: str) -> io.RawIOBase:
        """The file as an unbuffered binary stream (what ``SafeArchive.open`` also returns)."""
        self._check(name)
        try:
            return io.FileIO(self.path, "r")
        except OSError as exc:
            raise ArchiveRefused("The file could not be opened.") from exc

    def read_bytes(self, name: str, max_bytes: int | None = None) -> bytes:
        if max_bytes is not None and self.size(name) > max_bytes:
            raise ArchiveRefused(f"{name} is too large to read ({_megabytes(self.size(name))}).")
        with self.open(name) as stream:
            return stream.read()

    def find(self, basename_or_suffix: str) -> str | None:
        return self.name if basename_or_suffix.lstrip("/") == self.name else None

    def find_all(self, basename_or_suffix: str) -> list[str]:
        found = self.find(basename_or_suffix)
        return [found] if found else []

    def _check(self, name: str) -> None:
        if name != self.name:
            raise KeyError(name)
