"""Feature curves: how one feature's value becomes a fraction (0..1) of its priority weight.

The seed ("Credit Score Generation Algorithm") describes four shapes, each a pure function
here with parameters an admin can edit:

``tent``
    Age. Ineligible below ``low`` (18); rises linearly from ``floor`` at ``low`` to 1 at
    ``peak`` (35). With ``high`` it falls linearly back to ``floor`` at ``high`` and is
    ineligible above it, as the seed has it; without ``high`` it stays at 1 from the peak on,
    which is the only shape the age feature may take (``scoring.priority.lawful``).
``saturating``
    Connections (cap 80,000) and skills (cap 25): rises with the value up to ``cap`` and stays
    at 1 beyond it. ``shape="log"`` rises as log(1+x)/log(1+cap), so the first few hundred
    friends count for something; ``shape="linear"`` is the straight ramp x/cap.
``reward``
    Ratios such as positive posts: 0 at or below ``low``, 1 at or above ``high``, linear between.
``penalty``
    Negative posts, comments, groups, pages, images: the mirror of ``reward`` (1 at or below
    ``low``, 0 at or above ``high``), so the more of them, the more points are lost.

Each curve exists twice: a scalar form used to score one applicant (``evaluate``) and a
numpy form used to rescore everyone at once (``evaluate_array``). They compute the same
formula; ``tests/scoring/test_rescore.py`` holds them to agreeing.

A value outside the tent is not a low score but *ineligibility*: the scalar form returns
``None`` and the array form ``nan`` with the row marked in the returned mask.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

TENT = "tent"
SATURATING = "saturating"
REWARD = "reward"
PENALTY = "penalty"
KINDS = (TENT, SATURATING, REWARD, PENALTY)
SHAPES = ("linear", "log")

#: The parameters each kind takes, in the order they must increase, and those it can do without.
PARAMETERS: dict[str, tuple[str, ...]] = {
    TENT: ("low", "peak", "high", "floor"),
    SATURATING: ("cap", "shape"),
    REWARD: ("low", "high"),
    PENALTY: ("low", "high"),
}
OPTIONAL: dict[str, frozenset[str]] = {
    TENT: frozenset({"high", "floor"}),
    SATURATING: frozenset({"shape"}),
    REWARD: frozenset(),
    PENALTY: frozenset(),
}


def validate(kind: str, params: Mapping) -> list[str]:
    """Every problem with ``params`` for a curve of ``kind``, as sentences an admin understands.

    An empty list means the curve can be used. Checked: known kind, no unknown or missing
    parameter, numbers where numbers belong, and ordering (18 < 35 < 65, low < high, cap > 0).
    """
    if kind not in KINDS:
        return [f"Unknown curve kind {kind!r}; choose one of {', '.join(KINDS)}."]
    if not isinstance(params, Mapping):
        return ["Curve parameters must be a JSON object such as {\"low\": 0, \"high\": 1}."]
    expected = PARAMETERS[kind]
    errors = []
    unknown = sorted(set(params) - set(expected))
    if unknown:
        errors.append(f"Unknown parameter(s) {', '.join(unknown)} for a {kind} curve; it takes {', '.join(expected)}.")
    missing = [name for name in expected if name not in params and name not in OPTIONAL[kind]]
    if missing:
        errors.append(f"A {kind} curve needs {', '.join(missing)}.")
    numbers = {}
    for name in expected:
        if name == "shape" or name not in params:
            continue
        value = params[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            errors.append(f"{name} must be a number, not {value!r}.")
        else:
            numbers[name] = float(value)
    if errors:
        return errors
    if kind == TENT:
        low, peak, high = numbers["low"], numbers["peak"], numbers.get("high")
        if not low < peak:
            errors.append(f"The tent must rise from low to its peak: low < peak (got {low:g} and {peak:g}).")
        elif high is not None and not peak < high:
            errors.append(f"A tent falls from its peak to high: peak < high (got {peak:g} and {high:g}).")
        floor = numbers.get("floor", 0.0)
        if not 0.0 <= floor < 1.0:
            errors.append(f"floor is the value at low and high and must be at least 0 and below 1 (got {floor:g}).")
    elif kind == SATURATING:
        if numbers["cap"] <= 0:
            errors.append(f"cap must be above 0 (got {numbers['cap']:g}).")
        if params.get("shape", "linear") not in SHAPES:
            errors.append(f"shape must be one of {', '.join(SHAPES)} (got {params.get('shape')!r}).")
    elif not numbers["low"] < numbers["high"]:
        errors.append(f"low must be below high (got {numbers['low']:g} and {numbers['high']:g}).")
    return errors


def tent(x: float, *, low: float, peak: float, high: float | None = None, floor: float = 0.0) -> float | None:
    """Age tent; ``None`` below ``low`` or above ``high`` (ineligible).

    Within the tent the smaller of the rising and the falling line is the right one, which
    lets the array form compute it without branches; without ``high`` the rising line is
    capped at 1 instead.
    """
    if x < low or (high is not None and x > high):
        return None
    falling = 1.0 if high is None else (high - x) / (high - peak)
    return floor + (1.0 - floor) * min((x - low) / (peak - low), falling)


def saturating(x: float, *, cap: float, shape: str = "linear") -> float:
    """Rising then flat from ``cap`` on; negative values count as 0."""
    x = min(max(x, 0.0), cap)
    if shape == "log":
        return math.log1p(x) / math.log1p(cap)
    return x / cap


def reward(x: float, *, low: float, high: float) -> float:
    """Linear reward, clipped to 0..1."""
    return min(max((x - low) / (high - low), 0.0), 1.0)


def penalty(x: float, *, low: float, high: float) -> float:
    """Linear penalty: 1 at ``low`` or below, 0 at ``high`` or above."""
    return 1.0 - reward(x, low=low, high=high)


_SCALAR = {TENT: tent, SATURATING: saturating, REWARD: reward, PENALTY: penalty}
#: The parameter at which each kind first gives its full output (1).
_BEST_AT = {TENT: "peak", SATURATING: "cap", REWARD: "high", PENALTY: "low"}


def best_value(kind: str, params: Mapping) -> float:
    """A value that earns the curve's full output: the peak, the cap, a reward's ``high``,
    a penalty's ``low``."""
    return float(params[_BEST_AT[kind]])



