"""The one band scale: every scoring method writes these keys and every page reads them here.

Five bands over the 0-100 normalized score, after the grade table of the Weibo paper (seed
001, Table 4): a score *above* a band's floor earns it, so the intervals are (80, 100] very
good, (60, 80] good, (40, 60] general, (20, 40] poor and [0, 20] very poor. The priority
curves, the AHP + fuzzy evaluation and the express-delivery score all put their 0-100 score
on this scale, so a band means the same whichever method gave it, and a gauge drawn from
the score always agrees with the badge.

``meaning`` says in plain words what a band says about the risk of lending to the person;
it is shown beside every score. It describes what the method read, not a promise about the
person, because no method here has yet been checked against repayments.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    floor: float
    ceiling: float
    rank: int
    meaning: str


BANDS: tuple[Band, ...] = (
    Band("very_good", "Very good", 80.0, 100.0, 1,
         "Very low risk: what we read points clearly to someone who repays what they borrow."),
    Band("good", "Good", 60.0, 80.0, 2,
         "Low risk: most of what we read points to someone who repays; a few things hold the score back."),
    Band("general", "General", 40.0, 60.0, 3,
         "Average risk: what we read is mixed, some of it for and some of it against."),
    Band("poor", "Poor", 20.0, 40.0, 4,
         "Raised risk: much of what we read counts against lending; a lender will look closer before saying yes."),
    Band("very_poor", "Very poor", 0.0, 20.0, 5,
         "High risk: most of what we read counts against lending."),
)
KEYS: tuple[str, ...] = tuple(b.key for b in BANDS)
BY_KEY: dict[str, Band] = {b.key: b for b in BANDS}
NO_BAND = "No band"


def band_of(normalized: float | None) -> str:
    """The key of the band a 0-100 score falls in; ``""`` when there is no score."""
    if normalized is None:
        return ""
    for band in BANDS[:-1]:
        if normalized > band.floor:
            return band.key
    return BANDS[-1].key


def get(key: str | None) -> Band | None:
    return BY_KEY.get(key or "")


def label(key: str | None) -> str:
    band = get(key)
    return band.label if band else NO_BAND


def rank(key: str | None) -> int:
    """1 for the best band down to 5 for the worst; 0 for no band."""
    band = get(key)
    return band.rank if band else 0


def meaning(key: str | None) -> str:
    band = get(key)
    return band.meaning if band else ""
