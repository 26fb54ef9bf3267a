"""Create the demo people for ``make run``: DEBUG only, so no demo password reaches production."""
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import roles
from accounts.models import User
from accounts.services import user_create

DEMO_USERS = (("applicant", roles.APPLICANT), ("lender", roles.LENDER), ("admin", roles.ADMIN))


class Command(BaseCommand):
    help = "Create demo users (applicant, lender, admin) for a local DEBUG run."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG=1: it creates accounts with a known password.")
        password = os.environ.get("DEMO_PASSWORD", "credsly-demo")
        for username, role in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            user_create(username=username, password=password, role=role)
            self.stdout.write(f"created {role} '{username}'")
