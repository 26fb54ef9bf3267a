"""Rate limits by scope (uploads, handle, token, signup), for the API and for pages alike.

DRF's ``ScopedRateThrottle`` counts a scope's requests per user, or per client address for
visitors, in Django's cache (``CACHE_URL``: one cache shared by every web process in
production). ``ScopedThrottle`` reads the rates from the settings at each request (DRF reads
them once, at import). ``throttled(scope)`` puts the same count in front of a plain Django
view: a refused request gets 429 and a page that says when to come back.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import ScopedRateThrottle

View = Callable[..., HttpResponse]


class ScopedThrottle(ScopedRateThrottle):
    def get_rate(self) -> str | None:
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(self.scope)


class AddressThrottle(ScopedThrottle):
    """Counts per client address even once logged in: signing up logs the new account in,
    and counting per account would let one address sign up without end."""

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def come_back_in(seconds: float | None) -> str:
    """"Please try again in 3 minutes." for a wait of ``seconds``."""
    if not seconds or seconds <= 60:
        return "Please try again in a minute."
    minutes = math.ceil(seconds / 60)
    return f"Please try again in {minutes} minutes."


def throttled(scope: str, *, methods: tuple[str, ...] = ("POST",), by_address: bool = False) -> Callable[[View], View]:
    """Count ``methods`` requests to a view against ``scope``'s rate, per user (or per
    address: ``by_address``); past it, 429."""

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            throttle = AddressThrottle() if by_address else ScopedThrottle()
            # ScopedRateThrottle reads the scope off the view it guards.
            if request.method in methods and not throttle.allow_request(request, SimpleNamespace(throttle_scope=scope)):
                message = f"Too many requests in a short time. {come_back_in(throttle.wait())}"
                return render(request, "429.html", {"message": message}, status=429)
            return view(request, *args, **kwargs)

        return guarded

    return decorator
