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
- compression methods other than stored and deflated: bzip2 and LZMA inflate inside
  ``zipfile`` without a bound (623 bytes to 800 MB) before any reader of ours sees a byte,
  and no platform packs its exports with them;
- a central directory that does not hold as many entries as the end record declares, or
  whose entries are far longer than any export's: it is walked and counted first, in
  constant memory, because ``zipfile`` believes the directory's byte size and would build
  an object (name and extra field kept) for every entry it finds there;
- too many members, a member or a total over the size limits, or a compression ratio
  that marks a zip bomb (judged only for members large enough for expansion to matter):
  decided from the central directory before anything is inflated, and again while
  streaming in case the directory lies;
- encrypted members: we could not read them anyway.

Lookups by name go through an index built once, so a parser that looks up one photo per
post costs one dictionary lookup per photo, not a scan of the archive.
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

# The only methods real exports use; both are inflated by zlib, which stops at the size
# asked for.
ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 9: "Deflate64", 93: "Zstandard", 98: "PPMd"}

CHUNK = 1024 * 1024
_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_LOCAL_HEADER = b"PK\x03\x04"
_DIRECTORY_ENTRY = b"PK\x01\x02"
_EOCD_SIZE = 22
_ZIP64_EOCD_SIZE = 56
_ZIP64_LOCATOR_SIZE = 20
_ENTRY_SIZE = 46
# zipfile keeps each entry's name and extra field in memory; paths in exports are a few
# hundred bytes, extra fields tens, so anything longer is crafted.
_MAX_ENTRY_FIELD = 4096


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
    # Below this inflated size a member is accepted whatever its ratio: expansion to a few
    # megabytes harms nobody, and a genuine export with one very long field compresses
    # far beyond any ratio a bomb test can use.
    ratio_min_bytes: int = 16 * 1024**2
    # Photos in exports are a few megabytes; a "jpg" member of a gigabyte is not a photo,
    # and copying it out and decoding it would cost a worker its memory.
    max_image_bytes: int = 32 * 1024**2

    @classmethod
    def from_settings(cls) -> "ArchiveLimits":
        from django.conf import settings

        return cls(**settings.ARCHIVE_LIMITS)


def megabytes(n: int) -> str:
    """A size in bytes as people read it in a refusal: "1,024 MB"."""
    return f"{n / 1024**2:,.0f} MB"


@dataclass(frozen=True)
class _Directory:
    """Where the central directory sits and how many entries its end record declares."""

    declared: int
    offset: int
    size: int


def _find_directory(fp: BinaryIO) -> _Directory | None:
    """Read the end-of-central-directory record (and its zip64 form), as ``zipfile`` does,
    but without building anything per entry. ``None`` when there is no record (not a zip).
    The directory is placed where ``zipfile`` places it: just before the record that ends
    it, so data prepended to the archive shifts both readers alike."""
    fp.seek(0, io.SEEK_END)
    size = fp.tell()
    tail_len = min(size, _EOCD_SIZE + 65535)
    fp.seek(size - tail_len)
    tail = fp.read(tail_len)
    at = tail.rfind(_EOCD_SIGNATURE)
    if at < 0 or at + _EOCD_SIZE > len(tail):
        return None
    (declared, directory_size) = struct.unpack("<HL", tail[at + 10 : at + 16])
    ends_at = size - tail_len + at
    locator_at = at - _ZIP64_LOCATOR_SIZE
    if locator_at >= 0 and tail[locator_at : locator_at + 4] == _ZIP64_LOCATOR_SIGNATURE:
        ends_at = size - tail_len + locator_at - _ZIP64_EOCD_SIZE
        if ends_at < 0:
            return None
        fp.seek(ends_at)
        record = fp.read(_ZIP64_EOCD_SIZE)
        if len(record) < _ZIP64_EOCD_SIZE:
            return None
        declared, directory_size = struct.unpack("<QQ", record[32:48])
    return _Directory(declared=declared, offset=ends_at - directory_size, size=directory_size)


