"""The import through a real Celery worker process, as in production (PostgreSQL only: the
worker must share the test database, which SQLite keeps in this process's memory)."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from express.models import ExpressSubject, ShipmentImport
from express.shipments import FIELDS
from tests.express.generator import write_records
from tests.services import require

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path_factory):
    require("postgres")
    if connection.vendor != "postgresql":
        pytest.skip("the worker test needs DATABASE_URL=postgres://... so that a worker can share the test database")
    for folder in ("queue", "processed", "results"):
        (Path(settings.CELERY_DIR) / folder).mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "credsly.settings_test", "PYTHONPATH": str(settings.BASE_DIR),
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "credsly", "worker", "--pool=solo", "--loglevel=WARNING",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        # Its own working folder: kombu's filesystem transport writes a control/ folder there.
        env=env, cwd=tmp_path_factory.mktemp("worker"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_worker_cleans_and_scores_an_uploaded_file(worker, carol_client, tmp_path):
    path = tmp_path / "records.csv"
    truth = write_records(path, encoding="gb18030")
    data = {"as_of": truth.as_of.isoformat(), "file": SimpleUploadedFile(path.name, path.read_bytes())}
    data.update({f"col_{name}": name for name in FIELDS})
    assert carol_client.post(reverse("express:import"), data).status_code == 302
    shipment_import = ShipmentImport.objects.get()
    deadline = time.monotonic() + 90
    while not ShipmentImport.objects.get(pk=shipment_import.pk).finished:
        assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the worker did not finish the import in 90 s"
        time.sleep(0.5)
    shipment_import.refresh_from_db()
    assert shipment_import.status == "done", shipment_import.error
    assert (shipment_import.report["read"], shipment_import.report["kept"]) == (truth.read, truth.kept)
    assert dict(ExpressSubject.objects.values_list("key", "user_type")) == truth.types
