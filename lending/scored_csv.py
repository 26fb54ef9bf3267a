"""Reading a CSV of scored applications: a ``score`` column, an ``outcome`` column (1 = bad, 0 =
good) and any number of numeric feature columns, into one float array per column.

Rules, each refused with the line it is on (line 1 is the header):

- the header names every column once, and includes ``score`` (and ``outcome`` when outcomes
  are required; a file read as a reference may leave it out);
- every row has as many fields as the header; a blank line is skipped;
- ``score`` is a finite number; ``outcome`` is 1 or 0;
- any other column is a finite number, or empty for a missing value (NaN).

Every bad row is collected before anything is refused, so one run lists them all (the first
``MAX_LISTED``); nothing is returned from a file with a bad row.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from typing import Iterable, TextIO

import numpy as np

SCORE = "score"
OUTCOME = "outcome"
MAX_LISTED = 10


class ScoredCsvError(ValueError):
    """A file that cannot be used; ``str()`` is one line a person understands."""


@dataclass(frozen=True)
class ScoredTable:
    """Columns by name, in the file's order, each a float64 array (NaN = missing)."""

    columns: dict[str, np.ndarray]

    @property
    def n(self) -> int:
        return int(self.columns[SCORE].size)


def _header(row: list[str], require_outcome: bool) -> list[str]:
    names = [name.strip() for name in row]
    for position, name in enumerate(names, start=1):
        if not name:
            raise ScoredCsvError(f"line 1: column {position} of the header has no name")
        if names.count(name) > 1:
            raise ScoredCsvError(f"line 1: the header names column {name!r} twice")
    wanted = [SCORE, OUTCOME] if require_outcome else [SCORE]
    missing = [name for name in wanted if name not in names]
    if missing:
        raise ScoredCsvError(f"line 1: the header has no {' or '.join(repr(m) for m in missing)} column")
    return names


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _cell(name: str, text: str) -> tuple[float, str | None]:
    """The value of one cell, and why it is refused (or ``None``)."""
    text = text.strip()
    value = _number(text) if text else None
    if name == OUTCOME:
        if value in (0.0, 1.0):
            return value, None
        return math.nan, f"outcome must be 1 (bad) or 0 (good), not {text!r}"
    if value is not None:
        return value, None
    if name == SCORE:
        return math.nan, f"score must be a number, not {text!r}"
    if not text:
        return math.nan, None
    return math.nan, f"column {name!r} must be a number or empty, not {text!r}"


def _refusal(errors: list[str], rows: int) -> ScoredCsvError:
    listed = "; ".join(errors[:MAX_LISTED])
    more = f"; and {len(errors) - MAX_LISTED} more" if len(errors) > MAX_LISTED else ""
    return ScoredCsvError(f"{len(errors)} of {rows} rows refused, nothing was computed: {listed}{more}")


def read_rows(numbered_rows: Iterable[tuple[int, list[str]]], require_outcome: bool = True) -> ScoredTable:
    """A ``ScoredTable`` from parsed CSV rows, each with the line on which it ends.

    Raises
    ------
    ScoredCsvError
        Naming the line of each bad row (see the module docstring for the rules).
    """
    rows = iter(numbered_rows)
    _, header = next(rows, (0, None))
    if header is None:
        raise ScoredCsvError("the file is empty: it needs a header line with 'score' and 'outcome'")
    names = _header(header, require_outcome)
    values: list[list[float]] = [[] for _ in names]
    errors: list[str] = []
    count = 0
    for line, row in rows:
        if not any(field.strip() for field in row):
            continue
        count += 1
        if len(row) != len(names):
            errors.append(f"line {line} has {len(row)} fields, the header has {len(names)}")
            continue
        cells = [_cell(name, text) for name, text in zip(names, row)]
        errors.extend(f"line {line}: {why}" for _, why in cells if why)
        for column, (value, _) in zip(values, cells):
            column.append(value)
    if errors:
        raise _refusal(errors, count)
    if not count:
        raise ScoredCsvError("the file has a header but no rows")
    return ScoredTable({name: np.array(column, dtype=np.float64) for name, column in zip(names, values)})


def read_scored_csv(stream: TextIO, require_outcome: bool = True) -> ScoredTable:
    """Read a scored-applications CSV from a text stream (see the module docstring).

    Parameters
    ----------
    stream : text file
        Opened with ``newline=""``, as the ``csv`` module asks.
    require_outcome : bool, default True
        False for a reference window, whose outcomes may not be known yet.

    Raises
    ------
    ScoredCsvError
        Naming the line of each bad row; ``csv.Error`` is turned into one as well.
    """
    reader = csv.reader(stream)
    try:
        return read_rows(((reader.line_num, row) for row in reader), require_outcome)
    except csv.Error as error:
        raise ScoredCsvError(f"line {reader.line_num}: {error}") from None
