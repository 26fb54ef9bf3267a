"""Personas shared by every test, in the manner of healthchecks' BaseTestCase:
alice and bob are applicants, carol is a lender, dave is an admin. bob is the outsider
whenever alice's data is at stake."""
import pytest
from django.core.cache import cache
from django.test import Client

from accounts import roles
from accounts.services import user_create
from credsly.celery import app as celery_app

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def no_rate_limit_counts():
    """Rate-limit counts live in the cache (a process's memory in tests): each test starts
    with none, whatever the tests before it posted."""
    cache.clear()


@pytest.fixture
def alice(db):
    return user_create(username="alice", password=PASSWORD, role=roles.APPLICANT, email="alice@example.org")


@pytest.fixture
def bob(db):
    return user_create(username="bob", password=PASSWORD, role=roles.APPLICANT)


@pytest.fixture
def carol(db):
    return user_create(username="carol", password=PASSWORD, role=roles.LENDER)


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
def eager_celery():
    """Run tasks in this process when they are sent, for one test: the real task code, no
    worker, and a task's error raised where it was sent. The app itself never runs eagerly."""
    previous = {key: celery_app.conf[key] for key in ("task_always_eager", "task_eager_propagates")}
    celery_app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield celery_app
    celery_app.conf.update(previous)
