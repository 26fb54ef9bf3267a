"""Personas shared by every test, in the manner of healthchecks' BaseTestCase.

Two lender organisations, North Bank (``north``) and South Credit (``south``), with one
lender each: carol works for North, frank for South. dave is an admin. Applicants: alice
applied to North only, erin to both, gina applied to North and withdrew, bob applied to
nobody (the outsider whenever alice's data is at stake). The fixtures ``alice``/``erin``/
``gina`` are bare accounts; ``world`` makes the applications.
"""
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client

from accounts import roles
from accounts.services import email_verify, member_add, organisation_save, user_create
from credsly.celery import app as celery_app
from lending.services import application_create, application_withdraw

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def no_rate_limit_counts():
    """Rate-limit counts live in the cache (a process's memory in tests): each test starts
    with none, whatever the tests before it posted."""
    cache.clear()


def applicant(username: str):
    """An applicant whose e-mail address is confirmed, as it must be to apply."""
    user = user_create(username=username, password=PASSWORD, role=roles.APPLICANT, email=f"{username}@example.org")
    email_verify(user=user)
    return user


@pytest.fixture
def alice(db):
    return applicant("alice")


@pytest.fixture
def bob(db):
    return applicant("bob")


@pytest.fixture
def erin(db):
    return applicant("erin")


@pytest.fixture
def gina(db):
    return applicant("gina")


@pytest.fixture
def north(db):
    return organisation_save(slug="north", name="North Bank")[0]


@pytest.fixture
def south(db):
    return organisation_save(slug="south", name="South Credit")[0]


def lender_of(organisation, username: str):
    user = user_create(username=username, password=PASSWORD, role=roles.LENDER)
    member_add(organisation=organisation, user=user)
    return user


@pytest.fixture
def carol(north):
    return lender_of(north, "carol")


@pytest.fixture
def frank(south):
    return lender_of(south, "frank")


@pytest.fixture
def dave(db):
    return user_create(username="dave", password=PASSWORD, role=roles.ADMIN)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def alice_client(alice):
    return client_for(alice)


@pytest.fixture
def bob_client(bob):
    return client_for(bob)


@pytest.fixture
def carol_client(carol):
    return client_for(carol)


@pytest.fixture
def dave_client(dave):
    return client_for(dave)


@pytest.fixture
def frank_client(frank):
    return client_for(frank)


def apply(applicant, organisation, purpose: str = "personal loan", **kwargs):
    return application_create(applicant=applicant, organisation=organisation, purpose=purpose, **kwargs)


@pytest.fixture
def world(alice, bob, erin, gina, carol, frank, dave, north, south):
    """Everyone, with the applications of the module docstring; ``applications`` by name."""
    applications = {
        "alice": [apply(alice, north)],
        "erin": [apply(erin, north, "car loan"), apply(erin, south, "mortgage")],
        "gina": [application_withdraw(application=apply(gina, north))],
        "bob": [],
    }
    return SimpleNamespace(
        alice=alice, bob=bob, erin=erin, gina=gina, carol=carol, frank=frank, dave=dave, north=north, south=south,
        applications=applications,
    )


@pytest.fixture
def eager_celery():
    """Run tasks in this process when they are sent, for one test: the real task code, no
    worker, and a task's error raised where it was sent. The app itself never runs eagerly."""
    previous = {key: celery_app.conf[key] for key in ("task_always_eager", "task_eager_propagates")}
    celery_app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield celery_app
    celery_app.conf.update(previous)
