"""Versioned configuration, published one way: priority configurations (``ScoringConfig``), AHP
configurations (``AhpConfig``) and express models (``express.ExpressModel``).

A versioned model is an append-only table with a unique ``version``: a version is never
edited, every score names the version that made it, and a change is the next version.
``Model.objects.current()`` is the newest one (the model's shipped defaults become version 1
on first use); ``publish_version`` stores the next one.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, models, transaction

ATTEMPTS = 5


class VersionedQuerySet(models.QuerySet):
    def current(self) -> "Versioned":
        """The newest version; on an empty table, version 1 from the model's defaults."""
        latest = self.order_by("-version").first()
        if latest is not None:
            return latest
        try:
            with transaction.atomic():
                return self.model.first_version()
        except IntegrityError:
            # Someone else stored version 1 meanwhile: theirs is the current one.
            return self.order_by("-version").first()


class Versioned(models.Model):
    version = models.PositiveIntegerField(unique=True, editable=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def first_version(cls) -> "Versioned":
        """Store and return version 1 from the shipped defaults."""
        raise NotImplementedError(f"{cls.__name__} must say what its first version is")


V = TypeVar("V", bound=Versioned)


def publish_version(model: type[V], build: Callable[[int], V], *, attempts: int = ATTEMPTS) -> V:
    """Store the next version of ``model``: ``build(number)`` creates the row (and any rows of
    its own) with the number it is given.

    The newest row is locked, so a second publisher waits for the first to commit. The lock
    alone is not enough on PostgreSQL: at READ COMMITTED, the waiting ``SELECT ... FOR UPDATE``
    returns the row it waited for, not the one committed meanwhile, so it takes a number that
    is now used. The unique version refuses that insert; the attempt's savepoint is rolled
    back and the number read again, now seeing the other version. An empty table has no row
    to lock, and the same retry settles who gets version 1.
    """
    for _ in range(attempts - 1):
        try:
            return _publish_once(model, build)
        except IntegrityError:
            continue
    return _publish_once(model, build)


def _publish_once(model: type[V], build: Callable[[int], V]) -> V:
    with transaction.atomic():
        latest = model.objects.select_for_update().order_by("-version").first()
        return build((latest.version if latest else 0) + 1)
