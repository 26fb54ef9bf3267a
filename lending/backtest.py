"""The back-test report of a scored-applications table, as plain data ready for JSON.

Keys (the operators' contract of ``manage.py backtest``): ``n``, ``bad_rate``, ``auc``, ``gini``,
``ks``, ``bad_rate_by_decile`` (ten rates, decile 1 = the lowest scores; ``None`` for an empty
decile) and, with a reference table, ``psi``: for ``score`` and every other column both tables
share (``outcome`` aside), ``{"psi": value, "label": ...}``. Below the minimum of outcomes
every metric is ``None`` and ``note`` says why; PSI does not need outcomes and is given anyway
(with its own minimum of rows).
"""
from __future__ import annotations

from .metrics import psi, summarise
from .scored_csv import OUTCOME, SCORE, ScoredTable


def _psi_by_column(table: ScoredTable, reference: ScoredTable) -> dict[str, dict]:
    shared = [name for name in reference.columns if name in table.columns and name != OUTCOME]
    found = {}
    for name in sorted(shared, key=lambda name: (name != SCORE, name)):
        result = psi(reference.columns[name], table.columns[name])
        found[name] = {"psi": result.value, "label": result.label}
    return found


def backtest_report(table: ScoredTable, reference: ScoredTable | None = None) -> dict:
    """The report of ``table`` (which has outcomes), with PSI against ``reference`` if given.

    Raises
    ------
    lending.metrics.MetricsError
        Only on input ``scored_csv`` would have refused already.
    """
    summary = summarise(table.columns[SCORE], table.columns[OUTCOME])
    report: dict = {"n": summary.n, "bad_rate": summary.bad_rate, "auc": summary.auc, "gini": summary.gini,
                    "ks": summary.ks, "bad_rate_by_decile": summary.bad_rate_by_decile}
    if summary.note:
        report["note"] = summary.note
    if reference is not None:
        report["psi"] = _psi_by_column(table, reference)
    return report
