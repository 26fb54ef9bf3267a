"""What the law lets the priority scorer do with age; checked wherever a configuration is made.

- **Older is never worse.** US Regulation B (12 CFR 1002.6(b)(2)) lets a credit scoring
  system use age only if it is empirically derived and never gives an applicant aged 62 or
  more a lower value for their age; CredSly's curves are set by judgement, not derived
  from repayments, and many other laws forbid age discrimination outright. So the age curve
  may rise from the minimum age to its peak and must stay at full marks from there on: a
  tent without ``high``. There is no upper age limit.
- **A minor cannot contract.** The tent's ``low`` is the minimum age and never below 18; it
  makes a younger applicant ineligible whether or not age is scored
  (``engine.legal_minimum_age``).

The age feature is therefore always a tent: it is the one curve that holds a minimum age.
"""
from __future__ import annotations

from collections.abc import Mapping

from . import curves

ADULT_AGE = 18


def age_problems(kind: str, params: Mapping) -> list[str]:
    """Every way an age curve breaks the rules above, as sentences for the admin; ``[]`` if none.

    ``params`` must already pass ``curves.validate``.
    """
    if kind != curves.TENT:
        return [f"Age must use a tent curve (it holds the minimum age of {ADULT_AGE}), not {kind}: "
                "the other curves would score minors."]
    problems = []
    if float(params["low"]) < ADULT_AGE:
        problems.append(f"The minimum age (low) must be at least {ADULT_AGE}: a minor cannot contract "
                        f"(got {float(params['low']):g}).")
    if "high" in params:
        problems.append(f"Leave out high ({float(params['high']):g}): past the peak the tent would score older "
                        "applicants down and make the oldest ineligible, which age may never do. Without high "
                        "every age from the peak on scores in full.")
    return problems
