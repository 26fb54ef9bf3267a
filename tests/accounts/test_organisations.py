"""Organisations and their members: the create_organisation command, the service, the admin.
Only lenders join, each lender one organisation; a refusal is a sentence and changes nothing."""
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import roles
from accounts.models import Membership, Organisation
from accounts.services import MembershipRefused, member_add, user_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("create_organisation", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def lenders(db):
    return [user_create(username=name, password=PASSWORD, role=roles.LENDER) for name in ("lena", "luis")]


def test_it_creates_an_organisation_with_its_lenders(lenders):
    out = run("west-bank", "--name", "West  Bank", "--member", "lena", "--member", "luis")
    west = Organisation.objects.get(slug="west-bank")
    assert west.name == "West Bank"
    assert sorted(m.user.username for m in west.memberships.all()) == ["lena", "luis"]
    assert out.strip() == "Created West Bank (west-bank): lena, luis"
    assert all(user.organisation == west for user in lenders)


def test_it_adds_members_to_an_existing_organisation_and_renames_it(lenders):
    run("west-bank", "--name", "West Bank", "--member", "lena")
    out = run("west-bank", "--member", "luis", "--member", "lena")  # lena again: nothing changes
    assert "Updated West Bank" in out and Membership.objects.count() == 2
    run("west-bank", "--name", "West Bank plc")
    assert Organisation.objects.get().name == "West Bank plc"


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--name", "West", "--member", "lena", "--member", "alice"], "alice is not a lender: only lenders can be"),
        (["--name", "West", "--member", "lena", "--member", "nobody"], "There is no user 'nobody'"),
        (["--member", "lena"], "There is no organisation 'west-bank' yet: give its name"),
    ],
)
def test_it_refuses_in_a_sentence_and_changes_nothing(lenders, alice, args, sentence):
    with pytest.raises(CommandError, match=sentence) as refused:
        run("west-bank", *args)
    assert "othing was changed" in str(refused.value)
    assert not Organisation.objects.exists() and not Membership.objects.exists()  # lena was not added either


def test_it_refuses_a_slug_that_is_not_one(lenders):
    with pytest.raises(CommandError, match="'west bank!' is not a usable short name"):
        run("west bank!", "--name", "West")
    assert not Organisation.objects.exists()


def test_a_lender_belongs_to_one_organisation(lenders, north):
    member_add(organisation=north, user=lenders[0])
    with pytest.raises(CommandError, match="lena already belongs to North Bank"):
        run("west-bank", "--name", "West", "--member", "lena")
    assert not Organisation.objects.filter(slug="west-bank").exists()
    assert lenders[0].organisation == north


def test_the_same_rule_holds_in_the_service_and_the_admins_form(north, alice, lenders):
    with pytest.raises(MembershipRefused, match="alice is not a lender"):
        member_add(organisation=north, user=alice)
    with pytest.raises(ValidationError, match="alice is not a lender"):
        Membership(user=alice, organisation=north).full_clean()
    Membership(user=lenders[0], organisation=north).full_clean()  # a lender may


def test_admins_manage_organisations_in_the_admin_and_nobody_else(dave_client, carol_client, alice_client, north):
    assert "North Bank" in dave_client.get(reverse("admin:accounts_organisation_changelist")).content.decode()
    page = dave_client.get(reverse("admin:accounts_organisation_change", args=[north.pk])).content.decode()
    assert ">carol</option>" in page  # the member, in the inline
    for outsider in (carol_client, alice_client):
        response = outsider.get(reverse("admin:accounts_organisation_changelist"))
        assert response.status_code == 302 and "/admin/login/" in response.url


def test_admins_add_a_lender_through_the_inline_and_an_applicant_is_refused(dave_client, north, lenders, alice):
    url = reverse("admin:accounts_organisation_change", args=[north.pk])

    def post(user):
        return dave_client.post(url, {
            "slug": north.slug, "name": north.name,
            "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": str(user.pk), "memberships-0-organisation": str(north.pk),
        })

    response = post(alice)
    assert response.status_code == 200 and "alice is not a lender" in response.content.decode()
    assert not Membership.objects.filter(user=alice).exists()
    assert post(lenders[1]).status_code == 302
    assert lenders[1].organisation == north
