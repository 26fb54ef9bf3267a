"""Writes to accounts: creating people with a role."""
from django.contrib.auth.models import Group
from django.db import transaction

from . import roles
from .models import User


@transaction.atomic
def user_create(*, username: str, password: str, role: str = roles.APPLICANT, email: str = "") -> User:
    if role not in roles.ALL_ROLES:
        raise ValueError(f"unknown role {role!r}")
    user = User.objects.create_user(username=username, password=password, email=email)
    user.groups.add(Group.objects.get(name=role))
    if role == roles.ADMIN:
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user
