"""Writing scores that a method outside ``scoring`` computed (today express) as ``ScoreResult``
rows, so the dashboards show them beside the social scores."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction

from . import bands
from .models import ScoreResult
from .reasons import Reason

# What a method may say about one owner; everything else of a ScoreResult is set here.
RESULT_FIELDS = frozenset({"score", "max_score", "normalized", "band", "eligible", "unscorable", "flags",
                           "contributions", "missing", "reasons", "detail"})


def save_results(*, method: str, results: Mapping[int, Mapping[str, Any]], as_of: date,
                 config_version: int | None = None) -> None:
    """Add one ``ScoreResult`` of ``method`` for each owner id of ``results``, in one transaction.

    Rows are added, never replaced: an owner's results are their score history (the lender's
    "over time" chart and the API's history read every one), as for the methods scored inside
    ``scoring``. ``as_of`` is kept in ``detail`` like theirs. Raises ``ValueError`` for an
    unknown method, a result field a ``ScoreResult`` does not have, a reason that is not a
    stored ``scoring.reasons.Reason`` of this method, or a band that is not the band of the
    result's score on the one scale (``scoring.bands``: a badge never disagrees with its gauge,
    whichever method wrote it).
    """
    if method not in ScoreResult.Method.values:
        raise ValueError(f"unknown scoring method {method!r}; methods are {', '.join(ScoreResult.Method.values)}")
    rows = []
    for owner_id, result in results.items():
        unknown = set(result) - RESULT_FIELDS
        if unknown:
            raise ValueError(f"a {method} result has no field {', '.join(sorted(unknown))}")
        if any(Reason.from_dict(reason).method != method for reason in result.get("reasons", [])):
            raise ValueError(f"a {method} result gives a reason of another method")
        expected = bands.band_of(result.get("normalized"))
        if result.get("band", "") != expected:
            raise ValueError(f"a {method} result with score {result.get('normalized')} has band {expected!r} "
                             f"on the one scale, not {result.get('band')!r}")
        fields = {**result, "detail": {**result.get("detail", {}), "as_of": as_of.isoformat()}}
        rows.append(ScoreResult(owner_id=owner_id, method=method, config_version=config_version, **fields))
    with transaction.atomic():
        ScoreResult.objects.bulk_create(rows)
