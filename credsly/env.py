"""Settings read from the environment that fail loudly on a value nobody could mean.

django-environ reads strings, lists and database URLs well, but its numbers raise a bare
``ValueError`` that does not say which variable was wrong, and its booleans take any word
they do not know for false (``DEBUG=ture`` is off). These read ``os.environ`` (which holds
``.env`` once django-environ has read it) and raise ``ImproperlyConfigured`` naming the
variable, its value and what was expected.
"""
from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None or not value.strip() else value.strip()


def _refuse(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name}={value!r} in the environment: expected {expected}.")


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise _refuse(name, value, f"one of {', '.join(TRUE + FALSE)}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise _refuse(name, value, f"a whole number of at least {minimum}") from None
    if number < minimum:
        raise _refuse(name, value, f"a whole number of at least {minimum}")
    return number


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise _refuse(name, value, f"a number of at least {minimum:g}") from None
    if not number >= minimum:  # also refuses nan
        raise _refuse(name, value, f"a number of at least {minimum:g}")
    return number


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = _raw(name)
    if value is None:
        return default
    if value not in choices:
        raise _refuse(name, value, f"one of {', '.join(choices)}")
    return value
