"""Rescoring everyone at once: the engine's arithmetic over a whole feature matrix (numpy).

When an admin publishes a new configuration every applicant's score is recomputed from the
stored feature vectors, without running any model again. Same formula as
``scoring.priority.engine`` (held to it by ``tests/scoring/test_rescore.py``), one column at a time:

1. each feature's column goes through its curve (``curves.evaluate_array``); the outputs are
   cached per (feature, curve kind, parameters), so a change of priority weights alone
   reuses them and costs one matrix product;
2. per priority level the outputs are summed and the present features counted (cached too);
   points = sums x weights and points possible = counts x weights, three multiply-adds each.

``explain_rows`` writes what ``engine.explain`` would write for every row of a matrix, the
JSON columns already serialised, for the database write of a rescore (see its docstring).

Pure: plain arrays in, plain arrays out; the database side is in ``scoring.services``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress

import numpy as np

from .. import bands
from . import curves, engine, reasons
from .engine import PRIORITIES, Config, legal_minimum_age
from .features import FEATURE_NAMES

#: Band keys by index: 0 is the lowest band, the last the highest (``scoring.bands``).
BAND_NAMES: tuple[str, ...] = tuple(reversed(bands.KEYS))
# A score above a floor climbs one band; the lowest band's floor is where counting starts.
_BOUNDS = np.array(sorted(b.floor for b in bands.BANDS[:-1]))


def to_matrix(vectors: Iterable[Mapping[str, Mapping]]) -> np.ndarray:
    """Stored feature vectors -> float64 matrix (one row each, ``FEATURE_NAMES`` columns, nan = missing)."""
    rows = [[(v.get(name) or {}).get("value") for name in FEATURE_NAMES] for v in vectors]
    if not rows:
        return np.empty((0, len(FEATURE_NAMES)))
    return np.array(rows, dtype=np.float64)  # None becomes nan


@dataclass(frozen=True)
class Scores:
    """Every applicant's result as arrays; ``score``/``normalized`` are nan where there is none."""

    score: np.ndarray
    max_score: np.ndarray
    normalized: np.ndarray
    band: np.ndarray  # index into BAND_NAMES, -1 where there is no score
    eligible: np.ndarray
    unscorable: np.ndarray

    @classmethod
    def from_normalized(cls, values: Iterable[float | None]) -> "Scores":
        """The scores of any method from its 0-100 results (``None``: no score), so that
        ``compare`` previews an AHP change as it does a priority one."""
        normalized = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        scored = ~np.isnan(normalized)
        return cls(score=normalized, max_score=np.where(scored, 100.0, np.nan), normalized=normalized,
                   band=band_index(normalized, ~scored), eligible=np.ones(normalized.shape, dtype=bool),
                   unscorable=~scored)

    def band_counts(self) -> dict[str, int]:
        counts = np.bincount(self.band[self.band >= 0], minlength=len(BAND_NAMES))
        return {name: int(n) for name, n in zip(BAND_NAMES, counts)}


