"""Benchmark of the back-test and PSI over a million scored applications with outcomes (issue 17).

    .venv/bin/python bench/backtest.py [--n 1000000] [--resamples 200] [--naive-resamples 5]

On ``--n`` generated applications (a continuous score, so no two rows tie, an outcome drawn
from a logistic in the score, about 7 % bad, and four features: one continuous, one with 20 %
missing, one whole number 0-4, one skewed) and a reference window of ``--n`` more that has
drifted a little, it prints:

1. the vectorised way (``lending.metrics``): ``summarise`` (one sort; AUC, Gini, KS, bad rate,
   the decile calibration table) with a ``--resamples`` bootstrap of AUC, Gini, KS and the bad
   rate, then PSI of the score and of each feature, and the total against the 10 s target;
2. the naive way, in the same run: ``sklearn.metrics.roc_auc_score`` and ``scipy.stats.ks_2samp``,
   deciles from ``np.quantile`` with a mask per decile, a bootstrap that resamples row indices
   and calls both again (timed on ``--naive-resamples`` and extrapolated linearly to
   ``--resamples``), and PSI with a mask per bin;
3. how far the two ways' AUC, KS and decile bad rates are apart (on these continuous scores all
   three should agree to rounding).

Times are wall-clock; the vectorised way's CPU time is printed beside it, since the machine is
shared (the load average is printed too) and waiting for a core is not the code's cost.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import ks_2samp
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lending.metrics import psi, summarise  # noqa: E402  (pure: no Django needed)

TARGET_SECONDS = 10.0


def applications(n: int, seed: int, drift: float = 0.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    score = np.clip(rng.normal(60 + drift, 15, n), 0, 100)
    outcome = (rng.random(n) < 1 / (1 + np.exp((score - 30) / 8))).astype(np.int8)
    income = rng.normal(3 + drift / 10, 1, n)
    income[rng.random(n) < 0.2] = np.nan
    return {"score": score, "outcome": outcome, "connections": rng.lognormal(5 + drift / 20, 1, n),
            "income": income, "education": rng.integers(0, 5, n).astype(np.float64),
            "debts": rng.gamma(2 + drift / 4, 1.5, n)}


def vectorised(latest: dict, reference: dict, resamples: int) -> dict[str, float]:
    started, cpu = time.perf_counter(), time.process_time()
    summary = summarise(latest["score"], latest["outcome"], resamples=resamples, seed=0)
    backtested = time.perf_counter()
    for name in ("score", "connections", "income", "education", "debts"):
        psi(reference[name], latest[name])
    done = time.perf_counter()
    return {"backtest": backtested - started, "psi": done - backtested, "total": done - started,
            "cpu": time.process_time() - cpu, "auc": summary.auc, "ks": summary.ks,
            "deciles": summary.bad_rate_by_decile}


def naive_psi(reference: np.ndarray, latest: np.ndarray, bins: int = 10) -> float:
    edges = np.quantile(reference[~np.isnan(reference)], np.linspace(0, 1, bins + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        r = max(((reference > low) & (reference <= high)).mean(), 1e-6)
        l_ = max(((latest > low) & (latest <= high)).mean(), 1e-6)
        total += (l_ - r) * np.log(l_ / r)
    return total


def naive(latest: dict, reference: dict, resamples: int, measured: int) -> dict[str, float]:
    score, outcome = latest["score"], latest["outcome"]
    started = time.perf_counter()
    auc = roc_auc_score(1 - outcome, score)
    ks = ks_2samp(score[outcome == 1], score[outcome == 0]).statistic
    edges = np.quantile(score, np.linspace(0, 1, 11))
    deciles = [outcome[(score >= low) & (score <= high)].mean() for low, high in zip(edges[:-1], edges[1:])]
    metrics_done = time.perf_counter()
    rng = np.random.default_rng(0)
    for _ in range(measured):
        rows = rng.integers(0, score.size, score.size)
        roc_auc_score(1 - outcome[rows], score[rows])
        ks_2samp(score[rows][outcome[rows] == 1], score[rows][outcome[rows] == 0])
    bootstrap = (time.perf_counter() - metrics_done) / measured * resamples
    psi_started = time.perf_counter()
    for name in ("score", "connections", "income", "education", "debts"):
        naive_psi(reference[name], latest[name])
    psi_seconds = time.perf_counter() - psi_started
    backtest = metrics_done - started + bootstrap
    return {"backtest": backtest, "psi": psi_seconds, "total": backtest + psi_seconds, "auc": auc, "ks": ks,
            "deciles": deciles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--resamples", type=int, default=200)
    parser.add_argument("--naive-resamples", type=int, default=5)
    args = parser.parse_args()
    latest, reference = applications(args.n, seed=1), applications(args.n, seed=2, drift=-3.0)
    print(f"{args.n:,} scored applications with outcomes ({latest['outcome'].mean():.1%} bad), "
          f"reference window of {args.n:,}; bootstrap {args.resamples} resamples; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    fast = vectorised(latest, reference, args.resamples)
    slow = naive(latest, reference, args.resamples, args.naive_resamples)
    print(f"vectorised: back-test {fast['backtest']:.2f} s, PSI of 5 columns {fast['psi']:.2f} s, "
          f"total {fast['total']:.2f} s, CPU {fast['cpu']:.2f} s (target under {TARGET_SECONDS:.0f} s: "
          f"{'met' if fast['total'] < TARGET_SECONDS else 'MISSED'})")
    print(f"naive:      back-test {slow['backtest']:.2f} s (bootstrap extrapolated from {args.naive_resamples} "
          f"resamples), PSI of 5 columns {slow['psi']:.2f} s, total {slow['total']:.2f} s")
    print(f"ratio naive / vectorised: back-test {slow['backtest'] / fast['backtest']:.1f}x, "
          f"total {slow['total'] / fast['total']:.1f}x")
    print(f"agreement: |AUC - roc_auc_score| = {abs(fast['auc'] - slow['auc']):.1e}, "
          f"|KS - ks_2samp| = {abs(fast['ks'] - slow['ks']):.1e}, largest decile bad-rate gap "
          f"{max(abs(a - b) for a, b in zip(fast['deciles'], slow['deciles'])):.1e}")


if __name__ == "__main__":
    main()
