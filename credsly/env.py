"""Settings read from the environment that fail loudly on a value nobody could mean.

django-environ reads strings, lists and database URLs well, but its numbers raise a bare
``ValueError`` that does not say which variable was wrong, and its booleans take any word
they do not know for false (``DEBUG=ture`` is off). These read ``os.environ`` (which holds
``.env`` once django-environ has read it) and raise ``ImproperlyConfigured`` naming the
variable, its value and what was expected.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")
Number = TypeVar("Number", int, float)


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


def _number(name: str, default: Number, minimum: Number, parse: Callable[[str], Number], expected: str) -> Number:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = parse(value)
    except ValueError:
        raise _refuse(name, value, expected) from None
    if not number >= minimum:  # also refuses nan
        raise _refuse(name, value, expected)
    return number


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    return _number(name, default, minimum, int, f"a whole number of at least {minimum}")


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    return _number(name, default, minimum, float, f"a number of at least {minimum:g}")


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = _raw(name)
    if value is None:
        return default
    if value not in choices:
        raise _refuse(name, value, f"one of {', '.join(choices)}")
    return value