def evaluate(kind: str, params: Mapping, x: float) -> float | None:
    """The curve output for one value; ``None`` only for a tent value that is ineligible."""
    return _SCALAR[kind](float(x), **params)


def evaluate_array(kind: str, params: Mapping, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The curve over a column of values at once.

    Returns ``(outputs, ineligible)``: ``outputs`` is ``nan`` where ``x`` is ``nan`` (missing)
    or ineligible; ``ineligible`` is a boolean mask, all False except for a tent.
    """
    x = np.asarray(x, dtype=np.float64)
    # In-place arithmetic: a million-row column costs one or two arrays, not one per operation.
    if kind == TENT:
        low, peak = float(params["low"]), float(params["peak"])
        high = None if params.get("high") is None else float(params["high"])
        floor = float(params.get("floor", 0.0))
        out = np.subtract(x, low)
        out /= peak - low
        if high is None:
            np.minimum(out, 1.0, out=out)
        else:
            falling = np.subtract(high, x)
            falling /= high - peak
            np.minimum(out, falling, out=out)
        out *= 1.0 - floor
        out += floor
        with np.errstate(invalid="ignore"):
            ineligible = (x < low) if high is None else (x < low) | (x > high)
        out[ineligible] = np.nan
        return out, ineligible
    ineligible = np.zeros(x.shape, dtype=bool)
    if kind == SATURATING:
        cap = float(params["cap"])
        out = np.clip(x, 0.0, cap)
        if params.get("shape", "linear") == "log":
            np.log1p(out, out=out)
            out /= math.log1p(cap)
        else:
            out /= cap
        return out, ineligible
    low, high = float(params["low"]), float(params["high"])
    out = np.subtract(x, low)
    out /= high - low
    np.clip(out, 0.0, 1.0, out=out)
    if kind == PENALTY:
        np.subtract(1.0, out, out=out)
    return out, ineligible
