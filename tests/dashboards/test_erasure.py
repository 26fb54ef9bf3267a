""""Delete all my data" and "Delete my account" leave nothing behind, proved on the whole
project: every model's link to the user is classified (dashboards.services.LINKS), alice's
file is filled in every one of them and on disk, and afterwards no table, no media file and no
Celery result holds anything of hers, while erin's identical file is untouched."""
from pathlib import Path
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.urls import reverse
from rest_framework.authtoken.models import Token

from accounts.models import User
from dashboards.services import ACCOUNT, ACTOR, DATA, LINK, LINKS, link_kind, user_links
from express.models import ExpressSubject
from tests.conftest import PASSWORD, client_for
from tests.dashboards.conftest import fill_file, marker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_media")]


def rows_mentioning(text: str) -> list[str]:
    """Every row of every table (many-to-many tables too) whose values contain ``text``."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for row in model._default_manager.values():
            if text in repr(row):
                found.append(f"{model._meta.label}: {row}")
    return found


def files_mentioning(text: str) -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.CELERY_DIR)]
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file() and text in p.read_text(errors="ignore")]


def sessions_of(person) -> int:
    return sum(s.get_decoded().get("_auth_user_id") == str(person.pk) for s in Session.objects.all())


@pytest.fixture
def files(alice, erin, north, south, carol, frank, dave):
    """alice's and erin's files, filled alike; dave (an admin) once changed alice's account."""
    fill_file(alice, north, carol)
    fill_file(erin, south, frank)
    LogEntry.objects.log_actions(dave.pk, [alice], CHANGE, change_message="reset password", single_object=True)
    return SimpleNamespace(alice=alice, erin=erin, carol=carol, dave=dave)


def test_every_link_to_a_user_is_classified_and_the_list_has_no_stale_entry():
    links = {(getattr(m, "instance_type", m)._meta.label, f.name) for m, f in user_links()}
    unknown = sorted(f"{label}.{name}" for label, name in links if link_kind(apps.get_model(label), name) is None)
    assert unknown == [], "say in dashboards.services.LINKS what erasure does with these"
    assert set(LINKS) <= links, "LINKS names links that no longer exist"


def test_the_file_fills_every_data_and_link_table(files):
    alice = files.alice
    for model, field in user_links():
        if link_kind(model, field.name) in (DATA, LINK):
            assert model._default_manager.filter(**{field.name: alice}).exists(), f"{model._meta.label}.{field.name}"
    assert rows_mentioning(marker(alice)) and files_mentioning(marker(alice))


def assert_nothing_left_of(person) -> None:
    for model, field in user_links():
        if link_kind(model, field.name) in (DATA, LINK):
            assert not model._default_manager.filter(**{field.name: person.pk}).exists(), f"{model._meta.label}.{field.name}"
    assert rows_mentioning(marker(person)) == []
    assert files_mentioning(marker(person)) == []
    assert not list(Path(settings.MEDIA_ROOT, "sources").glob(f"{person.pk}-*"))
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        assert not model.objects.filter(username=person.username).exists()


def assert_untouched(person) -> None:
    assert rows_mentioning(marker(person)) and files_mentioning(marker(person))
    assert ExpressSubject.objects.filter(user=person).exists() and person.applications.live().exists()
    assert AccessLog.objects.filter(username=person.username).exists()


def test_delete_all_my_data_leaves_only_the_account(files, django_capture_on_commit_callbacks):
    alice = files.alice
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(reverse("dashboards:delete_all"), follow=True)
    assert "All your data was deleted" in response.content.decode()
    assert_nothing_left_of(alice)
    assert_untouched(files.erin)
    subject = ExpressSubject.objects.get(key=f"id-{alice.pk}")  # the lender's record stays, unlinked
    assert subject.user is None and subject.scores.exists()
    alice.refresh_from_db()
    assert alice.is_active and Token.objects.filter(user=alice).exists()  # the account and its token stay
    assert client_for(files.carol).get(reverse("dashboards:lender_detail", args=[alice.pk])).status_code == 404


def test_delete_my_account_leaves_nothing_at_all(files, django_capture_on_commit_callbacks):
    alice = files.alice
    client = client_for(alice)
    assert client.post(reverse("dashboards:delete_account"), {"password": "wrong"}).status_code == 200
    assert User.objects.filter(pk=alice.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboards:delete_account"), {"password": PASSWORD}, follow=True)
    assert "Your account and all your data were deleted" in response.content.decode()
    assert not User.objects.filter(pk=alice.pk).exists()
    assert_nothing_left_of(alice)
    assert rows_mentioning("alice") == []  # not even the username: sessions, admin log, token all gone
    assert sessions_of(alice) == 0
    assert not LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(alice.pk)).exists()
    assert_untouched(files.erin)
    assert sessions_of(files.erin) == 1


def test_only_the_applicant_deletes_and_only_with_their_password(files, client):
    for url in (reverse("dashboards:delete_all"), reverse("dashboards:delete_account")):
        assert client_for(files.carol).post(url).status_code == 403
        assert client_for(files.dave).post(url).status_code == 403
        assert client.post(url).status_code == 302  # a visitor goes to the login page
    page = client_for(files.alice).post(reverse("dashboards:delete_account"), {"password": "nope"}).content.decode()
    assert "That is not your password; nothing was deleted." in page
    assert rows_mentioning(marker(files.alice))


def test_the_confirmation_pages_delete_nothing(files):
    client = client_for(files.alice)
    page = client.get(reverse("dashboards:delete_account")).content.decode()
    assert "2 connected sources" in page and "1 application" in page
    client.get(reverse("dashboards:delete_all"))
    assert User.objects.filter(pk=files.alice.pk).exists() and rows_mentioning(marker(files.alice))


def test_link_kinds_are_one_of_four():
    assert set(LINKS.values()) <= {DATA, LINK, ACCOUNT, ACTOR}
