"""Reads of express-delivery data, by who may see them. A lender sees the imports and subjects
of their own organisation; an admin sees all, including rows from before organisations; nobody
else sees any. The CredSly account linked to a subject is shown to a lender only when that
person has a live application to the lender's organisation sharing the express score."""
from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User

from .models import ExpressScore, ExpressSubject, ShipmentImport


def latest_express_score(user) -> ExpressScore | None:
    """The newest express score of any subject linked to ``user`` (None when there is none)."""
    return ExpressScore.objects.filter(subject__user=user).select_related("subject").defer("features").first()


def visible_imports(viewer: User) -> QuerySet[ShipmentImport]:
    if viewer.is_admin:
        return ShipmentImport.objects.all()
    organisation = viewer.organisation
    return ShipmentImport.objects.filter(organisation=organisation) if organisation else ShipmentImport.objects.none()


def visible_subjects(viewer: User) -> QuerySet[ExpressSubject]:
    if viewer.is_admin:
        return ExpressSubject.objects.all()
    organisation = viewer.organisation
    return ExpressSubject.objects.filter(organisation=organisation) if organisation else ExpressSubject.objects.none()


def shown_account(subject: ExpressSubject, viewer: User) -> User | None:
    """The linked account ``viewer`` may see named: for a lender, only someone who shares
    their express score with the lender's organisation."""
    user = subject.user
    if user is None or viewer.is_admin:
        return user
    shares = user.applications.live().sharing("express").filter(organisation=viewer.organisation)
    return user if viewer.organisation and shares.exists() else None
