"""``manage.py create_organisation SLUG --name NAME [--member USERNAME ...]``: create a lender
organisation, or add lenders to one. All or nothing: one refused member changes nothing."""
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.models import User
from accounts.services import member_add, organisation_save


class Command(BaseCommand):
    help = "Create a lender organisation (or rename it) and add lenders to it as members."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="short name used in the API, e.g. north-bank")
        parser.add_argument("--name", default="", help="the organisation's name (needed to create it)")
        parser.add_argument("--member", action="append", default=[], metavar="USERNAME",
                            help="a lender to add; repeat for several")

    def handle(self, *args: object, slug: str, name: str, member: list[str], **options: object) -> None:
        try:
            with transaction.atomic():
                organisation, created = organisation_save(slug=slug, name=name)
                for username in member:
                    user = User.objects.filter(username=username).first()
                    if user is None:
                        raise CommandError(f"There is no user {username!r}; nothing was changed.")
                    member_add(organisation=organisation, user=user)
        except ValueError as exc:  # a refused member (MembershipRefused) or a bad slug or name
            raise CommandError(f"{exc} Nothing was changed.") from None
        members = ", ".join(organisation.memberships.values_list("user__username", flat=True)) or "no members yet"
        self.stdout.write(f"{'Created' if created else 'Updated'} {organisation.name} ({organisation.slug}): {members}")
