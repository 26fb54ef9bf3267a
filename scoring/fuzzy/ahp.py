"""Analytic hierarchy process: weights from a pairwise comparison matrix, and its consistency.

Method as used by Yu, Yao and Chen (seed 001, section 4.1, after Saaty):

- a judgement matrix ``A`` is positive and reciprocal (``a_ji = 1 / a_ij``, ``a_ii = 1``) with
  judgements on Saaty's 1-9 scale, i.e. every entry lies in [1/9, 9];
- the weights are the principal (Perron) eigenvector of ``A``, normalized to sum to 1;
- ``CI = (lambda_max - n) / (n - 1)`` (Eq. 1), ``CR = CI / RI`` (Eq. 2), with ``RI`` from
  Saaty's classic random-index table (the one the paper uses: n = 3 -> 0.58, 5 -> 1.12);
- a matrix passes when ``CR < 0.1``. Matrices of order 1 and 2 are consistent by definition
  (any 2x2 reciprocal matrix is), so CI = CR = 0 for them.

Random-index tables differ between authors and libraries, so every result names the table it used.

The most inconsistent comparisons are found by comparing each judgement with the ratio the
derived weights imply: ``deviation_ij = max(a_ij * w_j / w_i, w_i / (a_ij * w_j))`` (>= 1; 1 means
the judgement agrees exactly with the weights). The largest deviations are the judgements that
pull the matrix away from consistency; revising them first lowers CR the most in practice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

import numpy as np

RI_TABLE_NAME = "Saaty (1980) classic random index"
SAATY_RI: dict[int, float] = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
CR_THRESHOLD = 0.1
SCALE_MIN, SCALE_MAX = 1 / 9, 9.0
# Relative tolerance when checking a_ji * a_ij == 1: entries such as 0.3333 for 1/3 must pass.
RECIPROCITY_TOLERANCE = 1e-3
SAATY_VALUES: tuple[Fraction, ...] = tuple(Fraction(1, k) for k in range(9, 1, -1)) + tuple(Fraction(k) for k in range(1, 10))

MatrixLike = Sequence[Sequence[float]]


class AhpError(ValueError):
    """A matrix that cannot be used; ``str()`` is one line a person understands."""


@dataclass(frozen=True)
class Comparison:
    """One judgement a_ij (i < j) against what the derived weights imply."""

    i: int
    j: int
    given: float
    implied: float
    deviation: float

    def describe(self, labels: Sequence[str]) -> str:
        return (
            f"{labels[self.i]} vs {labels[self.j]}: entered {format_judgement(self.given)}, "
            f"the resulting weights imply about {format_judgement(nearest_saaty(self.implied))}"
        )


@dataclass(frozen=True)
class AhpResult:
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    ri: float
    cr: float
    ri_table: str = RI_TABLE_NAME
    most_inconsistent: tuple[Comparison, ...] = field(default=())

    @property
    def consistent(self) -> bool:
        return self.cr < CR_THRESHOLD

    def as_dict(self) -> dict:
        """The shape ``manage.py ahp_weights`` prints, plus the RI table's name."""
        return {
            "weights": list(self.weights),
            "lambda_max": self.lambda_max,
            "CI": self.ci,
            "RI": self.ri,
            "CR": self.cr,
            "consistent": self.consistent,
            "RI_table": self.ri_table,
        }


