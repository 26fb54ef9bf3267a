"""Schemathesis against the schema the API serves: generated requests to every operation,
as a lender with a token, never get a 5xx and never an answer the schema does not allow.
Bounded: a few examples per operation, no deadline (the machine is shared)."""
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
import hypothesis
from hypothesis import HealthCheck, given
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from pipeline.models import ScoringJob
from tests.dashboards.conftest import fuzzy_for, score_for

# transaction=True: the WSGI app closes the connection after each request, as in production.
pytestmark = pytest.mark.django_db(transaction=True)
EXAMPLES = 15


def test_generated_requests_get_no_server_error_and_answers_the_schema_allows(carol, shared, settings):
    # A handle is stored for the pipeline (202), never fetched here: no worker runs. (Without a
    # token it is refused with 503, a documented answer but a 5xx all the same.)
    settings.TWITTER_BEARER_TOKEN = "recorded-responses-only"  # noqa: S105
    score_for(shared, 70)
    fuzzy_for(shared, 55)
    job = ScoringJob.objects.create(owner=shared)
    auth = {"Authorization": f"Token {Token.objects.create(user=carol).key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application(), headers=auth)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis.settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            # Random ids find nothing (404); the objects that exist are what answers look like.
            if "id" in (case.path_parameters or {}):
                case.path_parameters["id"] = job.pk if case.path.startswith("/api/jobs/") else shared.pk
            case.call_and_validate(headers=auth, checks=[not_a_server_error, response_schema_conformance])

        check()
