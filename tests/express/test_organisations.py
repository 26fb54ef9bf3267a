"""Express-delivery data per organisation: carol (North Bank) and frank (South Credit) import
the same records; each sees and changes only their own imports, subjects and scores. Resident
ID numbers are masked except on a logged reveal; a linked CredSly account is named only when
the person shares their express score with the organisation."""
import re

import pytest
from django.urls import reverse

from accounts import roles
from accounts.services import user_create
from express.models import ExpressScore, ExpressSubject, IdentityReveal, ShipmentImport, masked
from tests.conftest import PASSWORD, apply, client_for
from tests.dashboards.conftest import score_for
from tests.express.generator import write_records
from tests.express.test_views import post_import  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def imported(carol, frank, tmp_path, post_import):  # noqa: F811
    """carol and frank import the same file, each for their organisation."""
    path = tmp_path / "records.csv"
    truth = write_records(path)
    post_import(client_for(carol), path, truth)
    post_import(client_for(frank), path, truth)
    return truth


def a_person(organisation) -> ExpressSubject:
    return ExpressSubject.objects.filter(organisation=organisation, user_type="individual").exclude(identity="").first()


def test_each_organisation_gets_its_own_subjects_and_nobody_overwrites_anybody(imported, north, south):
    for organisation in (north, south):
        subjects = ExpressSubject.objects.filter(organisation=organisation)
        assert dict(subjects.values_list("key", "user_type")) == imported.types
        assert ExpressScore.objects.filter(subject__organisation=organisation).count() == subjects.count()
    assert {i.organisation for i in ShipmentImport.objects.all()} == {north, south}


def test_a_lender_reaches_only_their_organisations_imports_and_subjects(imported, carol, frank, dave, north, south):
    carol_client = client_for(carol)
    theirs, ours = ShipmentImport.objects.get(organisation=south), ShipmentImport.objects.get(organisation=north)
    assert carol_client.get(reverse("express:report", args=[theirs.pk])).status_code == 404
    assert carol_client.get(reverse("express:report", args=[ours.pk])).status_code == 200
    assert carol_client.get(reverse("express:subject", args=[a_person(south).pk])).status_code == 404
    assert carol_client.get(reverse("express:subject", args=[a_person(north).pk])).status_code == 200
    assert carol_client.post(reverse("express:reveal", args=[a_person(south).pk])).status_code == 404
    listing = carol_client.get(reverse("express:subjects"), {"type": "individual"}).content.decode()
    listed = {int(pk) for pk in re.findall(r'href="/express/subjects/(\d+)/"', listing)}
    assert listed and {s.organisation for s in ExpressSubject.objects.filter(pk__in=listed)} == {north}
    page = carol_client.get(reverse("express:import")).content.decode()
    assert reverse("express:report", args=[ours.pk]) in page and reverse("express:report", args=[theirs.pk]) not in page
    admin = client_for(dave)  # admins check everything
    assert admin.get(reverse("express:report", args=[theirs.pk])).status_code == 200
    assert admin.get(reverse("express:subject", args=[a_person(north).pk])).status_code == 200


def test_a_lender_of_no_organisation_cannot_import(tmp_path, post_import):  # noqa: F811
    nomad = user_create(username="nomad", password=PASSWORD, role=roles.LENDER)
    path = tmp_path / "records.csv"
    response = post_import(client_for(nomad), path, write_records(path))
    assert response.status_code == 200
    assert "you are not a member of one" in response.content.decode()
    assert not ShipmentImport.objects.exists() and not ExpressSubject.objects.exists()
    assert client_for(nomad).get(reverse("express:subjects")).status_code == 200  # an empty list


def test_resident_ids_are_masked_and_a_reveal_is_logged(imported, carol, north):
    person = a_person(north)
    client = client_for(carol)
    listing = client.get(reverse("express:subjects"), {"type": "individual"}).content.decode()
    page = client.get(reverse("express:subject", args=[person.pk])).content.decode()
    for shown in (listing, page):
        assert person.identity not in shown and masked(person.identity) in shown
    assert masked(person.identity).endswith(person.identity[-4:]) and masked(person.identity).count("•") == 14
    assert not IdentityReveal.objects.exists()
    assert client.get(reverse("express:reveal", args=[person.pk])).status_code == 405
    revealed = client.post(reverse("express:reveal", args=[person.pk])).content.decode()
    assert person.identity in revealed and "to carol" in revealed
    reveal = IdentityReveal.objects.get()
    assert (reveal.subject, reveal.viewer, reveal.organisation) == (person, carol, north)
    assert person.identity not in client.get(reverse("express:subject", args=[person.pk])).content.decode()


def test_an_id_is_found_whole_never_in_part(imported, carol, north):
    person = a_person(north)
    client = client_for(carol)

    def found(query: str) -> bool:
        return f"/express/subjects/{person.pk}/" in client.get(reverse("express:subjects"), {"q": query}).content.decode()

    assert found(person.identity)
    assert not found(person.identity[:10]) and not found(person.identity[-4:])


def test_applicants_and_visitors_cannot_reveal(imported, alice_client, client, north):
    url = reverse("express:reveal", args=[a_person(north).pk])
    assert alice_client.post(url).status_code == 403
    assert client.post(url).status_code == 302
    assert not IdentityReveal.objects.exists()


def test_a_linked_account_is_named_only_to_an_organisation_it_shares_express_with(imported, alice, carol, north):
    person = a_person(north)
    ExpressSubject.objects.filter(pk=person.pk).update(user=alice)
    client = client_for(carol)

    def named() -> bool:
        page = client.get(reverse("express:subject", args=[person.pk])).content.decode()
        listing = client.get(reverse("express:subjects"), {"q": person.identity}).content.decode()
        return ("CredSly account alice" in page, "<td>alice</td>" in listing) == (True, True)

    assert not named()
    application = apply(alice, north)  # the social scores only
    assert not named()
    application.delete()
    apply(alice, north, methods=["priority", "express"])
    assert named()


def test_the_lender_page_links_the_record_only_for_the_organisation_holding_it(imported, erin, carol, frank, north,
                                                                               south):
    person = a_person(north)
    score_for(erin, 50, method="express", detail={"subject": person.pk})
    apply(erin, north, methods=["express"])
    apply(erin, south, methods=["express"])
    link = f'href="{reverse("express:subject", args=[person.pk])}"'
    assert link in client_for(carol).get(reverse("dashboards:lender_detail", args=[erin.pk])).content.decode()
    page = client_for(frank).get(reverse("dashboards:lender_detail", args=[erin.pk])).content.decode()
    assert "Express-delivery records" in page and link not in page  # the shared score, not north's record
