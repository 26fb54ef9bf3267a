"""The send and receive dates of shipment records, in the formats Chinese couriers export."""
from __future__ import annotations

import re
from datetime import date

# Dates repeat heavily in real shipment files; caching their parse keeps a million-row import
# fast. The cache is bounded so an adversarial file cannot grow it.
CACHE_LIMIT = 200_000

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
    if len(_date_cache) < CACHE_LIMIT:
        _date_cache[text] = result
    return result
