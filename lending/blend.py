"""What the primary (social) score adds to traditional indicators, measured and never adopted.

Two logistic regressions (scikit-learn) of the outcome (1 = bad) are compared:

- *indicators*: the traditional indicators alone (bureau score, income band, existing debts,
  months of credit history: whatever numeric columns the lender gave);
- *blend*: the same indicators plus the primary score.

Each is a pipeline of median imputation with a missing-value flag per indicator, standardising,
and ``LogisticRegression`` (L2, ``C`` = 1). Both are fitted in the same stratified k-fold split
(5 folds, shuffled by ``seed``): every applicant's predicted bad probability ``p`` comes from the
fold that did not see them, so the AUCs are out-of-sample. AUC follows ``lending.metrics``
(goods ranked above bads), taken of ``1 - p``.

What the score adds is ``AUC(blend) - AUC(indicators)``, with a paired bootstrap interval
(``metrics.bootstrap_auc_difference``, both AUCs on each resample): an interval that holds 0
means no evidence that the score adds anything. The function only reports; no configuration is
changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
from numpy.typing import ArrayLike
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from .metrics import Interval, MetricsError, auc, bootstrap_auc_difference, shortfall
from .metrics.bootstrap import RESAMPLES
from .metrics.outcomes import as_scored

FOLDS = 5


@dataclass(frozen=True)
class BlendComparison:
    """Out-of-fold AUCs of the two models and of the score alone; ``None`` when ``note`` says
    there are not enough outcomes."""

    n: int
    indicators: tuple[str, ...]
    folds: int
    note: str | None = None
    auc_score: float | None = None
    auc_indicators: float | None = None
    auc_blend: float | None = None
    difference: float | None = None
    interval: Interval | None = None


def _indicator_matrix(indicators: Mapping[str, ArrayLike], n: int) -> np.ndarray:
    if not indicators:
        raise MetricsError("the blend needs at least one traditional indicator")
    columns = []
    for name, values in indicators.items():
        column = np.asarray(values, dtype=np.float64)
        if column.shape != (n,):
            raise MetricsError(f"indicator {name!r} has {column.size} values for {n} outcomes")
        if np.isinf(column).any():
            raise MetricsError(f"indicator {name!r} holds an infinite value")
        columns.append(column)
    return np.column_stack(columns)


def _model(seed: int) -> Pipeline:
    return make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler(),
                         LogisticRegression(max_iter=1000, random_state=seed))


def _out_of_fold_bad_probability(features: np.ndarray, outcome: np.ndarray, folds: int, seed: int) -> np.ndarray:
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return cross_val_predict(_model(seed), features, outcome, cv=split, method="predict_proba")[:, 1]


def compare_blend(score: ArrayLike, indicators: Mapping[str, ArrayLike], outcome: ArrayLike, *,
                  folds: int = FOLDS, resamples: int = RESAMPLES, seed: int = 0) -> BlendComparison:
    """Cross-validated AUC of indicators alone and of indicators plus ``score``, and the difference.

    Parameters
    ----------
    score : array-like of shape (n,)
        The primary score; higher means lower risk.
    indicators : mapping of str to array-like of shape (n,)
        Traditional indicators by name; NaN is a missing value.
    outcome : array-like of shape (n,)
        1 = bad, 0 = good.
    folds : int, default 5
        Cross-validation folds (stratified by outcome).
    resamples : int, default 200
        Bootstrap resamples of the difference's interval.
    seed : int, default 0
        Of the folds' shuffle and of the bootstrap.

    Raises
    ------
    MetricsError
        On unusable input; too few outcomes is not an error but ``note``.
    """
    scores, outcomes = as_scored(score, outcome)
    matrix = _indicator_matrix(indicators, scores.size)
    base = {"n": int(scores.size), "indicators": tuple(indicators), "folds": folds}
    note = shortfall(outcomes)
    if note:
        return BlendComparison(**base, note=note)
    alone = 1 - _out_of_fold_bad_probability(matrix, outcomes, folds, seed)
    blended = 1 - _out_of_fold_bad_probability(np.column_stack([matrix, scores]), outcomes, folds, seed)
    auc_blend, auc_indicators = auc(blended, outcomes), auc(alone, outcomes)
    return BlendComparison(**base, auc_score=auc(scores, outcomes), auc_indicators=auc_indicators,
                           auc_blend=auc_blend, difference=auc_blend - auc_indicators,
                           interval=bootstrap_auc_difference(blended, alone, outcomes, resamples=resamples, seed=seed))
