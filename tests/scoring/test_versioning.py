"""Publishing versioned configuration with two admins at once, on PostgreSQL.

Each publisher runs in its own thread with its own database connection, as two requests
would; the rows must be committed for the other to see them, hence a transactional test.
"""
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import pytest
from django.apps import apps as django_apps
from django.core.management.color import no_style
from django.db import connection, connections

from express.models import ExpressModel
from scoring import services
from scoring.models import AhpConfig, ScoringConfig
from scoring.versioning import publish_version
from tests.pipeline.worker import serialized_rollback_ready  # noqa: F401 - fixture
from tests.services import require

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_rollback_ready"),
]
WAIT_SECONDS = 10


@pytest.fixture(autouse=True)
def postgresql(db):
    require("postgres")
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://...: SQLite has one writer at a time, so no race to test")
    # The serialized rollback puts the migrations' rows back with their ids but leaves the id
    # sequences at 1: the next insert would collide on the primary key, not on the version.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), django_apps.get_models()):
            cursor.execute(sql)


def in_threads(*jobs: Callable[[], object]) -> list[object]:
    """Run each job in its own thread and connection, started together; results or errors in order."""
    start = threading.Barrier(len(jobs))
    outcomes: list[object] = [None] * len(jobs)

    def run(k: int, job: Callable[[], object]) -> None:
        try:
            start.wait()
            outcomes[k] = job()
        except Exception as error:  # noqa: BLE001 - handed back to the test to assert on
            outcomes[k] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(k, job)) for k, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS * 3)
    return outcomes


def another_session_waits_for_a_lock() -> None:
    """Block until some other connection to this database waits for a row lock."""
    deadline = time.monotonic() + WAIT_SECONDS
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Inside a transaction PostgreSQL keeps showing its first snapshot of the activity.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0]:
                return

            time.sleep(0.02)
    raise TimeoutError("the second publisher never waited for the lock")


def test_the_waiting_publisher_takes_the_number_after_the_one_committed_meanwhile(dave):
    """The lock alone would hand the second publisher the stale newest row: it must retry."""
    v1 = AhpConfig.objects.current()
    first_holds_lock = threading.Event()
    numbers_tried: list[int] = []

    def first() -> AhpConfig:
        def build(version: int) -> AhpConfig:
            first_holds_lock.set()
            another_session_waits_for_a_lock()
            return AhpConfig(hierarchy=v1.hierarchy, matrices=v1.matrices, note="first").save_as(version)
        return publish_version(AhpConfig, build)

    def second() -> AhpConfig:
        def build(version: int) -> AhpConfig:
            numbers_tried.append(version)
            return AhpConfig(hierarchy=v1.hierarchy, matrices=v1.matrices, note="second").save_as(version)
        first_holds_lock.wait(WAIT_SECONDS)
        return publish_version(AhpConfig, build)

    a, b = in_threads(first, second)
    assert isinstance(a, AhpConfig) and isinstance(b, AhpConfig), (a, b)
    assert (a.version, b.version) == (2, 3)
    assert numbers_tried == [2, 3]  # 2 from the row it waited for, refused; then 3
    assert list(AhpConfig.objects.order_by("version").values_list("version", "note")) == [
        (1, v1.note), (2, "first"), (3, "second")]


def test_two_admins_publishing_priority_configurations_at_once_get_consecutive_versions(dave, eager_celery):
    base = ScoringConfig.objects.current()
    cfg = base.to_engine()

    def publish(weight: float) -> Callable[[], ScoringConfig | None]:
        candidate = type(cfg)(version=None, weights={**cfg.weights, 3: weight}, specs=cfg.specs, min_features=4)
        return lambda: services.config_publish(base=base, candidate=candidate, note=f"weight {weight:g}", user=dave)

    outcomes = in_threads(publish(10), publish(20))
    assert all(isinstance(o, ScoringConfig) for o in outcomes), outcomes
    assert sorted(o.version for o in outcomes) == [base.version + 1, base.version + 2]
    assert ScoringConfig.objects.current().version == base.version + 2
    assert all(c.features.count() == len(cfg.specs) for c in ScoringConfig.objects.all())


def test_two_admins_publishing_ahp_matrices_at_once_get_consecutive_versions(dave):
    v1 = AhpConfig.objects.current()
    top = {"strong": [[1, 9, 9], [1 / 9, 1, 1], [1 / 9, 1, 1]], "mild": [[1, 3, 3], [1 / 3, 1, 1], [1 / 3, 1, 1]]}

    def publish(name: str) -> Callable[[], AhpConfig]:
        return lambda: AhpConfig.publish(hierarchy=v1.hierarchy, matrices={**v1.matrices, "0": top[name]}, note=name, user=dave)

    outcomes = in_threads(publish("strong"), publish("mild"))
    assert all(isinstance(o, AhpConfig) for o in outcomes), outcomes
    assert sorted(o.version for o in outcomes) == [2, 3]


def test_two_express_models_saved_at_once_get_consecutive_versions():
    model = ExpressModel.current().as_model()
    outcomes = in_threads(
        lambda: ExpressModel.add_version(replace(model, bad_below=45.0), note="stricter"),
        lambda: ExpressModel.add_version(replace(model, bad_below=35.0), note="lenient"),
    )
    assert all(isinstance(o, ExpressModel) for o in outcomes), outcomes
    assert sorted(o.version for o in outcomes) == [2, 3]


def test_the_first_use_of_an_empty_table_makes_one_version_1_however_many_ask():
    AhpConfig.objects.all().delete()
    outcomes = in_threads(AhpConfig.objects.current, AhpConfig.objects.current)
    assert all(isinstance(o, AhpConfig) and o.version == 1 for o in outcomes), outcomes
    assert AhpConfig.objects.count() == 1