def parse_judgement(text: str | float | int) -> float:
    """Read one judgement: ``3``, ``"1/3"``, ``"0.25"``. Raises AhpError on anything else."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        raw = str(text).strip()
        try:
            value = float(Fraction(raw))
        except (ValueError, ZeroDivisionError):
            raise AhpError(f"'{raw}' is not a judgement: use a number from 1 to 9 or its reciprocal such as 1/3.") from None
    if not np.isfinite(value) or value <= 0:
        raise AhpError(f"{value:g} is not a judgement: judgements are positive numbers from 1/9 to 9.")
    return value


def format_judgement(value: float) -> str:
    """Show a judgement the way people enter them: 3, 1/3, or a decimal off the scale."""
    if value >= 1:
        return f"{value:g}" if abs(value - round(value)) < 1e-9 else f"{value:.3g}"
    inverse = 1 / value
    return f"1/{round(inverse)}" if abs(inverse - round(inverse)) < 1e-6 else f"{value:.3g}"


def nearest_saaty(value: float) -> float:
    """The Saaty-scale judgement closest to ``value`` on a log scale (judgements are ratios)."""
    return float(min(SAATY_VALUES, key=lambda s: abs(np.log(float(s)) - np.log(value))))


def reciprocal_from_upper(upper: dict[tuple[int, int], float], n: int) -> list[list[float]]:
    """Build the full matrix from the judgements above the diagonal: a_ji = 1/a_ij.

    This is how the admin enforces reciprocity: only the upper triangle is entered.
    """
    matrix = [[1.0] * n for _ in range(n)]
    for (i, j), value in upper.items():
        if not 0 <= i < j < n:
            raise AhpError(f"cell ({i + 1}, {j + 1}) is not above the diagonal of a {n}x{n} matrix.")
        matrix[i][j] = value
        matrix[j][i] = 1 / value
    return matrix


def validate_matrix(matrix: MatrixLike, labels: Sequence[str] | None = None) -> np.ndarray:
    """Check shape, scale and reciprocity; return the matrix as a float array.

    Refuses with one line naming the first offending cell, so nothing is silently "fixed".
    """
    try:
        rows = [list(row) for row in matrix]
    except TypeError:
        raise AhpError("the matrix must be a list of rows, each a list of numbers.") from None
    n = len(rows)
    if n == 0:
        raise AhpError("the matrix is empty.")
    if any(len(row) != n for row in rows):
        raise AhpError(f"the matrix must be square: {n} rows but a row has {next(len(r) for r in rows if len(r) != n)} entries.")
    if n not in SAATY_RI:
        raise AhpError(f"a {n}x{n} matrix is too large: {RI_TABLE_NAME} goes up to 10 criteria.")
    names = list(labels) if labels else [str(k + 1) for k in range(n)]
    values = np.array([[parse_judgement(v) for v in row] for row in rows], dtype=float)
    for i in range(n):
        if abs(values[i, i] - 1) > RECIPROCITY_TOLERANCE:
            raise AhpError(f"the diagonal must be 1: {names[i]} vs itself is {values[i, i]:g}.")
    for i in range(n):
        for j in range(i + 1, n):
            a, b = values[i, j], values[j, i]
            if not SCALE_MIN * (1 - RECIPROCITY_TOLERANCE) <= a <= SCALE_MAX * (1 + RECIPROCITY_TOLERANCE):
                raise AhpError(f"{names[i]} vs {names[j]} is {a:g}, outside Saaty's scale from 1/9 to 9.")
            if abs(a * b - 1) > RECIPROCITY_TOLERANCE:
                raise AhpError(
                    f"the matrix is not reciprocal: {names[i]} vs {names[j]} is {format_judgement(a)} "
                    f"so {names[j]} vs {names[i]} must be {format_judgement(1 / a)}, not {format_judgement(b)}."
                )
    return values


def principal_eigen(values: np.ndarray) -> tuple[float, np.ndarray]:
    """lambda_max and the principal eigenvector normalized to sum 1.

    A positive matrix has a real, simple largest eigenvalue with a positive eigenvector
    (Perron-Frobenius), so taking the real part and the absolute value only removes
    floating-point noise and numpy's arbitrary sign.
    """
    eigenvalues, eigenvectors = np.linalg.eig(values)
    k = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, k].real)
    return float(eigenvalues[k].real), vector / vector.sum()


def analyse(matrix: MatrixLike, labels: Sequence[str] | None = None, top: int = 3) -> AhpResult:
    """Weights, lambda_max, CI, RI, CR of one judgement matrix, and its worst judgements."""
    values = validate_matrix(matrix, labels)
    n = len(values)
    if n <= 2:
        # Every 1x1 and 2x2 reciprocal matrix is perfectly consistent: lambda_max = n exactly.
        # For 2x2, w1 / w2 = a12 and w1 + w2 = 1.
        a = float(values[0, 1]) if n == 2 else 0.0
        weights = (a / (1 + a), 1 / (1 + a)) if n == 2 else (1.0,)
        return AhpResult(weights, float(n), 0.0, SAATY_RI[n], 0.0)
    lambda_max, weights = principal_eigen(values)
    ci = max(0.0, (lambda_max - n) / (n - 1))  # lambda_max >= n in theory; clamp rounding below it
    ri = SAATY_RI[n]
    cr = ci / ri
    return AhpResult(
        weights=tuple(float(w) for w in weights),
        lambda_max=lambda_max,
        ci=ci,
        ri=ri,
        cr=cr,
        most_inconsistent=tuple(worst_comparisons(values, weights)[:top]) if cr > 1e-12 else (),
    )


def worst_comparisons(values: np.ndarray, weights: np.ndarray) -> list[Comparison]:
    """Every judgement above the diagonal, most inconsistent first (rule in the module docstring)."""
    n = len(values)
    found = []
    for i in range(n):
        for j in range(i + 1, n):
            implied = float(weights[i] / weights[j])
            ratio = float(values[i, j] / implied)
            found.append(Comparison(i, j, float(values[i, j]), implied, max(ratio, 1 / ratio)))
    found.sort(key=lambda c: (-c.deviation, c.i, c.j))
    return found


def refusal(result: AhpResult, labels: Sequence[str]) -> str:
    """The message shown when a matrix fails the consistency test."""
    worst = "; ".join(c.describe(labels) for c in result.most_inconsistent)
    return f"CR = {result.cr:.4f} is not below {CR_THRESHOLD}: the judgements contradict each other. Most inconsistent: {worst}."
