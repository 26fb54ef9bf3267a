"""API tokens that expire: ``API_TOKEN_DAYS`` after they were made, a token is refused with
a sentence saying so and where to get a new one (the lender's API page, or ``/api/token/``,
which replaces an expired token)."""
from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def expires_at(token: Token) -> datetime:
    return token.created + timedelta(days=settings.API_TOKEN_DAYS)


def has_expired(token: Token) -> bool:
    return timezone.now() >= expires_at(token)


def fresh_token(user) -> Token:
    """``user``'s token, replaced by a new one if it has expired."""
    token, _ = Token.objects.get_or_create(user=user)
    if has_expired(token):
        token.delete()
        token = Token.objects.create(user=user)
    return token


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str):
        user, token = super().authenticate_credentials(key)
        if has_expired(token):
            raise AuthenticationFailed(
                f"This API token expired on {expires_at(token):%d %B %Y}. "
                "Get a new one on your API page or by posting your username and password to /api/token/."
            )
        return user, token
