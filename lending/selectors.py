"""Reads of the lending room: whose applications a person may see, and through them whose
scores. Pages, CSV and API all ask here, so they cannot disagree.

- an applicant: their own applications;
- a lender: the applications made to their organisation (none without one);
- an admin: all of them.
A lender or admin reads an applicant's scores only through a *live* application, and only the
scores of the methods it lists.
"""
from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User

from .models import Application, FileAccess


def applications_for(viewer: User) -> QuerySet[Application]:
    applications = Application.objects.select_related("organisation", "applicant")
    if not viewer.is_authenticated:
        return applications.none()
    if viewer.is_admin:
        return applications.all()
    if viewer.is_lender:
        organisation = viewer.organisation
        return applications.filter(organisation=organisation) if organisation else applications.none()
    if viewer.is_applicant:
        return applications.filter(applicant=viewer)
    return applications.none()


def live_shared_with(viewer: User) -> QuerySet[Application]:
    """The live applications through which ``viewer`` (a lender or admin) reads applicants;
    none for anybody else, applicants included (they read themselves, not applications)."""
    if not viewer.is_authenticated or not viewer.reads_applicants:
        return Application.objects.none()
    return applications_for(viewer).live()


def own_applications(applicant: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=applicant).select_related("organisation")


def access_log(applicant: User) -> QuerySet[FileAccess]:
    return FileAccess.objects.filter(applicant=applicant).select_related("organisation")
