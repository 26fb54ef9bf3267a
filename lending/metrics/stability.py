"""Population stability index (PSI) of a score or a feature between a reference and a latest sample.

Bins: equal-frequency on the reference. The inner edges are the reference's quantiles at
``1/k, ..., (k-1)/k`` (``k`` = 10; inverted-CDF, so every edge is a value of the reference),
without repeats and without the reference's maximum; bin ``i`` holds ``e_(i-1) < x <= e_i``, the
first from minus infinity, the last to plus infinity. A heavily tied variable gets fewer bins.
Missing values (NaN) get a bin of their own when either sample has one.

Shares are smoothed additively so that an empty bin is never a division by zero or a log of
zero: with ``c_i`` rows of ``n`` in bin ``i`` of ``m`` bins and ``alpha`` = 0.5 (Jeffreys)::

    p_i = (c_i + alpha) / (n + alpha m)

and, with ``r_i`` and ``l_i`` the reference's and the latest sample's shares::

    PSI = sum_i (l_i - r_i) ln(l_i / r_i)

Labels: below 0.1 "stable", from 0.1 "moderate shift", from 0.25 "major shift".

Minimum: each sample needs ``MIN_PSI_ROWS`` = 500 rows, else the label is "not enough rows" and
the value ``None``. Two samples of one population still differ by chance: ``n_r n_l / (n_r + n_l)
PSI`` is about chi-squared with ``m - 1`` degrees of freedom, so two samples of 500 over 10 bins
give a PSI of 0.036 on average and under 0.068 95 times in 100, safely below the 0.1 line; at 200
each the average is already 0.09.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .outcomes import MetricsError

BINS = 10
SMOOTHING = 0.5
MODERATE = 0.1
MAJOR = 0.25
MIN_PSI_ROWS = 500
NOT_ENOUGH_ROWS = "not enough rows"


@dataclass(frozen=True)
class PsiBin:
    """One bin: values up to ``upper`` (``None``: no upper limit), or the missing values."""

    upper: float | None
    missing: bool
    reference_count: int
    latest_count: int
    reference_share: float
    latest_share: float
    contribution: float


@dataclass(frozen=True)
class Psi:
    value: float | None
    label: str
    n_reference: int
    n_latest: int
    bins: tuple[PsiBin, ...]


def psi_label(value: float) -> str:
    """"stable" below 0.1, "moderate shift" below 0.25, "major shift" from 0.25."""
    if value < MODERATE:
        return "stable"
    return "moderate shift" if value < MAJOR else "major shift"


def _sample(values: ArrayLike, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or not array.size:
        raise MetricsError(f"the {name} sample has no values")
    if np.isinf(array).any():
        raise MetricsError(f"the {name} sample holds an infinite value")
    return array


def reference_edges(reference: ArrayLike, bins: int = BINS) -> np.ndarray:
    """Inner bin edges: the reference's ``i / bins`` quantiles, distinct, below its maximum."""
    present = _sample(reference, "reference")
    present = present[~np.isnan(present)]
    if not present.size:
        return np.empty(0)
    edges = np.unique(np.quantile(present, np.arange(1, bins) / bins, method="inverted_cdf"))
    return edges[edges < present.max()]


def _counts(sample: np.ndarray, edges: np.ndarray, with_missing: bool) -> np.ndarray:
    missing = np.isnan(sample)
    counts = np.bincount(np.searchsorted(edges, sample[~missing], side="left"), minlength=edges.size + 1)
    return np.append(counts, missing.sum()) if with_missing else counts


def psi_table(reference: ArrayLike, latest: ArrayLike, bins: int = BINS, smoothing: float = SMOOTHING) -> Psi:
    """PSI and its bins, whatever the sample sizes (see the module docstring for every formula).

    Parameters
    ----------
    reference, latest : array-like of shape (n_r,) and (n_l,)
        Values of one score or feature; NaN is a missing value.
    bins : int, default 10
        Equal-frequency bins wanted on the reference (ties may leave fewer).
    smoothing : float, default 0.5
        The ``alpha`` added to every bin's count.
    """
    ref, new = _sample(reference, "reference"), _sample(latest, "latest")
    edges = reference_edges(ref, bins)
    with_missing = bool(np.isnan(ref).any() or np.isnan(new).any())
    ref_counts, new_counts = _counts(ref, edges, with_missing), _counts(new, edges, with_missing)
    m = ref_counts.size
    ref_share = (ref_counts + smoothing) / (ref.size + smoothing * m)
    new_share = (new_counts + smoothing) / (new.size + smoothing * m)
    contribution = (new_share - ref_share) * np.log(new_share / ref_share)
    uppers = [float(e) for e in edges] + [None] + ([None] if with_missing else [])
    table = tuple(PsiBin(upper=uppers[i], missing=with_missing and i == m - 1,
                         reference_count=int(ref_counts[i]), latest_count=int(new_counts[i]),
                         reference_share=float(ref_share[i]), latest_share=float(new_share[i]),
                         contribution=float(contribution[i])) for i in range(m))
    value = float(contribution.sum())
    return Psi(value=value, label=psi_label(value), n_reference=int(ref.size), n_latest=int(new.size), bins=table)


def psi(reference: ArrayLike, latest: ArrayLike, bins: int = BINS) -> Psi:
    """``psi_table``, with value ``None`` and label "not enough rows" when either sample has
    fewer than ``MIN_PSI_ROWS`` rows. Parameters as ``psi_table``."""
    table = psi_table(reference, latest, bins)
    if min(table.n_reference, table.n_latest) >= MIN_PSI_ROWS:
        return table
    return Psi(value=None, label=NOT_ENOUGH_ROWS, n_reference=table.n_reference, n_latest=table.n_latest,
               bins=table.bins)
