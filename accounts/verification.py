"""Links that confirm an e-mail address: Django's password-reset tokens with a salt of their
own, so a reset link never confirms an address nor the other way round. A token stops working
once the address is confirmed or changed, and after ``PASSWORD_RESET_TIMEOUT``."""
from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from .models import User


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.verification.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.email_verified_at}{timestamp}"


tokens = EmailVerificationTokenGenerator()


def link_parts(user: User) -> tuple[str, str]:
    """(uidb64, token) of the confirmation link for ``user``'s current address."""
    return urlsafe_base64_encode(force_bytes(user.pk)), tokens.make_token(user)


def user_of(uidb64: str, token: str) -> User | None:
    """The user a confirmation link was made for, if it is still good; None otherwise."""
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    return user if tokens.check_token(user, token) else None
