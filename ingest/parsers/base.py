"""What every parser shares: the empty profile, the item caps, Facebook's mojibake, dates,
and reading members of a ``SafeArchive`` as JSON or CSV without trusting them.

A parser builds one ``ProfileBuilder`` and fills it; missing files and malformed items
become warnings (one line each), never exceptions. The only exceptions that leave a parser
are ``ArchiveRefused`` ones, for archives that cannot be read at all.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from typing import Any

from ..archive import SafeArchive
from ..jsonstream import MalformedJSON, iter_items
from ..profile import LISTS, SCHEMA_VERSION, TELLABLE, Counts, Person, Profile, read_profile

# Lists in the profile are capped so memory stays bounded whatever the export holds; the
# counts keep counting past the cap, and a warning says that the list was cut.
MAX_ITEMS = 50_000
# Small JSON documents (profile information) are read whole; anything larger than this
# is not what such a file ever is, and is skipped with a warning.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp")
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".avi")


def empty_profile(platform: str, kind: str, layout: str) -> dict[str, Any]:
    """The normalized profile of profile-schema.md with every value "not told"."""
    return {
        "schema_version": SCHEMA_VERSION,
        "platform": platform,
        "source": {"kind": kind, "layout": layout},
        "profile": dict.fromkeys(Person.model_fields),
        "counts": dict.fromkeys(Counts.model_fields),
        "posts": None,
        "comments": None,
        "groups": None,
        "pages": None,
        "media": None,
        "warnings": [],
    }


def _slot(doc: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    """The dictionary holding the field at ``path`` ("profile.skills", "posts"), and its key."""
    parent, _, key = path.rpartition(".")
    return (doc[parent] if parent else doc), key


def _value_at(doc: dict[str, Any], path: str) -> Any:
    parent, key = _slot(doc, path)
    return parent.get(key)


class ProfileBuilder:
    """Fills one normalized profile, enforcing the caps, de-duplicating names, and keeping
    every field its platform cannot tell null.

    ``tells`` is the parser's declaration of what its platform's exports can tell (paths of
    ``ingest.profile.TELLABLE``). Lists start null, "not told"; ``tell`` (or adding an item)
    makes one an empty list once the file that holds it has been found, so a missing file
    leaves its fields null rather than "none".
    """

    def __init__(self, platform: str, kind: str, layout: str, tells: frozenset[str]) -> None:
        unknown = sorted(tells - set(TELLABLE))
        if unknown:
            raise ValueError(f"not fields of the normalized profile: {', '.join(unknown)}")
        self.tells = tells
        self.doc = empty_profile(platform, kind, layout)
        self._seen: dict[str, set] = {"groups": set(), "pages": set(), "media": set()}
        self._capped: set[str] = set()

    @property
    def profile(self) -> dict[str, Any]:
        return self.doc["profile"]

    @property
    def counts(self) -> dict[str, Any]:
        return self.doc["counts"]

    def tell(self, *paths: str) -> None:
        """The export holds these lists: from now on an empty one means "none"."""
        for path in paths:
            if path not in LISTS or path not in self.tells:
                raise ValueError(f"{self.doc['platform']} exports cannot tell the list {path}")
            parent, key = _slot(self.doc, path)
            if parent[key] is None:
                parent[key] = []

    def build(self) -> Profile:
        """The finished profile, checked against the type and against the declaration:
        a parser that filled a field its platform cannot tell is a fault of ours."""
        filled = [path for path in TELLABLE if path not in self.tells and _value_at(self.doc, path) is not None]
        if filled:
            raise ValueError(f"the {self.doc['platform']} parser filled {', '.join(filled)}, which its exports cannot tell")
        return read_profile(self.doc)

    def warn(self, message: str) -> None:
        message = " ".join(str(message).split())
        if message not in self.doc["warnings"]:
            self.doc["warnings"].append(message)

    def _room(self, key: str) -> bool:
        self.tell(key)
        if len(self.doc[key]) < MAX_ITEMS:
            return True
        if key not in self._capped:
            self._capped.add(key)
            self.warn(f"Only the first {MAX_ITEMS:,} {key} were kept.")
        return False

    def add_post(
        self, text: str, created_at: str | None, likes: int | None = None, shares: int | None = None, extra: dict[str, Any] | None = None
    ) -> None:
        """One post; ``extra`` holds fields a platform adds beyond the schema's four (Weibo's
        repost flag and comment count), which profile-schema.md allows."""
        if self._room("posts"):
            self.doc["posts"].append({"text": text, "created_at": created_at, "likes": likes, "shares": shares, **(extra or {})})

    def add_comment(self, text: str, created_at: str | None) -> None:
        if self._room("comments"):
            self.doc["comments"].append({"text": text, "created_at": created_at})

    def add_name(self, key: str, name: str | None) -> None:
        """Add a group or page name once (case and surrounding spaces ignored)."""
        if not name or not name.strip():
            return
        folded = name.strip().casefold()
        if folded in self._seen[key] or not self._room(key):
            return
        self._seen[key].add(folded)
        self.doc[key].append(name.strip())

    def add_media(self, path: str, created_at: str | None) -> None:
        lowered = path.lower()
        kind = "image" if lowered.endswith(IMAGE_SUFFIXES) else "video" if lowered.endswith(VIDEO_SUFFIXES) else None
        if kind is None or path in self._seen["media"] or not self._room("media"):
            return
        self._seen["media"].add(path)
        self.doc["media"].append({"path": path, "kind": kind, "created_at": created_at})

    def add_email(self, email: Any) -> None:
        self.tell("profile.emails")
        if isinstance(email, str) and email.strip() and email.strip() not in self.profile["emails"]:
            self.profile["emails"].append(email.strip())


# -- text ---------------------------------------------------------------------------------
def fix_mojibake(text: str) -> str:
    """Undo Meta's export encoding, where each UTF-8 byte became one ``\\u00XX`` character
    ("caf\\u00c3\\u00a9" for "café"). A string that is not such a sequence (plain ASCII, or
    already real Unicode beyond Latin-1, or Latin-1 that is not valid UTF-8) is returned
    unchanged, so fixing twice or fixing correct text does no harm."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def fix_all(value: Any) -> Any:
    """``fix_mojibake`` applied to every string inside a decoded JSON value."""
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, list):
        return [fix_all(v) for v in value]
    if isinstance(value, dict):
        return {fix_mojibake(k): fix_all(v) for k, v in value.items()}
    return value


