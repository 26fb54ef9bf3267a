"""Reading and cleaning express-delivery (parcel shipment) records.

The method comes from a bank's patent on credit investigation from express-delivery data
(seed ``003_d17c707575a33cf9``, claim 4): the initial data is cleaned "according to preset
indexes" -- recipient address, sender address, recipient information, sender information,
recipient date and sender date -- to give the target data that scoring works on. Here:

* **Reading** streams: the file is read one line at a time (``read_shipments`` is a
  generator), so a file of millions of rows never sits in memory. UTF-8 (with or without a
  BOM) and GB18030 are accepted; the encoding is decided from the first 64 KiB
  (``express.encoding``), and a line that does not decode is dropped and counted, not guessed
  at. Comma or tab separated, decided from the header line.
* **Columns** are found by header name. Without a mapping the header names are
  ``DEFAULT_HEADERS``; a mapping ``{field: header in the file}`` renames any of them.
* **Cleaning** drops a row, and counts it under one reason (the first that applies, in
  ``DROP_REASONS`` order), when: it has fewer columns than the header; it has no tracking
  number; a party has neither name nor identity; an address is empty; a date is empty or not
  in a known format (``express.dates.parse_date``); it was received before it was sent; or its
  tracking number was already kept (duplicates: the first occurrence wins). Nothing is dropped
  silently: ``CleaningReport`` holds rows read, kept and dropped by reason, and
  ``read == kept + sum(dropped)`` always holds.
* **Regions**: each address is mapped to a region (province / city / district) by the
  longest-prefix match of ``express.regions.RegionMatcher``. An address matching no region is
  *kept* (the parcel is real and still counts for volumes) with region ``None``; the report
  counts them.
"""
from __future__ import annotations

import codecs
import csv
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, NamedTuple

from .dates import parse_date
from .encoding import sniff_encoding
from .identity import normalise_identity
from .regions import RegionMatcher

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
KEY_MAX = 200  # a real identity is 18 characters, a name a few dozen: longer values are cut


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


class _DecodedLines:
    """The file's lines as text, one at a time; a line that does not decode is counted as read
    and dropped, never half-read. ``line_no`` is the physical line last handed out, which is
    what a person looks for in the file (a quoted field may span lines). A UTF-8 byte-order
    mark is taken off the first line by hand, so every line decodes with the plain codec."""

    def __init__(self, raw_lines: Iterable[bytes], encoding: str, report: CleaningReport):
        self._raw = iter(raw_lines)
        self._encoding = encoding
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
                return raw.decode(self._encoding)
            except UnicodeDecodeError:
                if self.line_no == 1:
                    raise ShipmentFileError(
                        f"the header line is not valid {self._encoding}; save the file as UTF-8 or GB18030"
                    ) from None
                self._report.read += 1
                self._report.drop("undecodable", self.line_no)


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


def _open(stream: IO[bytes], report: CleaningReport,
          mapping: Mapping[str, str] | None) -> tuple[_DecodedLines, list[int]]:
    """The decoded lines after the header, and the index of each of ``FIELDS`` in a row.

    The stream's first ``SNIFF_BYTES`` decide the encoding and are then chained back in front
    of the rest, so no seek is needed."""
    head = stream.read(SNIFF_BYTES)
    if not head.strip():
        raise ShipmentFileError("the file is empty")
    report.encoding = sniff_encoding(head)
    lines = _DecodedLines(_raw_lines(head, stream), report.encoding, report)
    try:
        header_line = next(lines)
    except StopIteration:
        raise ShipmentFileError("the file is empty") from None
    report.delimiter = "\t" if header_line.count("\t") >= max(1, header_line.count(",")) else ","
    header = next(csv.reader([header_line], delimiter=report.delimiter))
    return lines, _column_indexes(header, mapping)


def _dated(cells: Sequence[str]) -> tuple[date, date] | str:
    """The send and receive dates of a row's ``FIELDS`` values, or the reason it is dropped."""
    tracking, s_name, s_id, s_addr, r_name, r_id, r_addr, s_at, r_at = cells
    if not tracking:
        return "missing_tracking_no"
    if not (s_name or s_id):
        return "missing_sender"
    if not (r_name or r_id):
        return "missing_recipient"
    if not s_addr:
        return "missing_sender_address"
    if not r_addr:
        return "missing_recipient_address"
    if not s_at:
        return "missing_sent_at"
    if not r_at:
        return "missing_received_at"
    sent, received = parse_date(s_at), parse_date(r_at)
    if sent is None:
        return "bad_sent_at"
    if received is None:
        return "bad_received_at"
    if received < sent:
        return "received_before_sent"
    return sent, received


def _party(name: str, identity: str, address: str, regions: RegionMatcher, report: CleaningReport) -> Party:
    identity = normalise_identity(identity)[:KEY_MAX]
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

    ``stream`` is read once, front to back. Raises ``ShipmentFileError`` when the file has no
    usable header; row problems never raise.
    """
    lines, indexes = _open(stream, report, mapping)
    width = max(indexes) + 1
    seen: set[int] = set()
    for row in csv.reader(lines, delimiter=report.delimiter):
        line_no = lines.line_no
        if not any(cell.strip() for cell in row):
            continue  # blank lines are layout, not records
        report.read += 1
        if len(row) < width:
            report.drop("short_row", line_no)
            continue
        cells = [row[i].strip() for i in indexes]
        dated = _dated(cells)
        if isinstance(dated, str):
            report.drop(dated, line_no)
            continue
        # A 64-bit hash instead of the string keeps a million tracking numbers in tens, not
        # hundreds, of megabytes; a collision (about 1 in 10^7 per million rows) would drop one
        # row as a duplicate, and it would be counted.
        digest = hash(cells[0])
        if digest in seen:
            report.drop("duplicate_tracking_no", line_no)
            continue
        seen.add(digest)
        report.kept += 1
        _, s_name, s_id, s_addr, r_name, r_id, r_addr, _, _ = cells
        yield Shipment(cells[0], _party(s_name, s_id, s_addr, regions, report),
                       _party(r_name, r_id, r_addr, regions, report), *dated)
