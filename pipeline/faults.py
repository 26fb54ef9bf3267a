"""What went wrong in a stage of a job, told twice: one plain sentence for the applicant,
the whole exception for operators (in the log, never on a page).

An applicant is never shown a host, a port, a file path or an exception's name: "Error 111
connecting to 127.0.0.1:6390" says nothing to them and tells an attacker how the site is
built. Faults are sorted in three: the stage ran out of time; our infrastructure failed
(database, broker, network), which the pipeline scores again by itself; or anything else,
a fault of ours to fix.
"""
from __future__ import annotations

from billiard.exceptions import TimeLimitExceeded
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# Faults of the servers the pipeline runs on rather than of the applicant's data: worth
# running the whole job again once they are back.
INFRASTRUCTURE: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    BrokerError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,
    TimeoutError,
)
TIME_LIMITS = (SoftTimeLimitExceeded, TimeLimitExceeded)

TOO_LONG = "it took too long and was stopped"
INTERRUPTED = "a fault on our side interrupted it; your data is kept and will be scored again automatically"
OUR_FAULT = "a fault on our side stopped it; it has been logged for us to fix"


def is_infrastructure(exc: BaseException | None) -> bool:
    return isinstance(exc, INFRASTRUCTURE)


def describe_error(exc: BaseException | None) -> str:
    """The plain sentence an applicant reads about ``exc``: never its text or its type."""
    if isinstance(exc, TIME_LIMITS):
        return TOO_LONG
    if is_infrastructure(exc):
        return INTERRUPTED
    return OUR_FAULT


def gave_up_sentence(doing: str, deliveries: int) -> str:
    """Why a task whose input stopped the worker every time was given up."""
    return (
        f"{doing} stopped our analysis {deliveries} times in a row, so we gave up on it; "
        "if it was an export, it may be damaged: download it again and upload the new copy"
    )
