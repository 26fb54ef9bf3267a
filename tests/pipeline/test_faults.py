"""What applicants read when a stage fails, and what operators find in the log instead."""
import logging

import pytest
from billiard.exceptions import TimeLimitExceeded
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError

from pipeline.faults import INTERRUPTED, OUR_FAULT, TOO_LONG, describe_error, is_infrastructure
from pipeline.models import ScoringJob
from pipeline.services import stage_failed

REDIS_DOWN = RedisConnectionError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")


def test_a_time_limit_is_said_in_words():
    assert describe_error(SoftTimeLimitExceeded()) == describe_error(TimeLimitExceeded(330)) == TOO_LONG


@pytest.mark.parametrize("exc", [REDIS_DOWN, OperationalError("server closed the connection"),
                                 BrokerError("[Errno 111] Connection refused"), ConnectionResetError()])
def test_a_fault_of_our_servers_is_infrastructure_and_never_named(exc):
    assert is_infrastructure(exc)
    assert describe_error(exc) == INTERRUPTED


@pytest.mark.parametrize("exc", [ValueError("bad value at /srv/credsly/var/media"), KeyError("posts"), None])
def test_any_other_fault_is_ours_to_fix_and_never_named(exc):
    assert not is_infrastructure(exc)
    assert describe_error(exc) == OUR_FAULT


@pytest.mark.django_db
def test_the_applicant_reads_a_sentence_and_the_log_keeps_the_detail(alice, caplog):
    job = ScoringJob.objects.create(owner=alice)
    with caplog.at_level(logging.ERROR, logger="pipeline.services"):
        assert stage_failed(job.pk, "reading your exports", REDIS_DOWN)
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error == f"reading your exports failed: {INTERRUPTED}"
    for detail in ("6390", "127.0.0.1", "ConnectionError", "Error 111"):
        assert detail not in job.error
    assert "Error 111 connecting to 127.0.0.1:6390" in caplog.text
    assert job.retryable, "a fault of our servers is scored again by the sweep"


@pytest.mark.django_db
def test_a_fault_in_our_code_is_not_scored_again(alice):
    job = ScoringJob.objects.create(owner=alice)
    stage_failed(job.pk, "computing your score", ZeroDivisionError("division by zero"))
    job.refresh_from_db()
    assert (job.error, job.retryable) == (f"computing your score failed: {OUR_FAULT}", False)
