"""Who may open a page, decided in one place for every app's views.

A visitor who is not logged in is sent to the login page and comes back after it; a person
logged in without the role gets 403, and ``templates/403.html`` tells them so with a way
back. Admins pass wherever lenders do: they check what lenders are shown.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from . import roles

View = Callable[..., HttpResponse]


def role_required(*wanted: str, refusal: str) -> Callable[[View], View]:
    """Let through logged-in people holding any role of ``wanted``; ``refusal`` is the
    sentence the 403 page shows everyone else."""
    unknown = set(wanted) - set(roles.ALL_ROLES)
    if not wanted or unknown:
        raise ValueError(f"role_required needs roles among {roles.ALL_ROLES}, got {wanted!r}")

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.has_role(*wanted):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return guarded

    return decorator


applicant_required = role_required(roles.APPLICANT, refusal="This page is for applicants.")
lender_required = role_required(*roles.READERS, refusal="This page is for lenders and admins.")
