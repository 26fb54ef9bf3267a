"""A zip reader that is safe to point at anything a stranger uploads.

Exports arrive as zips of up to a few gigabytes. Nothing here ever extracts an archive to
disk or reads a member whole into memory unless asked for a small one: members are read as
streams through ``BoundedReader``, which stops at the limit instead of inflating data to
find out how big it is. Every refusal is an ``ArchiveRefused`` whose message is one line a
person understands, because it is shown on the upload page as it is.

What is refused, and why:
- not a zip, a truncated zip, a damaged zip (bad CRC, bad headers): we cannot trust it;
- members whose path climbs out of the archive (``..``) or is absolute, and symlink
  members: harmless to us (we never extract) but never part of a real export, so a sign of
  a crafted file;
- archives inside the archive: real exports never nest them, and following them would
  multiply every limit;
- too many members, a member or a total over the size limits, or a compression ratio
  that marks a zip bomb: decided from the central directory before anything is inflated,
  and again while streaming in case the directory lies;
- encrypted members: we could not read them anyway.
"""
from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

# Names of nested archives. Checked by name only: real exports never contain archives, and
# sniffing the bytes of every member would mean inflating all of them.
NESTED_ARCHIVE_SUFFIXES = (".zip", ".jar", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".7z", ".rar", ".zst")

# Compression ratios are only judged for members big enough to matter: a tiny JSON file of
# repeated spaces can compress 300:1 and is harmless.
RATIO_FLOOR_BYTES = 1024 * 1024

CHUNK = 1024 * 1024
_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_LOCAL_HEADER = b"PK\x03\x04"


