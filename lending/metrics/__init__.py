"""Back-testing and monitoring metrics: pure functions over numpy arrays, no Django.

Conventions (``outcomes``): outcome 1 = bad (a default, or 60 or more days late), 0 = good; a
higher score means lower risk, so AUC, Gini and KS measure the score ranking goods above bads.
No metric is given from fewer than 200 outcomes with 20 bad and 20 good ("not enough outcomes").

- ``ranking``: AUC, Gini, KS, bad rate, all from one sort of the score.
- ``tables``: bad rate per score decile (the calibration table) and per band, Wilson intervals.
- ``bootstrap``: Poisson-bootstrap intervals, and the paired interval of an AUC difference.
- ``summary``: the whole back-test of one score, or "not enough outcomes".
- ``stability``: PSI between a reference and a latest sample.
- ``fairness``: adverse-impact ratios against the four-fifths rule.
"""
from .bootstrap import Interval, bootstrap, bootstrap_auc_difference
from .fairness import FOUR_FIFTHS, GroupImpact, adverse_impact
from .outcomes import MIN_BAD, MIN_GOOD, MIN_OUTCOMES, NOT_ENOUGH, MetricsError, shortfall
from .ranking import auc, bad_rate, gini, ks, rank
from .stability import MAJOR, MIN_PSI_ROWS, MODERATE, NOT_ENOUGH_ROWS, Psi, PsiBin, psi, psi_label, psi_table
from .summary import Summary, summarise
from .tables import RateRow, bad_rate_by_band, bad_rate_by_decile, calibration_table, wilson_interval

__all__ = [
    "FOUR_FIFTHS", "MAJOR", "MIN_BAD", "MIN_GOOD", "MIN_OUTCOMES", "MIN_PSI_ROWS", "MODERATE", "NOT_ENOUGH",
    "NOT_ENOUGH_ROWS", "GroupImpact", "Interval", "MetricsError", "Psi", "PsiBin", "RateRow", "Summary",
    "adverse_impact", "auc", "bad_rate", "bad_rate_by_band", "bad_rate_by_decile", "bootstrap",
    "bootstrap_auc_difference", "calibration_table", "gini", "ks", "psi", "psi_label", "psi_table", "rank",
    "shortfall", "summarise", "wilson_interval",
]