class Rescorer:
    """A feature matrix and what has been computed over it so far.

    Two caches, so that a change recomputes only what it touches:

    - each column's curve outputs, per (curve kind, parameters);
    - per priority level, the sum of outputs and the count of present features, per
      (curves, priorities, switches): a change of priority *weights* alone then costs three
      multiply-adds per applicant.

    Columns are kept contiguous (one array per feature) because the work goes column by column.
    """

    def __init__(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=np.float64)
        self._n = values.shape[0]
        self._columns = [np.ascontiguousarray(values[:, j]) for j in range(values.shape[1])]
        self._present = [~np.isnan(c) for c in self._columns]
        self._outputs: list[np.ndarray | None] = [None] * len(self._columns)  # 0 where missing or ineligible
        self._ineligible: list[np.ndarray | None] = [None] * len(self._columns)
        self._column_key: list[object] = [None] * len(self._columns)
        self._group_key: object = None
        self._groups: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return self._n

    def outputs(self, config: Config) -> np.ndarray:
        """Curve outputs (n x k) for ``config``'s curves, nan where missing, ineligible or off."""
        self._apply_curves(config)
        out = np.full((self._n, len(FEATURE_NAMES)), np.nan)
        for j, name in enumerate(FEATURE_NAMES):
            if name in config.enabled_names:
                keep = self._present[j] if self._ineligible[j] is None else self._present[j] & ~self._ineligible[j]
                out[keep, j] = self._outputs[j][keep]
        return out

    def score(self, config: Config) -> Scores:
        sums, counts, present, ineligible = self._priority_groups(config)
        weights = np.array([float(config.weights[p]) for p in PRIORITIES])
        points = weights @ sums
        possible = weights @ counts
        eligible = ~ineligible
        unscorable = eligible & ((present < config.min_features) | (possible <= 0))
        scored = eligible & ~unscorable
        with np.errstate(invalid="ignore", divide="ignore"):
            normalized = points * 100.0
            normalized /= possible
        not_scored = ~scored
        for array in (points, possible, normalized):
            np.copyto(array, np.nan, where=not_scored)  # cheaper than boolean-index assignment
        band = band_index(normalized, not_scored)
        return Scores(
            score=points, max_score=possible, normalized=np.round(normalized, 2, out=normalized), band=band,
            eligible=eligible, unscorable=unscorable,
        )

    def _priority_groups(self, config: Config) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per priority level and applicant (3 x n): sum of curve outputs, number of features
        present; per applicant: number of features present, ineligible or not."""
        self._apply_curves(config)
        key = (tuple(self._column_key), tuple((n, config.specs[n].priority) for n in config.enabled_names))
        if key != self._group_key:
            sums = np.zeros((len(PRIORITIES), self._n))
            counts = np.zeros((len(PRIORITIES), self._n))
            ineligible = np.zeros(self._n, dtype=bool)
            for j, name in enumerate(FEATURE_NAMES):
                if name not in config.enabled_names:
                    continue
                g = PRIORITIES.index(config.specs[name].priority)
                sums[g] += self._outputs[j]
                counts[g] += self._present[j]
                if self._ineligible[j] is not None:
                    ineligible |= self._ineligible[j]
            minimum = legal_minimum_age(config)
            if minimum is not None:
                ineligible |= self._columns[FEATURE_NAMES.index("age")] < minimum  # nan (missing) compares False
            self._groups, self._group_key = (sums, counts, counts.sum(axis=0), ineligible), key
        return self._groups

    def _apply_curves(self, config: Config) -> None:
        for j, name in enumerate(FEATURE_NAMES):
            spec = config.specs.get(name)
            if spec is None:
                continue
            key = (spec.kind, tuple(sorted(spec.params.items())))
            if self._column_key[j] == key:
                continue
            out, ineligible = curves.evaluate_array(spec.kind, spec.params, self._columns[j])
            np.nan_to_num(out, copy=False, nan=0.0)
            self._outputs[j] = out
            self._ineligible[j] = ineligible if ineligible.any() else None
            self._column_key[j] = key


def band_index(normalized: np.ndarray, not_scored: np.ndarray) -> np.ndarray:
    """Each score's band as an index into ``BAND_NAMES``; -1 where there is no score."""
    band = np.zeros(normalized.shape, dtype=np.int8)
    for bound in _BOUNDS:
        band += normalized > bound
    np.copyto(band, -1, where=not_scored)
    return band


def histogram(normalized: np.ndarray, bins: int = 10) -> list[int]:
    """Counts of scored applicants in ``bins`` equal bins of 0..100 (nan left out)."""
    values = normalized[~np.isnan(normalized)]
    counts, _ = np.histogram(values, bins=bins, range=(0.0, 100.0))
    return [int(c) for c in counts]