def _directory_fault(fp: BinaryIO, directory: _Directory) -> str | None:
    """Walk the central directory entry by entry (46 fixed bytes each, the variable parts
    skipped), stopping at the first entry past the declared count: memory stays constant
    and a lying count costs nothing beyond the entries it declares. Returns why the
    directory cannot be trusted, or ``None``."""
    mismatch = (
        f"The zip file is damaged: its table of contents does not match its own count of files "
        f"({directory.declared:,}). Download the export again and upload the whole file."
    )
    if directory.offset < 0:
        return mismatch
    fp.seek(directory.offset)
    walked = counted = 0
    while walked < directory.size:
        header = fp.read(_ENTRY_SIZE)
        if len(header) < _ENTRY_SIZE or header[:4] != _DIRECTORY_ENTRY:
            return mismatch
        lengths = struct.unpack("<3H", header[28:34])
        if max(lengths) > _MAX_ENTRY_FIELD:
            return "The zip file is damaged or crafted: an entry of its table of contents is far longer than any export's. It was refused."
        fp.seek(sum(lengths), io.SEEK_CUR)
        walked += _ENTRY_SIZE + sum(lengths)
        counted += 1
        if counted > directory.declared:
            return mismatch
    return None if counted == directory.declared else mismatch


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
        # Every file member under its base name, shallowest first: what ``find`` and
        # ``resolve`` look up instead of scanning ``_infos``.
        self._by_basename: dict[str, list[str]] = {}

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
        directory = _find_directory(fp)
        if directory is None:
            if looks_like_zip:
                raise ArchiveRefused(
                    "The zip file is incomplete (truncated): it starts like a zip but its end is missing. "
                    "Download the export again and upload the whole file."
                )
            raise ArchiveRefused("This is not a zip file. Upload the .zip archive exactly as the platform sent it.")
        if directory.declared > self.limits.max_members:
            raise ArchiveRefused(
                f"The archive has too many files ({directory.declared:,}; the limit is {self.limits.max_members:,})."
            )
        fault = _directory_fault(fp, directory)
        if fault:
            raise ArchiveRefused(fault)
        fp.seek(0)
        try:
            self._zip = zipfile.ZipFile(fp)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError, struct.error) as exc:
            raise ArchiveRefused(f"The zip file is damaged and cannot be read ({_short(exc)}).") from exc
        self._check(infos)

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self.limits
        if len(infos) > limits.max_members:
            raise ArchiveRefused(f"The archive has too many files ({len(infos):,}; the limit is {limits.max_members:,}).")
        total = 0
        for info in infos:
            if self._check_member(info):
                continue
            total += info.file_size
            if total > limits.max_total_bytes:
                raise ArchiveRefused(
                    f"The archive is too large once unpacked (over {megabytes(limits.max_total_bytes)})."
                )
            self._infos[info.filename] = info
        for name in sorted(self._infos, key=lambda n: (n.count("/"), n)):
            self._by_basename.setdefault(name.rsplit("/", 1)[-1], []).append(name)

    def _check_member(self, info: zipfile.ZipInfo) -> bool:
        """Refuse one member on what its directory entry says; ``True`` for a folder."""
        limits = self.limits
        name = info.filename
        self._check_name(name)
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            raise ArchiveRefused(f"The archive contains a symbolic link ({name}); exports never do, so it was refused.")
        if info.is_dir():
            return True
        if name.lower().endswith(NESTED_ARCHIVE_SUFFIXES):
            raise ArchiveRefused(f"The archive contains another archive ({name}); upload the export itself, not a zip of zips.")
        if info.flag_bits & 0x1:
            raise ArchiveRefused(f"The archive is password-protected ({name}); upload it without a password.")
        if info.compress_type not in ALLOWED_METHODS:
            method = METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise ArchiveRefused(
                f"The archive uses {method} compression ({name}); exports are never packed that way, so it was refused."
            )
        if info.file_size > limits.max_member_bytes:
            raise ArchiveRefused(
                f"{name} is too large ({megabytes(info.file_size)}; the limit per file is {megabytes(limits.max_member_bytes)})."
            )
        if info.file_size > limits.ratio_min_bytes and info.file_size > info.compress_size * limits.max_ratio:
            raise ArchiveRefused(
                f"The archive looks like a zip bomb: {name} would expand more than {limits.max_ratio:g} times. It was not unpacked."
            )
        return False

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

    def open(self, name: str, max_bytes: int | None = None) -> BoundedReader:
        """A binary stream over one member, refusing to deliver more than its declared
        size, ``max_bytes`` or the member limit, whichever is least. A member declared
        larger than the cap is refused before a byte of it is inflated."""
        if self._zip is None:
            raise RuntimeError("SafeArchive is not open; use it as a context manager")
        info = self._infos[name]
        cap = self.limits.max_member_bytes if max_bytes is None else min(max_bytes, self.limits.max_member_bytes)
        if info.file_size > cap:
            raise ArchiveRefused(f"{name} is too large to read ({megabytes(info.file_size)}; the limit is {megabytes(cap)}).")
        try:
            raw = self._zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
            raise ArchiveRefused(f"The archive is damaged: {name} cannot be read ({_short(exc)}).") from exc
        return BoundedReader(
            raw,
            limit=info.file_size,
            name=name,
            reason=f"The archive is damaged or crafted: {name} holds more data than its header declares.",
        )

    def read_bytes(self, name: str, max_bytes: int | None = None) -> bytes:
        """The whole member. Callers pass ``max_bytes`` for anything they hold in memory;
        a bigger member is refused rather than read."""
        with self.open(name, max_bytes) as stream:
            return stream.read()

    def find(self, basename_or_suffix: str) -> str | None:
        """The first member whose path is, or ends with, ``basename_or_suffix`` at a folder
        boundary: exports put the same file under different top folders, so parsers look
        files up by name, wherever they sit."""
        matches = self.find_all(basename_or_suffix)
        return matches[0] if matches else None

    def find_all(self, basename_or_suffix: str) -> list[str]:
        """Every such member, shallowest first; costs the members sharing the base name."""
        wanted = basename_or_suffix.lstrip("/")
        tail = "/" + wanted
        candidates = self._by_basename.get(wanted.rsplit("/", 1)[-1], ())
        return [n for n in candidates if n == wanted or n.endswith(tail)]

    def matching(self, pattern: re.Pattern) -> list[str]:
        """Every file member whose path ``pattern`` finds, sorted (exports number their
        parts: ``your_posts_1.json``, ``your_posts_2.json``)."""
        return sorted(n for n in self._infos if pattern.search(n))

    def resolve(self, relative: str) -> str | None:
        """The member an export refers to by a path relative to its own root, or ``None``:
        the path itself, else the path under the first top-level folder (in name order)
        that holds it. Exports put everything under one such folder."""
        relative = relative.lstrip("/")
        if relative in self._infos:
            return relative
        tail = "/" + relative
        under_a_top = (
            n for n in self._by_basename.get(relative.rsplit("/", 1)[-1], ())
            if n.endswith(tail) and "/" not in n[: -len(tail)] and n != tail
        )
        return min(under_a_top, default=None)
