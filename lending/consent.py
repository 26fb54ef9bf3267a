"""The words an applicant agrees to when they apply, and which version of them it was.

Pure: no Django. Change ``CONSENT_TEXT`` only together with ``CONSENT_VERSION``: every
application stores the version it was given under, so the text each person accepted can be
shown again.
"""
from __future__ import annotations

from collections.abc import Iterable

CONSENT_VERSION = "2026-11-25"
CONSENT_TEXT = (
    "I let {organisation} see my CredSly scores by {methods}, their reasons, and which of my "
    "sources they were made from, for the purpose I gave, until I withdraw. They cannot change "
    "my data or add sources. Each time they open my file it is logged and shown to me. After I "
    "withdraw they see nothing new; a decision they already made, and what it was based on, "
    "they may keep for as long as the law obliges them to."
)
# The version given to applications made from the one "share with lenders" switch that came
# before organisations (see lending/migrations/0002).
SWITCH_VERSION = "single-switch"
PURPOSE_MAX = 120
PURPOSE_MISSING = "Say what you are applying for, for example “personal loan”."


def consent_text(organisation: str, method_labels: Iterable[str]) -> str:
    labels = list(method_labels)
    methods = ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else "".join(labels)
    return CONSENT_TEXT.format(organisation=organisation, methods=methods or "no method")


def clean_purpose(text: str) -> str:
    """The purpose on one line; raises ``ValueError`` with a sentence when it is empty or long."""
    purpose = " ".join((text or "").split())
    if not purpose:
        raise ValueError(PURPOSE_MISSING)
    if len(purpose) > PURPOSE_MAX:
        raise ValueError(f"Keep the purpose to {PURPOSE_MAX} characters.")
    return purpose


def clean_methods(chosen: Iterable[str] | None, *, known: Iterable[str], default: Iterable[str]) -> list[str]:
    """The scoring methods to share, in the registry's order; the default when none are given.
    Raises ``ValueError`` naming an unknown method."""
    known = list(known)
    picked = list(default) if chosen is None else list(chosen)
    unknown = sorted(set(picked) - set(known))
    if unknown:
        raise ValueError(f"There is no scoring method {', '.join(unknown)}: choose among {', '.join(known)}.")
    if not picked:
        raise ValueError("Share at least one score.")
    return [name for name in known if name in picked]