class ArchiveRefused(Exception):
    """An upload we will not read. ``str()`` is one line meant for the person who sent it."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


@dataclass(frozen=True)
class ArchiveLimits:
    """How much of an archive we are willing to read (see ``settings.ARCHIVE_LIMITS``)."""

    max_members: int = 200_000
    max_member_bytes: int = 1024**3
    max_total_bytes: int = 8 * 1024**3
    max_ratio: float = 200.0

    @classmethod
    def from_settings(cls) -> "ArchiveLimits":
        from django.conf import settings

        return cls(**settings.ARCHIVE_LIMITS)


def megabytes(n: int) -> str:
    """A size in bytes as people read it in a refusal: "1,024 MB"."""
    return f"{n / 1024**2:,.0f} MB"


def _declared_entry_count(fp: BinaryIO) -> int | None:
    """The number of members the end-of-central-directory record announces, read before
    ``zipfile`` builds one object per member, so a directory of millions of entries is
    refused without allocating them. ``None`` when no record is found (not a zip)."""
    fp.seek(0, io.SEEK_END)
    size = fp.tell()
    tail_len = min(size, 22 + 65535)
    fp.seek(size - tail_len)
    tail = fp.read(tail_len)
    at = tail.rfind(_EOCD_SIGNATURE)
    if at < 0 or at + 22 > len(tail):
        return None
    (total,) = struct.unpack("<H", tail[at + 10 : at + 12])
    locator_at = at - 20
    if total == 0xFFFF and locator_at >= 0 and tail[locator_at : locator_at + 4] == _ZIP64_LOCATOR_SIGNATURE:
        (zip64_eocd_offset,) = struct.unpack("<Q", tail[locator_at + 8 : locator_at + 16])
        fp.seek(zip64_eocd_offset)
        record = fp.read(56)
        if len(record) == 56:
            (total,) = struct.unpack("<Q", record[32:40])
    return total


class BoundedReader(io.RawIOBase):
    """A read-only stream over one member that refuses to deliver more than ``limit`` bytes.

    ``zipfile`` already stops at the size the central directory declares; this counts what
    is really delivered, so a lying directory or a future change in ``zipfile`` still cannot
    make us inflate past the limit. The refusal happens at the first byte over it.
    """

    def __init__(self, raw: IO[bytes], *, limit: int, name: str, reason: str) -> None:
        super().__init__()
        self._raw = raw
        self._limit = limit
        self._name = name
        self._reason = reason
        self.delivered = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        # Ask for at most one byte past the limit: enough to know it was crossed.
        want = min(len(view), self._limit - self.delivered + 1)
        try:
            data = self._raw.read(want)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise ArchiveRefused(f"The archive is damaged: {self._name} cannot be read ({_short(exc)}).") from exc
        n = len(data)
        self.delivered += n
        if self.delivered > self._limit:
            raise ArchiveRefused(self._reason)
        view[:n] = data
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:80]


class SafeArchive:
    """An uploaded zip, opened for safe reading. Use as a context manager.

    Everything that can be judged from the central directory is judged in ``__enter__``,
    so a refused archive is refused before a single member is inflated.
    """

    def __init__(self, path: str | Path, limits: ArchiveLimits | None = None) -> None:
        self.path = Path(path)
        self.limits = limits or ArchiveLimits()
        self._zip: zipfile.ZipFile | None = None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        self._roots: tuple[str, ...] = ("",)

    # -- opening -----------------------------------------------------------------------
    def __enter__(self) -> "SafeArchive":
        try:
            fp = self.path.open("rb")
        except OSError as exc:
            raise ArchiveRefused(f"The file could not be opened ({_short(exc)}).") from exc
        try:
            self._open(fp)
        except BaseException:
            fp.close()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def _open(self, fp: BinaryIO) -> None:
        head = fp.read(4)
        looks_like_zip = head == _LOCAL_HEADER or head == _EOCD_SIGNATURE
        declared = _declared_entry_count(fp)
        if declared is None:
            if looks_like_zip:
                raise ArchiveRefused(
                    "The zip file is incomplete (truncated): it starts like a zip but its end is missing. "
                    "Download the export again and upload the whole file."
                )
            raise ArchiveRefused("This is not a zip file. Upload the .zip archive exactly as the platform sent it.")
        if declared > self.limits.max_members:
            raise ArchiveRefused(
                f"The archive has too many files ({declared:,}; the limit is {self.limits.max_members:,})."
            )
        fp.seek(0)
        try:
            self._zip = zipfile.ZipFile(fp)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error) as exc:
            raise ArchiveRefused(f"The zip file is damaged and cannot be read ({_short(exc)}).") from exc
        self._check(infos)

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self.limits
        if len(infos) > limits.max_members:
            raise ArchiveRefused(f"The archive has too many files ({len(infos):,}; the limit is {limits.max_members:,}).")
        total = 0
        for info in infos:
            name = info.filename
            self._check_name(name)
            mode = info.external_attr >> 16
            if info.create_system == 3 and stat.S_ISLNK(mode):
                raise ArchiveRefused(f"The archive contains a symbolic link ({name}); exports never do, so it was refused.")
            if info.is_dir():
                continue
            if name.lower().endswith(NESTED_ARCHIVE_SUFFIXES):
                raise ArchiveRefused(f"The archive contains another archive ({name}); upload the export itself, not a zip of zips.")
            if info.flag_bits & 0x1:
                raise ArchiveRefused(f"The archive is password-protected ({name}); upload it without a password.")
            if info.file_size > limits.max_member_bytes:
                raise ArchiveRefused(
                    f"{name} is too large ({megabytes(info.file_size)}; the limit per file is {megabytes(limits.max_member_bytes)})."
                )
            if info.file_size > RATIO_FLOOR_BYTES and info.file_size > info.compress_size * limits.max_ratio:
                raise ArchiveRefused(
                    f"The archive looks like a zip bomb: {name} would expand more than {limits.max_ratio:g} times. It was not unpacked."
                )
            total += info.file_size
            if total > limits.max_total_bytes:
                raise ArchiveRefused(
                    f"The archive is too large once unpacked (over {megabytes(limits.max_total_bytes)})."
                )
            self._infos[name] = info
        # Exports put everything under one top-level folder; remember those folders so a
        # path an export gives relative to its own root ("posts/media/x.jpg") can be found.
        tops = {name.split("/", 1)[0] + "/" for name in self._infos if "/" in name}
        self._roots = ("", *sorted(tops))

    @staticmethod
    def _check_name(name: str) -> None:
        unified = name.replace("\\", "/")
        if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
            raise ArchiveRefused(f"The archive contains a file with an absolute path ({name}); it was refused.")
        if ".." in PurePosixPath(unified).parts:
            raise ArchiveRefused(f"The archive contains a file whose path leaves the archive ({name}); it was refused.")
        if "\x00" in name:
            raise ArchiveRefused("The archive contains a file with an invalid name; it was refused.")

    # -- reading -----------------------------------------------------------------------
    def names(self) -> list[str]:
        """Every file member (directories left out), in archive order."""
        return list(self._infos)

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def __contains__(self, name: str) -> bool:
        return name in self._infos

    def open(self, name: str) -> BoundedReader:
        """A binary stream over one member, refusing to deliver more than the limits allow."""
        if self._zip is None:
            raise RuntimeError("SafeArchive is not open; use it as a context manager")
        info = self._infos[name]
        limit = info.file_size
        try:
            raw = self._zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
            raise ArchiveRefused(f"The archive is damaged: {name} cannot be read ({_short(exc)}).") from exc
        return BoundedReader(
            raw,
            limit=min(limit, self.limits.max_member_bytes),
            name=name,
            reason=f"The archive is damaged or crafted: {name} holds more data than its header declares.",
        )

    def read_bytes(self, name: str, max_bytes: int | None = None) -> bytes:
        """The whole member. Callers pass ``max_bytes`` for anything they hold in memory;
        a bigger member is refused rather than read."""
        if max_bytes is not None and self.size(name) > max_bytes:
            raise ArchiveRefused(f"{name} is too large to read ({megabytes(self.size(name))}).")
        with self.open(name) as stream:
            return stream.read()

    def find(self, basename_or_suffix: str) -> str | None:
        """The first member whose path is, or ends with, ``basename_or_suffix`` at a folder
        boundary: exports put the same file under different top folders, so parsers look
        files up by name, wherever they sit."""
        matches = self.find_all(basename_or_suffix)
        return matches[0] if matches else None

    def find_all(self, basename_or_suffix: str) -> list[str]:
        wanted = basename_or_suffix.lstrip("/")
        tail = "/" + wanted
        found = [n for n in self._infos if n == wanted or n.endswith(tail)]
        return sorted(found, key=lambda n: (n.count("/"), n))

    def matching(self, pattern: re.Pattern) -> list[str]:
        """Every file member whose path ``pattern`` finds, sorted (exports number their
        parts: ``your_posts_1.json``, ``your_posts_2.json``)."""
        return sorted(n for n in self._infos if pattern.search(n))

    def resolve(self, relative: str) -> str | None:
        """The member an export refers to by a path relative to its own root, or ``None``."""
        relative = relative.lstrip("/")
        for root in self._roots:
            if root + relative in self._infos:
                return root + relative
        return None
