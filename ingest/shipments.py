"""Reading and cleaning express-delivery (parcel shipment) records: a pure core, no Django.

The method comes from a bank's patent on credit investigation from express-delivery data
(seed ``003_d17c707575a33cf9``, claim 4): the initial data is cleaned "according to preset
indexes" -- recipient address, sender address, recipient information, sender information,
recipient date and sender date -- to give the target data that scoring works on. Here:

* **Reading** streams: the file is read one line at a time (``read_shipments`` is a
  generator), so a file of millions of rows never sits in memory. UTF-8 (with or without a
  BOM) and GB18030 are accepted; the encoding is decided from the first 64 KiB, and a line
  that does not decode is dropped and counted, not guessed at. Comma or tab separated, decided
  from the header line.
* **Columns** are found by header name. Without a mapping the header names are
  ``DEFAULT_HEADERS``; a mapping ``{field: header in the file}`` renames any of them.
* **Cleaning** drops a row, and counts it under one reason (the first that applies, in
  ``DROP_REASONS`` order), when: it has fewer columns than the header; it has no tracking
  number; a party has neither name nor identity; an address is empty; a date is empty or not
  in a known format (``parse_date``); it was received before it was sent; or its tracking
  number was already kept (duplicates: the first occurrence wins). Nothing is dropped
  silently: ``CleaningReport`` holds rows read, kept and dropped by reason, and
  ``read == kept + sum(dropped)`` always holds.
* **Regions**: each address is mapped to a region (province / city / district) by the
  longest-prefix match in ``RegionMatcher``. An address matching no region is *kept* (the
  parcel is real and still counts for volumes) with region ``None``; the report counts them.
"""
from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import IO, NamedTuple

FIELDS = (
    "tracking_no",
    "sender_name",
    "sender_id",
    "sender_address",
    "recipient_name",
    "recipient_id",
    "recipient_address",
    "sent_at",
    "received_at",
)
DEFAULT_HEADERS: dict[str, str] = {name: name for name in FIELDS}

# In the order they are checked: a row is counted under the first reason that applies.
DROP_REASONS = (
    "undecodable",
    "short_row",
    "missing_tracking_no",
    "missing_sender",
    "missing_recipient",
    "missing_sender_address",
    "missing_recipient_address",
    "missing_sent_at",
    "missing_received_at",
    "bad_sent_at",
    "bad_received_at",
    "received_before_sent",
    "duplicate_tracking_no",
)

SNIFF_BYTES = 64 * 1024
# Dates and addresses repeat heavily in real shipment files; caching their parse keeps a
# million-row import fast. The caches are bounded so an adversarial file cannot grow them.
_CACHE_LIMIT = 200_000


class ShipmentFileError(ValueError):
    """A file that cannot be read as shipment records at all; ``str()`` is one line."""


class Party(NamedTuple):
    """One side of a parcel. ``key`` identifies the user: the identity when given (upper-cased,
    spaces removed), otherwise ``"name:" + name`` -- the patent's enterprises often ship
    without a personal ID, so a name is all there is."""

    key: str
    name: str
    identity: str
    address: str
    region: str | None


class Shipment(NamedTuple):
    tracking_no: str
    sender: Party
    recipient: Party
    sent_at: date
    received_at: date


@dataclass
class CleaningReport:
    """What happened to every row of one file."""

    encoding: str = ""
    delimiter: str = ""
    read: int = 0
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)
    unmatched_addresses: int = 0
    # A few examples per reason (line number and reason) so a person can find the bad rows.
    examples: dict[str, list[int]] = field(default_factory=dict)

    def drop(self, reason: str, line_no: int) -> None:
        self.dropped[reason] += 1
        lines = self.examples.setdefault(reason, [])
        if len(lines) < 5:
            lines.append(line_no)

    @property
    def dropped_total(self) -> int:
        return sum(self.dropped.values())

    def as_dict(self) -> dict:
        return {
            "encoding": self.encoding,
            "delimiter": "tab" if self.delimiter == "\t" else "comma",
            "read": self.read,
            "kept": self.kept,
            "dropped": {reason: self.dropped[reason] for reason in DROP_REASONS if self.dropped[reason]},
            "dropped_total": self.dropped_total,
            "unmatched_addresses": self.unmatched_addresses,
            "examples": {reason: lines for reason, lines in self.examples.items()},
        }


# --- dates -------------------------------------------------------------------------------

