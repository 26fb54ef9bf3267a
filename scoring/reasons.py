"""Why a score is what it is: one shape of reason for every scoring method.

Every entry of ``ScoreResult.reasons``, whatever the method, is stored as::

    {"method": "priority" | "fuzzy" | "express",
     "feature": what it is about (a priority feature, a fuzzy index, an express value) or None,
     "code": a stable identifier a lender's letter can key on ("few_connections"), or "",
     "text": a plain sentence for the person scored,
     "points_lost": the points the score lost for it, or None when the method cannot say}

``feature`` and ``code`` are for programs; ``text`` is for people and never carries an
internal code. Reasons are listed most costly first. Pages, the CSV export and the API read
this one shape; migration ``0011_one_reason_shape`` brought older rows to it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

FIELDS = ("method", "feature", "code", "text", "points_lost")


@dataclass(frozen=True)
class Reason:
    method: str
    text: str
    feature: str | None = None
    code: str = ""
    points_lost: float | None = None

    def __str__(self) -> str:
        return self.text

    def as_dict(self) -> dict:
        """The stored form, keys in ``FIELDS`` order."""
        stored = asdict(self)
        return {key: stored[key] for key in FIELDS}

    @classmethod
    def from_dict(cls, stored: Mapping) -> "Reason":
        """A stored reason; ``ValueError`` naming the key when it is not of the one shape."""
        if not isinstance(stored, Mapping):
            raise ValueError(f"a stored reason is an object with {', '.join(FIELDS)}, not {type(stored).__name__}")
        missing = [key for key in FIELDS if key not in stored]
        if missing:
            raise ValueError(f"a stored reason lacks {', '.join(missing)}")
        points = stored["points_lost"]
        return cls(method=str(stored["method"]), text=str(stored["text"]), feature=stored["feature"],
                   code=str(stored["code"]), points_lost=None if points is None else float(points))


def from_sentences(method: str, sentences: Iterable[str]) -> list[dict]:
    """Stored reasons of a method that explains itself in sentences only (express)."""
    return [Reason(method=method, text=text).as_dict() for text in sentences]


def read(stored: Iterable[Mapping], limit: int | None = None) -> list[Reason]:
    """Stored reasons as ``Reason``s, most costly first as the method ordered them, without
    blank sentences; at most ``limit``."""
    reasons = [reason for reason in map(Reason.from_dict, stored) if reason.text.strip()]
    return reasons if limit is None else reasons[:limit]