def as_list(value: Any) -> list:
    """``value`` when it is a list, else ``[]``: exports are read as they come, and a field
    that should hold a list may hold anything."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict:
    """``value`` when it is an object, else ``{}``."""
    return value if isinstance(value, dict) else {}


def clean_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


# -- dates --------------------------------------------------------------------------------
def iso_from_timestamp(value: Any) -> str | None:
    """Unix seconds (as Meta and Instagram write them) to ISO-8601 UTC; ``None`` for
    anything that is not a plausible timestamp (0 is Facebook's "unknown")."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, tz=timezone.utc).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def iso_from_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def parse_datetime(value: Any, formats: Iterable[str]) -> str | None:
    """The first of ``formats`` that reads ``value``, as ISO-8601 UTC, else ``None``."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for fmt in formats:
        try:
            return iso_from_datetime(datetime.strptime(text, fmt))
        except ValueError:
            continue
    try:
        return iso_from_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def safe_date(year: Any, month: Any, day: Any) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def as_int(value: Any) -> int | None:
    """Counts arrive as ints or as strings of digits (X/Twitter writes "12")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


# -- reading members ------------------------------------------------------------------------
def read_json(archive: SafeArchive, name: str, builder: ProfileBuilder) -> Any | None:
    """A small JSON document, whole; ``None`` with a warning when it is not JSON."""
    if archive.size(name) > MAX_DOCUMENT_BYTES:
        builder.warn(f"{name} is too large for what it should hold and was skipped.")
        return None
    raw = archive.read_bytes(name, MAX_DOCUMENT_BYTES)
    try:
        return json.loads(raw.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError:
        builder.warn(f"{name} is not valid JSON and was skipped.")
        return None


def stream_json(archive: SafeArchive, name: str, builder: ProfileBuilder, keys: tuple[str, ...] = ()) -> Iterator[Any]:
    """The items of a (possibly huge) JSON list member, one at a time; where the file
    stops being JSON a warning says how many items were read before the fault."""
    count = 0
    with archive.open(name) as stream:
        try:
            for item in iter_items(stream, keys):
                count += 1
                yield item
        except MalformedJSON as exc:
            builder.warn(f"{name} is damaged after item {count} ({exc}); the rest of it was skipped.")


class CsvTable:
    """The rows of one CSV member, read one at a time from the archive stream.

    Lines before the header are skipped (LinkedIn writes "Notes:" paragraphs above some
    headers); a row the csv module cannot read ends the table with a warning, keeping the
    rows before it.
    """

    def __init__(self, archive: SafeArchive, name: str, builder: ProfileBuilder, header_starts: str) -> None:
        self.name = name
        self._builder = builder
        self._text = io.TextIOWrapper(io.BufferedReader(archive.open(name)), encoding="utf-8-sig", errors="replace", newline="")
        self.fieldnames: list[str] | None = None
        for _ in range(MAX_PREAMBLE_LINES):
            line = self._text.readline(MAX_PREAMBLE_LINE_CHARS)
            if not line:
                break
            if line.lstrip('"').startswith(header_starts):
                self.fieldnames = [f.strip() for f in next(csv.reader([line]))]
                break
        if self.fieldnames is None:
            self._text.close()
            builder.warn(f"{name} has no '{header_starts}' header and was skipped.")

    def __iter__(self) -> Iterator[dict[str, str]]:
        if self.fieldnames is None:
            return
        count = 0
        try:
            for row in csv.DictReader(self._text, fieldnames=self.fieldnames):
                row.pop(None, None)  # more cells than headers: keep the known ones
                count += 1
                yield {k: (v or "").strip() for k, v in row.items()}
        except csv.Error as exc:
            self._builder.warn(f"{self.name} is damaged after row {count} ({exc}); the rest of it was skipped.")
        finally:
            self._text.close()


MAX_PREAMBLE_LINES = 50
MAX_PREAMBLE_LINE_CHARS = 64 * 1024


def read_csv(archive: SafeArchive, name: str, builder: ProfileBuilder, header_starts: str) -> CsvTable | None:
    """The rows of a CSV member, streamed; ``None`` (with a warning) when it has no header
    starting with ``header_starts``."""
    table = CsvTable(archive, name, builder, header_starts)
    return table if table.fieldnames is not None else None