_DATE_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:$|[\sT])")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{4}(?:\d{2})?)?$")
_date_cache: dict[str, date | None] = {}


def parse_date(text: str) -> date | None:
    """The calendar date of ``text``, or None when it is not a date in a common format.

    Accepted: year first, with ``-``, ``/``, ``.`` or ``年月日`` between the parts
    (``2024-03-05``, ``2024/3/5``, ``2024.03.05``, ``2024年3月5日``), optionally followed by a
    time (``2024-03-05 14:30:00``, ``2024-03-05T14:30:00+08:00``: the time is ignored), and the
    compact ``20240305`` / ``202403051430`` / ``20240305143000``. Day-first and month-first
    forms are refused rather than guessed: ``03/05/2024`` is two different dates.
    """
    cached = _date_cache.get(text)
    if cached is not None or text in _date_cache:
        return cached
    value = text.strip()
    match = _DATE_SEPARATED.match(value) or _DATE_COMPACT.match(value)
    result = None
    if match:
        try:
            result = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            result = None
    if len(_date_cache) < _CACHE_LIMIT:
        _date_cache[text] = result
    return result


# --- regions -----------------------------------------------------------------------------

SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "省", "市", "区", "县", "盟", "旗")
# Trailing parts of a Latin-script address that name no region inside the country.
_LATIN_NOISE = {"china", "prc", "p.r.c.", "p.r. china", "people's republic of china", "pr china"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_SPACES = re.compile(r"[\s.]+")
_POSTCODE = re.compile(r"^[\d\s-]+$")
_EDGE_NUMBER = re.compile(r"^\d[\d-]*\s+|\s+\d[\d-]*$")  # "guangdong 510000" -> "guangdong"
SEPARATOR = "/"


def _short(name: str) -> str:
    """A Chinese region name without its administrative suffix (广东省 -> 广东), when at least
    two characters remain; people write addresses both ways."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _latin_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _LATIN_SPACES.sub(" ", text).strip()
    for suffix in (" district", " city", " province", " county", " prefecture", " municipality", " sar"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def split_region_line(line: str) -> tuple[str, ...]:
    """A region written as one line -- ``广东省/深圳市/南山区``, ``Guangdong,Shenzhen,Nanshan``
    or tab-separated -- as its non-empty levels, most general first."""
    parts = re.split(r"[/,\t>]", line)
    return tuple(part.strip() for part in parts if part.strip())


class RegionMatcher:
    """Longest-prefix match of addresses against a region table.

    ``regions`` are paths of one to three levels, most general first (province, city,
    district). Each path and each of its ancestors becomes a region. Matching uses a trie over
    *tokens*:

    * Chinese addresses are matched character by character from the start
      (``广东省深圳市南山区科技园…`` -> ``广东省/深圳市/南山区``). Every region is entered under its
      full names and its short names (suffix removed), with and without the levels above it, so
      ``深圳南山区…``, ``广东深圳…`` and ``南山区…`` match too.
    * Latin-script addresses name the region at the end (``8 Keyuan Rd, Nanshan District,
      Shenzhen, Guangdong, China``): the comma-separated parts are read from the end, dropping a
      trailing country name and postcodes, and matched part by part, case-insensitively and
      with "District"/"City"/"Province" optional.

    The longest match wins. A key that two different regions share (``朝阳`` is a district of
    Beijing and a city of Liaoning) is ambiguous and left out, so such an address falls back to
    the longest *unambiguous* prefix instead of being assigned at random.
    """

    def __init__(self, regions: Iterable[Iterable[str]]):
        self._cjk_trie: dict = {}
        self._latin_trie: dict = {}
        self._cache: dict[str, str | None] = {}
        self.paths: set[str] = set()
        keys: dict[tuple[bool, tuple[str, ...]], str | None] = {}
        for levels in regions:
            levels = tuple(str(level).strip() for level in levels if str(level).strip())
            for depth in range(1, len(levels) + 1):
                path = levels[:depth]
                self.paths.add(SEPARATOR.join(path))
                target = SEPARATOR.join(path)
                for key in self._keys(path):
                    keys[key] = _merge_target(keys.get(key, ""), target)
        for (cjk, tokens), target in keys.items():
            if target is None:
                continue
            node = self._cjk_trie if cjk else self._latin_trie
            for token in tokens:
                node = node.setdefault(token, {})
            node[None] = target

    @staticmethod
    def _keys(path: tuple[str, ...]) -> Iterator[tuple[bool, tuple[str, ...]]]:
        """Every way an address may begin when it lies in ``path``."""
        variants: list[list[str]] = [sorted({level, _short(level)}) for level in path]
        # The province may be left out, and so may the city before a district.
        starts = range(len(path))
        for start in starts:
            combos: list[list[str]] = [[]]
            for options in variants[start:]:
                combos = [combo + [option] for combo in combos for option in options]
            for combo in combos:
                if _is_cjk("".join(combo)):
                    yield True, tuple("".join(combo))
                else:
                    yield False, tuple(_latin_key(part) for part in combo)

    def match(self, address: str) -> str | None:
        """The region path (``"广东省/深圳市/南山区"``) of ``address``, or None."""
        cached = self._cache.get(address)
        if cached is not None or address in self._cache:
            return cached
        if _is_cjk(address):
            tokens: Iterable[str] = "".join(address.split())
            result = self._walk(self._cjk_trie, tokens)
        else:
            parts = [_latin_key(_EDGE_NUMBER.sub("", part.strip())) for part in reversed(address.split(","))]
            parts = [part for part in parts if part and part not in _LATIN_NOISE and not _POSTCODE.match(part)]
            result = self._walk(self._latin_trie, parts)
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[address] = result
        return result

    @staticmethod
    def _walk(trie: dict, tokens: Iterable[str]) -> str | None:
        node, best = trie, None
        for token in tokens:
            node = node.get(token)
            if node is None:
                break
            best = node.get(None, best)
        return best


def _merge_target(existing: str | None, target: str) -> str | None:
    """The region a key stands for once ``target`` also claims it: the deeper one when one lies
    in the other (北京市 is the province and its city), None (ambiguous) when they are unrelated."""
    if existing == "" or existing == target:
        return target
    if existing is None:
        return None
    if region_contains(existing, target):
        return target
    if region_contains(target, existing):
        return existing
    return None


def region_contains(area: str, region: str | None) -> bool:
    """Whether ``region`` lies in ``area`` (both paths): ``广东省/深圳市`` contains
    ``广东省/深圳市/南山区`` and itself, but not ``广东省/深圳``-anything-else."""
    if not region:
        return False
    return region == area or region.startswith(area + SEPARATOR)


# --- reading -----------------------------------------------------------------------------


def sniff_encoding(head: bytes) -> str:
    """``utf-8-sig`` when the lines of ``head`` (the start of the file) are UTF-8, else ``gb18030``.

    Each complete line with non-ASCII bytes votes: valid UTF-8 or not. UTF-8 is strict enough
    that Chinese text in GB18030 almost never passes as UTF-8, so a GB18030 file votes clearly
    against; voting per line keeps one corrupt line from turning a UTF-8 file into GB18030.
    """
    lines = head.split(b"\n")
    if len(lines) > 1:
        lines = lines[:-1]  # the last piece may end in the middle of a character
    utf8 = other = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            other += 1
    return "utf-8-sig" if utf8 >= other else "gb18030"


class _DecodedLines:
    """The file's lines as text, one at a time; a line that does not decode is counted as read
    and dropped, never half-read. ``line_no`` is the physical line last handed out, which is
    what a person looks for in the file (a quoted field may span lines)."""

    def __init__(self, raw_lines: Iterable[bytes], encoding: str, report: CleaningReport):
        self._raw = iter(raw_lines)
        self._codec = "utf-8" if encoding == "utf-8-sig" else encoding
        self._report = report
        self.line_no = 0

    def __iter__(self) -> "_DecodedLines":
        return self

    def __next__(self) -> str:
        while True:
            raw = next(self._raw)
            self.line_no += 1
            if self.line_no == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                return raw.decode(self._codec)
            except UnicodeDecodeError:
                if self.line_no == 1:
                    raise ShipmentFileError(
                        f"the header line is not valid {self._codec}; save the file as UTF-8 or GB18030"
                    ) from None
                self._report.read += 1
                self._report.drop("undecodable", self.line_no)


def _column_indexes(header: list[str], mapping: Mapping[str, str] | None) -> list[int]:
    wanted = dict(DEFAULT_HEADERS)
    for name, column in (mapping or {}).items():
        if name not in DEFAULT_HEADERS:
            raise ShipmentFileError(f"unknown field {name!r} in the column mapping; fields are {', '.join(FIELDS)}")
        if column and column.strip():
            wanted[name] = column.strip()
    positions = {column.strip().casefold(): index for index, column in enumerate(header)}
    indexes = []
    for name in FIELDS:
        index = positions.get(wanted[name].casefold())
        if index is None:
            shown = ", ".join(column.strip() for column in header)[:200]
            raise ShipmentFileError(f"the file has no column {wanted[name]!r} for {name} (its columns are: {shown})")
        indexes.append(index)
    return indexes


KEY_MAX = 200  # a real identity is 18 characters, a name a few dozen: longer values are cut


def _party(name: str, identity: str, address: str, regions: RegionMatcher, report: CleaningReport) -> Party:
    identity = "".join(identity.split()).upper()[:KEY_MAX]
    name = name[:KEY_MAX - 5]
    region = regions.match(address)
    if region is None:
        report.unmatched_addresses += 1
    return Party(identity or f"name:{name}", name, identity, address, region)


def read_shipments(
    stream: IO[bytes],
    *,
    regions: RegionMatcher,
    report: CleaningReport,
    mapping: Mapping[str, str] | None = None,
) -> Iterator[Shipment]:
    """Yield the clean shipments of a binary CSV stream, one at a time, filling ``report``.

    ``stream`` is read once, front to back: its first ``SNIFF_BYTES`` decide the encoding and
    are then chained back in front of the rest, so no seek is needed. Raises
    ``ShipmentFileError`` when the file has no usable header; row problems never raise.
    """
    head = stream.read(SNIFF_BYTES)
    if not head.strip():
        raise ShipmentFileError("the file is empty")
    encoding = sniff_encoding(head)
    report.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    lines = _DecodedLines(_raw_lines(head, stream), encoding, report)
    try:
        header_line = next(lines)
    except StopIteration:
        raise ShipmentFileError("the file is empty") from None
    report.delimiter = "\t" if header_line.count("\t") >= max(1, header_line.count(",")) else ","
    header = next(csv.reader([header_line], delimiter=report.delimiter))
    indexes = _column_indexes(header, mapping)
    width = max(indexes) + 1
    seen: set[int] = set()
    reader = csv.reader(lines, delimiter=report.delimiter)
    drop = report.drop
    for row in reader:
        line_no = lines.line_no
        if not any(cell.strip() for cell in row):
            continue  # blank lines are layout, not records
        report.read += 1
        if len(row) < width:
            drop("short_row", line_no)
            continue
        tracking, s_name, s_id, s_addr, r_name, r_id, r_addr, s_at, r_at = (row[i].strip() for i in indexes)
        if not tracking:
            drop("missing_tracking_no", line_no)
        elif not (s_name or s_id):
            drop("missing_sender", line_no)
        elif not (r_name or r_id):
            drop("missing_recipient", line_no)
        elif not s_addr:
            drop("missing_sender_address", line_no)
        elif not r_addr:
            drop("missing_recipient_address", line_no)
        elif not s_at:
            drop("missing_sent_at", line_no)
        elif not r_at:
            drop("missing_received_at", line_no)
        else:
            sent, received = parse_date(s_at), parse_date(r_at)
            if sent is None:
                drop("bad_sent_at", line_no)
            elif received is None:
                drop("bad_received_at", line_no)
            elif received < sent:
                drop("received_before_sent", line_no)
            else:
                # A 64-bit hash instead of the string keeps a million tracking numbers in tens,
                # not hundreds, of megabytes; a collision (about 1 in 10^7 per million rows)
                # would drop one row as a duplicate, and it would be counted.
                digest = hash(tracking)
                if digest in seen:
                    drop("duplicate_tracking_no", line_no)
                    continue
                seen.add(digest)
                report.kept += 1
                yield Shipment(
                    tracking,
                    _party(s_name, s_id, s_addr, regions, report),
                    _party(r_name, r_id, r_addr, regions, report),
                    sent,
                    received,
                )


def _raw_lines(head: bytes, rest: IO[bytes], chunk_size: int = 1 << 20) -> Iterator[bytes]:
    """``head`` and then the rest of the stream as lines, reading a megabyte at a time.

    Only ``read()`` is used: some file wrappers (Django's ``File``) rewind to the start when
    iterated, which would read the head twice.
    """
    buffer = head
    while True:
        chunk = rest.read(chunk_size)
        if not chunk:
            break
        buffer += chunk
        *complete, buffer = buffer.split(b"\n")
        for piece in complete:
            yield piece + b"\n"
    *complete, tail = buffer.split(b"\n")  # a file shorter than the head ends up here whole
    for piece in complete:
        yield piece + b"\n"
    if tail:
        yield tail
