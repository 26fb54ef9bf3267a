"""Demo people, a demo lender organisation and scored demo applicants for ``make run``.

DEBUG only: the accounts have a known password. The applicants' profiles are synthetic
(``scoring.demo``); they go through the real analysis and both scoring methods in-process.
Most of them apply to the demo organisation, whose member the ``lender`` login is. It lives
in ``lending`` because applying is what makes a demo applicant visible to the lender.
"""
import os
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import roles
from accounts.models import User
from accounts.services import email_verify, member_add, organisation_save, user_create
from ingest.models import DataSource
from lending.services import application_create
from models_ml.analysis import analyse
from scoring.demo import demo_profiles
from scoring.fuzzy.service import score_fuzzy
from scoring.services import score_applicant

STAFF = (("lender", roles.LENDER), ("admin", roles.ADMIN))
ORGANISATION = ("demo-bank", "Demo Bank")
APPLY_SHARE = 0.85


class Command(BaseCommand):
    help = "Create demo users (applicant, lender, admin) and scored synthetic applicants; DEBUG only."

    def add_arguments(self, parser):
        parser.add_argument("--applicants", type=int, default=24, help="synthetic applicants besides 'applicant'")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, applicants: int, seed: int, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG=1: it creates accounts with a known password.")
        if User.objects.filter(username="applicant").exists():
            self.stdout.write("demo data already present")
            return
        password = os.environ.get("DEMO_PASSWORD", "credsly-demo")
        for username, role in STAFF:
            if not User.objects.filter(username=username).exists():
                user_create(username=username, password=password, role=role)
        slug, name = ORGANISATION
        organisation, _ = organisation_save(slug=slug, name=name)
        member_add(organisation=organisation, user=User.objects.get(username="lender"))
        rng = random.Random(seed)
        names = ["applicant"] + [f"demo{i:02d}" for i in range(1, applicants + 1)]
        for username in names:
            self._applicant(username, password, rng, organisation)
        self.stdout.write(
            f"created lender (of {name}), admin and {len(names)} scored applicants "
            "(password: DEMO_PASSWORD or the README's)"
        )

    @transaction.atomic
    def _applicant(self, username: str, password: str, rng: random.Random, organisation) -> None:
        user = user_create(username=username, password=password, role=roles.APPLICANT,
                           email=f"{username}@demo.invalid")
        email_verify(user=user)  # no mail reaches .invalid: the demo address counts as confirmed
        profiles = demo_profiles(rng, today=timezone.now().date())
        for document in profiles:
            DataSource.objects.create(owner=user, platform=document["platform"], status=DataSource.Status.PARSED,
                                      profile=document, parsed_at=timezone.now(), original_name="demo data")
        analysis = analyse(profiles)
        score_applicant(owner=user, profiles=profiles, analysis=analysis)
        score_fuzzy(owner=user, profiles=profiles, analysis=analysis)
        # The demo login always has: the lender login then sees them from the start.
        if username == "applicant" or rng.random() < APPLY_SHARE:
            application_create(applicant=user, organisation=organisation, purpose="personal loan")