def compare(before: Scores, after: Scores, bins: int = 10) -> dict:
    """What a configuration change does to a population: the admin's preview."""
    status_before = np.where(~before.eligible, -2, np.where(before.unscorable, -1, before.band))
    status_after = np.where(~after.eligible, -2, np.where(after.unscorable, -1, after.band))
    return {
        "applicants": int(len(before.band)),
        "bins": [(100 // bins) * i for i in range(bins)],
        "before": histogram(before.normalized, bins),
        "after": histogram(after.normalized, bins),
        "bands_before": before.band_counts(),
        "bands_after": after.band_counts(),
        "changing_band": int(np.count_nonzero(status_before != status_after)),
        "unscorable_before": int(before.unscorable.sum()),
        "unscorable_after": int(after.unscorable.sum()),
        "ineligible_before": int((~before.eligible).sum()),
        "ineligible_after": int((~after.eligible).sum()),
    }


#: The ``ScoreResult`` columns of each row ``explain_rows`` gives, in this order.
EXPLAINED_COLUMNS = ("score", "max_score", "normalized", "band", "eligible", "unscorable",
                     "flags", "contributions", "missing", "reasons")
_JSON_COLUMNS = ("flags", "contributions", "missing", "reasons")


def provenance_text(feature: Mapping | None) -> str:
    """What a contribution carries between its ``"value"`` and its ``"curve"``, as the JSON
    text ``engine.explain`` writes there: the count a share is ``of`` (when recorded), then
    the ``sources``."""
    feature = feature or {}
    of = f'"of": {json.dumps(feature["of"])}, ' if "of" in feature else ""
    return f'{of}"sources": {json.dumps(list(feature.get("sources") or []))}'


def explain_rows(values: np.ndarray, provenance: Sequence[Sequence[str]], config: Config) -> list[tuple]:
    """``engine.explain`` for every row of ``values`` (``to_matrix``), as column tuples
    (``EXPLAINED_COLUMNS``) whose JSON columns are the text ``json.dumps`` gives for them.

    ``provenance[i][j]`` is ``provenance_text`` of row i's ``FEATURE_NAMES[j]``. Rows that
    are ineligible or unscorable go through ``engine.explain`` itself; the scored rows
    (nearly all) are assembled here column by column, which is what makes a rescore of
    100,000 applicants take seconds: same numbers (the totals are Python's own ``sum`` over
    the same floats in the same order), same reasons in the same order, same key order.
    ``tests/scoring/test_rescore.py`` holds the two to giving identical text.
    """
    outputs = Rescorer(values).outputs(config)
    enabled = [j for j, name in enumerate(FEATURE_NAMES) if name in config.enabled_names]
    scored = _Scored(values[:, enabled], outputs[:, enabled], [FEATURE_NAMES[j] for j in enabled], config)
    special = scored.special(values)
    columns = list(zip(*provenance)) if len(provenance) else [()] * len(FEATURE_NAMES)
    contributions = scored.contributions_json([columns[j] for j in enabled])
    reasons_json = scored.reasons_json()
    missing_json = scored.missing_json()
    rows, parsed = [], {}
    for i in range(len(values)):
        if special[i]:
            entries = [parsed.setdefault(text, json.loads("{" + text + "}")) for text in (c[i] for c in columns)]
            rows.append(_explained_by_engine(values[i], outputs[i], entries, config))
            continue
        total, possible = scored.total[i], scored.possible[i]
        normalized = 100.0 * total / possible
        rows.append((total, possible, round(normalized, 2), bands.band_of(normalized), True, False,
                     "[]", contributions[i], missing_json[i], reasons_json[i]))
    return rows


class _Scored:
    """The columns of the enabled features and what scored rows make of them."""

    def __init__(self, values: np.ndarray, outputs: np.ndarray, names: list[str], config: Config) -> None:
        self.names, self.config = names, config
        self.values, self.outputs = values, outputs
        self.present = ~np.isnan(outputs)
        weights = np.array([config.weight(name) for name in names])
        self.weights = weights.tolist()
        possible = np.where(self.present, weights, 0.0)
        points = np.where(self.present, outputs * weights, 0.0)
        # Adding 0.0 for an absent feature leaves Python's sum as it is, so these are the
        # engine's sums over the present features, to the last bit.
        self.total = [sum(row) for row in points.tolist()]
        self.possible = [sum(row) for row in possible.tolist()]
        self.points = points
        self.lost = possible - points

    def special(self, full_values: np.ndarray) -> np.ndarray:
        """Rows the engine does not score: ineligible (by age or a tent) or unscorable."""
        with np.errstate(invalid="ignore"):
            out_of_tent = (~np.isnan(self.values) & ~self.present).any(axis=1)
            too_few = (self.present.sum(axis=1) < self.config.min_features) | (np.array(self.possible) <= 0)
            minimum = legal_minimum_age(self.config)
            under_age = full_values[:, FEATURE_NAMES.index("age")] < minimum if minimum is not None else False
        return out_of_tent | too_few | under_age

    def contributions_json(self, provenance: list[Sequence[str]]) -> list[str]:
        """Each row's contributions, by one ``%`` of a template made for the row's present
        features (kept per set of present features: most rows share one) over the row's
        values, provenance texts, outputs and points, interleaved."""
        parts = []
        for name, weight in zip(self.names, self.weights):
            spec = self.config.specs[name]
            fixed = [json.dumps(x) for x in (name, spec.kind, spec.priority, weight)]
            parts.append(f'{fixed[0]}: {{"value": %r, %s, "curve": {fixed[1]}, "output": %r, '
                         f'"priority": {fixed[2]}, "weight": {fixed[3]}, "points": %r, "possible": {fixed[3]}}}')
        templates: dict[tuple, str] = {}
        cells = zip(self.values.tolist(), zip(*provenance) if provenance else [()] * len(self.total),
                    self.outputs.tolist(), self.points.tolist())
        rows = []
        for (values, texts, outputs, points), present, keep in zip(
            cells, self.present.tolist(), np.repeat(self.present, 4, axis=1).tolist()
        ):
            key = tuple(present)
            if key not in templates:
                templates[key] = "{" + ", ".join(compress(parts, present)) + "}"
            rows.append(templates[key] % tuple(compress(chain.from_iterable(zip(values, texts, outputs, points)), keep)))
        return rows

    def reasons_json(self) -> list[str]:
        """``reasons.top_reasons``: the features that lost most, ties in catalogue order."""
        kept = self.lost > 1e-9
        order = np.argsort(np.where(kept, -self.lost, np.inf), axis=1, kind="stable")[:, : reasons.TOP_N]
        texts = [_reason_text(name) for name in self.names]
        lost, kept = self.lost.tolist(), kept.tolist()
        return [
            "[" + ", ".join(texts[j] % round(row_lost[j], 2) for j in row_order if row_kept[j]) + "]"
            for row_order, row_lost, row_kept in zip(order.tolist(), lost, kept)
        ]

    def missing_json(self) -> list[str]:
        bits = np.isnan(self.values) @ (1 << np.arange(len(self.names), dtype=np.int64)) if self.names else None
        texts: dict[int, str] = {}
        rows = []
        for key in (bits.tolist() if bits is not None else [0] * len(self.total)):
            if key not in texts:
                texts[key] = json.dumps([name for k, name in enumerate(self.names) if key >> k & 1])
            rows.append(texts[key])
        return rows


def _reason_text(name: str) -> str:
    """The JSON of ``reasons.top_reasons``' reason for ``name``, with ``%r`` where the points
    lost go: made by ``top_reasons`` itself, so its shape and key order are the engine's."""
    marker = 987654.25  # exact in binary, kept whole by round(, 2), found once in the text
    (reason,) = reasons.top_reasons({name: {"possible": marker, "points": 0.0}})
    head, tail = json.dumps(reason).replace("%", "%%").split(repr(marker))
    return f"{head}%r{tail}"


def _explained_by_engine(values: np.ndarray, outputs: np.ndarray, entries: Sequence[dict], config: Config) -> tuple:
    features = {
        name: {"value": None if v != v else v, **e}
        for name, v, e in zip(FEATURE_NAMES, values.tolist(), entries)
    }
    outs = {name: None if o != o else o for name, o in zip(FEATURE_NAMES, outputs.tolist()) if name in config.enabled_names}
    result = engine.explain(features, outs, config)
    return tuple(json.dumps(result[c]) if c in _JSON_COLUMNS else result[c] for c in EXPLAINED_COLUMNS)
